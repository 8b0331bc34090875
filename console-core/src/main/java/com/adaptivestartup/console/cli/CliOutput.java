package com.adaptivestartup.console.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** How every adaptivectl command writes: progress lines, JSON, and the one secret it reads from a file (a passphrase). */
final class CliOutput {
    /** Times as ISO-8601 text, paths as plain file names (not file:// URIs). */
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule().addSerializer(Path.class, ToStringSerializer.instance))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private CliOutput() {
    }

    /**
     * A step's progress as one line on standard error: "... step" when it starts, "ok  step" when it is done, and
     * "    step: what happened" for anything else a step says on the way.
     */
    static void printStep(PrintWriter err, String step, String status) {
        err.println(status.equals("started") ? "... " + step : status.equals("done") ? "ok  " + step
                : status.equals("failed") ? "    " + step : "    " + step + ": " + status);
        err.flush();
    }

    /** Pretty JSON, as {@link #JSON} writes it. */
    static void printJson(PrintWriter out, Object value) throws IOException {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }

    /** A backup passphrase from a file (none when {@code file} is null); at least 12 characters. */
    static char[] passphrase(Path file) throws IOException {
        if (file == null) {
            return null;
        }
        String p = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (p.length() < 12) {
            throw new CliContext.CliProblem("a backup passphrase must be at least 12 characters long");
        }
        return p.toCharArray();
    }
}
