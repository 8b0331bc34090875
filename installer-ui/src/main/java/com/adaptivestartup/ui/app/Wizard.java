package com.adaptivestartup.ui.app;

import com.adaptivestartup.console.bundle.BundleProblem;
import com.adaptivestartup.console.bundle.BundleReader;
import com.adaptivestartup.console.install.InstallFailed;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.install.InstallService;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.preflight.PreflightService;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.wizard.InstallViewModel;
import com.adaptivestartup.ui.wizard.LicenseStepViewModel;
import com.adaptivestartup.ui.wizard.SettingsViewModel;
import com.adaptivestartup.ui.wizard.SystemCheckViewModel;
import com.adaptivestartup.ui.wizard.WizardViewModel;
import java.nio.file.Path;
import java.util.ResourceBundle;

/**
 * Wires the wizard's view models to console-core's real services. The release to install comes from
 * {@code ADAPTIVE_RELEASE} (a signed manifest file or URL; the packaged console will carry its own), or from the
 * offline bundle chosen in the settings step.
 */
final class Wizard {
    private Wizard() {
    }

    static WizardViewModel wire(ConsoleServices services, Background background, ResourceBundle text) {
        LicenseService licenses = services.licenses;
        LicenseStepViewModel license = new LicenseStepViewModel(licenses::verify, background, text);
        SettingsViewModel settings = new SettingsViewModel(Path.of(System.getProperty("user.home"), "AdaptiveStartup"), text);
        PreflightService preflight = services.core.preflight(services::locate);
        SystemCheckViewModel checks = new SystemCheckViewModel(preflight::run, () -> new PreflightService.Request(
                license.keyProperty().get(), settings.installDir(), settings.port()), background,
                port -> settings.httpPortProperty().set(String.valueOf(port)), PreflightService::isFree, text);
        background.run(com.adaptivestartup.console.stack.WebAddress::suggestions, settings.addressSuggestions()::setAll,
                e -> { });   // no suggestions: the admin types the address
        InstallViewModel install = new InstallViewModel((asked, listener) -> {
            InstallService installer = services.core.installService();
            InstallRequest request = asked;
            java.nio.file.Path acmeRoot = settings.web() == null ? null : settings.certificate().acmeRoot();
            if (acmeRoot != null) {   // read and checked here, off the UI thread; the ACME server's check reads it
                try {
                    new com.adaptivestartup.console.stack.InstallDirectory(request.directory()).shareSecret(
                            com.adaptivestartup.console.stack.InstallDirectory.ACME_CA_ROOT,
                            com.adaptivestartup.console.tls.AcmeServer.rootFrom(acmeRoot));
                } catch (com.adaptivestartup.console.tls.CertificateRefused e) {
                    throw new InstallFailed("certificate", e.getMessage());
                }
            }
            var own = settings.ownCertificate();
            if (own != null) {   // read and checked here, off the UI thread, before anything is installed
                try {
                    request = request.withCertificate(own.read(new com.adaptivestartup.console.tls.CertificateCheck()));
                } catch (com.adaptivestartup.console.tls.CertificateRefused e) {
                    throw new InstallFailed("certificate", e.getMessage());
                }
            }
            Path bundle = settings.bundle();
            com.adaptivestartup.console.install.InstallResult installed;
            if (bundle == null) {
                installed = installer.install(request, listener);
            } else {
                try {
                    installed = installer.installFromBundle(request, new BundleReader(services.vendorKeys).verify(bundle,
                            (what, bytes, total) -> listener.pull("bundle", bytes, total)), listener);
                } catch (BundleProblem e) {
                    throw new InstallFailed("bundle", e.getMessage());
                }
            }
            // a new installation is backed up daily from the first night (the Done step says so; Backups changes it)
            var daily = services.core.scheduledBackups();
            daily.set(request.project(), com.adaptivestartup.console.backup.ScheduledBackups.DEFAULT_AT,
                    java.time.ZoneId.systemDefault(), com.adaptivestartup.console.backup.ScheduledBackups.DEFAULT_KEEP);
            return installed;
        },
                () -> settings.request(license.keyProperty().get().strip(), services.project,
                        services.env.getOrDefault("ADAPTIVE_RELEASE", "")), background, text);
        return new WizardViewModel(license, checks, settings, install);
    }
}
