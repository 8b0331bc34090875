package com.adaptivestartup.console.wiring;

import com.adaptivestartup.console.audit.AuditService;
import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupService;
import com.adaptivestartup.console.backup.BackupStore;
import com.adaptivestartup.console.backup.DisasterRecovery;
import com.adaptivestartup.console.bundle.BundleReader;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineChoice;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.install.InstallService;
import com.adaptivestartup.console.license.Heartbeat;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.license.LicenseStandings;
import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.console.outbound.BrainClient;
import com.adaptivestartup.console.outbound.OutboundHttp;
import com.adaptivestartup.console.preflight.PreflightService;
import com.adaptivestartup.console.release.ReleaseSource;
import com.adaptivestartup.console.state.AppDirectories;
import com.adaptivestartup.console.state.AuditAnchors;
import com.adaptivestartup.console.state.ClockWitness;
import com.adaptivestartup.console.state.ConsoleSettings;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.console.update.ChannelReader;
import com.adaptivestartup.console.update.ChannelTrust;
import com.adaptivestartup.console.update.ConsoleUpdates;
import com.adaptivestartup.console.update.UpdateService;
import com.adaptivestartup.console.update.UpdateSettings;
import com.adaptivestartup.licensing.machine.MachineFingerprint;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Supplier;

/**
 * console-core's services wired one way for every front end: `adaptivectl` ({@code CliContext}) and the
 * desktop console ({@code ConsoleServices}) each hold one and differ only in how they get the three shared
 * things, each asked for when first needed: the state database, the trusted vendor keys and the engine.
 * Services are made per call (they are light; what is heavy is shared through those three).
 */
public final class ConsoleCore {
    /** Where updates come from when an installation's settings name no source: the vendor's Brain. */
    public static final String BRAIN_URL_VARIABLE = "ADAPTIVE_BRAIN_URL";
    private final Map<String, String> env;
    private final AppDirectories dirs;
    private final Clock clock;
    private final Supplier<StateDatabase> state;
    private final Supplier<TrustedKeys> keys;
    private final Supplier<DockerEngine> engine;
    private LicenseService licenses;

    public ConsoleCore(Map<String, String> env, AppDirectories dirs, Clock clock, Supplier<StateDatabase> state,
                       Supplier<TrustedKeys> keys, Supplier<DockerEngine> engine) {
        this.env = env;
        this.dirs = dirs;
        this.clock = clock;
        this.state = state;
        this.keys = keys;
        this.engine = engine;
    }

    public Clock clock() {
        return clock;
    }

    /** The vendor keys this console trusts: those it was given, and the next ones a trusted channel announced. */
    public TrustedKeys trustedKeys() {
        return keys.get().plus(new com.adaptivestartup.console.update.AnnouncedKeys(state.get()).keys());
    }

    public AppDirectories dirs() {
        return dirs;
    }

    public String defaultUpdateSource() {
        return env.get(BRAIN_URL_VARIABLE);
    }

    /** The one license service (it keeps the clock witness), made on first use. */
    public synchronized LicenseService licenseService() {
        if (licenses == null) {
            licenses = new LicenseService(trustedKeys(), clock, clockWitness(),
                    MachineFingerprint::ofThisMachine);
        }
        return licenses;
    }

    /** The clock check's memory, in the state database (a witness file an older console kept is taken over). */
    public ClockWitness clockWitness() {
        ClockWitness witness = new ClockWitness(state.get(), clock);
        witness.importFile(dirs.stateDir().resolve("clock-witness"));
        return witness;
    }

    /**
     * The engine the admin chose: the command line's {@code --host}/{@code --context} (null for none), else the
     * environment's DOCKER_HOST/DOCKER_CONTEXT, else the console's saved setting, else none (this machine's
     * usual places).
     */
    public EngineChoice engineChoice(String cliHost, String cliContext) {
        ConsoleSettings settings = consoleSettings();
        return EngineChoice.of(cliHost, cliContext, env, EngineChoice.saved(settings.get(ConsoleSettings.ENGINE_HOST)
                .orElse(null), settings.get(ConsoleSettings.ENGINE_CONTEXT).orElse(null)).orElse(null));
    }

    /** Looks for the chosen engine (and for it alone), or in this machine's usual places when none is chosen. */
    public EngineLocator.Outcome locateEngine(EngineChoice choice) {
        return EngineLocator.forChoice(choice, env, System.getProperty("os.name", ""),
                java.nio.file.Path.of(System.getProperty("user.home"))).locate();
    }

