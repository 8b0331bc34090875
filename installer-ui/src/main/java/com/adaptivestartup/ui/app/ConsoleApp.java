package com.adaptivestartup.ui.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.adaptivestartup.console.state.AppDirectories;
import com.adaptivestartup.ui.wizard.WizardView;
import com.adaptivestartup.ui.wizard.WizardViewModel;
import java.util.ResourceBundle;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The Adaptive Startup console: the first-run wizard (and, once installed, the operator console). It
 * wires console-core's services into view models and shows their views; it holds no logic of its own.
 * The theme is AtlantaFX's Primer, light or dark as the OS is ({@code ADAPTIVE_THEME=dark|light} overrides).
 */
public final class ConsoleApp extends Application {
    private final FxBackground background = new FxBackground();
    private ConsoleServices services;

    public static void main(String[] args) {
        launch(args);
    }

    @Override
    public void start(Stage stage) throws Exception {
        ResourceBundle text = ResourceBundle.getBundle("com.adaptivestartup.ui.messages");
        Application.setUserAgentStylesheet(OsTheme.dark(System.getenv(), System.getProperty("os.name", ""))
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        AppDirectories dirs = AppDirectories.forThisUser();
        services = new ConsoleServices(System.getenv(), dirs);
        stage.setTitle(text.getString("app.title"));
        String project = services.project;
        var installed = services.core.installations().find(project);
        Runnable afterShown = () -> { };
        // the app's link opened as the desktop does; where it cannot, the admin is told and given the link to copy
        java.util.function.Consumer<String> openInBrowser = new com.adaptivestartup.ui.BrowserOpener(
                System.getProperty("os.name", ""), com.adaptivestartup.ui.BrowserOpener.SYSTEM, background,
                (url, why) -> com.adaptivestartup.ui.app.LinkDialog.show(stage, text, url, why));
        if (installed.isPresent()) {
            // the engine found and reached while the window is drawn: the dashboard's first read needs it at once
            background.run(() -> {
                services.engine();
                return true;
            }, reached -> said("engine reached"), notYet -> { });   // not there: the dashboard says so in its own words
            afterShown = showConsole(stage, installed.get(), text, openInBrowser);
        } else {
            WizardViewModel wizard = Wizard.wire(services, background, text);
            stage.setScene(new Scene(new WizardView(wizard, text, openInBrowser), 960, 640));
            // Done leads on into the operator console, without a restart
            wizard.finishedProperty().subscribe(done -> {
                if (done) {
                    services.core.installations().find(project).ifPresent(i ->
                            javafx.application.Platform.runLater(showConsole(stage, i, text, openInBrowser)));
                }
            });
        }
        stage.show();
        javafx.application.Platform.runLater(afterShown);
        if (reportStartup()) {
            // For measurements and the packaged app's launch test: JVM start to the first window on screen.
            javafx.application.Platform.runLater(() -> System.err.println("first window after "
                    + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() + " ms"));
        }
    }

    /** The operator console in the window, for this installation; returns what to run once it is shown. */
    private Runnable showConsole(Stage stage, com.adaptivestartup.console.state.Installations.Installation installation,
                                 ResourceBundle text, java.util.function.Consumer<String> openInBrowser) {
        OperatorConsole.Built console = OperatorConsole.build(services, installation, background, text, openInBrowser);
        stage.setOnHidden(e -> console.onClose().run());
        if (reportStartup()) {
            // For measurements: JVM start to the first complete dashboard (the stack's state with every service's use).
            console.dashboard().refreshedProperty().subscribe(first -> {
                if (first != null && console.dashboard().cards().isEmpty()) {
                    said("stack read");
                }
            });
            boolean[] said = {false};
            console.dashboard().cards().addListener((javafx.collections.ListChangeListener<
                    com.adaptivestartup.ui.console.DashboardViewModel.Card>) c -> {
                if (!said[0] && !console.dashboard().cards().isEmpty() && console.dashboard().cards().stream()
                        .filter(com.adaptivestartup.ui.console.DashboardViewModel.Card::running)
                        .allMatch(card -> !card.use().isEmpty())) {
                    said[0] = true;
                    System.err.println("dashboard complete after "
                            + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() + " ms");
                    if (Boolean.getBoolean("adaptive.exitAfterStartup")) {
                        javafx.application.Platform.exit();   // measurements: closed as an admin closes it
                    }
                }
            });
        }
        stage.setScene(new Scene(console.root(), 1180, 720));
        return console.start();
    }

    /** For measurements: when a step of the start was done, from the JVM's start. */
    private void said(String step) {
        if (reportStartup()) {
            System.err.println(step + " after " + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() + " ms");
        }
    }

    private boolean reportStartup() {
        return Boolean.getBoolean("adaptive.reportStartup") || getParameters().getRaw().contains("--report-startup");
    }

    @Override
    public void stop() {
        background.close();
        if (services != null) {
            services.close();
        }
    }
}
