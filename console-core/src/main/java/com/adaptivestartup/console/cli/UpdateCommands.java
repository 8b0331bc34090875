package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.update.ChannelManifest;
import com.adaptivestartup.console.update.UpdateService;
import com.adaptivestartup.console.update.UpdateSettings;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code adaptivectl update check|apply|confirm|settings|recover}, {@code rollback} and {@code notices}. */
@Command(name = "update", mixinStandardHelpOptions = true, description = "Find, apply and confirm updates.",
        subcommands = {UpdateCommands.Check.class, UpdateCommands.Apply.class, UpdateCommands.Confirm.class,
                UpdateCommands.Settings.class, UpdateCommands.Recover.class, UpdateCommands.Console.class})
final class UpdateCommands {

    abstract static class Base extends ProjectCommand {
        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        Base(CliContext context) {
            super(context);
        }

        InstallListener progress() {
            PrintWriter err = err();
            return json ? InstallListener.SILENT : new InstallListener() {
                public void step(String step, String status) {
                    CliOutput.printStep(err, step, status);
                }

                public void pull(String service, long current, long total) {
                }
            };
        }

        int failed(UpdateService.UpdateFailed e) {
            err().println(e.getMessage());
            return ExitCodes.NOT_OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Ask the update channel what is new.")
    static final class Check extends Base {
        Check(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            UpdateService.UpdateCheck c;
            try {
                c = context.updateService(err()).check(project);
            } catch (UpdateService.UpdateFailed e) {
                return failed(e);
            }
            if (json) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("installed", c.installed());
                r.put("channel", c.channel().channel());
                r.put("sequence", c.channel().trusted().manifest().sequence());
                r.put("offline", c.channel().trusted().fromLastKnown());
                r.put("newest", c.newest());
                r.put("path", c.path());
                r.put("newer", c.newer());
                r.put("notices", c.notices());
                r.put("console", c.console());
                r.put("interrupted", c.interrupted());
                printJson(r);
                return ExitCodes.OK;
            }
            if (c.interrupted() != null) {
                err().println("note: " + c.interrupted());
            }
            if (c.channel().trusted().fromLastKnown()) {
                out().println("Offline: " + c.channel().trusted().offlineReason() + ". Showing the channel as last received ("
                        + c.channel().trusted().verifiedAt() + ").");
            }
            out().println("Installed: Adaptive Startup " + c.installed() + " (channel " + c.channel().channel() + ")");
            for (UpdateService.Available a : c.newer()) {
                out().println("  " + a.version() + (a.coveredByLicense() ? "" : "  (needs a renewed license)")
                        + (a.skipped() ? "  (skipped)" : "") + (a.notes().isBlank() ? "" : "  " + a.notes()));
            }
            out().println(c.newest() == null ? "Up to date." : "Update to " + c.newest() + (c.path().size() > 1
                    ? " through " + String.join(" -> ", c.path()) : "") + ": adaptivectl update apply");
            printNotices(out(), c);
            if (c.console() != null) {
                out().println("A newer console is available: " + c.console().version() + ": adaptivectl update console --download <folder>");
            }
            return ExitCodes.OK;
        }

        static void printNotices(PrintWriter out, UpdateService.UpdateCheck c) {
            for (ChannelManifest.Notice n : c.notices()) {
                out.println("[" + n.severity().toUpperCase(java.util.Locale.ROOT) + "] " + n.title()
                        + (n.body() == null ? "" : ": " + n.body()) + "  (" + n.id() + ")");
            }
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true, description = "Update: pull, back up, replace, migrate,"
            + " check; on any failure roll back to the installed version and data.")
    static final class Apply extends Base {
        @Option(names = "--to", description = "The version to go to (default: the newest on offer).")
        String to;
        @Option(names = "--bundle", description = "Update from an offline bundle file, without the channel or the registry.")
        java.nio.file.Path bundle;
        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        Apply(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            if (!yes) {
                err().println("Updating stops Adaptive Startup for a short while (a backup is taken first, and everything is"
                        + " rolled back if anything fails). Run again with --yes to go ahead.");
                return ExitCodes.USAGE;
            }
            try {
                UpdateService.Applied a;
                if (bundle != null) {
                    if (to != null) {
                        err().println("error: --to is for the channel; a bundle holds one version");
                        return ExitCodes.USAGE;
                    }
                    com.adaptivestartup.console.bundle.BundleReader.Verified verified;
                    try {
                        verified = BundleCommands.verify(context.bundleReader(err()), bundle, json ? null : err());
                    } catch (com.adaptivestartup.console.bundle.BundleProblem e) {
                        err().println(e.getMessage());
                        return ExitCodes.NOT_OK;
                    }
                    a = context.updateService(err()).applyBundle(project, verified, progress());
                } else {
                    a = context.updateService(err()).apply(project, to, progress());
                }
                if (json) {
                    printJson(a);
                } else {
                    out().println("Updated from " + a.from() + " to " + a.to() + ". The backup taken before is kept until you"
                            + " confirm the update: adaptivectl update confirm (or go back: adaptivectl rollback).");
                }
                return ExitCodes.OK;
            } catch (UpdateService.UpToDate e) {
                out().println(e.getMessage() + ".");
                return ExitCodes.OK;
            } catch (UpdateService.UpdateFailed e) {
                return failed(e);
            }
        }
    }

    @Command(name = "confirm", mixinStandardHelpOptions = true,
            description = "Keep the installed version: the backups taken before updating to it may be pruned again.")
    static final class Confirm extends Base {
        Confirm(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            int released = context.updateService(err()).confirm(project);
            out().println("Confirmed. " + released + " backup" + (released == 1 ? "" : "s")
                    + " taken before the update will follow the normal retention from now on.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "settings", mixinStandardHelpOptions = true, description = "Show or change where updates come from.")
    static final class Settings extends Base {
        @Option(names = "--source", description = "The Brain's URL, or a folder or file (offline sites).")
        String source;
        @Option(names = "--channel", description = "The update channel (default: the license's).")
        String channel;
        @Option(names = "--pin", description = "Never offer versions beyond this one.")
        String pin;
        @Option(names = "--unpin")
        boolean unpin;
        @Option(names = "--skip", description = "Do not offer this version.")
        String skip;

        Settings(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            UpdateSettings.Store store = new UpdateSettings.Store(context.state());
            UpdateSettings s = store.find(project);
            try {
                if (source != null) {
                    s = s.withSource(source);
                }
                if (channel != null) {
                    s = s.withChannel(channel);
                }
                if (pin != null || unpin) {
                    s = s.withPinned(unpin ? null : pin);
                }
                if (skip != null) {
                    s = s.withSkipped(skip);
                }
            } catch (IllegalArgumentException e) {
                err().println("error: " + e.getMessage() + ". Nothing was changed");
                return ExitCodes.USAGE;
            }
            store.save(project, s);
            if (json) {
                printJson(s);
            } else {
                out().println("source:  " + (s.source() != null ? s.source() : context.defaultUpdateSource() != null
                        ? context.defaultUpdateSource() + " (default)" : "(none)"));
                out().println("channel: " + (s.channel() != null ? s.channel() : "(the license's)"));
                out().println("pinned:  " + (s.pinned() != null ? s.pinned() : "no"));
                out().println("skipped: " + (s.skipped().isEmpty() ? "none" : String.join(", ", s.skipped())));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "recover", mixinStandardHelpOptions = true,
            description = "Finish or undo an update that was cut short (also done before every update command).")
    static final class Recover extends Base {
        Recover(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            InstallListener steps = progress();
            var r = context.updateService(err()).recoverInterrupted(project, new InstallListener() {
                public void step(String step, String status) {
                    if (!step.equals("interrupted update")) {
                        steps.step(step, status);
                    }
                }

                public void pull(String service, long current, long total) {
                }
            });
            out().println(r.orElse("No update was interrupted."));
            return ExitCodes.OK;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Go back to the version before the last"
            + " update, with the data as it was then (what was written since is kept in a backup).")
    static final class Rollback extends Base {
        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;
        @Option(names = "--restore-backup", description = "Restore the backup taken before the update even when the"
                + " release's migrations can be run down (what was written since is then not kept).")
        boolean restoreBackup;

        Rollback(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            UpdateService updates = context.updateService(err());
            try {
                var plan = updates.rollbackPlan(project, restoreBackup).orElseThrow(() -> new UpdateService.UpdateFailed(
                        "there is no backup taken before an update, so there is nothing to roll back to", true));
                if (!yes) {
                    err().println(plan.describe() + " Run again with --yes to go ahead.");
                    return ExitCodes.USAGE;
                }
                UpdateService.RolledBack r = updates.rollback(project, restoreBackup, progress());
                out().println("Rolled back from " + r.from() + " to " + r.to() + (r.keptNewerData()
                        ? " by running its migrations down: the data written since the update is kept"
                        : " with the data as of " + r.dataAsOf()) + ". The state before the rollback is kept as backup "
                        + r.safetyBackup().id() + ".");
                return ExitCodes.OK;
            } catch (UpdateService.UpdateFailed e) {
                return failed(e);
            }
        }
    }

    @Command(name = "notices", mixinStandardHelpOptions = true, description = "Announcements and security notices"
            + " from the vendor for this installation.")
    static final class Notices extends Base {
        @Option(names = "--dismiss", paramLabel = "ID", description = "Do not show this notice again.")
        String dismiss;

        Notices(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            if (dismiss != null) {
                UpdateSettings.Store store = new UpdateSettings.Store(context.state());
                try {
                    store.save(project, store.find(project).withDismissed(dismiss));
                } catch (IllegalArgumentException e) {
                    err().println("error: " + e.getMessage());
                    return ExitCodes.USAGE;
                }
                out().println("Notice " + dismiss + " dismissed.");
                return ExitCodes.OK;
            }
            try {
                UpdateService.UpdateCheck c = context.updateService(err()).check(project);
                if (json) {
                    printJson(c.notices());
                } else if (c.notices().isEmpty()) {
                    out().println("No notices.");
                } else {
                    Check.printNotices(out(), c);
                }
                return ExitCodes.OK;
            } catch (UpdateService.UpdateFailed e) {
                return failed(e);
            }
        }
    }

    @Command(name = "console", mixinStandardHelpOptions = true, description = "Whether a newer console is on the"
            + " channel; --download fetches its installer for this computer (checked against the signed channel).")
    static final class Console extends Base {
        @Option(names = "--download", paramLabel = "FOLDER", description = "Download the installer into this folder.")
        java.nio.file.Path folder;

        Console(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            try {
                UpdateService service = context.updateService(err());
                UpdateService.UpdateCheck c = service.check(project);
                if (c.console() == null) {
                    out().println(json ? "{\"console\":null}" : "The console is up to date"
                            + (com.adaptivestartup.console.update.ConsoleUpdates.runningVersion() == null
                            ? " (a build from source: update it from source)." : "."));
                    return ExitCodes.OK;
                }
                if (folder == null) {
                    if (json) {
                        printJson(c.console());
                    } else {
                        out().println("Console " + c.console().version() + " is available ("
                                + c.console().installer().type() + ", " + c.console().installer().size() / 1_000_000 + " MB)"
                                + (c.console().notes().isBlank() ? "" : ": " + c.console().notes()));
                        out().println("Download it: adaptivectl update console --download <folder>");
                    }
                    return ExitCodes.OK;
                }
                long total = c.console().installer().size();
                long[] shown = {-1};
                java.nio.file.Path file = service.downloadConsole(project, folder, done -> {
                    long percent = done * 100 / total;
                    if (!json && percent / 10 != shown[0]) {
                        shown[0] = percent / 10;
                        err().println("  downloading: " + percent + "%");
                    }
                });
                if (json) {
                    printJson(java.util.Map.of("version", c.console().version(), "installer", file.toString()));
                } else {
                    out().println("Downloaded and checked: " + file);
                    out().println("Open it to replace this console; your settings and your stack are kept.");
                }
                return ExitCodes.OK;
            } catch (UpdateService.UpdateFailed e) {
                return failed(e);
            }
        }
    }
}
