package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code status}, {@code start}, {@code stop}, {@code restart}, {@code logs}, {@code uninstall}. */
final class StackCommands {
    private StackCommands() {
    }

    /** What every stack command shares: the project, the service, the output. */
    abstract static class Base extends ProjectCommand {
        Base(CliContext context) {
            super(context);
        }

        StackService service() {
            return context.stackService();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Each service: state, health, version, uptime, restarts. Exit 0 only when healthy.")
    static final class Status extends Base {
        @Option(names = "--json")
        boolean json;

        Status(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            StackService.StackStatus status = service().status(project);
            if (json) {
                out().println(new ObjectMapper().registerModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                        .writerWithDefaultPrettyPrinter().writeValueAsString(status));
            } else {
                out().println("stack " + status.project() + ": " + status.overall());
                for (var s : status.services()) {
                    out().printf("  %-9s %-8s %-9s %-7s %-12s restarts %d%n", s.service(), s.state(), s.health(), s.version(),
                            s.uptime() == null ? "-" : "up " + s.uptime().toMinutes() + " min", s.restarts());
                }
                switch (status.initialPassword()) {
                    case PENDING -> out().println("The first admin has not replaced the initial password yet (it is in "
                            + InstallDirectory.ADMIN_PASSWORD + " in the install folder).");
                    case CHANGED -> out().println("The first admin replaced the initial password; its file was removed"
                            + " from the install folder.");
                    default -> {
                        // nothing to say
                    }
                }
            }
            return status.overall().equals("healthy") ? ExitCodes.OK : ExitCodes.NOT_OK;
        }
    }

    /** start, stop, restart: one action on the whole stack or one service. */
    abstract static class ServiceAction extends Base {
        @Parameters(arity = "0..1", paramLabel = "[service]", description = "One service; all of them when left out.")
        String service;

        ServiceAction(CliContext context) {
            super(context);
        }

        abstract void apply(StackService stack, String project, String service);

        public Integer call() {
            apply(service(), project, service);
            return ExitCodes.OK;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the stack, or one service.")
    static final class Start extends ServiceAction {
        Start(CliContext context) {
            super(context);
        }

        void apply(StackService stack, String project, String service) {
            stack.start(project, service);
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the stack (front first), or one service.")
    static final class Stop extends ServiceAction {
        Stop(CliContext context) {
            super(context);
        }

        void apply(StackService stack, String project, String service) {
            stack.stop(project, service);
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart the stack, or one service.")
    static final class Restart extends ServiceAction {
        Restart(CliContext context) {
            super(context);
        }

        void apply(StackService stack, String project, String service) {
            stack.restart(project, service);
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true, description = "The last lines of a service's log.")
    static final class Logs extends Base {
        @Parameters(paramLabel = "<service>")
        String service;
        @Option(names = "--tail", defaultValue = "100")
        int tail;
        @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until Ctrl-C or the service stops.")
        boolean follow;
        @Option(names = {"-t", "--timestamps"}, description = "Begin each line with its time (RFC 3339, UTC).")
        boolean timestamps;

        Logs(CliContext context) {
            super(context);
        }

        public Integer call() {
            if (follow) {
                var stop = new com.adaptivestartup.console.docker.DockerEngine.AutoCloseableHolder();
                Runtime.getRuntime().addShutdownHook(new Thread(stop::close));
                service().followLogs(project, service, tail, timestamps, l -> {
                    out().println(l);
                    out().flush();
                }, stop);
            } else {
                service().logs(project, service, tail, timestamps).forEach(out()::println);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = "Remove the stack's containers and network; its data too unless --keep-data.")
    static final class Uninstall extends Base {
        @Option(names = "--keep-data", description = "Keep the data volumes.")
        boolean keepData;
        @Option(names = "--yes", description = "Confirm deleting the data.")
        boolean yes;

        Uninstall(CliContext context) {
            super(context);
        }

        public Integer call() {
            if (!keepData && !yes) {
                spec.commandLine().getErr().println("error: this deletes all of the stack's data. Add --yes to confirm,"
                        + " or --keep-data to keep it.");
                return ExitCodes.USAGE;
            }
            var volumes = service().uninstall(project, keepData);
            out().println(keepData ? "Removed the stack; kept its data volumes: " + volumes
                    : "Removed the stack and its data volumes: " + volumes);
            return ExitCodes.OK;
        }
    }
}
