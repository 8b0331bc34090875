package com.adaptivestartup.ui.app;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.license.VendorKeys;
import com.adaptivestartup.console.state.AppDirectories;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.console.wiring.ConsoleCore;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import java.time.Clock;
import java.util.Map;

/**
 * What every part of the app shares, made once: the environment, the console's folders and state
 * database, the clock, the vendor keys, and the Docker engine (found on first use, from a background thread;
 * kept until the app closes). console-core's services come from {@link #core}, wired as `adaptivectl`
 * wires them.
 */
final class ConsoleServices implements AutoCloseable {
    final Map<String, String> env;
    final AppDirectories dirs;
    final StateDatabase state;
    final Clock clock = Clock.systemUTC();
    /** The installation this console shows and installs: {@code ADAPTIVE_PROJECT}, else {@code adaptive}. */
    final String project;
    final TrustedKeys vendorKeys;
    final ConsoleCore core;
    final LicenseService licenses;
    private DockerEngine engine;

    ConsoleServices(Map<String, String> env, AppDirectories dirs) throws java.io.IOException, java.security.GeneralSecurityException {
        this.env = env;
        this.dirs = dirs;
        this.state = StateDatabase.open(dirs.stateDir());
        String named = env.getOrDefault("ADAPTIVE_PROJECT", "");
        this.project = named.matches("[a-z0-9][a-z0-9_-]{0,62}") ? named : "adaptive";
        this.vendorKeys = VendorKeys.load(env).keys();
        this.core = new ConsoleCore(env, dirs, clock, () -> state, () -> vendorKeys, this::engine);
        this.licenses = core.licenseService();
    }

    /**
     * Looks for the engine the admin chose (DOCKER_HOST, DOCKER_CONTEXT, or the console's engine setting: that one
     * only), or, with none chosen, in this machine's usual places; each attempt kept for the explanation.
     */
    EngineLocator.Outcome locate() {
        return core.locateEngine(core.engineChoice(null, null));
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
