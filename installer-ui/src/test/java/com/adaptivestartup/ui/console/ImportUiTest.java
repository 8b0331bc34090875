package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.cloudimport.CloudImportService;
import com.adaptivestartup.ui.app.FxBackground;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Cloud import tab, headless: a try, then an import that asks first, its report and the people's links. */
@ExtendWith(ApplicationExtension.class)
class ImportUiTest {
    private static final ResourceBundle TEXT = ResourceBundle.getBundle("com.adaptivestartup.ui.messages", java.util.Locale.ROOT);
    private final FxBackground background = new FxBackground();
    private final FakeImports imports = new FakeImports();
    private ImportViewModel model;
    private final FakeDialogs dialogs = new FakeDialogs();

    @Start
    void start(Stage stage) {
        model = new ImportViewModel(imports, background, dialogs, ZoneOffset.UTC, TEXT);
        stage.setScene(new Scene(new ImportView(model, TEXT), 1100, 760));
        stage.show();
        model.refresh();
    }

    @AfterEach
    void stop() {
        background.close();
    }

    @Test
    void aTryThenAnImportThatAsksFirstWithTheReportAndTheLinks(FxRobot robot) throws Exception {
        robot.clickOn("#import-try");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#import-result").queryAs(Label.class).getText()).startsWith("Choose the export first");
        robot.interact(() -> model.exportProperty().set(Path.of("/exports/export.zip")));
        assertThat(robot.lookup("#import-file").queryAs(Label.class).getText()).isEqualTo(Path.of("/exports/export.zip").toString());

        robot.clickOn("#import-try");
        TableView<?> rows = robot.lookup("#import-rows").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> rows.getItems().size() == 3);
        assertThat(robot.lookup("#import-invitations").queryAs(TableView.class).getParent().isVisible()).isFalse();
        robot.interact(() -> rows.getSelectionModel().select(1));
        assertThat(robot.lookup("#import-why").queryAs(Label.class).getText()).startsWith("skipped 2: its 'goalId'");

        imports.invitations = List.of(new CloudImportService.Invitation("ana@acme.com", "Ana", "https://a#/reset/x"));
        dialogs.answer = false;
        robot.clickOn("#import-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.asked.getLast()).startsWith("Import | Import this export into the running stack?");
        assertThat(imports.asked).containsExactly("try export.zip");
        dialogs.answer = true;
        robot.clickOn("#import-run");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> imports.asked.size() == 2);
        TableView<?> people = robot.lookup("#import-invitations").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> people.getItems().size() == 1);
        assertThat(people.getParent().isVisible()).isTrue();
        assertThat(robot.lookup("#import-result").queryAs(Label.class).getText()).startsWith("Imported export.zip");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> robot.lookup("#import-history").queryListView().getItems().size() == 2);
    }
}
