package com.adaptivestartup.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.ui.Background;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The license step's view model, without the FX toolkit: verdicts as the admin types, and Next's condition. */
class LicenseStepViewModelTest {
    private static final ResourceBundle TEXT = ResourceBundle.getBundle("com.adaptivestartup.ui.messages", java.util.Locale.ROOT);
    @TempDir
    Path dir;
    private Licenses licenses;
    private FakeConsole console;

    @BeforeEach
    void keys() throws Exception {
        console = new FakeConsole(dir);
        licenses = console.licenses;
    }

    @Test
    void aGoodKeyIsShownWithWhoItIsForAndLetsTheWizardGoOn() {
        WizardViewModel wizard = console.wizard(Background.SAME_THREAD);
        LicenseStepViewModel model = wizard.license();
        assertThat(model.verdictProperty().get()).isEqualTo("Paste your license key to continue.");
        assertThat(wizard.canGoNextProperty().get()).isFalse();

        model.keyProperty().set("  " + licenses.key("Acme Robotics", Licenses.NOW.plusSeconds(200L * 86400)) + "\n");
        assertThat(model.usableProperty().get()).isTrue();
        assertThat(model.verdictProperty().get()).startsWith("Valid license for Acme Robotics (standard, 25 seats)");
        assertThat(wizard.canGoNextProperty().get()).isTrue();
        wizard.next();
        assertThat(wizard.currentProperty().get()).isEqualTo(WizardViewModel.Step.CHECKS);
        wizard.back();
        assertThat(wizard.currentProperty().get()).isEqualTo(WizardViewModel.Step.LICENSE);
    }

    @Test
    void aBadKeyIsExplainedAndKeepsNextDisabled() {
        WizardViewModel wizard = console.wizard(Background.SAME_THREAD);
        LicenseStepViewModel model = wizard.license();
        model.keyProperty().set("ASL1.this-is-not-a-license");
        assertThat(model.usableProperty().get()).isFalse();
        assertThat(model.verdictProperty().get()).isNotBlank().doesNotContain("Exception");
        String expired = licenses.key("Acme Robotics", Licenses.NOW.minusSeconds(30L * 86400));
        model.keyProperty().set(expired);
        assertThat(model.usableProperty().get()).isFalse();
        assertThat(model.verdictProperty().get()).containsIgnoringCase("expired");
        wizard.next();
        assertThat(wizard.currentProperty().get()).isEqualTo(WizardViewModel.Step.LICENSE);
        model.keyProperty().set("");
        assertThat(model.verdictProperty().get()).isEqualTo("Paste your license key to continue.");
    }

    @Test
    void aVerdictForTextThatChangedSinceIsDropped() {
        List<Runnable> pending = new ArrayList<>();
        Background later = new Background() {
            @Override
            public <T> void run(Supplier<T> work, Consumer<T> onResult, Consumer<Throwable> onFailure) {
                pending.add(() -> onResult.accept(work.get()));
            }

            @Override
            public <T> Consumer<T> onUiThread(Consumer<T> consumer) {
                return consumer;
            }
        };
        LicenseStepViewModel model = new LicenseStepViewModel(licenses.service::verify, later, TEXT);
        model.keyProperty().set(licenses.key("Acme Robotics", Licenses.NOW.plusSeconds(200L * 86400)));
        model.keyProperty().set("garbage");
        assertThat(model.checkingProperty().get()).isTrue();
        pending.get(1).run();
        pending.get(0).run(); // the good key's verdict arrives last, but it is stale
        assertThat(model.usableProperty().get()).isFalse();
        assertThat(model.checkingProperty().get()).isFalse();
    }

    @Test
    void aCheckThatFailsIsSaidNotSwallowed() {
        LicenseStepViewModel model = new LicenseStepViewModel(text -> {
            throw new IllegalStateException("the state folder is not writable");
        }, Background.SAME_THREAD, TEXT);
        model.keyProperty().set("ASL1.x.y");
        assertThat(model.verdictProperty().get()).isEqualTo("The key could not be checked: the state folder is not writable.");
        assertThat(model.usableProperty().get()).isFalse();
    }

    @Test
    void aDroppedLicFileBecomesTheKeyAndAWrongFileIsSaid() throws Exception {
        LicenseStepViewModel model = console.wizard(Background.SAME_THREAD).license();
        java.nio.file.Path lic = java.nio.file.Files.writeString(dir.resolve("acme.lic"),
                licenses.key("Acme Robotics", Licenses.NOW.plusSeconds(200L * 86400)) + "\n");
        model.dropped(lic);
        assertThat(model.usableProperty().get()).isTrue();
        assertThat(model.verdictProperty().get()).startsWith("Valid license for Acme Robotics");

        java.nio.file.Path photo = java.nio.file.Files.write(dir.resolve("team.jpg"), new byte[200_000]);
        model.dropped(photo);
        assertThat(model.verdictProperty().get()).isEqualTo("team.jpg is 195 kB, too large to be a license key. Choose the"
                + " .lic file you received from Adaptive Startup.");
        assertThat(model.keyProperty().get()).as("the key is left as it was").startsWith("ASL1.").doesNotContain("\u0000");
        java.nio.file.Path binary = java.nio.file.Files.write(dir.resolve("key.bin"), new byte[] {(byte) 0xC3, (byte) 0x28});
        model.dropped(binary);
        assertThat(model.verdictProperty().get()).isEqualTo("key.bin is not a text file. Choose the .lic file you received"
                + " from Adaptive Startup.");
    }
}
