package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.update.MigrationService;
import java.io.PrintWriter;
import java.time.ZoneId;
import picocli.CommandLine.Command;

/** {@code adaptivectl migrate}: back up, migrate the database to the installed release, restore on failure. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Bring the database schema to the installed"
        + " release's. A backup is taken first and restored automatically if the migration fails.")
final class MigrateCommand extends ProjectCommand {
    MigrateCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MigrationService migrations = new MigrationService(context.engine(), context.installations(), context.journal(),
                context.backupService(), ZoneId.systemDefault());
        try {
            MigrationService.Migrated m = migrations.migrate(project, (step, status) -> CliOutput.printStep(err, step, status));
            out.println(m.applied().isEmpty() ? "The schema is already at version " + m.schemaAfter() + "; nothing to migrate."
                    : "Migrated the schema from version " + m.schemaBefore() + " to " + m.schemaAfter() + " (applied "
                    + String.join(", ", m.applied()) + ").");
            out.println("The backup taken first is " + m.backup().id() + ".");
            return ExitCodes.OK;
        } catch (MigrationService.MigrationFailed e) {
            err.println(e.getMessage());
            return ExitCodes.NOT_OK;
        }
    }
}
