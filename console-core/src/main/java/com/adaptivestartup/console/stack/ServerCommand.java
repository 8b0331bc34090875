package com.adaptivestartup.console.stack;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.state.Installations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * One of the server's own commands ({@code mail test}, {@code reset-password}) run in a one-off container of the
 * installed stack's server (the backend, or the single container), with its settings, secrets, volumes and networks, so it sees exactly what the running
 * server sees. The command prints one JSON line; a release that lacks the command is told apart from one that
 * failed.
 */
public final class ServerCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DockerEngine engine;

    public ServerCommand(DockerEngine engine) {
        this.engine = engine;
    }

    /** What the command printed (its last JSON line holding {@code key}) and how it exited. */
    public record Answer(JsonNode json, long exitCode) {
    }

    /**
     * Runs {@code command}; {@code what} names it in sentences ("send a test mail"). An {@link IllegalStateException}
     * with a sentence when the release does not have the command or it printed no answer.
     */
    public Answer run(Installations.Installation inst, List<String> command, String key, String what, Duration timeout) {
        return run(inst, command, List.of(), key, what, timeout, null);
    }

    /**
     * As {@link #run(Installations.Installation, List, String, String, Duration)}, with files of this computer mounted
     * into the one-off ({@code extra}) and each {@code {"progress": ...}} line it prints told as it comes.
     */
    public Answer run(Installations.Installation inst, List<String> command, List<StackPlan.VolumeMount> extra, String key,
                      String what, Duration timeout, java.util.function.Consumer<JsonNode> progress) {
        InstallDirectory dir = new InstallDirectory(inst.directory());
        StackPlan plan = dir.readPlan();
        StackDeployer d = new StackDeployer(engine, inst.project(), dir.path(), inst.version());
        if (!extra.isEmpty() && !d.sharesDisk()) {
            throw new IllegalStateException("cannot " + what + " on an engine on another computer: the file must be on"
                    + " the engine's computer. Run the console there (or copy the file there and run adaptivectl on it)");
        }
        DockerEngine.OneOffResult r = progress == null
                ? d.runOnce(plan.server(), command, extra, timeout)
                : d.runOnce(plan.server(), command, extra, timeout, line -> {
                    JsonNode p = lastJsonLine(line, "progress");
                    if (p != null) {
                        progress.accept(p.get("progress"));
                    }
                });
        JsonNode answer = lastJsonLine(r.output(), key);
        if (answer != null) {
            return new Answer(answer, r.exitCode());
        }
        String out = r.output();
        if (out.contains("Unmatched argument") || out.contains("Unknown subcommand") || out.contains("server 1.2.0 or newer")) {
            throw new IllegalStateException("release " + inst.version() + " cannot " + what + "; update to 1.2.0 or newer");
        }
        if (out.contains("Connection refused") || out.contains("UnknownHost") || out.contains("Connection to")) {
            throw new IllegalStateException("could not " + what + ": the stack's database or Redis did not answer; is the"
                    + " stack running? (adaptivectl start)");
        }
        throw new IllegalStateException("could not " + what + " (exit code " + r.exitCode() + "): " + tail(out));
    }

    /** The last line of a one-off's output that is a JSON object holding {@code key} (log lines may look like JSON). */
    public static JsonNode lastJsonLine(String output, String key) {
        JsonNode last = null;
        for (String line : output.lines().map(String::strip).filter(l -> l.startsWith("{")).toList()) {
            try {
                JsonNode n = JSON.readTree(line);
                if (n.has(key)) {
                    last = n;
                }
            } catch (IOException e) {
                // a log line that looks like JSON
            }
        }
        return last;
    }

    private static String tail(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
    }
}
