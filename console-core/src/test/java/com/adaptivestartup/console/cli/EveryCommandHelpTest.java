package com.adaptivestartup.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.vendor.VendorTool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command and subcommand of adaptivectl and adaptive-vendor answers --help with its usage and exit 0, and never
 * touches an engine to do it (the only one named here does not exist).
 */
class EveryCommandHelpTest {
    @TempDir
    Path dir;

    private static List<List<String>> paths(CommandLine cli, List<String> prefix) {
        List<List<String>> out = new ArrayList<>();
        out.add(prefix);
        cli.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) {   // aliases once
                List<String> path = new ArrayList<>(prefix);
                path.add(name);
                out.addAll(paths(sub, path));
            }
        });
        return out;
    }

    private void everyCommandAnswersHelp(Supplier<CommandLine> fresh, int atLeast) {
        List<List<String>> all = paths(fresh.get(), List.of());
        assertThat(all).hasSizeGreaterThanOrEqualTo(atLeast);
        for (List<String> path : all) {
            CommandLine cli = fresh.get();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            int exit = cli.execute(args.toArray(String[]::new));
            assertThat(exit).as(String.join(" ", args) + "\n" + err).isZero();
            assertThat(out.toString()).as(String.join(" ", args)).startsWith("Usage: ");
            assertThat(err.toString()).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void adaptivectl() {
        Map<String, String> env = Map.of("ADAPTIVE_CONSOLE_HOME", dir.resolve("home").toString(),
                "DOCKER_HOST", "unix://" + dir.resolve("no-engine.sock"));
        everyCommandAnswersHelp(() -> AdaptiveCtl.commandLine(new CliContext(env, Clock.systemUTC())), 40);
    }

    /** As `adaptivectl` runs: only the command asked for is built, and it answers as it does among all the others. */
    @Test
    void adaptivectlWithOnlyTheCommandAsked() {
        Map<String, String> env = Map.of("ADAPTIVE_CONSOLE_HOME", dir.resolve("home").toString(),
                "DOCKER_HOST", "unix://" + dir.resolve("no-engine.sock"));
        List<List<String>> all = paths(AdaptiveCtl.commandLine(new CliContext(env, Clock.systemUTC())), List.of());
        for (List<String> path : all) {
            List<String> args = new ArrayList<>(List.of("--host", "unix://" + dir.resolve("elsewhere.sock")));
            args.addAll(path);
            args.add("--help");
            String[] argv = args.toArray(String[]::new);
            CommandLine cli = AdaptiveCtl.forArgs(new CliContext(env, Clock.systemUTC()), argv);
            assertThat(cli.getSubcommands()).as(String.join(" ", args)).hasSize(path.isEmpty() ? AdaptiveCtl.COMMANDS.size() : 1);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            assertThat(cli.execute(argv)).as(String.join(" ", args) + "\n" + err).isZero();
            assertThat(out.toString()).as(String.join(" ", args)).startsWith("Usage: ");
        }
        // the engine options are still every command's, after its name too
        CommandLine status = AdaptiveCtl.forArgs(new CliContext(env, Clock.systemUTC()), new String[] {"status"});
        status.parseArgs("status", "--context", "nowhere", "--project", "x");
        assertThat(AdaptiveCtl.asked(new String[] {"--context", "backup", "status"})).contains(StackCommands.Status.class);
        assertThat(AdaptiveCtl.asked(new String[] {"--host=unix:///x.sock", "backup", "create"})).contains(BackupCommands.class);
        assertThat(AdaptiveCtl.asked(new String[] {"--help"})).isEmpty();
        assertThat(AdaptiveCtl.asked(new String[] {"stauts"})).isEmpty();
    }

    @Test
    void adaptiveVendor() {
        everyCommandAnswersHelp(VendorTool::commandLine, 8);
    }
}
