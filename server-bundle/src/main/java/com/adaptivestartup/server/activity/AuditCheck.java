package com.adaptivestartup.server.activity;

import com.adaptivestartup.server.db.Sql;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The whole activity log checked, for the admin ({@code adaptive-server audit verify}, which the console
 * runs): every organization's chain re-derived, and every anchor the console kept outside the database (the
 * head of each log at earlier backups and checks) still there with the same hash. A chain alone cannot show
 * that its newest entries were dropped or the whole log replaced; the anchors do.
 */
public final class AuditCheck {
    private final Sql sql;
    private final ActivityLog log;

    public AuditCheck(Sql sql, ActivityLog log) {
        this.sql = sql;
        this.log = log;
    }

    /** A log's head as recorded outside the database. */
    public record Anchor(UUID orgId, long seq, String hash) {
    }

    public record OrgResult(UUID orgId, boolean intact, long entries, ActivityLog.Head head, List<String> problems,
                            List<String> notes) {
    }

    /** {@code ok} only when every chain is intact and every anchor found. */
    public record Report(boolean ok, List<OrgResult> organizations) {
    }

    public Report run(List<Anchor> anchors) {
        Set<UUID> orgs = new LinkedHashSet<>(sql.list("SELECT id FROM organizations ORDER BY created_at, id",
                r -> Sql.uuid(r, "id")));
        anchors.forEach(a -> orgs.add(a.orgId()));
        List<OrgResult> results = new ArrayList<>();
        for (UUID org : orgs) {
            ActivityLog.ChainCheck chain = log.verify(org);
            List<String> problems = new ArrayList<>();
            if (!chain.intact()) {
                problems.add(chain.problem());
            }
            for (Anchor a : anchors.stream().filter(a -> a.orgId().equals(org) && a.seq() > 0).toList()) {
                Optional<String> found = log.hashAt(org, a.seq());
                if (found.isEmpty()) {
                    problems.add("entry " + a.seq() + ", recorded earlier outside the database, is missing: the log was"
                            + " cut short or replaced");
                } else if (!found.get().equals(a.hash())) {
                    problems.add("entry " + a.seq() + " differs from what was recorded earlier outside the database: the"
                            + " log was rewritten");
                }
            }
            results.add(new OrgResult(org, problems.isEmpty(), chain.entries(), chain.head(), List.copyOf(problems),
                    chain.notes()));
        }
        return new Report(results.stream().allMatch(OrgResult::intact), List.copyOf(results));
    }
}
