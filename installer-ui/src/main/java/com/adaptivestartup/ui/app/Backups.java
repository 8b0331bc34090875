package com.adaptivestartup.ui.app;

import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupChecks;
import com.adaptivestartup.console.backup.BackupSchedule;
import com.adaptivestartup.console.backup.BackupSchedules;
import com.adaptivestartup.console.backup.BackupService;
import com.adaptivestartup.console.backup.BackupStore;
import com.adaptivestartup.console.backup.ScheduledBackups;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.docker.EngineStrategies;
import com.adaptivestartup.console.state.AppDirectories;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.ui.console.BackupOperations;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Backups view's operations, through console-core's backup services, as `adaptivectl backup` does. */
final class Backups {
    private Backups() {
    }

    static BackupOperations operations(Map<String, String> env, AppDirectories dirs, String project) {
        StateDatabase state = StateDatabase.open(dirs.stateDir());
        Clock clock = Clock.systemUTC();
        BackupStore store = new BackupStore(dirs.stateDir().resolve("backups"), new BackupCatalogue(state), clock);
        Installations installations = new Installations(state, clock);
        return new BackupOperations() {
            private DockerEngine engine;

            private synchronized DockerEngine engine() {
                if (engine == null) {
                    var found = new EngineLocator(EngineStrategies.forThisMachine(env, System.getProperty("os.name", ""),
                            Path.of(System.getProperty("user.home")))).locate();
                    if (!(found instanceof EngineLocator.Outcome.Found f)) {
                        throw new IllegalStateException(((EngineLocator.Outcome.NotFound) found).explanation());
                    }
                    engine = f.engine();
                }
                return engine;
            }

            private BackupService service() {
                return new BackupService(engine(), installations, new Journal(state, clock), store);
            }

            private ScheduledBackups scheduled() {
                return new ScheduledBackups(new BackupSchedules(state), service(), clock);
            }

            public List<BackupCatalogue.Backup> list() {
                return store.list(project);
            }

            public BackupCatalogue.Backup create(String note, Journal.Progress progress) {
                return service().create(project, "manual", note, null, progress::step);
            }

            public void verify(String id) {
                new BackupChecks(engine(), installations, store).verify(id, null);
            }

            public void restore(String id, Journal.Progress progress) {
                service().restore(project, id, null, true, progress::step);
            }

            public Optional<BackupSchedule> schedule() {
                return new BackupSchedules(state).find(project);
            }

            public BackupSchedule schedule(LocalTime dailyAt, int keep) {
                return scheduled().set(project, dailyAt, ZoneId.systemDefault(), keep);
            }
        };
    }
}
