package com.adaptivestartup.ui.app;

import com.adaptivestartup.console.bundle.BundleReader;
import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.update.UpdateService;
import com.adaptivestartup.console.update.UpdateSettings;
import com.adaptivestartup.ui.console.UpdateOperations;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/** The Updates view's operations, through console-core's update service, as `adaptivectl update` does. */
final class Updates {
    private Updates() {
    }

    static UpdateOperations operations(ConsoleServices services, String project) {
        return new UpdateOperations() {
            public Status check() {
                UpdateService service = services.core.updateService();
                UpdateService.UpdateCheck c = service.check(project);
                return new Status(c.installed(), c.channel().channel(),
                        c.channel().trusted().fromLastKnown() ? c.channel().trusted().offlineReason() : null,
                        c.newer().stream().map(a -> new Newer(a.version(), a.notes(), a.coveredByLicense())).toList(),
                        c.newest(), c.notices().stream().map(n -> new Notice(n.id(), n.severity(), n.title(), n.body())).toList(),
                        c.console(), service.awaitingConfirmation(project), settings().find(project).pinned(),
                        service.rollbackPlan(project, false).map(UpdateService.RollbackPlan::describe).orElse(null),
                        c.interrupted());
            }

            public void apply(String version, Journal.Progress progress) {
                services.core.updateService().apply(project, version, listener(progress));
            }

            public void applyBundle(Path bundle, Journal.Progress progress) {
                int[] shown = {-1};
                BundleReader.Verified verified = new BundleReader(services.vendorKeys).verify(bundle, (what, bytes, total) -> {
                    int tenth = (int) (bytes * 10 / Math.max(1, total));
                    if (tenth != shown[0]) {
                        shown[0] = tenth;
                        progress.step("checking the file: " + tenth * 10 + "%", "started");
                    }
                });
                services.core.updateService().applyBundle(project, verified, listener(progress));
            }

            public void saveSettings(String channel, String pinned) {
                UpdateSettings s = settings().find(project);
                settings().save(project, s.withChannel(blankToNull(channel)).withPinned(blankToNull(pinned)));
            }

            public void skip(String version) {
                settings().save(project, settings().find(project).withSkipped(version));
            }

            public void dismiss(String noticeId) {
                settings().save(project, settings().find(project).withDismissed(noticeId));
            }

            private UpdateSettings.Store settings() {
                return new UpdateSettings.Store(services.state);
            }

            public void confirm() {
                services.core.updateService().confirm(project);
            }

            public String rollback(Journal.Progress progress) {
                UpdateService.RolledBack r = services.core.updateService().rollback(project, listener(progress));
                return "Rolled back to " + r.to() + (r.keptNewerData()
                        ? " by running " + r.from() + "'s migrations down: everything written since the update is kept."
                        : " with the data as it was before the update.") + " The state before is kept as backup "
                        + r.safetyBackup().id() + ".";
            }

            public Path downloadConsole(LongConsumer bytesSoFar) {
                return services.core.updateService().downloadConsole(project, downloads(services), bytesSoFar);
            }
        };
    }

    /** The user's Downloads folder when there is one, else one in the console's own folder. */
    private static Path downloads(ConsoleServices services) {
        Path downloads = Path.of(System.getProperty("user.home"), "Downloads");
        return downloads.toFile().isDirectory() ? downloads : services.dirs.stateDir().resolve("downloads");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static InstallListener listener(Journal.Progress progress) {
        return new InstallListener() {
            public void step(String step, String message) {
                progress.step(step, message);
            }

            public void pull(String service, long currentBytes, long totalBytes) {
            }
        };
    }
}
