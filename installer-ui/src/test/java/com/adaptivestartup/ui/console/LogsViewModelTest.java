package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.ui.Background;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsViewModelTest {
    @TempDir
    Path dir;

    /** Two services; follow hands the line consumer to the test, which plays the engine. */
    static final class FakeLogs implements LogOperations {
        final List<String> asked = new ArrayList<>();
        Consumer<String> follower;
        boolean closed;

        public List<String> services() {
            return List.of("backend", "web");
        }

        public List<String> tail(String service, int lines) {
            asked.add("tail " + service + " " + lines);
            return List.of(service + " started", service + " GET /healthz 200", service + " ERROR disk almost full");
        }

        public AutoCloseable follow(String service, Consumer<String> line) {
            asked.add("follow " + service);
            follower = line;
            closed = false;
            return () -> closed = true;
        }
    }

    private final FakeLogs logs = new FakeLogs();
    private final FakeDialogs dialogs = new FakeDialogs();
    private final LogsViewModel model = new LogsViewModel(logs, Background.SAME_THREAD, dialogs,
            java.time.ZoneId.of("Europe/Berlin"),
            ConsoleFakes.TEXT);

    @Test
    void showsTheFirstServicesRecentLinesAndSearchNarrowsThem() {
        model.refresh();
        assertThat(model.serviceProperty().get()).isEqualTo("backend");
        assertThat(logs.asked).containsExactly("tail backend 500");
        assertThat(model.shownLines()).hasSize(3);
        model.searchProperty().set("error");
        assertThat(model.shownLines()).containsExactly("backend ERROR disk almost full");
        assertThat(model.shownText()).isEqualTo("backend ERROR disk almost full");
        model.searchProperty().set("");
        model.serviceProperty().set("web");
        assertThat(model.shownLines()).first().isEqualTo("web started");
    }

    @Test
    void followingAppendsNewLinesKeepsAtMostTheLimitAndStopsWhenSwitchedOff() {
        model.refresh();
        model.followingProperty().set(true);
        assertThat(logs.asked).contains("follow backend");
        logs.follower.accept("backend new line");
        assertThat(model.shownLines()).last().isEqualTo("backend new line");
        IntStream.range(0, LogsViewModel.KEEP + 10).forEach(i -> logs.follower.accept("line " + i));
        assertThat(model.shownLines()).hasSize(LogsViewModel.KEEP).last().isEqualTo("line " + (LogsViewModel.KEEP + 9));
        model.followingProperty().set(false);
        assertThat(logs.closed).isTrue();
        model.followingProperty().set(true);
        model.serviceProperty().set("web");
        assertThat(logs.closed).as("switching service stops following the old one").isTrue();
        assertThat(model.followingProperty().get()).isFalse();
    }

    @Test
    void whatIsShownIsSaved() throws Exception {
        model.refresh();
        model.searchProperty().set("200");
        dialogs.chosen = dir.resolve("backend.log");
        model.askToSave();
        assertThat(dialogs.asked).containsExactly("Save the lines shown");
        assertThat(Files.readAllLines(dir.resolve("backend.log"))).containsExactly("backend GET /healthz 200");
        assertThat(model.statusProperty().get()).startsWith("Saved 1 lines to ");
    }

    @Test
    void linesShowTheirTimeOnThisComputersClockAndTheCountFollowsTheSearch() {
        LogsViewModel berlin = new LogsViewModel(ConsoleFakes.logs(), Background.SAME_THREAD, dialogs,
                java.time.ZoneId.of("Europe/Berlin"), ConsoleFakes.TEXT);
        berlin.refresh();
        assertThat(berlin.shownLines()).first().isEqualTo("2026-11-28 10:58:01  INFO  AdaptiveServer - Adaptive Startup"
                + " 1.1.0 listening on 8080");
        assertThat(berlin.countProperty().get()).isEqualTo("5 lines");
        berlin.searchProperty().set("info");
        assertThat(berlin.countProperty().get()).isEqualTo("4 of 5 lines match \u201cinfo\u201d");
        berlin.searchProperty().set("10:59");
        assertThat(berlin.shownLines()).as("the search reads the time as shown").hasSize(2);
        assertThat(berlin.local("no time here")).isEqualTo("no time here");
        assertThat(berlin.local("2026-13-45T99:00:00Z broken")).as("a time that is not one: the line as it is")
                .isEqualTo("2026-13-45T99:00:00Z broken");
    }
}
