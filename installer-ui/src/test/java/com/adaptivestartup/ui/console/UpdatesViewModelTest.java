package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.ui.Background;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdatesViewModelTest {
    private final FakeUpdates updates = new FakeUpdates();
    private final List<Path> opened = new ArrayList<>();
    private final FakeDialogs dialogs = new FakeDialogs();
    private final UpdatesViewModel model = new UpdatesViewModel(updates, Background.SAME_THREAD, dialogs, ConsoleFakes.TEXT,
            ConsoleFakes.CLOCK, opened::add);

    @Test
    void saysWhatIsOnOfferWhatTheLicenseCoversAndTheNotices() {
        model.refresh();
        assertThat(model.summaryProperty().get()).isEqualTo("Adaptive Startup 1.0.0 (channel stable). Version 1.1.0 is"
                + " available: faster dashboards. 2.0.0 needs a renewed license.");
        assertThat(model.notices()).containsExactly("[CRITICAL] Update to 1.1.0: fixes a security issue in file sharing");
        assertThat(model.canUpdate()).isTrue();
        assertThat(model.updateWarning()).isEqualTo("Adaptive Startup goes from 1.0.0 to 1.1.0. A backup is taken first;"
                + " the app is unavailable for a short while. If anything fails, the console puts 1.0.0 and its data back"
                + " by itself.");
    }

    @Test
    void anUpdateCutShortEarlierIsUndoneFirstAndSaid() {
        updates.interrupted = "the update from 1.0.0 to 1.1.0 was interrupted (during 'deploy'); rolled back to 1.0.0"
                + " with the backup it took, nothing lost";
        model.refresh();
        assertThat(model.summaryProperty().get()).endsWith(" The update from 1.0.0 to 1.1.0 was interrupted (during"
                + " 'deploy'); rolled back to 1.0.0 with the backup it took, nothing lost.");
    }

    @Test
    void anUpdateIsThenKeptOrRolledBack() {
        model.refresh();
        model.update();
        assertThat(updates.asked).containsExactly("apply 1.1.0");
        assertThat(model.progressProperty().get()).isEqualTo("Updated to 1.1.0. Check that all is well, then keep it (or roll back).");
        assertThat(model.summaryProperty().get()).contains("Updated: keep this version, or roll back");
        assertThat(model.canUpdate()).isFalse();
        assertThat(model.rollbackWarning()).startsWith("Rolling back goes to Adaptive Startup 1.0.0 by running 1.1.0's");
        model.rollback();
        assertThat(updates.asked).containsExactly("apply 1.1.0", "rollback");
        assertThat(model.progressProperty().get()).isEqualTo("Rolled back to 1.0.0 by running 1.1.0's migrations down:"
                + " everything written since the update is kept.");
        assertThat(model.summaryProperty().get()).startsWith("Adaptive Startup 1.0.0");
        model.update();
        model.keep();
        assertThat(updates.asked).endsWith("confirm");
        assertThat(model.summaryProperty().get()).isEqualTo("Adaptive Startup 1.1.0 (channel stable). Up to date.");
    }

    @Test
    void aFailedUpdateIsSaidPlainlyAndAnOfflineChannelIsNamed() {
        updates.failApply = "migration 1.1.0/V5 failed: relation exists; rolled back to 1.0.0, nothing lost";
        updates.offline = "the update source cannot be reached";
        model.refresh();
        assertThat(model.summaryProperty().get()).endsWith("Offline (the update source cannot be reached): showing the"
                + " channel as last received.");
        model.update();
        assertThat(model.problemProperty().get()).isEqualTo("Update failed: migration 1.1.0/V5 failed: relation exists;"
                + " rolled back to 1.0.0, nothing lost.");
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void aNewerConsoleIsDownloadedThenOpened() {
        model.refresh();
        assertThat(model.consoleOfferProperty().get()).isEqualTo("Console 1.2.0 is available (50 MB): dark mode. Your"
                + " settings and your stack are kept.");
        model.downloadConsole();
        assertThat(opened).containsExactly(Path.of("/downloads/Console-1.2.0.msi"));
        assertThat(model.progressProperty().get()).startsWith("Downloaded and checked ");
    }

    @Test
    void anUpdateFromAFileSaysWhatWasWrongWithTheFile() {
        model.refresh();
        model.updateFromFile(Path.of("/media/usb/adaptive-1.1.0-flipped.bundle"));
        assertThat(model.problemProperty().get()).isEqualTo("Update from file failed: the bundle's entry images.tar.zst is"
                + " damaged (its SHA-256 is not the signed one); copy the bundle again. Nothing was changed.");
        model.updateFromFile(Path.of("/media/usb/adaptive-1.1.0.bundle"));
        assertThat(updates.asked).containsExactly("bundle adaptive-1.1.0-flipped.bundle", "bundle adaptive-1.1.0.bundle");
        assertThat(model.progressProperty().get()).isEqualTo("Updated from adaptive-1.1.0.bundle. Check that all is well,"
                + " then keep it (or roll back).");
        assertThat(model.summaryProperty().get()).contains("Updated: keep this version");
    }

    @Test
    void settingsAreSavedBadOnesSaidAndANoticeDismissedStaysAway() {
        model.refresh();
        assertThat(model.channelProperty().get()).isEqualTo("stable");
        model.pinnedProperty().set("one-point-two");
        model.saveSettings();
        assertThat(model.problemProperty().get()).isEqualTo("Save settings failed: the version to pin at is a version"
                + " such as 1.1.0, not 'one-point-two'.");
        model.pinnedProperty().set("1.1.0");
        model.saveSettings();
        assertThat(model.progressProperty().get()).isEqualTo("Saved: channel stable, updates stop at 1.1.0.");
        model.skip();
        assertThat(updates.asked).endsWith("skip 1.1.0");
        model.dismiss(0);
        assertThat(updates.asked).endsWith("dismiss adv-1");
        assertThat(model.notices()).isEmpty();
    }

    @Test
    void anUpdateRunsOnlyOnceTheAdminHasReadWhatHappensAndSaidYes() {
        model.refresh();
        assertThat(model.checkedProperty().get()).isEqualTo("Checked at 10:00:00.");
        assertThat(model.pinChoices()).as("no limit, the installed version, each newer one").containsExactly("", "1.0.0",
                "1.1.0", "2.0.0");
        dialogs.answer = false;
        model.askToUpdate();
        assertThat(dialogs.asked).containsExactly("Update Adaptive Startup now? | " + model.updateWarning() + " | Update now");
        assertThat(updates.asked).as("declined: nothing happens").isEmpty();
        dialogs.answer = true;
        model.askToUpdate();
        assertThat(updates.asked).containsExactly("apply 1.1.0");
        dialogs.asked.clear();
        dialogs.answer = false;
        model.askToRollback();
        assertThat(dialogs.asked).singleElement().asString().startsWith("Roll back to the previous version? | Rolling back"
                + " goes to Adaptive Startup 1.0.0");
        assertThat(updates.asked).containsExactly("apply 1.1.0");
    }

    @Test
    void anUpdateFromAFileIsChosenThenAgreedTo() {
        model.refresh();
        model.askToUpdateFromFile();
        assertThat(dialogs.asked).containsExactly("Update from an offline bundle?");
        assertThat(updates.asked).as("no file chosen: nothing asked further").isEmpty();
        dialogs.chosen = Path.of("/media/usb/adaptive-1.1.0.bundle");
        dialogs.answer = false;
        model.askToUpdateFromFile();
        assertThat(updates.asked).isEmpty();
        dialogs.answer = true;
        model.askToUpdateFromFile();
        assertThat(updates.asked).containsExactly("bundle adaptive-1.1.0.bundle");
        assertThat(model.progressProperty().get()).isEqualTo("Updated from adaptive-1.1.0.bundle. Check that all is well,"
                + " then keep it (or roll back).");
    }
}
