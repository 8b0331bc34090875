package com.adaptivestartup.ui.wizard;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.adaptivestartup.console.install.InstallFailed;
import com.adaptivestartup.ui.Background;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Screenshots of every wizard step, light and dark, from a real window (run it under Xvfb: bin/screenshots),
 * with console-core's services faked so every state can be shown, including a failed install.
 */
public final class ScreenshotTour {
    private ScreenshotTour() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "docs/screenshots"));
        Path keys = Files.createTempDirectory("tour");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                for (String theme : List.of("light", "dark")) {
                    Application.setUserAgentStylesheet(theme.equals("light") ? new PrimerLight().getUserAgentStylesheet()
                            : new PrimerDark().getUserAgentStylesheet());
                    tour(new FakeConsole(keys), out, theme, false);
                    tour(new FakeConsole(keys), out, theme, true);
                    dashboard(out, theme);
                }
            } catch (Throwable t) {
                failed.set(t);
            } finally {
                done.countDown();
            }
        });
        done.await();
        Platform.exit();
        if (failed.get() != null) {
            throw new IllegalStateException(failed.get());
        }
    }

    private static void tour(FakeConsole console, Path out, String theme, boolean failing) throws Exception {
        if (failing) {
            console.failInstallWith = new InstallFailed("healthy backend", "backend did not become healthy (exited after up"
                    + " to 180 s)", List.of("2026-11-28 05:01:02 ERROR could not connect to postgres:5432",
                    "2026-11-28 05:01:02 INFO  shutting down"));
            console.checks = List.of(
                    com.adaptivestartup.console.preflight.CheckResult.pass("Docker engine", "Docker 29.0.1 (Docker Desktop)"),
                    com.adaptivestartup.console.preflight.CheckResult.fail("Memory", "Docker has 2.0 GB",
                            "needs 4 GB: Docker Desktop -> Settings -> Resources -> Memory, then Retry"));
        }
        WizardViewModel wizard = console.wizard(Background.SAME_THREAD);
        Stage stage = new Stage();
        Scene scene = new Scene(new WizardView(wizard, FakeConsole.TEXT, url -> { }), 960, 640);
        stage.setScene(scene);
        stage.show();
        if (failing) {
            wizard.license().keyProperty().set("ASL1.not-a-license");
            save(scene, out, "wizard-1-license-refused", theme);
            wizard.license().keyProperty().set(console.licenses.key("Acme Robotics", Licenses.NOW.plusSeconds(200L * 86400)));
            wizard.next();
            save(scene, out, "wizard-2-checks-failing", theme);
            console.checks = List.of(com.adaptivestartup.console.preflight.CheckResult.pass("Docker engine", "Docker 29.0.1"));
            wizard.checks().run();
            wizard.next();
            wizard.next();
            save(scene, out, "wizard-4-install-failed", theme);
        } else {
            save(scene, out, "wizard-1-license-empty", theme);
            wizard.license().keyProperty().set(console.licenses.key("Acme Robotics", Licenses.NOW.plusSeconds(200L * 86400)));
            save(scene, out, "wizard-1-license", theme);
            wizard.next();
            save(scene, out, "wizard-2-checks", theme);
            wizard.next();
            wizard.settings().httpPortProperty().set("99999");
            save(scene, out, "wizard-3-settings-error", theme);
            wizard.settings().httpPortProperty().set("8080");
            save(scene, out, "wizard-3-settings", theme);
            wizard.settings().addressProperty().set("startup.acme.local");
            wizard.settings().certificate().sourceProperty().set(com.adaptivestartup.console.stack.WebAddress.CertificateSource.OWN);
            wizard.settings().certificate().certificateFileProperty().set("/home/admin/certs/startup.acme.local.crt");
            save(scene, out, "wizard-3-settings-https", theme);
            wizard.settings().addressProperty().set("");
            wizard.next();
            save(scene, out, "wizard-4-install", theme);
            wizard.next();
            save(scene, out, "wizard-5-done", theme);
        }
        stage.close();
    }

    private static void dashboard(Path out, String theme) throws Exception {
        var fake = new com.adaptivestartup.ui.console.FakeStack().unhealthy("storage");
        // A believable five minutes of CPU: a quiet baseline with a few bursts of requests.
        int[] sample = {0};
        var stack = new com.adaptivestartup.ui.console.StackControl() {
            public com.adaptivestartup.console.operate.StackService.StackStatus status() {
                return fake.status();
            }

            public void start(String service) {
                fake.start(service);
            }

            public void stop(String service) {
                fake.stop(service);
            }

            public void restart(String service) {
                fake.restart(service);
            }

            public java.util.Optional<String> recoverInterruptedUpdate(java.util.function.Consumer<String> step) {
                return java.util.Optional.empty();
            }

            public com.adaptivestartup.console.operate.DiskUse.Report diskUse() {
                return fake.diskUse();
            }

            public java.util.Map<String, com.adaptivestartup.console.docker.DockerEngine.Usage> usage() {
                sample[0]++;
                java.util.Map<String, com.adaptivestartup.console.docker.DockerEngine.Usage> out = new java.util.TreeMap<>();
                fake.usage().forEach((service, u) -> {
                    double wave = 4 + 3 * Math.sin(sample[0] / 4.0 + service.length()) + (sample[0] % 17 == service.length() ? 35 : 0);
                    out.put(service, new com.adaptivestartup.console.docker.DockerEngine.Usage(wave,
                            (service.length() * 41L + 60) << 20, 2L << 30));
                });
                return out;
            }
        };
        // the whole console window: header, sidebar, the dashboard with its summary, the status line
        var console = new com.adaptivestartup.ui.console.FakeConsoleFrame(stack, Background.SAME_THREAD,
                new com.adaptivestartup.ui.console.FakeDialogs());
        var model = console.dashboard;
        console.start();
        for (int i = 0; i < 60; i++) {
            model.refresh();
        }
        Stage stage = new Stage();
        Scene scene = new Scene(console.frame, 1180, 720);
        stage.setScene(scene);
        stage.show();
        save(scene, out, "console-1-dashboard-degraded", theme);
        model.restart("storage");
        save(scene, out, "console-1-dashboard", theme);
        stage.close();

        var backups = new com.adaptivestartup.ui.console.FakeBackups().withOne("scheduled", "daily at 02:30")
                .withOne("pre-update", "taken automatically before the update from 1.0.0 to 1.1.0");
        var list = new com.adaptivestartup.ui.console.BackupsViewModel(backups, Background.SAME_THREAD,
                new com.adaptivestartup.ui.console.FakeDialogs(), FakeConsole.TEXT, java.time.ZoneOffset.UTC);
        list.refresh();
        list.verify(backups.list().get(1).id());
        list.dailyAtProperty().set("02:30");
        list.saveSchedule();
        Stage second = new Stage();
        Scene backupsScene = new Scene(new com.adaptivestartup.ui.console.BackupsView(list, FakeConsole.TEXT, f -> { }), 1100, 640);
        second.setScene(backupsScene);
        second.show();
        save(backupsScene, out, "console-2-backups", theme);
        second.close();

        var updates = new com.adaptivestartup.ui.console.UpdatesViewModel(new com.adaptivestartup.ui.console.FakeUpdates(),
                Background.SAME_THREAD, new com.adaptivestartup.ui.console.FakeDialogs(), FakeConsole.TEXT,
                com.adaptivestartup.ui.console.ConsoleFakes.CLOCK, file -> { });
        updates.refresh();
        Stage third = new Stage();
        Scene updatesScene = new Scene(new com.adaptivestartup.ui.console.UpdatesView(updates, FakeConsole.TEXT), 1100, 640);
        third.setScene(updatesScene);
        third.show();
        save(updatesScene, out, "console-3-updates", theme);
        third.close();

        var logs = new com.adaptivestartup.ui.console.LogsViewModel(com.adaptivestartup.ui.console.ConsoleFakes.logs(),
                Background.SAME_THREAD, new com.adaptivestartup.ui.console.FakeDialogs(), java.time.ZoneOffset.UTC,
                FakeConsole.TEXT);
        logs.refresh();
        logs.searchProperty().set("");
        shoot(new com.adaptivestartup.ui.console.LogsView(logs, FakeConsole.TEXT), out, "console-4-logs", theme);
        var license = new com.adaptivestartup.ui.console.LicenseViewModel(
                com.adaptivestartup.ui.console.ConsoleFakes.licenseOperations(), Background.SAME_THREAD,
                java.time.Clock.fixed(com.adaptivestartup.ui.console.ConsoleFakes.NOW, java.time.ZoneOffset.UTC),
                java.time.ZoneOffset.UTC, FakeConsole.TEXT);
        license.refresh();
        shoot(new com.adaptivestartup.ui.console.LicenseView(license, FakeConsole.TEXT), out, "console-5-license", theme);
        var support = new com.adaptivestartup.ui.console.SupportViewModel(com.adaptivestartup.ui.console.ConsoleFakes.support(),
                Background.SAME_THREAD, new com.adaptivestartup.ui.console.FakeDialogs(), FakeConsole.TEXT);
        support.build();
        support.show("logs/backend.log");
        shoot(new com.adaptivestartup.ui.console.SupportView(support, FakeConsole.TEXT), out, "console-6-support", theme);
        var history = new com.adaptivestartup.ui.console.HistoryViewModel(com.adaptivestartup.ui.console.ConsoleFakes.history(),
                Background.SAME_THREAD, java.time.ZoneOffset.UTC, FakeConsole.TEXT);
        history.refresh();
        shoot(new com.adaptivestartup.ui.console.HistoryView(history, FakeConsole.TEXT), out, "console-7-history", theme);
        var engine = new com.adaptivestartup.ui.console.EngineViewModel(com.adaptivestartup.ui.console.ConsoleFakes
                .engineOperations(), Background.SAME_THREAD, FakeConsole.TEXT);
        engine.refresh();
        engine.addressProperty().set("ssh://admin@nas.office.lan");
        engine.choose();
        shoot(new com.adaptivestartup.ui.console.EngineView(engine, FakeConsole.TEXT), out, "console-8-engine", theme);
        var addresses = new com.adaptivestartup.ui.console.FakeAddresses();
        addresses.view = com.adaptivestartup.ui.console.FakeAddresses.served(java.time.Duration.ofDays(18), "the"
                + " certificate for startup.acme.local ends in 18 days; renew it now (Renew now, or `adaptivectl address renew`)");
        var address = new com.adaptivestartup.ui.console.AddressViewModel(addresses, Background.SAME_THREAD,
                new com.adaptivestartup.ui.console.FakeDialogs(), java.time.ZoneOffset.UTC, FakeConsole.TEXT);
        address.refresh();
        shoot(new com.adaptivestartup.ui.console.AddressView(address, FakeConsole.TEXT, url -> { }), out, "console-9-address",
                theme);
        var mails = new com.adaptivestartup.ui.console.FakeMail();
        mails.view = new com.adaptivestartup.console.accounts.MailService.MailView("adaptive",
                new com.adaptivestartup.console.stack.MailServer("smtp.acme.com", 587,
                        com.adaptivestartup.console.stack.MailServer.Security.STARTTLS, "adaptive@acme.com",
                        "Adaptive Startup <adaptive@acme.com>"), true, false);
        mails.outbox = new com.adaptivestartup.console.accounts.MailService.Outbox(true, 0, 0, 14, null, java.util.List.of());
        var mail = new com.adaptivestartup.ui.console.MailViewModel(mails, Background.SAME_THREAD,
                new com.adaptivestartup.ui.console.FakeDialogs(), FakeConsole.TEXT);
        mail.refresh();
        mail.testToProperty().set("ana@acme.com");
        mail.sendTest();
        shoot(new com.adaptivestartup.ui.console.MailView(mail, FakeConsole.TEXT), out, "console-10-mail", theme);
        var imports = new com.adaptivestartup.ui.console.FakeImports();
        imports.invitations = java.util.List.of(
                new com.adaptivestartup.console.cloudimport.CloudImportService.Invitation("ana@acme.com", "Ana Souza",
                        "https://startup.acme.com/#/reset/Xq3k…"),
                new com.adaptivestartup.console.cloudimport.CloudImportService.Invitation("bjorn@acme.com", "Björn Åkesson",
                        "https://startup.acme.com/#/reset/P9fz…"));
        var cloud = new com.adaptivestartup.ui.console.ImportViewModel(imports, Background.SAME_THREAD,
                new com.adaptivestartup.ui.console.FakeDialogs(), java.time.ZoneOffset.UTC, FakeConsole.TEXT);
        cloud.exportProperty().set(Path.of("/Users/ana/Downloads/snapshot_acme-prod_1764460800.zip"));
        cloud.askToImport();
        shoot(new com.adaptivestartup.ui.console.ImportView(cloud, FakeConsole.TEXT), out, "console-11-from-the-cloud",
                theme, 900);
    }

    private static void shoot(javafx.scene.Parent view, Path out, String name, String theme) throws Exception {
        shoot(view, out, name, theme, 640);
    }

    private static void shoot(javafx.scene.Parent view, Path out, String name, String theme, int height) throws Exception {
        Stage stage = new Stage();
        Scene scene = new Scene(view, 1100, height);
        stage.setScene(scene);
        stage.show();
        save(scene, out, name, theme);
        stage.close();
    }

    private static void save(Scene scene, Path out, String name, String theme) throws Exception {
        png(scene, out.resolve(name + "-" + theme + ".png"));
    }

    /** The scene as drawn, saved as a PNG (on the FX thread). */
    public static void png(Scene scene, Path file) throws java.io.IOException {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        WritableImage image = scene.snapshot(null);
        PixelReader pixels = image.getPixelReader();
        BufferedImage png = new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", file.toFile());
    }
}
