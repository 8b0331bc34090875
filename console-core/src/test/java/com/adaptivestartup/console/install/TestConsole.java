package com.adaptivestartup.console.install;

import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupChecks;
import com.adaptivestartup.console.backup.BackupService;
import com.adaptivestartup.console.backup.BackupStore;
import com.adaptivestartup.console.backup.DisasterRecovery;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.edition.EditionChange;
import com.adaptivestartup.console.license.Heartbeat;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.license.LicenseStandings;
import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.console.outbound.BrainClient;
import com.adaptivestartup.console.release.ReleaseSource;
import com.adaptivestartup.console.state.AuditAnchors;
import com.adaptivestartup.console.state.ClockWitness;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.console.update.ChannelReader;
import com.adaptivestartup.console.update.ChannelTrust;
import com.adaptivestartup.console.update.ConsoleUpdates;
import com.adaptivestartup.console.update.UpdateService;
import com.adaptivestartup.console.update.UpdateSettings;
import com.adaptivestartup.licensing.clock.InMemoryTimeWitness;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The console's services over one state folder, as the CLI builds them, for the end-to-end tests: the fixture's
 * vendor keys, the real engine, and the Brain at {@code brainUrl} (null where a test reads no channel). One console per
 * machine a test plays: two of them over two folders are two machines.
 */
public record TestConsole(Fixture fixture, DockerEngine engine, StateDatabase state, Path stateDir, String brainUrl) {
    public static TestConsole at(Fixture fixture, DockerEngine engine, Path stateDir, String brainUrl) {
        return new TestConsole(fixture, engine, StateDatabase.open(stateDir), stateDir, brainUrl);
    }

    public LicenseService licenses() {
        return new LicenseService(fixture.trusted, Clock.systemUTC(), new InMemoryTimeWitness(), Optional::empty);
    }

    public InstallService installer() {
        return new InstallService(licenses(), new ReleaseSource(fixture.trusted), engine, journal(), installations());
    }

    public Installations installations() {
        return new Installations(state, Clock.systemUTC());
    }

    public Journal journal() {
        return new Journal(state, Clock.systemUTC());
    }

    public BackupStore store() {
        return new BackupStore(stateDir.resolve("backups"), new BackupCatalogue(state), Clock.systemUTC());
    }

    public BackupService backups() {
        return new BackupService(engine, installations(), journal(), store(), new AuditAnchors(state, Clock.systemUTC()));
    }

    public BackupChecks checks() {
        return new BackupChecks(engine, installations(), store());
    }

    public DisasterRecovery recovery() {
        return new DisasterRecovery(installer(), new ReleaseSource(fixture.trusted), installations(), backups(), journal());
    }

    public EditionChange editionChange() {
        return new EditionChange(engine, installer(), backups(), installations(), journal());
    }

    public UpdateService updates() {
        return new UpdateService(installer(), backups(), installations(), journal(), channels(), licenses(), Clock.systemUTC(),
                ZoneOffset.UTC, engine, standings());
    }

    public StackService stacks() {
        return new StackService(engine, installations(), journal(), Clock.systemUTC());
    }

    public LicenseStandings standings() {
        return new LicenseStandings(fixture.trusted, state, Clock.systemUTC());
    }

    public Heartbeat heartbeat() {
        ChannelReader channels = channels();
        return new Heartbeat(new BrainClient(), channels::source, ConsoleUpdates.runningVersion(), standings(),
                installations(), licenses(), stacks(), Clock.systemUTC());
    }

    private ChannelReader channels() {
        return new ChannelReader(new UpdateSettings.Store(state), new BrainClient(),
                new ChannelTrust(fixture.trusted, state, Clock.systemUTC()), new ReleaseSource(fixture.trusted), brainUrl,
                new ClockWitness(state, Clock.systemUTC()));
    }
}