    /**
     * Saves the engine the console is to use when neither the command line nor the environment names one (an address
     * or a Docker context): only once it answers, so a typo never leaves the console pointed at nothing. The outcome
     * says which engine it found, or why the setting was left as it was.
     */
    public EngineLocator.Outcome saveEngine(EngineChoice chosen) {
        EngineLocator.Outcome outcome = locateEngine(chosen);
        if (outcome instanceof EngineLocator.Outcome.Found) {
            ConsoleSettings settings = consoleSettings();
            settings.put(ConsoleSettings.ENGINE_HOST, chosen.host());
            settings.put(ConsoleSettings.ENGINE_CONTEXT, chosen.context());
        }
        return outcome;
    }

    /** Forgets the saved engine: the console looks in this machine's usual places again. */
    public void forgetEngine() {
        ConsoleSettings settings = consoleSettings();
        settings.put(ConsoleSettings.ENGINE_HOST, null);
        settings.put(ConsoleSettings.ENGINE_CONTEXT, null);
    }

    /**
     * How the console reaches the outside world (the Brain, release URLs, installer downloads): the admin's network
     * settings over the environment's HTTPS_PROXY, HTTP_PROXY, NO_PROXY and ADAPTIVE_CA_BUNDLE, else the OS's proxies.
     */
    public OutboundHttp outbound() {
        ConsoleSettings s = consoleSettings();
        return new OutboundHttp(OutboundHttp.Settings.fromEnvironment(env).withSaved(
                s.get(ConsoleSettings.NETWORK_PROXY).orElse(null), s.get(ConsoleSettings.NETWORK_NO_PROXY).orElse(null),
                s.get(ConsoleSettings.NETWORK_CA_BUNDLE).orElse(null)));
    }

    /** Preflight as each front end runs it: the engine, the license, the folder, the port, and the way out. */
    public PreflightService preflight(java.util.function.Supplier<EngineLocator.Outcome> engine) {
        return new PreflightService(engine, licenseService(), outbound(), defaultUpdateSource());
    }

    public ConsoleSettings consoleSettings() {
        return new ConsoleSettings(state.get());
    }

    public Installations installations() {
        return new Installations(state.get(), clock);
    }

    public Journal journal() {
        return new Journal(state.get(), clock);
    }

    public BackupStore backupStore() {
        return new BackupStore(backupsFolder(), new BackupCatalogue(state.get()), clock);
    }

    /** Where backups are written: the admin's setting, else the console's state folder. */
    public java.nio.file.Path backupsFolder() {
        return consoleSettings().get(ConsoleSettings.BACKUPS_FOLDER).map(java.nio.file.Path::of)
                .orElse(defaultBackupsFolder());
    }

    public java.nio.file.Path defaultBackupsFolder() {
        return dirs.stateDir().resolve("backups");
    }

    /**
     * Writes backups to {@code folder} from now on (null: the default), after checking a file can be written and
     * removed there. Backups already made stay where they are, and listed.
     */
    public java.nio.file.Path chooseBackupsFolder(java.nio.file.Path folder) {
        java.nio.file.Path chosen = folder == null ? defaultBackupsFolder() : folder.toAbsolutePath().normalize();
        BackupStore.checkWritable(chosen);
        consoleSettings().put(ConsoleSettings.BACKUPS_FOLDER, folder == null ? null : chosen.toString());
        return chosen;
    }

    public BackupService backupService() {
        return new BackupService(engine.get(), installations(), journal(), backupStore(), auditAnchors());
    }

    /** The daily backup of each installation: set, run when due, pruned. */
    public com.adaptivestartup.console.backup.ScheduledBackups scheduledBackups() {
        return new com.adaptivestartup.console.backup.ScheduledBackups(
                new com.adaptivestartup.console.backup.BackupSchedules(state.get()), backupService(), clock);
    }

    public AuditAnchors auditAnchors() {
        return new AuditAnchors(state.get(), clock);
    }

    public AuditService auditService() {
        return new AuditService(engine.get(), installations(), auditAnchors(), journal());
    }

    /** This computer's scheduler, asking hourly for the daily backup when the console is closed. */
    public com.adaptivestartup.console.backup.BackupTimer backupTimer() {
        return com.adaptivestartup.console.backup.BackupTimer.forThisComputer();
    }

    /**
     * How a timer starts adaptivectl on this computer: the packaged console's own launcher with {@code adaptivectl}
     * first (jpackage names it), else ADAPTIVECTL_LAUNCHER (set by bin/adaptivectl and bin/console); empty when
     * neither says.
     */
    public java.util.Optional<java.util.List<String>> adaptivectlLauncher() {
        String packaged = System.getProperty("jpackage.app-path");
        if (packaged != null && !packaged.isBlank()) {
            return java.util.Optional.of(java.util.List.of(packaged, "adaptivectl"));
        }
        String script = env.get("ADAPTIVECTL_LAUNCHER");
        return script == null || script.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(java.util.List.of(script));
    }

