package com.adaptivestartup.ui.app;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.docker.EngineStrategies;
import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.console.state.AppDirectories;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.ui.console.StackControl;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The dashboard's view of one installation, through console-core's StackService; the engine found lazily. */
final class Stack {
    private Stack() {
    }

    static StackControl control(Map<String, String> env, AppDirectories dirs, String project) {
        StateDatabase state = StateDatabase.open(dirs.stateDir());
        return new StackControl() {
            private DockerEngine engine;

            private synchronized StackService service() {
                if (engine == null) {
                    var found = new EngineLocator(EngineStrategies.forThisMachine(env, System.getProperty("os.name", ""),
                            Path.of(System.getProperty("user.home")))).locate();
                    if (!(found instanceof EngineLocator.Outcome.Found f)) {
                        throw new IllegalStateException(((EngineLocator.Outcome.NotFound) found).explanation());
                    }
                    engine = f.engine();
                }
                return new StackService(engine, new Installations(state, Clock.systemUTC()), Clock.systemUTC());
            }

            public StackService.StackStatus status() {
                return service().status(project);
            }

            public void start(String service) {
                service().start(project, service);
            }

            public void stop(String service) {
                service().stop(project, service);
            }

            public void restart(String service) {
                service().restart(project, service);
            }
        };
    }
}
