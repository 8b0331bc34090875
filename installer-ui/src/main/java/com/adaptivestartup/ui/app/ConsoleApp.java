package com.adaptivestartup.ui.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.state.AppDirectories;
import com.adaptivestartup.ui.wizard.WizardView;
import com.adaptivestartup.ui.wizard.WizardViewModel;
import java.util.ResourceBundle;
import com.adaptivestartup.ui.console.BackupsView;
import com.adaptivestartup.ui.console.BackupsViewModel;
import com.adaptivestartup.ui.console.DashboardView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import com.adaptivestartup.ui.console.DashboardViewModel;
import com.adaptivestartup.ui.console.UpdatesView;
import com.adaptivestartup.ui.console.UpdatesViewModel;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.util.Duration;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The Adaptive Startup console: the first-run wizard (and, once installed, the operator console). It
 * wires console-core's services into view models and shows their views; it holds no logic of its own.
 * The theme is AtlantaFX's Primer, dark when {@code ADAPTIVE_THEME=dark} (following the OS is to come).
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
        Application.setUserAgentStylesheet("dark".equals(System.getenv("ADAPTIVE_THEME"))
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        AppDirectories dirs = AppDirectories.forThisUser();
        services = new ConsoleServices(System.getenv(), dirs);
        LicenseService licenses = services.licenses;
        stage.setTitle(text.getString("app.title"));
        String project = services.project;
        var installed = services.installations().find(project);
        if (installed.isPresent()) {
            // Installed: the operator console, refreshed every few seconds while open (and minimized).
            DashboardViewModel dashboard = new DashboardViewModel(Stack.control(services, project), background);
            Timeline refresh = new Timeline(new KeyFrame(Duration.seconds(5), e -> dashboard.refresh()));
            refresh.setCycleCount(Animation.INDEFINITE);
            refresh.play();
            dashboard.refresh();
            BackupsViewModel backups = new BackupsViewModel(Backups.operations(services, project), background,
                    java.time.ZoneId.systemDefault());
            backups.refresh();
            UpdatesViewModel updates = new UpdatesViewModel(Updates.operations(services, project), background,
                    installer -> getHostServices().showDocument(installer.toUri().toString()));
            updates.refresh();
            TabPane tabs = new TabPane(
                    new Tab(text.getString("console.dashboard"), new DashboardView(dashboard, text,
                            "http://localhost:" + installed.get().httpPort() + "/", url -> getHostServices().showDocument(url))),
                    new Tab(text.getString("console.backups"), new BackupsView(backups, text)),
                    new Tab(text.getString("console.updates"), new UpdatesView(updates, text)));
            tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            stage.setScene(new Scene(tabs, 1100, 680));
        } else {
            WizardViewModel wizard = Wizard.wire(services, licenses, background, text);
            stage.setScene(new Scene(new WizardView(wizard, text, url -> getHostServices().showDocument(url)), 960, 640));
        }
        stage.show();
        if (Boolean.getBoolean("adaptive.reportStartup") || getParameters().getRaw().contains("--report-startup")) {
            // For measurements and the packaged app's launch test: JVM start to the first window on screen.
            javafx.application.Platform.runLater(() -> System.err.println("first window after "
                    + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() + " ms"));
        }
    }

    @Override
    public void stop() {
        background.close();
        if (services != null) {
            services.close();
        }
    }
}
