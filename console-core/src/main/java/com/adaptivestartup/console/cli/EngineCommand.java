package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.docker.EngineChoice;
import com.adaptivestartup.console.docker.EngineInfo;
import com.adaptivestartup.console.docker.EngineLocator;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code adaptivectl engine}: which Docker engine the console uses (and the desktop console with it), and the
 * setting that chooses one when neither the command line nor the environment does.
 */
@Command(name = "engine", mixinStandardHelpOptions = true, description = "Which Docker engine the console uses.",
        subcommands = {EngineCommand.Show.class, EngineCommand.Set.class})
final class EngineCommand {

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The engine that would be used, where that choice comes from, and whether it answers.")
    static final class Show implements Callable<Integer> {
        private final CliContext context;
        @Spec
        CommandSpec spec;

        Show(CliContext context) {
            this.context = context;
        }

        public Integer call() {
            EngineChoice choice = context.engineChoice();
            var out = spec.commandLine().getOut();
            out.println("chosen by: " + choice.source() + (choice.host() != null ? " (" + choice.host() + ")"
                    : choice.context() != null ? " (context " + choice.context() + ")" : ""));
            return switch (context.core(null).locateEngine(choice)) {
                case EngineLocator.Outcome.Found f -> {
                    try (var engine = f.engine()) {
                        out.println(describe(engine.info()));
                    }
                    yield ExitCodes.OK;
                }
                case EngineLocator.Outcome.NotFound n -> {
                    out.println(n.explanation());
                    yield ExitCodes.NOT_OK;
                }
            };
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Save which engine to use when neither"
            + " --host/--context nor DOCKER_HOST/DOCKER_CONTEXT say: an address, a context, or --auto. A chosen engine"
            + " must answer before it is saved.")
    static final class Set implements Callable<Integer> {
        private final CliContext context;
        @Spec
        CommandSpec spec;
        @ArgGroup(multiplicity = "1")
        Which which;

        static final class Which {
            @Option(names = "--address", paramLabel = "ADDRESS", description = "unix:///path/docker.sock, tcp://host:2376 or ssh://user@host")
            String address;
            @Option(names = "--docker-context", paramLabel = "NAME", description = "a Docker context's name")
            String dockerContext;
            @Option(names = "--auto", description = "no choice: this machine's usual places")
            boolean auto;
        }

        Set(CliContext context) {
            this.context = context;
        }

        public Integer call() {
            var err = spec.commandLine().getErr();
            if (which.auto) {
                context.core(null).forgetEngine();
                spec.commandLine().getOut().println("The console now looks for the engine in this machine's usual places.");
                return ExitCodes.OK;
            }
            EngineChoice choice;
            try {
                choice = EngineChoice.saved(which.address, which.dockerContext).orElseThrow();
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            return switch (context.core(null).saveEngine(choice)) {
                case EngineLocator.Outcome.Found f -> {
                    try (var engine = f.engine()) {
                        spec.commandLine().getOut().println("Saved. " + describe(engine.info()));
                    }
                    yield ExitCodes.OK;
                }
                case EngineLocator.Outcome.NotFound n -> {
                    err.println(n.explanation() + " The setting was not changed.");
                    yield ExitCodes.NOT_OK;
                }
            };
        }
    }

    static String describe(EngineInfo info) {
        return "engine: " + info.said();
    }
}
