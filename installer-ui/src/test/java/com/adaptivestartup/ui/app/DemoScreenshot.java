package com.adaptivestartup.ui.app;

import atlantafx.base.theme.PrimerLight;
import com.adaptivestartup.console.state.AppDirectories;
import java.nio.file.Path;
import java.util.ResourceBundle;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The README's picture of the console: the real operator console, wired as the app wires it, on the installation the
 * environment names (bin/demo's stack: bin/screenshots --demo), saved once its dashboard is complete (every running
 * service's use read) and the header filled. Run under Xvfb.
 */
public final class DemoScreenshot {
    private DemoScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots/demo-console-dashboard.png");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        ConsoleServices services = new ConsoleServices(System.getenv(), AppDirectories.forThisUser());
        var installed = services.core.installations().find(services.project).orElseThrow(() -> new IllegalStateException(
                "no installation '" + services.project + "' here: run bin/demo first (and set ADAPTIVE_PROJECT)"));
        FxBackground background = new FxBackground();
        ResourceBundle text = ResourceBundle.getBundle("com.adaptivestartup.ui.messages", java.util.Locale.ROOT);
        AtomicReference<OperatorConsole.Built> built = new AtomicReference<>();
        AtomicReference<Scene> scene = new AtomicReference<>();
        Platform.runLater(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            OperatorConsole.Built console = OperatorConsole.build(services, installed, background, text, url -> { });
            Stage stage = new Stage();
            scene.set(new Scene(console.root(), 1180, 720));
            stage.setScene(scene.get());
            stage.show();
            console.start().run();
            built.set(console);
        });
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!complete(built.get())) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("the dashboard was not complete within 90 s");
            }
            Thread.sleep(500);
        }
        Thread.sleep(12_000);   // a few more samples for the charts, the header's channel and license read
        CountDownLatch saved = new CountDownLatch(1);
        AtomicReference<Exception> failed = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                com.adaptivestartup.ui.wizard.ScreenshotTour.png(scene.get(), out);
            } catch (Exception e) {
                failed.set(e);
            } finally {
                saved.countDown();
            }
        });
        saved.await();
        built.get().onClose().run();
        background.close();
        services.close();
        Platform.exit();
        if (failed.get() != null) {
            throw failed.get();
        }
        System.out.println("saved " + out);
    }

    private static boolean complete(OperatorConsole.Built console) {
        if (console == null) {
            return false;
        }
        AtomicReference<Boolean> done = new AtomicReference<>(false);
        CountDownLatch asked = new CountDownLatch(1);
        Platform.runLater(() -> {
            var cards = console.dashboard().cards();
            done.set(!cards.isEmpty() && cards.stream().filter(c -> c.running()).allMatch(c -> !c.use().isEmpty()));
            asked.countDown();
        });
        try {
            asked.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return done.get();
    }
}
