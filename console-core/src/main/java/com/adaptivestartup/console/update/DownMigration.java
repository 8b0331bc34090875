package com.adaptivestartup.console.update;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.StackDeployer;
import com.adaptivestartup.console.stack.StackPlan;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A rollback that keeps the data written since the update: with every service but the database stopped
 * (nothing writes meanwhile), the installed, newer server runs its own migrations down to the older
 * release's schema ({@code migrate --down-to}, one transaction: all or nothing). The older release then
 * takes over the database as it is.
 */
final class DownMigration {
    private final DockerEngine engine;

    DownMigration(DockerEngine engine) {
        this.engine = engine;
    }

    /** Runs the installed release's migrations down to {@code schema}; throws with the server's reason on failure. */
    void run(String project, Path directory, String installedVersion, String schema) {
        InstallDirectory dir = new InstallDirectory(directory);
        StackPlan plan = dir.readPlan();
        StackDeployer d = new StackDeployer(engine, project, dir.path(), installedVersion);
        d.stopAppServices(plan);
        DockerEngine.OneOffResult r = d.runOnce(plan.migrator(),
                List.of("migrate", "--down-to", schema, "--wait-for-database", "60"), List.of(), Duration.ofMinutes(30));
        Optional<JsonNode> report = MigrationService.report(r.output());
        if (r.exitCode() != 0 || !report.map(n -> n.path("ok").asBoolean()).orElse(false)) {
            String reason = report.map(n -> n.path("error").asText()).filter(e -> !e.isBlank())
                    .orElse("exit code " + r.exitCode());
            throw new IllegalStateException("running " + installedVersion + "'s migrations down to schema " + schema
                    + " failed: " + reason + " (nothing was changed in the database)");
        }
    }
}
