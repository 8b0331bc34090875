package com.adaptivestartup.console.cli;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code adaptivectl}: the console's operations, headless. Thin: every command calls a service. */
@Command(name = "adaptivectl", mixinStandardHelpOptions = true, version = "adaptivectl 1.0",
        description = "Install and operate Adaptive Startup Self-Hosted from the command line.")
public final class AdaptiveCtl {
    /** Every command, in the order the help lists them. */
    static final List<Class<?>> COMMANDS = List.of(LicenseCommand.class, PreflightCommand.class, InstallCommand.class,
            StackCommands.Status.class, StackCommands.Start.class, StackCommands.Stop.class, StackCommands.Restart.class,
            StackCommands.Logs.class, StackCommands.Uninstall.class, BackupCommands.class, MigrateCommand.class,
            MigrateEditionCommand.class,
            UpdateCommands.class, UpdateCommands.Rollback.class, UpdateCommands.Notices.class, BundleCommands.class,
            SupportCommands.HistoryCommand.class, SupportCommands.SupportBundleCommand.class, HeartbeatCommand.class,
            AuditCommand.class, EngineCommand.class, NetworkCommand.class, AddressCommand.class, MailCommand.class,
            AdminCommand.class, ImportCommand.class, DiskCommand.class, ReplicasCommand.class,
            KubernetesCommand.class);
    /** The options before a command that take a value as the next word. */
    private static final Set<String> GLOBAL_OPTIONS_WITH_VALUE = Set.of("--host", "--context");
    private final CliContext context;

    private AdaptiveCtl(CliContext context) {
        this.context = context;
    }

    @CommandLine.Option(names = "--host", paramLabel = "ADDRESS", scope = CommandLine.ScopeType.INHERIT,
            description = "The Docker engine to use, and no other: unix:///path/docker.sock or tcp://host:2376 (TLS as"
                    + " DOCKER_TLS_VERIFY and DOCKER_CERT_PATH say). Default: DOCKER_HOST, DOCKER_CONTEXT, the console's"
                    + " engine setting, else this machine's usual places.")
    void host(String address) {
        context.chooseEngine(address, null);
    }

    @CommandLine.Option(names = "--context", paramLabel = "NAME", scope = CommandLine.ScopeType.INHERIT,
            description = "The Docker context whose engine to use, and no other (docker context ls).")
    void context(String name) {
        context.chooseEngine(null, name);
    }

    public static void main(String[] args) {
        System.exit(forArgs(new CliContext(), args).execute(args));
    }

    /** The CLI to run {@code args}: with only the command they name, when they name one ({@link #asked}). */
    static CommandLine forArgs(CliContext context, String[] args) {
        return commandLine(context, asked(args).map(List::<Class<?>>of).orElse(COMMANDS));
    }

    /** The CLI with every command. */
    public static CommandLine commandLine(CliContext context) {
        return commandLine(context, COMMANDS);
    }

    /**
     * The command {@code args} name, when they name one: only it is built (picocli builds each command's model by
     * reflection when it is added; all of them took 0.4 s of every start). Otherwise (help, a mistyped name) all are.
     */
    static Optional<Class<?>> asked(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (GLOBAL_OPTIONS_WITH_VALUE.contains(args[i])) {
                i++;
            } else if (!args[i].startsWith("-")) {
                String name = args[i];
                return COMMANDS.stream().filter(c -> name.equals(c.getAnnotation(Command.class).name())).findFirst();
            }
        }
        return Optional.empty();
    }

    private static CommandLine commandLine(CliContext context, List<Class<?>> commands) {
        ContextFactory factory = new ContextFactory(context);
        CommandLine cli = new CommandLine(new AdaptiveCtl(context), factory);
        for (Class<?> command : commands) {
            cli.addSubcommand(new CommandLine(command, factory));
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return e instanceof CliContext.CliProblem || e instanceof com.adaptivestartup.console.backup.BackupProblem
                    || e instanceof com.adaptivestartup.console.update.ChannelTrust.Untrusted
                    || e instanceof com.adaptivestartup.console.update.UpdatePlanner.NoPath
                    ? ExitCodes.NOT_OK : ExitCodes.USAGE;
        });
        return cli;
    }

    /** Hands each command the shared context, so tests can give their own. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
