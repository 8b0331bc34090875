package com.adaptivestartup.ui.wizard;

import com.adaptivestartup.console.install.InstallFailed;
import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.install.InstallResult;
import com.adaptivestartup.console.preflight.CheckResult;
import com.adaptivestartup.console.preflight.PreflightService;
import com.adaptivestartup.ui.Background;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * console-core's services as the wizard's tests want them: the real license check, a preflight whose
 * results a test sets, and an install that reports steps and downloads like the real one, then succeeds
 * or fails as told. Records what it was asked.
 */
final class FakeConsole {
    static final ResourceBundle TEXT = ResourceBundle.getBundle("com.adaptivestartup.ui.messages", java.util.Locale.ROOT);
    final Licenses licenses;
    List<CheckResult> checks = List.of(CheckResult.pass("Docker engine", "Docker 29.0 (Linux)"),
            CheckResult.warn("Memory", "Docker has 3.8 GB", "4 GB is recommended: Docker Desktop -> Settings -> Resources"),
            CheckResult.pass("Port 8080", "free"));
    InstallFailed failInstallWith;
    final List<InstallRequest> installs = new ArrayList<>();
    int preflights;

    FakeConsole(Path dir) throws Exception {
        licenses = new Licenses(dir);
    }

    /** Web ports another program holds on this fake computer. */
    final java.util.Set<Integer> takenPorts = new java.util.HashSet<>();

    List<CheckResult> preflight(PreflightService.Request r) {
        preflights++;
        if (takenPorts.contains(r.httpPort())) {
            List<CheckResult> withPort = new java.util.ArrayList<>(checks);
            withPort.add(CheckResult.fail("Web port", "port " + r.httpPort() + " is in use by another program",
                    "choose another web port, or stop the program using it"));
            return withPort;
        }
        return checks;
    }

    InstallResult install(InstallRequest r, InstallListener listener) {
        installs.add(r);
        listener.step("license", "started");
        listener.step("license", "done");
        listener.step("pull", "started");
        listener.pull("backend", 40_000_000, 80_000_000);
        listener.pull("backend", 80_000_000, 80_000_000);
        listener.pull("postgres", 120_000_000, 120_000_000);
        listener.step("pull", "done");
        if (failInstallWith != null) {
            InstallFailed f = failInstallWith;
            failInstallWith = null;
            throw f;
        }
        listener.step("ready", "started");
        listener.step("ready", "done");
        return new InstallResult("adaptive", "1.1.0", "http://localhost:" + r.httpPort() + "/", r.adminEmail(),
                "initial-Pa55word", Map.of("backend", "CREATED"));
    }

    WizardViewModel wizard(Background background) {
        LicenseStepViewModel license = new LicenseStepViewModel(licenses.service::verify, background, TEXT);
        SettingsViewModel settings = new SettingsViewModel(Path.of("/opt/adaptive"), TEXT);
        SystemCheckViewModel checks = new SystemCheckViewModel(this::preflight, () -> new PreflightService.Request(
                license.keyProperty().get(), settings.installDir(), settings.port()), background,
                port -> settings.httpPortProperty().set(String.valueOf(port)), port -> !takenPorts.contains(port), TEXT);
        InstallViewModel install = new InstallViewModel(this::install, () -> settings.request(license.keyProperty().get(),
                "adaptive", "release.asr"), background, TEXT);
        return new WizardViewModel(license, checks, settings, install);
    }
}
