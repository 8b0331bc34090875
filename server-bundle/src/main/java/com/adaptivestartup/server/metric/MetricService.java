package com.adaptivestartup.server.metric;

import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.auth.Role;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.access.Action;
import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.realtime.LiveUpdates;
import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.venture.VentureService;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Time series per venture. Release 1.1.0 adds units (and a summary endpoint). */
public final class MetricService {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,79}");
    private static final Set<String> UNITS = Set.of("USD", "percent", "count", "none");
    private final Sql sql;
    private final OrgAccess access;
    private final VentureService ventures;
    private final ActivityLog activity;
    private final LiveUpdates live;
    private final Release release;
    private final Clock clock;

    public MetricService(Sql sql, OrgAccess access, VentureService ventures, ActivityLog activity, LiveUpdates live,
                         Release release, Clock clock) {
        this.sql = sql;
        this.access = access;
        this.ventures = ventures;
        this.activity = activity;
        this.live = live;
        this.release = release;
        this.clock = clock;
    }

    /** A data point; {@code unit} is null on release 1.0.0. */
    public record Metric(long id, UUID ventureId, String name, double value, String unit, Instant recordedAt) {
    }

    public record NewMetric(String name, Double value, Instant recordedAt, String unit) {
    }

    public record Summary(String name, String unit, long count, double min, double max, double latest,
                          Instant latestAt) {
    }

    private boolean hasUnits() {
        return release.has(Release.Feature.METRIC_UNITS);
    }

    public Metric add(Principal p, UUID orgId, UUID ventureId, NewMetric body) {
        access.require(p, orgId, OrgAccess.OVERVIEW, Action.CREATE);
        ventures.find(orgId, ventureId);
        if (body.name() == null || !NAME.matcher(body.name()).matches()) {
            throw ApiError.badRequest("'name' must be 1 to 80 letters, digits, spaces, '_', '.' or '-'");
        }
        if (body.value() == null || body.value().isNaN() || body.value().isInfinite()) {
            throw ApiError.badRequest("'value' must be a finite number");
        }
        if (body.unit() != null && !hasUnits()) {
            throw ApiError.badRequest("metric units need server 1.1.0 or newer; this is " + release.version());
        }
        if (body.unit() != null && !UNITS.contains(body.unit())) {
            throw ApiError.badRequest("'unit' must be one of " + UNITS);
        }
        Instant at = (body.recordedAt() == null ? clock.instant() : body.recordedAt()).truncatedTo(ChronoUnit.MICROS);
        Metric metric = sql.transaction(tx -> {
            long id = hasUnits()
                    ? tx.one("INSERT INTO metrics (org_id, venture_id, name, value, recorded_at, created_by, unit)"
                            + " VALUES (?, ?, ?, ?, ?, ?, coalesce(?, 'none')) RETURNING id", r -> r.getLong(1),
                    orgId, ventureId, body.name(), body.value(), at, p.userId(), body.unit()).orElseThrow()
                    : tx.one("INSERT INTO metrics (org_id, venture_id, name, value, recorded_at, created_by)"
                            + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id", r -> r.getLong(1),
                    orgId, ventureId, body.name(), body.value(), at, p.userId()).orElseThrow();
            activity.append(tx, orgId, p.userId(), "metric.added", "venture", ventureId.toString(),
                    Map.of("name", body.name(), "value", body.value()));
            return new Metric(id, ventureId, body.name(), body.value(),
                    hasUnits() ? (body.unit() == null ? "none" : body.unit()) : null, at);
        });
        live.publish(orgId, OrgAccess.OVERVIEW, "metric.added", metric);
        return metric;
    }

    public List<Metric> range(Principal p, UUID orgId, UUID ventureId, String name, Instant from, Instant to, int limit) {
        access.require(p, orgId, OrgAccess.OVERVIEW, Action.VIEW);
        ventures.find(orgId, ventureId);
        String unit = hasUnits() ? "unit" : "NULL AS unit";
        return sql.list("SELECT id, venture_id, name, value, " + unit + ", recorded_at FROM metrics"
                        + " WHERE org_id = ? AND venture_id = ? AND (?::text IS NULL OR name = ?::text)"
                        + " AND recorded_at >= ? AND recorded_at < ? ORDER BY recorded_at, id LIMIT ?",
                r -> new Metric(r.getLong("id"), Sql.uuid(r, "venture_id"), r.getString("name"),
                        r.getDouble("value"), r.getString("unit"), Sql.instant(r, "recorded_at")),
                orgId, ventureId, name, name, from == null ? Instant.EPOCH : from,
                to == null ? Instant.parse("9999-01-01T00:00:00Z") : to, limit);
    }

    /** Release 1.1.0: per metric name, its unit, count, range and latest value. */
    public List<Summary> summary(Principal p, UUID orgId, UUID ventureId) {
        access.require(p, orgId, OrgAccess.OVERVIEW, Action.VIEW);
        ventures.find(orgId, ventureId);
        return sql.list("SELECT name, unit, n, lo, hi, value, recorded_at FROM (SELECT name, unit, count(*) OVER w AS n,"
                        + " min(value) OVER w AS lo, max(value) OVER w AS hi, value, recorded_at,"
                        + " row_number() OVER (PARTITION BY name ORDER BY recorded_at DESC, id DESC) AS newest"
                        + " FROM metrics WHERE org_id = ? AND venture_id = ? WINDOW w AS (PARTITION BY name)) m"
                        + " WHERE newest = 1 ORDER BY name",
                r -> new Summary(r.getString("name"), r.getString("unit"), r.getLong("n"), r.getDouble("lo"),
                        r.getDouble("hi"), r.getDouble("value"), Sql.instant(r, "recorded_at")),
                orgId, ventureId);
    }
}