    /** Where one installation's bytes are: its volumes and its backups folder. */
    public com.adaptivestartup.console.operate.DiskUse.Report diskUse(String project) {
        return new com.adaptivestartup.console.operate.DiskUse(engine.get()).of(project, backupStore().folder(project));
    }

    /** A single-container installation moved, with its data, onto the full stack. */
    public com.adaptivestartup.console.edition.EditionChange editionChange() {
        return new com.adaptivestartup.console.edition.EditionChange(engine.get(), installService(), backupService(),
                installations(), journal());
    }

    public StackService stackService() {
        return new StackService(engine.get(), installations(), journal(), clock);
    }

    public InstallService installService() {
        return new InstallService(licenseService(), new ReleaseSource(trustedKeys(), outbound()), engine.get(), journal(), installations());
    }

    public com.adaptivestartup.console.install.AddressService addressService() {
        var check = new com.adaptivestartup.console.tls.CertificateCheck();
        var certificates = new com.adaptivestartup.console.tls.WebCertificates(check);
        return new com.adaptivestartup.console.install.AddressService(installations(), new InstallService(licenseService(),
                new ReleaseSource(trustedKeys(), outbound()), engine.get(), journal(), installations(), certificates, clock),
                certificates, check, clock);
    }

    /** Installed stacks' settings changed in place (the address, the mail server). */
    private com.adaptivestartup.console.install.SettingsChange settingsChange() {
        var certificates = new com.adaptivestartup.console.tls.WebCertificates(new com.adaptivestartup.console.tls.CertificateCheck());
        return new com.adaptivestartup.console.install.SettingsChange(installations(), new InstallService(licenseService(),
                new ReleaseSource(trustedKeys(), outbound()), engine.get(), journal(), installations(), certificates, clock));
    }

    /** The Kubernetes edition: a release's chart checked against the license and rendered or installed with Helm. */
    public com.adaptivestartup.console.kubernetes.KubernetesService kubernetes() {
        return new com.adaptivestartup.console.kubernetes.KubernetesService(licenseService(), new ReleaseSource(trustedKeys(),
                outbound()), com.adaptivestartup.console.kubernetes.Helm.fromEnvironment(env),
                new com.adaptivestartup.console.outbound.RegistryManifests(outbound()));
    }

    public com.adaptivestartup.console.install.ServerReplicas serverReplicas() {
        return new com.adaptivestartup.console.install.ServerReplicas(settingsChange(), stackService());
    }

    public com.adaptivestartup.console.accounts.MailService mailService() {
        return new com.adaptivestartup.console.accounts.MailService(settingsChange(),
                new com.adaptivestartup.console.stack.ServerCommand(engine.get()), journal());
    }

    public com.adaptivestartup.console.cloudimport.CloudImportService cloudImport() {
        return new com.adaptivestartup.console.cloudimport.CloudImportService(installations(), backupService(),
                new com.adaptivestartup.console.stack.ServerCommand(engine.get()), journal(), clock);
    }

    public com.adaptivestartup.console.accounts.AdminNotices adminNotices() {
        return new com.adaptivestartup.console.accounts.AdminNotices(settingsChange(),
                new com.adaptivestartup.console.stack.ServerCommand(engine.get()));
    }

    public com.adaptivestartup.console.accounts.AccountRecovery accountRecovery() {
        return new com.adaptivestartup.console.accounts.AccountRecovery(settingsChange(),
                new com.adaptivestartup.console.stack.ServerCommand(engine.get()), journal());
    }

    public DisasterRecovery disasterRecovery() {
        return new DisasterRecovery(installService(), new ReleaseSource(trustedKeys(), outbound()), installations(), backupService(), journal());
    }

    public BundleReader bundleReader() {
        return new BundleReader(trustedKeys());
    }

    public ChannelReader channelReader() {
        return new ChannelReader(new UpdateSettings.Store(state.get()), new BrainClient(outbound()),
                new ChannelTrust(trustedKeys(), state.get(), clock), new ReleaseSource(trustedKeys(), outbound()), defaultUpdateSource(),
                clockWitness());
    }

    public LicenseStandings licenseStandings() {
        return new LicenseStandings(trustedKeys(), state.get(), clock);
    }

    public UpdateService updateService() {
        return new UpdateService(installService(), backupService(), installations(), journal(), channelReader(),
                licenseService(), clock, ZoneId.systemDefault(), engine.get(), licenseStandings());
    }

    public Heartbeat heartbeat() {
        return new Heartbeat(new BrainClient(outbound()), channelReader()::source, ConsoleUpdates.runningVersion(), licenseStandings(),
                installations(), licenseService(), stackService(), clock);
    }
}
