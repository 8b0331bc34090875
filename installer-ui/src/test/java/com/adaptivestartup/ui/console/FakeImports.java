package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.cloudimport.CloudImportService;
import com.adaptivestartup.console.cloudimport.ImportProblem;
import com.adaptivestartup.console.cloudimport.ImportSummary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** console-core's cloud import as the Cloud import tab sees it: a report from the stack, or its refusal. */
public final class FakeImports implements ImportOperations {
    static final String REPORT = """
            {"export":"export.zip","dryRun":%s,"finishedAt":"2026-11-30T10:00:00Z",
             "tables":{"projects":{"into":"ventures","read":20,"created":20},
                       "key_results":{"into":"key-results","read":80,"created":78,"skipped":2,
                          "skippedBecause":{"its 'goalId' refers to g1, which is not a goals of the same venture in the export":2},
                          "fieldsNotMapped":["updateType"]},
                       "features":{"into":"features","read":58,"unchanged":58,"deletedInCloud":2}},
             "archivedOnly":{"deck_slides":20},
             "files":{"imported":220,"bytes":110100480},
             "accounts":{"created":9,"linkedToExisting":1},
             "verification":{"ok":true}}""";
    public final List<String> asked = new ArrayList<>();
    final List<CloudImportService.Saved> saved = new ArrayList<>();
    RuntimeException refusal;
    public List<CloudImportService.Invitation> invitations = List.of();

    @Override
    public CloudImportService.Outcome run(Path export, CloudImportService.Options options,
                                          Consumer<CloudImportService.Progress> progress) {
        asked.add((options.dryRun() ? "try " : "import ") + export.getFileName() + (options.removeDeleted() ? " removing" : "")
                + (options.otherDeployment() ? " other" : ""));
        progress.accept(new CloudImportService.Progress("goals", 12_000, 6L << 20, 12L << 20, 10, 50L << 20, 100L << 20,
                2_400, 20L << 20, 95L));
        if (refusal != null) {
            throw refusal;
        }
        JsonNode report = read(String.format(REPORT, options.dryRun()));
        ImportSummary summary = ImportSummary.of(report);
        saved.add(0, new CloudImportService.Saved(Path.of("imports/x.json"), Instant.parse("2026-11-30T10:00:00Z"), summary,
                report));
        return new CloudImportService.Outcome(summary, report, options.dryRun() ? null : "20261130-100000-pre-import",
                Path.of("/stack/imports/x.json"), invitations, invitations.isEmpty() ? null : Path.of("/stack/imports/x-links.txt"));
    }

    @Override
    public List<CloudImportService.Saved> history() {
        return List.copyOf(saved);
    }

    static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ImportProblem stopped() {
        return new ImportProblem("The import stopped: line 7 of goals/documents.jsonl in export.zip is not JSON; the export"
                + " is damaged. Export again. Nothing was imported Nothing was changed in the stack; the backup taken"
                + " before it (20261130-100000-pre-import) is kept.");
    }
}
