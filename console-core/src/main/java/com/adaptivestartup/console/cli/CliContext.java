package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupService;
import com.adaptivestartup.console.backup.BackupStore;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.docker.EngineStrategies;
import com.adaptivestartup.console.install.InstallService;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.license.VendorKeys;
import com.adaptivestartup.console.release.ReleaseSource;
import com.adaptivestartup.console.state.AppDirectories;
import com.adaptivestartup.console.state.FileTimeWitness;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.console.update.BrainClient;
import com.adaptivestartup.console.update.ChannelReader;
import com.adaptivestartup.console.update.ChannelTrust;
import com.adaptivestartup.console.update.Heartbeat;
import com.adaptivestartup.console.update.LicenseStandings;
import com.adaptivestartup.console.update.UpdateRecovery;
import com.adaptivestartup.console.update.UpdateService;
import com.adaptivestartup.console.update.UpdateSettings;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import java.nio.file.Path;
import com.adaptivestartup.licensing.machine.MachineFingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Map;

/** Builds the services the commands use, from the environment; tests pass their own. */
public class CliContext {
    private final Map<String, String> env;
    private final Clock clock;

    public CliContext() {
        this(System.getenv(), Clock.systemUTC());
    }

    public CliContext(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    public InputStream stdin() {
        return System.in;
    }

    private DockerEngine engine;
    private StateDatabase state;
    private TrustedKeys trustedKeys;

    LicenseService licenseService(PrintWriter err) throws IOException, GeneralSecurityException {
        return new LicenseService(trustedKeys(err), clock, new FileTimeWitness(dirs().stateDir().resolve("clock-witness")),
                MachineFingerprint::ofThisMachine);
    }

    /** The trusted vendor keys, loaded (and any extra ones reported) once per command. */
    TrustedKeys trustedKeys(PrintWriter err) throws IOException, GeneralSecurityException {
        if (trustedKeys == null) {
            VendorKeys.Loaded keys = VendorKeys.load(env);
            if (keys.extraKeysFrom() != null) {
                err.println("note: also trusting vendor keys from " + keys.extraKeysFrom() + " ("
                        + VendorKeys.EXTRA_KEYS_VARIABLE + ")");
            }
            trustedKeys = keys.keys();
        }
        return trustedKeys;
    }

    AppDirectories dirs() {
        return AppDirectories.resolve(System.getProperty("os.name", ""), System.getProperty("user.home"), env);
    }

    Clock clock() {
        return clock;
    }

    /** Looks for the engine the ways this machine allows; every attempt is kept for the explanation. */
    EngineLocator.Outcome locateEngine() {
        return new EngineLocator(EngineStrategies.forThisMachine(env, System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home")))).locate();
    }

    /** The engine, found the first time it is needed; a clear, complete explanation when there is none. */
    DockerEngine engine() {
        if (engine == null) {
            engine = switch (locateEngine()) {
                case EngineLocator.Outcome.Found f -> f.engine();
                case EngineLocator.Outcome.NotFound n -> throw new CliProblem(n.explanation());
            };
        }
        return engine;
    }

    StateDatabase state() {
        if (state == null) {
            state = StateDatabase.open(dirs().stateDir());
        }
        return state;
    }

    Installations installations() {
        return new Installations(state(), clock);
    }

    Journal journal() {
        return new Journal(state(), clock);
    }

    BackupStore backupStore() {
        return new BackupStore(dirs().stateDir().resolve("backups"),
                new BackupCatalogue(state()), clock);
    }

    BackupService backupService() {
        return new BackupService(engine(), installations(), journal(), backupStore());
    }

    InstallService installService(PrintWriter err) throws IOException, GeneralSecurityException {
        return new InstallService(licenseService(err), new ReleaseSource(trustedKeys(err)), engine(), journal(), installations());
    }

    com.adaptivestartup.console.bundle.BundleReader bundleReader(PrintWriter err) throws IOException, GeneralSecurityException {
        return new com.adaptivestartup.console.bundle.BundleReader(trustedKeys(err));
    }

    /** Where updates come from when an installation's settings name no source: the vendor's Brain. */
    String defaultUpdateSource() {
        return env.get("ADAPTIVE_BRAIN_URL");
    }

    ChannelReader channelReader(PrintWriter err) throws IOException, GeneralSecurityException {
        return new ChannelReader(new UpdateSettings.Store(state()), new BrainClient(),
                new ChannelTrust(trustedKeys(err), state(), clock), new ReleaseSource(trustedKeys(err)), defaultUpdateSource());
    }

    LicenseStandings licenseStandings(PrintWriter err) throws IOException, GeneralSecurityException {
        return new LicenseStandings(trustedKeys(err), state(), clock);
    }

    UpdateService updateService(PrintWriter err) throws IOException, GeneralSecurityException {
        return new UpdateService(installService(err), backupService(), installations(), journal(), channelReader(err),
                licenseService(err), clock, java.time.ZoneId.systemDefault(), dirs().stateDir().resolve("locks"),
                engine(), licenseStandings(err));
    }

    Heartbeat heartbeat(PrintWriter err) throws IOException, GeneralSecurityException {
        return new Heartbeat(new BrainClient(), channelReader(err), licenseStandings(err), installations(), licenseService(err),
                new com.adaptivestartup.console.operate.StackService(engine(), installations(), clock), clock);
    }

    UpdateRecovery updateRecovery(PrintWriter err) throws IOException, GeneralSecurityException {
        return new UpdateRecovery(updateService(err), journal(), new BackupCatalogue(state()));
    }

    /** A problem to print as it is and exit with status 1. */
    static final class CliProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CliProblem(String message) {
            super(message);
        }
    }
}
