package com.adaptivestartup.server.workspace;

import com.adaptivestartup.server.access.Action;
import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.resource.ResourceService;
import java.util.UUID;

/** A venture's forecast, worked out on the server from its revenue streams and costs as they are now. */
public final class ForecastService {
    private final Sql sql;
    private final OrgAccess access;

    public ForecastService(Sql sql, OrgAccess access) {
        this.sql = sql;
        this.access = access;
    }

    public Forecast.Result forecast(Principal p, UUID orgId, UUID ventureId, Integer months) {
        access.require(p, orgId, "financials", Action.VIEW);
        int span = months == null ? 12 : months;
        if (span < 1 || span > Forecast.MAX_MONTHS) {
            throw ApiError.badRequest("'months' must be between 1 and " + Forecast.MAX_MONTHS);
        }
        return sql.transaction(tx -> {
            ResourceService.requireVenture(tx, orgId, ventureId);
            var revenue = tx.list("SELECT name, price AS amount, frequency, quantity, monthly_growth_pct, start_month"
                    + " FROM revenue_streams WHERE org_id = ? AND venture_id = ?", ForecastService::line, orgId, ventureId);
            var costs = tx.list("SELECT name, amount, frequency, NULL::numeric AS quantity, monthly_growth_pct, start_month"
                    + " FROM costs WHERE org_id = ? AND venture_id = ?", ForecastService::line, orgId, ventureId);
            return Forecast.of(revenue, costs, span);
        });
    }

    private static Forecast.Line line(java.sql.ResultSet r) throws java.sql.SQLException {
        return new Forecast.Line(r.getString("name"), r.getBigDecimal("amount"), r.getString("frequency"),
                r.getBigDecimal("quantity"), r.getBigDecimal("monthly_growth_pct"), (Integer) r.getObject("start_month"));
    }
}
