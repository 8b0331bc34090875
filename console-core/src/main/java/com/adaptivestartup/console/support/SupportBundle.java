package com.adaptivestartup.console.support;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.state.History;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What the admin sends the vendor's support: the stack's status, the journal as operations, each service's
 * recent log, the compose file and the settings, and system information, with every secret taken out. It
 * is built as a {@link Preview} first, exactly what the file will hold, for the admin to read; then saved
 * as a zip. What cannot be gathered (the engine down) is said in the bundle instead of stopping it.
 */
public final class SupportBundle {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private static final int LOG_LINES = 500;
    private final Installations installations;
    private final Journal journal;
    private final java.util.function.Supplier<DockerEngine> engine;
    private final java.time.Clock clock;

    public SupportBundle(Installations installations, Journal journal, java.util.function.Supplier<DockerEngine> engine,
                         java.time.Clock clock) {
        this.installations = installations;
        this.journal = journal;
        this.engine = engine;
        this.clock = clock;
    }

    /** One file of the bundle, as it will be written. */
    public record Entry(String name, String content) {
    }

    public record Preview(String project, List<Entry> entries) {
        public long size() {
            return entries.stream().mapToLong(e -> e.content().getBytes(StandardCharsets.UTF_8).length).sum();
        }
    }

    public Preview preview(String project, String consoleVersion) {
        Installations.Installation inst = installations.find(project).orElseThrow(() -> new IllegalArgumentException(
                "there is no installation '" + project + "' on this machine"));
        InstallDirectory dir = new InstallDirectory(inst.directory());
        Redactor redactor = Redactor.forInstall(dir);
        List<Entry> entries = new ArrayList<>();
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("createdAt", clock.instant().toString());
        system.put("project", project);
        system.put("version", inst.version());
        system.put("httpPort", inst.httpPort());
        system.put("console", consoleVersion == null ? "built from source" : consoleVersion);
        system.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        system.put("java", System.getProperty("java.runtime.version"));
        system.put("processors", Runtime.getRuntime().availableProcessors());
        DockerEngine docker = null;
        try {
            docker = engine.get();
            system.put("engine", docker.info());
        } catch (RuntimeException e) {
            system.put("engine", "not reachable: " + e.getMessage());
        }
        entries.add(new Entry("system.json", json(system)));
        if (docker != null) {
            StackService stacks = new StackService(docker, installations, journal, clock);
            try {
                StackService.StackStatus status = stacks.status(project);
                entries.add(new Entry("status.json", json(status)));
                for (StackService.ServiceStatus s : status.services()) {
                    String log;
                    try {
                        log = String.join("\n", stacks.logs(project, s.service(), LOG_LINES, true));
                    } catch (RuntimeException e) {
                        log = "(the log could not be read: " + e.getMessage() + ")";
                    }
                    entries.add(new Entry("logs/" + s.service() + ".log", redactor.redact(log)));
                }
            } catch (RuntimeException e) {
                entries.add(new Entry("status.json", json(Map.of("error", String.valueOf(e.getMessage())))));
            }
        }
        entries.add(new Entry("history.json", redactor.redact(json(History.of(journal.entries(project, 2000))))));
        for (String name : List.of(InstallDirectory.COMPOSE, InstallDirectory.ENV)) {
            Path file = inst.directory().resolve(name);
            try {
                String text = Files.isRegularFile(file) ? Files.readString(file) : "(missing)";
                entries.add(new Entry("config/" + (name.equals(InstallDirectory.ENV) ? "env.txt" : name),
                        redactor.redact(name.equals(InstallDirectory.ENV) ? Redactor.settingsOnly(text) : text)));
            } catch (IOException e) {
                entries.add(new Entry("config/" + name, "(cannot be read: " + e.getMessage() + ")"));
            }
        }
        return new Preview(project, List.copyOf(entries));
    }

    /** Writes the previewed entries, and nothing else, as a zip (via {@code .partial}, then renamed). */
    public static Path save(Preview preview, Path file) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Entry e : preview.entries()) {
                    zip.putNextEntry(new ZipEntry("adaptive-support-" + preview.project() + "/" + e.name()));
                    zip.write(e.content().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("the support bundle cannot be written to " + file + ": " + e.getMessage(), e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            return "(cannot be written as JSON: " + e.getMessage() + ")";
        }
    }
}
