package com.adaptivestartup.ui.app;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.docker.EngineStrategies;
import com.adaptivestartup.console.state.AppDirectories;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.StateDatabase;
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
    private DockerEngine engine;

    ConsoleServices(Map<String, String> env, AppDirectories dirs) {
        this.env = env;
        this.dirs = dirs;
        this.state = StateDatabase.open(dirs.stateDir());
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
