package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.state.History;
import com.adaptivestartup.console.support.SupportBundle;
import com.adaptivestartup.ui.Background;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportAndHistoryViewModelTest {
    private final List<SupportBundle.Preview> saved = new ArrayList<>();
    private final SupportBundle.Preview preview = new SupportBundle.Preview("acme", List.of(
            new SupportBundle.Entry("system.json", "{\"version\":\"1.1.0\"}"),
            new SupportBundle.Entry("logs/backend.log", "login with [redacted]")));
    private final FakeDialogs dialogs = new FakeDialogs();
    private final SupportViewModel support = new SupportViewModel(new SupportOperations() {
        public SupportBundle.Preview preview() {
            return preview;
        }

        public Path save(SupportBundle.Preview p, Path file) {
            saved.add(p);
            return file;
        }
    }, Background.SAME_THREAD, dialogs, ConsoleFakes.TEXT);

    @Test
    void theBundleIsShownFileByFileBeforeExactlyThatIsSaved() {
        assertThat(support.readyProperty().get()).isFalse();
        support.build();
        assertThat(support.files()).containsExactly("system.json", "logs/backend.log");
        assertThat(support.statusProperty().get()).startsWith("2 files, 40 B, secrets taken out.");
        support.show("logs/backend.log");
        assertThat(support.contentProperty().get()).isEqualTo("login with [redacted]");
        support.askToSave();
        assertThat(saved).as("cancelled: nothing saved").isEmpty();
        dialogs.chosen = Path.of("/tmp/x.zip");
        support.askToSave();
        assertThat(dialogs.asked).containsExactly("Save the support bundle", "Save the support bundle");
        assertThat(saved).containsExactly(preview);
        assertThat(support.statusProperty().get()).isEqualTo("Saved /tmp/x.zip. Send it to Adaptive Startup's support.");
    }

    @Test
    void historyRowsSayEachOutcomeInWords() {
        HistoryViewModel history = new HistoryViewModel(() -> List.of(
                new History.Operation("2", "update", "2026-11-28T04:40:12Z", null, "unfinished", "deploy started", List.of()),
                new History.Operation("1", "install", "2026-11-28T03:00:00Z", "2026-11-28T03:01:00Z", "done", "1.0.0", List.of())),
                Background.SAME_THREAD, ZoneOffset.UTC, ConsoleFakes.TEXT);
        history.refresh();
        assertThat(history.rows()).containsExactly(
                new HistoryViewModel.Row("Nov 28, 2026, 4:40:12\u202fAM", "update", "did not finish", "deploy started"),
                new HistoryViewModel.Row("Nov 28, 2026, 3:00:00\u202fAM", "install", "done", "1.0.0"));
    }
}
