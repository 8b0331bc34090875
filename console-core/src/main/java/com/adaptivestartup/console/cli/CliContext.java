package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.audit.AuditService;
import com.adaptivestartup.console.backup.BackupService;
import com.adaptivestartup.console.backup.BackupStore;
import com.adaptivestartup.console.bundle.BundleReader;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineChoice;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.install.InstallService;
import com.adaptivestartup.console.license.Heartbeat;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.license.VendorKeys;
import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.console.state.AppDirectories;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.console.update.UpdateService;
import com.adaptivestartup.console.wiring.ConsoleCore;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
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
    private ConsoleCore core;
    /** Where the note about extra trusted keys goes: the error stream of the command that first needs them. */
    private PrintWriter notes = new PrintWriter(System.err, true);

    /** console-core's services, wired as the desktop console wires them; {@code err} hears notes on the way. */
    ConsoleCore core(PrintWriter err) {
        if (err != null) {
            notes = err;
        }
        if (core == null) {
            core = new ConsoleCore(env, dirs(), clock, this::state, this::vendorKeys, this::engine);
        }
        return core;
    }

    private TrustedKeys vendorKeys() {
        try {
            return trustedKeys(notes);
        } catch (IOException | GeneralSecurityException e) {
            // a configuration error (exit 2), said as VendorKeys says it
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    LicenseService licenseService(PrintWriter err) {
        return core(err).licenseService();
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

    private String chosenHost;
    private String chosenContext;

    /** The engine named on the command line ({@code --host}, {@code --context}), before anything looks for one. */
    void chooseEngine(String host, String context) {
        if (host != null) {
            chosenHost = host;
        }
        if (context != null) {
            chosenContext = context;
        }
    }

    /** The engine chosen on the command line, in the environment or in the console's settings; or none. */
    EngineChoice engineChoice() {
        return core(null).engineChoice(chosenHost, chosenContext);
    }

    /** Looks for the chosen engine (and only it), or this machine's usual places; every attempt kept for the explanation. */
    EngineLocator.Outcome locateEngine() {
        return core(null).locateEngine(engineChoice());
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
        return core(null).installations();
    }

    Journal journal() {
        return core(null).journal();
    }

    BackupStore backupStore() {
        return core(null).backupStore();
    }

    BackupService backupService() {
        return core(null).backupService();
    }

    StackService stackService() {
        return core(null).stackService();
    }

    AuditService auditService() {
        return core(null).auditService();
    }

    /** The admin's own trust store, in the home folder $HOME names (the user's, else). */
    com.adaptivestartup.console.tls.OsTrustStore osTrustStore() {
        return new com.adaptivestartup.console.tls.OsTrustStore(System.getProperty("os.name", ""),
                java.nio.file.Path.of(env.getOrDefault("HOME", System.getProperty("user.home"))));
    }

    InstallService installService(PrintWriter err) {
        return core(err).installService();
    }

    com.adaptivestartup.console.backup.ScheduledBackups scheduledBackups(PrintWriter err) {
        return core(err).scheduledBackups();
    }

    BundleReader bundleReader(PrintWriter err) {
        return core(err).bundleReader();
    }

    /** Where updates come from when an installation's settings name no source: the vendor's Brain. */
    String defaultUpdateSource() {
        return core(null).defaultUpdateSource();
    }

    UpdateService updateService(PrintWriter err) {
        return core(err).updateService();
    }

    Heartbeat heartbeat(PrintWriter err) {
        return core(err).heartbeat();
    }


    /** A problem to print as it is and exit with status 1. */
    static final class CliProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CliProblem(String message) {
            super(message);
        }
    }
}
