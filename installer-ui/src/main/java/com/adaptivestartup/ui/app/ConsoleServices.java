package com.adaptivestartup.ui.app;

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
import com.adaptivestartup.console.update.UpdateService;
import com.adaptivestartup.console.update.UpdateSettings;
import com.adaptivestartup.licensing.machine.MachineFingerprint;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What every part of the app shares, made once: the environment, the console's folders and state
 * database, the clock, and the Docker engine (found on first use, from a background thread; kept until the
 * app closes). The UI's counterpart of the CLI's CliContext.
 */
final class ConsoleServices implements AutoCloseable {
    final Map<String, String> env;
    final AppDirectories dirs;
    final StateDatabase state;
    final Clock clock = Clock.systemUTC();
    /** The installation this console shows and installs: {@code ADAPTIVE_PROJECT}, else {@code adaptive}. */
    final String project;
    final TrustedKeys vendorKeys;
    final LicenseService licenses;
    private DockerEngine engine;

    ConsoleServices(Map<String, String> env, AppDirectories dirs) throws java.io.IOException, java.security.GeneralSecurityException {
        this.env = env;
        this.dirs = dirs;
        this.state = StateDatabase.open(dirs.stateDir());
        String named = env.getOrDefault("ADAPTIVE_PROJECT", "");
        this.project = named.matches("[a-z0-9][a-z0-9_-]{0,62}") ? named : "adaptive";
        this.vendorKeys = VendorKeys.load(env).keys();
        this.licenses = new LicenseService(vendorKeys, clock, new FileTimeWitness(dirs.stateDir().resolve("clock-witness")),
                MachineFingerprint::ofThisMachine);
    }

    BackupStore backupStore() {
        return new BackupStore(dirs.stateDir().resolve("backups"), new BackupCatalogue(state), clock);
    }

    BackupService backupService() {
        return new BackupService(engine(), installations(), journal(), backupStore());
    }

    InstallService installService() {
        return new InstallService(licenses, new ReleaseSource(vendorKeys), engine(), journal(), installations());
    }

    /** The update channel, as `adaptivectl` reads it: the Brain from ADAPTIVE_BRAIN_URL unless the settings name a source. */
    ChannelReader channelReader() {
        return new ChannelReader(new UpdateSettings.Store(state), new BrainClient(), new ChannelTrust(vendorKeys, state, clock),
                new ReleaseSource(vendorKeys), env.get("ADAPTIVE_BRAIN_URL"));
    }

    LicenseStandings licenseStandings() {
        return new LicenseStandings(vendorKeys, state, clock);
    }

    UpdateService updateService() {
        return new UpdateService(installService(), backupService(), installations(), journal(), channelReader(), licenses,
                clock, java.time.ZoneId.systemDefault(), dirs.stateDir().resolve("locks"), engine(), licenseStandings());
    }

    /** Activation and the opt-in heartbeat, to the Brain the installation's update settings name. */
    Heartbeat heartbeat() {
        return new Heartbeat(new BrainClient(), channelReader(), licenseStandings(), installations(), licenses,
                new com.adaptivestartup.console.operate.StackService(engine(), installations(), clock), clock);
    }

    Installations installations() {
        return new Installations(state, clock);
    }

    Journal journal() {
        return new Journal(state, clock);
    }

    /** Looks for the engine the ways this machine allows (each attempt kept for the explanation). */
    EngineLocator.Outcome locate() {
        return new EngineLocator(EngineStrategies.forThisMachine(env, System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home")))).locate();
    }

    /** The engine, or an error that explains why there is none (Docker not running, not installed...). */
    synchronized DockerEngine engine() {
        if (engine == null) {
            engine = switch (locate()) {
                case EngineLocator.Outcome.Found f -> f.engine();
                case EngineLocator.Outcome.NotFound n -> throw new IllegalStateException(n.explanation());
            };
        }
        return engine;
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
