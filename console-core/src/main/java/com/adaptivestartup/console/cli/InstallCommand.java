package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.backup.DisasterRecovery;
import com.adaptivestartup.console.install.InstallFailed;
import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.install.InstallResult;
import com.adaptivestartup.console.install.InstallService;
import com.adaptivestartup.console.stack.Edition;
import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.licensing.license.LicenseInput;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code adaptivectl install}: from nothing (or from a partial install) to a healthy stack. Idempotent. */
@Command(name = "install", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Install the stack, or converge an existing install. Running it again changes nothing that is right.")
final class InstallCommand implements Callable<Integer> {
    private final CliContext context;
    @Spec
    CommandSpec spec;
    @Option(names = "--license", required = true, description = "The license key, a .lic file, or - for standard input.")
    String license;
    @Option(names = "--dir", required = true, description = "The install folder (compose file, .env, secrets).")
    Path dir;
    @Option(names = "--release", description = "The signed release manifest: a file or URL.")
    String release;
    @Option(names = "--bundle", description = "Install from an offline bundle file (no registry needed), instead of --release.")
    Path bundle;
    @Option(names = "--edition", paramLabel = "EDITION", description = "full (the default: PostgreSQL, Redis, the object"
            + " store and the app in their own containers) or single (a small business's one container on SQLite, from"
            + " release 1.2.0). Chosen at the first install; an installation keeps its edition.")
    String edition;
    @Option(names = "--http-port", defaultValue = "8080", description = "The web port (default ${DEFAULT-VALUE}).")
    int httpPort;
    @Option(names = "--bind-address", paramLabel = "IP", description = "The address the web port listens on: 127.0.0.1"
            + " for this computer only, 0.0.0.0 for every interface (the default), or one of this machine's addresses."
            + " Kept for later installs and updates.")
    String bindAddress;
    @Option(names = "--memory", paramLabel = "SERVICE=SIZE", description = "A service's memory limit instead of the"
            + " release's default (such as backend=1g). Repeat for several services. Kept for later installs and updates.")
    Map<String, String> memory;
    @Option(names = "--backend-replicas", paramLabel = "N", description = "How many server containers share the load,"
            + " 1 to 5 (release 1.2.0 and later, full edition; default 1). Kept for later installs and updates; change it"
            + " with `adaptivectl replicas N`.")
    Integer backendReplicas;
    @Option(names = "--address", paramLabel = "HOST", description = "The address people will use (such as"
            + " startup.acme.local, or this machine's address): the app is then served over HTTPS on it (release 1.2.0"
            + " and later). Kept for later installs and updates; change it with `adaptivectl address`.")
    String address;
    @Mixin
    WebAddressOptions web;
    @Option(names = "--admin-email", defaultValue = "admin@example.com", description = "The first admin's email.")
    String adminEmail;
    @Option(names = "--registry", description = "Registry address, instead of the license's.")
    String registry;
    @Option(names = "--project", defaultValue = "adaptive", description = "Compose project name (default ${DEFAULT-VALUE}).")
    String project;
    @Option(names = "--from-backup", description = "Recover: install, then put this backup's data into the new install.")
    Path fromBackup;
    @Option(names = "--passphrase-file", description = "The passphrase of an encrypted --from-backup file.")
    Path passphraseFile;
    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;
    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    InstallCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!project.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
            err.println("error: --project must be lower-case letters, digits, '-' or '_'");
            return ExitCodes.USAGE;
        }
        if (httpPort < 1 || httpPort > 65535) {
            err.println("error: --http-port must be from 1 to 65535");
            return ExitCodes.USAGE;
        }
        if ((release == null) == (bundle == null)) {
            err.println("error: give either --release (online) or --bundle (an offline bundle file)");
            return ExitCodes.USAGE;
        }
        StackSettings settings = null;
        com.adaptivestartup.console.tls.ServerCertificate own = null;
        String acmeRoot = null;
        if (edition != null || bindAddress != null || memory != null || address != null || web.givesOwnCertificate()
                || web.givesAcme() || backendReplicas != null) {
            try {
                // what the installation has, with what these options change
                settings = context.installations().find(project).map(i -> StackSettings.fromJson(i.settingsJson()))
                        .orElse(StackSettings.DEFAULTS);
                if (edition != null) {
                    settings = settings.withEdition(Edition.parse(edition));
                }
                if (backendReplicas != null) {
                    settings = settings.withBackendReplicas(backendReplicas);
                }
                if (bindAddress != null || memory != null) {
                    settings = settings.withPortAndMemoryOf(StackSettings.of(bindAddress, memory == null ? Map.of() : memory));
                }
                if (address == null && (web.givesOwnCertificate() || web.givesAcme())) {
                    throw new IllegalArgumentException("a certificate needs the address it is for: add --address");
                }
                if (address != null) {
                    settings = settings.withWeb(web.address(address));
                    own = web.own(new com.adaptivestartup.console.tls.CertificateCheck());
                    acmeRoot = web.acmeCaRoot();
                }
            } catch (IllegalArgumentException | com.adaptivestartup.console.tls.CertificateRefused e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        String licenseText = LicenseInput.read(license, context.stdin());
        var service = context.installService(err);
        InstallListener listener = json ? InstallListener.SILENT : new ProgressPrinter(err);
        try {
            InstallRequest request = new InstallRequest(licenseText, dir, project, httpPort, adminEmail, registry, release)
                    .withSettings(settings).withCertificate(own);
            if (acmeRoot != null) {   // read by the ACME server's check, then by the stack
                new com.adaptivestartup.console.stack.InstallDirectory(dir).shareSecret(
                        com.adaptivestartup.console.stack.InstallDirectory.ACME_CA_ROOT, acmeRoot);
            }
            if (fromBackup != null) {
                return recover(request, listener, out);
            }
            InstallResult result;
            if (bundle != null) {
                com.adaptivestartup.console.bundle.BundleReader.Verified verified;
                try {
                    verified = BundleCommands.verify(context.bundleReader(err), bundle, json ? null : err);
                } catch (com.adaptivestartup.console.bundle.BundleProblem e) {
                    throw new InstallFailed("bundle", e.getMessage());
                }
                try {
                    result = service.installFromBundle(request, verified, listener);
                } catch (com.adaptivestartup.console.bundle.BundleProblem e) {
                    throw new InstallFailed("bundle", e.getMessage());
                }
            } else {
                result = service.install(request, listener);
            }
            com.adaptivestartup.console.backup.BackupSchedule daily = context.scheduledBackups(err)
                    .setDefaultIfNone(project, java.time.ZoneId.systemDefault());
            if (json) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("ok", true);
                r.put("project", result.project());
                r.put("version", result.version());
                r.put("url", result.url());
                r.put("changes", result.changes());
                r.put("dailyBackup", Map.of("at", daily.dailyAt().toString(), "keep", daily.keep()));
                r.put("adminEmail", result.adminEmail());
                r.put("adminPasswordFile", result.adminPassword() == null ? null
                        : dir.toAbsolutePath().resolve("admin-initial-password.txt").toString());
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
            } else {
                out.println("Adaptive Startup " + result.version() + " is running: " + result.url());
                if (result.adminPassword() != null) {
                    out.println("Sign in as " + result.adminEmail() + " with this initial password (shown once; also in "
                            + dir.toAbsolutePath().resolve("admin-initial-password.txt") + ", readable only by you):");
                    out.println("  " + result.adminPassword());
                } else if (result.changedNothing()) {
                    out.println("Everything was already installed and healthy; nothing changed.");
                }
                out.println("Backed up daily at " + daily.dailyAt() + " while the console runs (or `adaptivectl backup"
                        + " run-due` from a timer), keeping the " + daily.keep() + " newest; change it with `adaptivectl"
                        + " backup schedule`.");
            }
            return ExitCodes.OK;
        } catch (InstallFailed e) {
            if (json) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("ok", false);
                r.put("step", e.step());
                r.put("error", e.getMessage());
                r.put("lastLogLines", e.lastLogLines());
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
            } else {
                err.println("Install failed at step '" + e.step() + "': " + e.getMessage());
                if (!e.lastLogLines().isEmpty()) {
                    err.println("Last log lines:");
                    e.lastLogLines().forEach(l -> err.println("  " + l));
                }
            }
            return ExitCodes.NOT_OK;
        }
    }

    private int recover(InstallRequest request, InstallListener listener, PrintWriter out)
            throws Exception {
        DisasterRecovery recovery = context.core(spec.commandLine().getErr()).disasterRecovery();
        DisasterRecovery.Recovered r = recovery.install(request, fromBackup, CliOutput.passphrase(passphraseFile), listener);
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("ok", true);
            j.put("project", r.install().project());
            j.put("version", r.install().version());
            j.put("url", r.install().url());
            j.put("recoveredFrom", r.backup());
            CliOutput.printJson(out, j);
        } else {
            out.println("Adaptive Startup " + r.install().version() + " is running at " + r.install().url() + " with the data of"
                    + " the backup made " + r.backup().createdAt() + " (Adaptive Startup " + r.backup().appVersion() + ").");
            out.println("Sign in with the accounts and passwords from that backup.");
            out.println(r.listed().size() == 1 ? "Its backups list the one it came from (`adaptivectl backup list`)."
                    : "Its backups list " + r.listed().size() + " backups: the one it came from and those the backups folder"
                    + " held (`adaptivectl backup list`).");
            if (r.listingProblem() != null) {
                out.println("The backup it came from could not be copied into the backups folder (" + r.listingProblem()
                        + "); it is where it was.");
            }
        }
        return ExitCodes.OK;
    }

    /** Steps and download progress on standard error, one line per change (steps may run in parallel). */
    static final class ProgressPrinter implements InstallListener {
        private final PrintWriter err;
        private final Map<String, Long> lastReported = new LinkedHashMap<>();

        ProgressPrinter(PrintWriter err) {
            this.err = err;
        }

        public synchronized void step(String step, String message) {
            CliOutput.printStep(err, step, message);
        }

        public synchronized void pull(String service, long current, long total) {
            long percent = total == 0 ? 0 : current * 100 / total;
            long bucket = percent / 25;
            if (!lastReported.containsKey(service) || lastReported.get(service) != bucket) {
                lastReported.put(service, bucket);
                // The offline bundle's images come as one stream, loaded rather than pulled.
                String what = service.equals(InstallService.BUNDLE_IMAGES) ? "loading the bundle's images" : "pulling " + service;
                err.printf("    %-17s %3d%%  %6.1f / %.1f MB%n", what, percent, current / 1e6, total / 1e6);
                err.flush();
            }
        }
    }
}
