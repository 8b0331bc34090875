package com.adaptivestartup.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.install.InstallFailed;
import com.adaptivestartup.console.preflight.CheckResult;
import com.adaptivestartup.console.stack.Edition;
import com.adaptivestartup.ui.Background;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole wizard's view models without the toolkit: each step's condition for Next, and what each step starts. */
class WizardViewModelTest {
    @TempDir
    Path dir;
    private FakeConsole console;
    private WizardViewModel wizard;

    @BeforeEach
    void start() throws Exception {
        console = new FakeConsole(dir);
        wizard = console.wizard(Background.SAME_THREAD);
        wizard.license().keyProperty().set(console.licenses.key("Acme Robotics", Licenses.NOW.plusSeconds(90L * 86400)));
    }

    @Test
    void aFailingCheckHoldsTheWizardUntilRetryFindsItFixed() {
        console.checks = List.of(CheckResult.fail("Docker engine", "not running", "Start Docker Desktop, then Retry"));
        wizard.next();
        assertThat(wizard.currentProperty().get()).isEqualTo(WizardViewModel.Step.CHECKS);
        assertThat(console.preflights).isEqualTo(1);
        assertThat(wizard.checks().results()).extracting(CheckResult::fix).containsExactly("Start Docker Desktop, then Retry");
        assertThat(wizard.canGoNextProperty().get()).isFalse();
        console.checks = List.of(CheckResult.pass("Docker engine", "Docker 29.0"), CheckResult.warn("Memory", "3.8 GB", "4 GB"));
        wizard.checks().run();
        assertThat(wizard.canGoNextProperty().get()).isTrue();
    }

    @Test
    void settingsHaveDefaultsAndEachBadValueIsExplained() {
        wizard.next();
        wizard.next();
        assertThat(wizard.currentProperty().get()).isEqualTo(WizardViewModel.Step.SETTINGS);
        SettingsViewModel s = wizard.settings();
        assertThat(wizard.canGoNextProperty().get()).isTrue();
        s.httpPortProperty().set("80800");
        assertThat(s.httpPortError().get()).isEqualTo("The port must be from 1 to 65535.");
        assertThat(wizard.canGoNextProperty().get()).isFalse();
        s.httpPortProperty().set("web");
        assertThat(s.httpPortError().get()).isEqualTo("The port is a number, for example 8080.");
        s.httpPortProperty().set(" 8088 ");
        s.adminEmailProperty().set("founder");
        assertThat(s.adminEmailError().get()).startsWith("Enter an email address");
        s.adminEmailProperty().set("founder@acme.example");
        s.installDirProperty().set("relative/folder");
        assertThat(s.installDirError().get()).isEqualTo("Give the full path of the folder.");
        s.installDirProperty().set("/srv/adaptive");
        assertThat(wizard.canGoNextProperty().get()).isTrue();
        assertThat(s.bundle()).as("from the registry unless a bundle is chosen").isNull();
        assertThat(s.aiKey()).as("AI off unless a key is given").isNull();
        s.aiKeyProperty().set("  AIzaSyExample  ");
        assertThat(s.aiKey()).isEqualTo("AIzaSyExample");
        s.bundleFileProperty().set("/media/usb/no-such-adaptive.bundle");
        assertThat(s.bundleFileError().get()).isEqualTo("There is no such file.");
        assertThat(wizard.canGoNextProperty().get()).isFalse();
        s.bundleFileProperty().set("");
        assertThat(wizard.canGoNextProperty().get()).isTrue();
    }

    @Test
    void theAddressIsOptionalCheckedAsTypedAndGoesToTheInstallWithItsCertificateSource() {
        wizard.next();
        wizard.next();
        SettingsViewModel s = wizard.settings();
        assertThat(s.addressError().get()).as("no address: plain HTTP on this computer").isNull();
        s.addressProperty().set("https://startup.acme.local");
        assertThat(s.addressError().get()).startsWith("'https://startup.acme.local' is a link, not an address");
        assertThat(wizard.canGoNextProperty().get()).isFalse();
        s.addressProperty().set("startup.acme.local");
        s.certificate().httpsPortProperty().set(s.httpPortProperty().get());
        assertThat(s.httpsPortError().get()).isEqualTo("The HTTPS port and the web port must differ (such as 443 and 8080).");
        s.certificate().httpsPortProperty().set("8443");
        s.certificate().sourceProperty().set(com.adaptivestartup.console.stack.WebAddress.CertificateSource.OWN);
        assertThat(s.certificateError().get()).isEqualTo("Choose the certificate file (.crt, .pem, .pfx or .p12).");
        s.certificate().certificateFileProperty().set("/certs/startup.pfx");
        assertThat(s.certificateError().get()).as("a .pfx holds its key").isNull();
        s.certificate().certificateFileProperty().set("/certs/startup.crt");
        assertThat(s.certificateError().get()).isEqualTo("Choose the private key file that goes with the certificate.");
        s.certificate().sourceProperty().set(com.adaptivestartup.console.stack.WebAddress.CertificateSource.ACME);
        assertThat(s.certificateError().get()).isEqualTo("Give the ACME server's directory address (Let's Encrypt's, or"
                + " your company's step-ca).");
        s.certificate().acmeDirectoryProperty().set("http://ca.acme.local/acme/acme/directory");
        assertThat(s.certificateError().get()).startsWith("The ACME server is its directory's https:// address");
        s.certificate().acmeDirectoryProperty().set("https://ca.acme.local/acme/acme/directory");
        assertThat(s.certificateError().get()).isNull();
        assertThat(s.web().acme().directory()).isEqualTo("https://ca.acme.local/acme/acme/directory");
        s.certificate().sourceProperty().set(com.adaptivestartup.console.stack.WebAddress.CertificateSource.LOCAL);
        assertThat(wizard.canGoNextProperty().get()).isTrue();
        wizard.next();
        assertThat(console.installs).singleElement().satisfies(r -> {
            assertThat(r.settings().web().url()).isEqualTo("https://startup.acme.local:8443/");
            assertThat(r.settings().web().source()).isEqualTo(com.adaptivestartup.console.stack.WebAddress.CertificateSource.LOCAL);
            assertThat(r.certificate()).as("made during the install").isNull();
        });
    }

