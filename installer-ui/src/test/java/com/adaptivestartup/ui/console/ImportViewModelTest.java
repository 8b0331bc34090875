package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.cloudimport.CloudImportService;
import com.adaptivestartup.ui.Background;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Cloud import tab's view model against a fake console-core: what it asks, shows and says back. */
class ImportViewModelTest {
    private final FakeImports fake = new FakeImports();
    private final FakeDialogs dialogs = new FakeDialogs();
    private final ImportViewModel model = new ImportViewModel(fake, Background.SAME_THREAD, dialogs, ZoneOffset.UTC,
            ConsoleFakes.TEXT);

    @Test
    void withoutAnExportItSaysWhatToChooseAndAsksNothing() {
        model.tryIt();
        assertThat(model.resultProperty().get()).isEqualTo("Choose the export first: the .zip file Adaptive Startup"
                + " Cloud's export made.");
        assertThat(fake.asked).isEmpty();
    }

    @Test
    void aTryShowsTheReportTableByTableAndTheHistoryKeepsIt() {
        model.refresh();
        assertThat(model.history()).isEmpty();
        model.exportProperty().set(Path.of("/home/ana/Downloads/export.zip"));
        model.tryIt();
        assertThat(fake.asked).containsExactly("try export.zip");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.rows()).extracting(r -> r.table() + " " + r.created() + "/" + r.read())
                .containsExactly("projects 20/20", "key_results 78/80", "features 0/58");
        assertThat(model.rows().get(1).why()).containsExactly("skipped 2: its 'goalId' refers to g1, which is not a goals of"
                + " the same venture in the export", "fields kept only in the archive: updateType");
        assertThat(model.resultProperty().get()).startsWith("Dry run of export.zip: 178 documents read, 98 records created")
                .contains("220 files (105.0 MB)").contains("2 deleted in the cloud since the last import")
                .endsWith("verified. Nothing was changed.");
        assertThat(model.history()).hasSize(1);
        assertThat(model.history().get(0)).startsWith("Nov 30, 2026, 10:00\u202fAM  Dry run of export.zip");
    }

    @Test
    void anImportSaysTheBackupAndListsThePeoplesLinksToCopy() {
        fake.invitations = List.of(new CloudImportService.Invitation("ana@acme.com", "Ana Souza",
                "https://startup.acme.com#/reset/abc"), new CloudImportService.Invitation("bo@acme.com", "Bo", "https://x#/reset/d"));
        model.exportProperty().set(Path.of("export.zip"));
        model.removeDeletedProperty().set(true);
        model.askToImport();
        assertThat(fake.asked).containsExactly("import export.zip removing");
        assertThat(model.resultProperty().get()).startsWith("Imported export.zip").contains("A backup was taken before it"
                + " (20261130-100000-pre-import)");
        assertThat(model.invitations()).hasSize(2);
        assertThat(model.invitationsNoteProperty().get()).startsWith("2 people need a link to choose their password")
                .contains("/stack/imports/x-links.txt");
        assertThat(model.linksText()).isEqualTo("Ana Souza <ana@acme.com>\thttps://startup.acme.com#/reset/abc\n"
                + "Bo <bo@acme.com>\thttps://x#/reset/d\n");
    }

    @Test
    void aStoppedImportIsOneSentenceAndTheLastReportIsCleared() {
        model.exportProperty().set(Path.of("export.zip"));
        model.tryIt();
        assertThat(model.rows()).isNotEmpty();
        fake.refusal = FakeImports.stopped();
        model.otherDeploymentProperty().set(true);
        model.askToImport();
        assertThat(fake.asked.getLast()).isEqualTo("import export.zip other");
        assertThat(model.rows()).isEmpty();
        assertThat(model.progressProperty().get()).isNull();
        assertThat(model.resultProperty().get()).startsWith("The import stopped: line 7 of goals/documents.jsonl")
                .contains("the backup taken before it (20261130-100000-pre-import) is kept");
    }

    @Test
    void progressSaysHowFarWhatAndHowLongIsLeft() {
        model.exportProperty().set(Path.of("export.zip"));
        fake.refusal = new IllegalStateException("stop after the progress");
        java.util.List<String> seen = new java.util.ArrayList<>();
        model.progressProperty().addListener((o, before, now) -> {
            if (now != null) {
                seen.add(now);
            }
        });
        model.tryIt();
        assertThat(seen).contains("50 % \u00b7 goals \u00b7 12,000 documents (2,400 a second) \u00b7 10 files, 50 MB of"
                + " 100 MB \u00b7 about 2 minutes left");
    }
}
