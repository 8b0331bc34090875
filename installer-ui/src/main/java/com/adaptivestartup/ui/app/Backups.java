package com.adaptivestartup.ui.app;

import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupChecks;
import com.adaptivestartup.console.backup.BackupSchedule;
import com.adaptivestartup.console.backup.BackupService;
import com.adaptivestartup.console.backup.BackupStore;
import com.adaptivestartup.console.backup.ScheduledBackups;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.ui.console.BackupOperations;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The Backups view's operations, through console-core's backup services, as `adaptivectl backup` does. */
final class Backups {
    private Backups() {
    }

    static BackupOperations operations(ConsoleServices services, String project) {
        return new BackupOperations() {
            private BackupStore store() {
                return services.core.backupStore();
            }

            private BackupService service() {
                return services.core.backupService();
            }

            private ScheduledBackups scheduled() {
                return services.core.scheduledBackups();
            }

            public List<BackupCatalogue.Backup> list() {
                return store().list(project);
            }

            public BackupCatalogue.Backup create(String note, Journal.Progress progress) {
                return service().create(project, "manual", note, null, progress::step);
            }

            public void verify(String id) {
                new BackupChecks(services.engine(), services.core.installations(), store()).verify(id, null);
            }

            public void restore(String id, char[] passphrase, Journal.Progress progress) {
                service().restore(project, id, passphrase, true, progress::step);
            }

            public java.nio.file.Path copy(String id, java.nio.file.Path folder, java.util.function.LongConsumer bytesSoFar) {
                return new com.adaptivestartup.console.backup.BackupCopy(store()).copy(id, folder, bytesSoFar);
            }

            public Optional<BackupSchedule> schedule() {
                return scheduled().find(project);
            }

            public BackupSchedule schedule(LocalTime dailyAt, int keep) {
                return scheduled().set(project, dailyAt, ZoneId.systemDefault(), keep);
            }

            public java.nio.file.Path folder() {
                return services.core.backupsFolder();
            }

            public java.nio.file.Path chooseFolder(java.nio.file.Path folder) {
                return services.core.chooseBackupsFolder(folder);
            }

            public com.adaptivestartup.console.backup.BackupTimer.Status timer() {
                return services.core.backupTimer().status(project);
            }

            public String timer(boolean on) {
                var timer = services.core.backupTimer();
                return on ? timer.on(project, services.core.adaptivectlLauncher().orElseThrow(() ->
                        new IllegalStateException("this console cannot tell how it was started, so a timer could not start"
                                + " it again; start it from its installed launcher"))) : timer.off(project);
            }

            public boolean due() {
                return scheduled().isDue(project);
            }

            public Optional<ScheduledBackups.Ran> runDue(Journal.Progress progress) {
                return scheduled().runIfDue(project, progress::step);
            }
        };
    }
}
