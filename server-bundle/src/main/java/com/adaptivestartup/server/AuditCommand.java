package com.adaptivestartup.server;

import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.activity.AuditCheck;
import com.adaptivestartup.server.activity.AuditKey;
import com.adaptivestartup.server.config.Env;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.db.Database;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.release.Release;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code audit verify}: the activity log checked whole (every chain, with the audit key) against the anchors
 * the console kept outside the database. Prints one JSON report; exit 0 only when everything holds. Reads
 * only, as the runtime role when the stack names one.
 */
@Command(name = "audit", description = "Check the activity log.", mixinStandardHelpOptions = true,
        subcommands = AuditCommand.Verify.class)
final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-derive every organization's chain and check the anchors recorded outside the database."
                    + " Prints JSON; exit 0 only when all hold.")
    static final class Verify implements Callable<Integer> {
        private final Map<String, String> env;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--anchors", paramLabel = "JSON", defaultValue = "[]",
                description = "The heads recorded earlier: [{\"orgId\":...,\"seq\":N,\"hash\":\"...\"}, ...]")
        String anchors;

        Verify(Map<String, String> env) {
            this.env = env;
        }

        public Integer call() {
            Env vars = new Env(env);
            ServerConfig.Database db = ServerConfig.Database.from(vars);
            ServerConfig.Integrity integrity = ServerConfig.Integrity.from(vars);
            vars.check();
            List<AuditCheck.Anchor> recorded;
            try {
                recorded = Json.MAPPER.readValue(anchors, new TypeReference<List<AuditCheck.Anchor>>() { });
            } catch (Exception e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--anchors is not a JSON list of"
                        + " {orgId, seq, hash}: " + e.getMessage().lines().findFirst().orElse(""));
            }
            Release release = Release.current();
            try (var pool = Database.pool(db.runtime(), 2)) {
                var sql = Database.sql(pool);
                ActivityLog log = new ActivityLog(sql, Clock.systemUTC(),
                        Optional.ofNullable(integrity.auditKey()).map(AuditKey::of), release.has(Release.Feature.HARDENING));
                AuditCheck.Report report = new AuditCheck(sql, log).run(recorded);
                spec.commandLine().getOut().println(Json.write(report));
                spec.commandLine().getOut().flush();
                return report.ok() ? 0 : 1;
            }
        }
    }
}
