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

            public com.adaptivestartup.console.install.ServerReplicas.ReplicasView replicas() {
                return fake.replicas();
            }

            public void setReplicas(int count, java.util.function.Consumer<String> step) {
                fake.setReplicas(count, step);
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
        fake.setReplicas(3, step -> { });   // three server containers, as a busier company runs them
        console.start();
        model.refreshReplicas();
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

        for (var section : com.adaptivestartup.ui.console.ConsoleSections.all()) {
            shoot(section.view().get(), out, section.name(), theme, section.height());
        }
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
