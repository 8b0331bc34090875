package com.adaptivestartup.ui.app;

import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.docker.EngineStrategies;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.install.InstallService;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.license.VendorKeys;
import com.adaptivestartup.console.preflight.PreflightService;
import com.adaptivestartup.console.release.ReleaseSource;
import com.adaptivestartup.console.state.AppDirectories;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.wizard.InstallViewModel;
import com.adaptivestartup.ui.wizard.LicenseStepViewModel;
import com.adaptivestartup.ui.wizard.SettingsViewModel;
import com.adaptivestartup.ui.wizard.SystemCheckViewModel;
import com.adaptivestartup.ui.wizard.WizardViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * Wires the wizard's view models to console-core's real services. The release to install comes from
 * {@code ADAPTIVE_RELEASE} (a signed manifest file or URL; the packaged console will carry its own).
 */
final class Wizard {
    private Wizard() {
    }

    static WizardViewModel wire(Map<String, String> env, AppDirectories dirs, LicenseService licenses, Background background,
                                ResourceBundle text) throws Exception {
        LicenseStepViewModel license = new LicenseStepViewModel(licenses::verify, background, text);
        SettingsViewModel settings = new SettingsViewModel(Path.of(System.getProperty("user.home"), "AdaptiveStartup"), text);
        PreflightService preflight = new PreflightService(() -> new EngineLocator(EngineStrategies.forThisMachine(env,
                System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")))).locate(), licenses);
        SystemCheckViewModel checks = new SystemCheckViewModel(preflight::run, () -> new PreflightService.Request(
                license.keyProperty().get(), settings.installDir(), settings.port()), background);
        StateDatabase state = StateDatabase.open(dirs.stateDir());
        InstallViewModel install = new InstallViewModel((request, listener) -> {
            var found = new EngineLocator(EngineStrategies.forThisMachine(env, System.getProperty("os.name", ""),
                    Path.of(System.getProperty("user.home")))).locate();
            if (!(found instanceof EngineLocator.Outcome.Found f)) {
                throw new IllegalStateException(((EngineLocator.Outcome.NotFound) found).explanation());
            }
            try (var engine = f.engine()) {
                return new InstallService(licenses, new ReleaseSource(VendorKeys.load(env).keys()), engine,
                        new Journal(state, Clock.systemUTC()), new Installations(state, Clock.systemUTC()))
                        .install(request, listener);
            } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, () -> new InstallRequest(license.keyProperty().get().strip(), settings.installDir(), "adaptive", settings.port(),
                settings.email(), null, env.getOrDefault("ADAPTIVE_RELEASE", "")), background);
        return new WizardViewModel(license, checks, settings, install);
    }
}