    @Test
    void theSmallBusinessEditionGoesToTheInstallAndRefusesAnAddressForHttps() {
        wizard.next();
        wizard.next();
        SettingsViewModel s = wizard.settings();
        assertThat(s.editionProperty().get()).as("the full stack unless chosen").isEqualTo(Edition.FULL);
        s.editionProperty().set(Edition.SINGLE);
        s.addressProperty().set("startup.acme.local");
        assertThat(s.editionError().get()).isEqualTo("One container serves plain HTTP on the web port; leave the address"
                + " empty, or choose the full stack for HTTPS.");
        assertThat(wizard.canGoNextProperty().get()).isFalse();
        s.addressProperty().set("");
        assertThat(s.editionError().get()).isNull();
        assertThat(wizard.canGoNextProperty().get()).isTrue();
        wizard.next();
        assertThat(console.installs).singleElement().satisfies(r -> {
            assertThat(r.settings().edition()).isEqualTo(Edition.SINGLE);
            assertThat(r.settings().web()).isNull();
        });
    }

    @Test
    void theInstallStartsOnEnteringItsStepReportsProgressAndGivesThePasswordOnce() {
        wizard.next();
        wizard.next();
        wizard.settings().httpPortProperty().set("8088");
        wizard.next();
        assertThat(wizard.currentProperty().get()).isEqualTo(WizardViewModel.Step.INSTALL);
        assertThat(console.installs).singleElement().satisfies(r -> {
            assertThat(r.httpPort()).isEqualTo(8088);
            assertThat(r.directory()).isEqualTo(Path.of("/opt/adaptive"));
        });
        InstallViewModel install = wizard.install();
        assertThat(install.rows()).containsExactly(new InstallViewModel.Row("license", "done"),
                new InstallViewModel.Row("pull", "done"), new InstallViewModel.Row("ready", "done"));
        assertThat(install.downloads()).containsExactly(new InstallViewModel.Download("backend", 80_000_000, 80_000_000, 0),
                new InstallViewModel.Download("postgres", 120_000_000, 120_000_000, 0));
        assertThat(wizard.canGoBackProperty().get()).isFalse();
        wizard.next();
        assertThat(wizard.currentProperty().get()).isEqualTo(WizardViewModel.Step.DONE);
        assertThat(install.resultProperty().get().adminPassword()).isEqualTo("initial-Pa55word");
        assertThat(wizard.canGoNextProperty().get()).as("Done leads on, into the console").isTrue();
        assertThat(wizard.finishedProperty().get()).isFalse();
        wizard.next();
        assertThat(wizard.finishedProperty().get()).isTrue();
        assertThat(wizard.currentProperty().get()).isEqualTo(WizardViewModel.Step.DONE);
    }

    @Test
    void aFailedInstallShowsWhyAndTheLogsAndRetryRunsItAgain() {
        console.failInstallWith = new InstallFailed("healthy backend", "backend did not become healthy",
                List.of("ERROR cannot reach the database", "exiting"));
        wizard.next();
        wizard.next();
        wizard.next();
        InstallViewModel install = wizard.install();
        assertThat(install.failureProperty().get())
                .isEqualTo("The install failed at step \u201chealthy backend\u201d: backend did not become healthy.");
        assertThat(install.lastLogLines()).containsExactly("ERROR cannot reach the database", "exiting");
        assertThat(wizard.canGoNextProperty().get()).isFalse();
        assertThat(wizard.canGoBackProperty().get()).isTrue();
        install.start();
        assertThat(install.failureProperty().get()).isNull();
        assertThat(install.lastLogLines()).isEmpty();
        assertThat(console.installs).hasSize(2);
        assertThat(wizard.canGoNextProperty().get()).isTrue();
    }
}
