package com.adaptivestartup.console.cloudimport;

import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupService;
import com.adaptivestartup.console.stack.ServerCommand;
import com.adaptivestartup.console.stack.StackPlan;
import com.adaptivestartup.console.state.InstallationLock;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * "Bring your data from Adaptive Startup Cloud": a Convex export imported into an installed stack by the stack's
 * own backend (a one-off container with the export mounted read-only), after a backup, with its progress told as
 * it goes. The import is one transaction in the stack, so a failure changes nothing; the backup is the second
 * safety. Each report is kept with the installation ({@code imports/}); the one-time links for people without mail
 * go to a file only the console's user reads, never into the report.
 */
public final class CloudImportService {
    static final String FOLDER = "imports";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final Duration LONGEST = Duration.ofHours(12);
    /** The first release whose server imports a Convex export. */
    static final String FIRST_RELEASE = "1.2.0";

    private final Installations installations;
    private final BackupService backups;
    private final ServerCommand server;
    private final Journal journal;
    private final Clock clock;

    public CloudImportService(Installations installations, BackupService backups, ServerCommand server, Journal journal,
                              Clock clock) {
        this.installations = installations;
        this.backups = backups;
        this.server = server;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * @param dryRun          do everything and keep nothing: the report tells what an import would do
     * @param removeDeleted   remove here what was deleted in the cloud since the last import
     * @param otherDeployment import although an earlier import came from another Convex deployment
     */
    public record Options(boolean dryRun, boolean removeDeleted, boolean otherDeployment) {
    }

    /** Steps ("backup", "import") and the import's progress as the stack tells it. */
    public interface Listener {
        Listener SILENT = new Listener() {
        };

        default void step(String step, String status) {
        }

        default void progress(Progress progress) {
        }
    }

    /** Where an import stands: documents and files done and in all, rates, seconds left (null: not known yet). */
    public record Progress(String step, long documents, long documentBytes, long documentBytesTotal, long files,
                           long fileBytes, long fileBytesTotal, long documentsPerSecond, long fileBytesPerSecond,
                           Long secondsLeft) {
        /** Done, from 0 to 1, by bytes. */
        public double fraction() {
            double total = documentBytesTotal + fileBytesTotal;
            return total <= 0 ? 0 : Math.min(1, (documentBytes + fileBytes) / total);
        }
    }

    /** A person brought from the cloud and the one-time link to choose their password. */
    public record Invitation(String email, String name, String link) {
    }

    /**
     * What an import did: the report (as the stack wrote it, without the links), the backup taken before it, where
     * the report was saved, and the people to hand a link to (and the file that lists them, readable only here).
     */
    public record Outcome(ImportSummary summary, JsonNode report, String backupId, Path savedReport,
                          List<Invitation> invitations, Path linksFile) {
    }

    /** A saved report: when, from which export, a dry run or not, and the report. */
    public record Saved(Path file, Instant at, ImportSummary summary, JsonNode report) {
    }

    /** Imports (or with {@code dryRun} tries) the export; an {@link ImportProblem} says why nothing was imported. */
    public Outcome run(String project, Path export, Options options, Listener listener) {
        Installations.Installation inst = installations.find(project).orElseThrow(() -> new IllegalArgumentException(
                "there is no installation '" + project + "' on this computer"));
        if (com.adaptivestartup.console.release.Versions.compare(inst.version(), FIRST_RELEASE) < 0) {
            throw new IllegalArgumentException("release " + inst.version() + " cannot import from Adaptive Startup Cloud;"
                    + " update to " + FIRST_RELEASE + " or newer first (adaptivectl update check)");
        }
        Path file = checkedExport(export);
        Journal.Operation op = journal.begin(options.dryRun() ? "import-dry-run" : "import", project);
        try {
            String backupId = null;
            if (!options.dryRun()) {
                listener.step("backup", "running");
                BackupCatalogue.Backup backup = op.step("backup", listener::step, () -> backups.create(project, "pre-import",
                        "taken automatically before importing " + file.getFileName(), null, BackupService.Listener.SILENT));
                backups.store().catalogue().hold(backup.id(), "taken before importing " + file.getFileName()
                        + " from Adaptive Startup Cloud; release it when the import is confirmed");
                backupId = backup.id();
                listener.step("backup", "done");
            }
            String safety = backupId;
            JsonNode answer;
            try (InstallationLock lock = journal.lock(project, "import")) {
                String inside = "/import/" + file.getFileName();
                List<String> command = new ArrayList<>(List.of("import-convex", inside));
                if (options.dryRun()) {
                    command.add("--dry-run");
                }
                if (options.removeDeleted()) {
                    command.add("--remove-deleted");
                }
                if (options.otherDeployment()) {
                    command.add("--other-deployment");
                }
                listener.step("import", "running");
                answer = op.step("import", listener::step, () -> server.run(inst, command, List.of(new StackPlan.VolumeMount(
                                true, file.toString(), inside, true)), "import", "import the export", LONGEST,
                        p -> listener.progress(progress(p))).json());
            }
            if (answer.hasNonNull("failed") || !answer.hasNonNull("import")) {
                String why = answer.path("failed").asText("the stack answered without a report");
                String sentence = "The import stopped: " + why + (safety != null ? " Nothing was changed in the stack;"
                        + " the backup taken before it (" + safety + ") is kept." : "");
                op.record("operation", "failed", sentence);
                throw new ImportProblem(sentence);
            }
            ObjectNode report = (ObjectNode) answer.get("import").deepCopy();
            List<Invitation> invitations = new ArrayList<>();
            report.path("invitations").forEach(i -> invitations.add(new Invitation(i.path("email").asText(),
                    i.path("name").asText(), i.path("link").asText())));
            report.remove("invitations");
            if (safety != null) {
                report.put("backup", safety);
            }
            Path saved = save(inst, report);
            Path links = invitations.isEmpty() ? null : saveLinks(inst, saved, invitations);
            ImportSummary summary = ImportSummary.of(report);
            op.record("operation", "done", summary.sentence());
            listener.step("import", "done");
            return new Outcome(summary, report, safety, saved, List.copyOf(invitations), links);
        } catch (ImportProblem e) {
            throw e;
        } catch (RuntimeException e) {
            op.record("operation", "failed", e.getMessage());
            throw e;
        }
    }

    /** The reports kept with the installation, newest first. */
    public List<Saved> history(String project) {
        Installations.Installation inst = installations.find(project).orElseThrow(() -> new IllegalArgumentException(
                "there is no installation '" + project + "' on this computer"));
        Path folder = inst.directory().resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Saved> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                JsonNode report = JSON.readTree(f.toFile());
                out.add(new Saved(f, Instant.parse(report.path("finishedAt").asText(Instant.EPOCH.toString())),
                        ImportSummary.of(report), report));
            }
            out.sort(Comparator.comparing(Saved::at).reversed());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the import reports in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Path checkedExport(Path export) {
        Path file = export.toAbsolutePath().normalize();
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("there is no file " + file + "; give the .zip the cloud's export made");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is a folder; give the .zip file the cloud's export made");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file + ": check its permissions");
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        try {
            if (posix != null && !posix.readAttributes().permissions().contains(PosixFilePermission.OTHERS_READ)) {
                throw new IllegalArgumentException("the stack reads the export as its own user, and " + file + " is"
                        + " readable only by its owner: make it readable (chmod o+r \"" + file + "\") and import again");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private Path save(Installations.Installation inst, JsonNode report) {
        try {
            Path folder = Files.createDirectories(inst.directory().resolve(FOLDER));
            String name = STAMP.format(clock.instant()) + (report.path("dryRun").asBoolean() ? "-dry-run" : "-import");
            Path file = folder.resolve(name + ".json");
            JSON.writeValue(file.toFile(), report);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("the import is done, but its report could not be saved in " + inst.directory()
                    + ": " + e.getMessage(), e);
        }
    }

    private static Path saveLinks(Installations.Installation inst, Path report, List<Invitation> invitations) {
        Path file = report.resolveSibling(report.getFileName().toString().replace(".json", "-links.txt"));
        StringBuilder text = new StringBuilder("# People brought from Adaptive Startup Cloud: each link lets one person"
                + " choose a password, once, for 14 days.\n# Hand each link only to its person. Delete this file once"
                + " they are handed over.\n");
        for (Invitation i : invitations) {
            text.append(i.name()).append(" <").append(i.email()).append(">\t").append(i.link()).append('\n');
        }
        try {
            if (Files.getFileStore(report).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("the import is done, but the people's links could not be saved next to "
                    + report + ": " + e.getMessage(), e);
        }
    }

    private static Progress progress(JsonNode p) {
        return new Progress(p.path("step").asText(), p.path("documents").asLong(), p.path("documentBytes").asLong(),
                p.path("documentBytesTotal").asLong(), p.path("files").asLong(), p.path("fileBytes").asLong(),
                p.path("fileBytesTotal").asLong(), p.path("documentsPerSecond").asLong(),
                p.path("fileBytesPerSecond").asLong(), p.hasNonNull("secondsLeft") ? p.get("secondsLeft").asLong() : null);
    }
}
