package com.adaptivestartup.ui.app;

import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.ui.console.AddressView;
import com.adaptivestartup.ui.console.MailView;
import com.adaptivestartup.ui.console.MailViewModel;
import com.adaptivestartup.ui.console.AddressViewModel;
import com.adaptivestartup.ui.console.BackupsView;
import com.adaptivestartup.ui.console.ConsoleWatch;
import com.adaptivestartup.ui.console.BackupsViewModel;
import com.adaptivestartup.ui.console.DashboardView;
import com.adaptivestartup.ui.console.DashboardViewModel;
import com.adaptivestartup.ui.console.EngineView;
import com.adaptivestartup.ui.console.EngineViewModel;
import com.adaptivestartup.ui.console.HistoryView;
import com.adaptivestartup.ui.console.HistoryViewModel;
import com.adaptivestartup.ui.console.LicenseView;
import com.adaptivestartup.ui.console.LicenseViewModel;
import com.adaptivestartup.ui.console.LogsView;
import com.adaptivestartup.ui.console.LogsViewModel;
import com.adaptivestartup.ui.console.SupportView;
import com.adaptivestartup.ui.console.SupportViewModel;
import com.adaptivestartup.ui.console.UpdatesView;
import com.adaptivestartup.ui.console.UpdatesViewModel;
import com.adaptivestartup.ui.Dialogs;
import com.adaptivestartup.ui.console.ConsoleFrame;
import com.adaptivestartup.ui.console.ConsoleSummary;
import com.adaptivestartup.ui.console.ImportView;
import com.adaptivestartup.ui.console.ImportViewModel;
import com.adaptivestartup.ui.console.SummaryTiles;
import java.util.List;
import java.time.ZoneId;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/**
 * The operator console once installed: a frame (header, sidebar, status line) with a section per area (dashboard,
 * address, mail, import, backups, updates, logs, license, engine, support, history), each view over its view model
 * over console-core. The dashboard refreshes every few seconds while the window is open (minimized too); the others
 * when shown or asked. What needs the admin's attention (a service down, a failed backup, a vendor's warning) also
 * comes as a desktop notification. At its start it first finishes or undoes an update that was cut short.
 */
final class OperatorConsole {
    private OperatorConsole() {
    }

    /**
     * The window's content; {@code start}: what to run once the window is on screen (the first asks of the engine
     * and the Brain, which would otherwise compete with drawing the first window for the CPU); {@code onClose}.
     */
    record Built(ConsoleFrame root, Runnable start, Runnable onClose, DashboardViewModel dashboard) {
    }

    static Built build(ConsoleServices services, Installations.Installation installed, FxBackground background,
                       ResourceBundle text, Consumer<String> openInBrowser) {
        String project = installed.project();
        ZoneId zone = ZoneId.systemDefault();
        com.adaptivestartup.ui.Texts words = new com.adaptivestartup.ui.Texts(text);
        java.util.concurrent.atomic.AtomicReference<ConsoleFrame> frame = new java.util.concurrent.atomic.AtomicReference<>();
        Dialogs dialogs = new FxDialogs(() -> frame.get().getScene().getWindow());
        DashboardViewModel dashboard = new DashboardViewModel(Stack.control(services, project), background, dialogs, text,
                services.clock.withZone(zone));
        com.adaptivestartup.ui.DockerDesktop.startCommand(System.getProperty("os.name", ""), System.getenv(),
                java.nio.file.Files::exists).ifPresent(command -> dashboard.offerToStartEngine(() -> {
                    try {
                        new ProcessBuilder(command).redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e.getMessage(), e);   // the dashboard says what could not start
                    }
                }));
        Timeline refresh = new Timeline(new KeyFrame(Duration.seconds(5), e -> dashboard.refresh()));
        refresh.setCycleCount(Animation.INDEFINITE);
        BackupsViewModel backups = new BackupsViewModel(Backups.operations(services, project), background, dialogs, text, zone);
        // the daily backup, taken by the console while it runs: asked every minute whether it is due
        Timeline dailyBackup = new Timeline(new KeyFrame(Duration.minutes(1), e -> backups.runIfDue()));
        // what the volumes and backups take: every ten minutes (it walks them all), and whenever the backups change
        Timeline diskUse = new Timeline(new KeyFrame(Duration.minutes(10), e -> dashboard.refreshDiskUse()));
        diskUse.setCycleCount(Animation.INDEFINITE);
        backups.rows().addListener((javafx.collections.ListChangeListener<BackupsViewModel.Row>) c -> dashboard.refreshDiskUse());
        dailyBackup.setCycleCount(Animation.INDEFINITE);
        UpdatesViewModel updates = new UpdatesViewModel(Updates.operations(services, project), background, dialogs, text,
                services.clock.withZone(zone), installer -> openInBrowser.accept(installer.toUri().toString()));
        LogsViewModel logs = new LogsViewModel(Housekeeping.logs(services, project), background, dialogs, zone, text);
        LicenseViewModel license = new LicenseViewModel(Housekeeping.license(services, project), background, services.clock,
                zone, text);
        // the opt-in heartbeat, while the console runs: asked hourly, sent when a day has passed since the last
        Timeline heartbeat = new Timeline(new KeyFrame(Duration.hours(1), e -> license.sendHeartbeatIfDue()));
        heartbeat.setCycleCount(Animation.INDEFINITE);
        HistoryViewModel history = new HistoryViewModel(Housekeeping.history(services, project), background, zone, text);
        SupportViewModel support = new SupportViewModel(Housekeeping.support(services, project), background, dialogs, text);
        EngineViewModel engine = new EngineViewModel(Housekeeping.engine(services), background, text);
        AddressViewModel address = new AddressViewModel(Housekeeping.address(services, project), background, dialogs,
                zone, text);
        MailViewModel mail = new MailViewModel(Housekeeping.mail(services, project), background, dialogs, text);
        ImportViewModel cloudImport = new ImportViewModel(Housekeeping.cloudImport(services, project), background, dialogs,
                zone, text);
        ConsoleSummary summary = new ConsoleSummary(installed.version(), updates, backups, engine, text);
        // the certificate's end is looked at daily while the console runs (the warning comes three weeks before)
        Timeline addressCheck = new Timeline(new KeyFrame(Duration.hours(24), e -> address.refresh()));
        addressCheck.setCycleCount(Animation.INDEFINITE);

        List<ConsoleFrame.Section> sections = List.of(
                new ConsoleFrame.Section("dashboard", text.getString("console.dashboard"), () -> scrolling(new DashboardView(
                        dashboard, text, address.linkProperty(), new AddressView.AddressLink(address, text, openInBrowser),
                        new SummaryTiles(summary, license.headlineProperty(), dashboard.diskUseProperty(),
                                dashboard.diskLowProperty()), openInBrowser)), () -> { }),
                new ConsoleFrame.Section("address", text.getString("console.address"),
                        () -> new AddressView(address, text, openInBrowser), address::refresh),
                new ConsoleFrame.Section("mail", text.getString("console.mail"), () -> new MailView(mail, text), mail::refresh),
                new ConsoleFrame.Section("import", text.getString("console.import"),
                        () -> scrolling(new ImportView(cloudImport, text)), cloudImport::refresh),
                new ConsoleFrame.Section("backups", text.getString("console.backups"), () -> new BackupsView(backups, text,
                        folder -> openInBrowser.accept(folder.toUri().toString())),
                        backups::refresh),
                new ConsoleFrame.Section("updates", text.getString("console.updates"), () -> new UpdatesView(updates, text),
                        updates::refresh),
                new ConsoleFrame.Section("logs", text.getString("console.logs"), () -> new LogsView(logs, text), logs::refresh),
                new ConsoleFrame.Section("license", text.getString("console.license"), () -> new LicenseView(license, text),
                        license::refresh),
                new ConsoleFrame.Section("engine", text.getString("console.engine"), () -> new EngineView(engine, text),
                        engine::refresh),
                new ConsoleFrame.Section("support", text.getString("console.support"), () -> new SupportView(support, text),
                        () -> { }),
                new ConsoleFrame.Section("history", text.getString("console.history"), () -> new HistoryView(history, text),
                        history::refresh));
        javafx.beans.binding.StringBinding status = javafx.beans.binding.Bindings.createStringBinding(
                () -> dashboard.unreachableProperty().get() != null ? text.getString("status.engineDown")
                        : dashboard.refreshedProperty().get() == null ? text.getString("status.waiting")
                        : dashboard.refreshedProperty().get(),
                dashboard.unreachableProperty(), dashboard.refreshedProperty());
        frame.set(new ConsoleFrame(sections, new ConsoleFrame.Header(summary, address.linkProperty(),
                license.headlineProperty(), status, openInBrowser), text));
        // the same news by mail to the admins who asked for it, sent by the stack in the background
        // (the notices' service reaches the engine: made when there is news, in the background)
        ConsoleWatch.AdminMail mailAdmins = (kind, subject, message) -> background.run(
                () -> services.core.adminNotices().notify(project, kind, subject, message), said -> { }, e -> { });
        ConsoleWatch.watchCertificate(address, (title, message) -> org.controlsfx.control.Notifications.create()
                .title(title).text(message).hideAfter(Duration.seconds(12)).showWarning(), mailAdmins, words);
        ConsoleWatch.watch(dashboard, backups, updates, (title, message) -> org.controlsfx.control.Notifications.create()
                .title(title).text(message).hideAfter(Duration.seconds(12)).showWarning(), mailAdmins, words);
        // what the header and the other sections read, once the dashboard has had the machine to itself for its first
        // complete read (its state, then each service's use): on two cores they would otherwise all wait on each other
        Timeline thenTheRest = new Timeline(new KeyFrame(Duration.seconds(2), e -> {
            updates.refresh();   // the Updates section's notices and the header's offer matter before it is opened
            address.refresh();
            license.refresh();
            backups.refresh();
            engine.refresh();
            dashboard.refreshDiskUse();
            dashboard.refreshReplicas();
            license.sendHeartbeatIfDue();
        }));
        return new Built(frame.get(), () -> {
            // an update cut short is finished or undone before anything else reads the stack or the channel
            dashboard.recoverInterruptedUpdate(() -> {
                refresh.play();
                thenTheRest.play();
            });
            addressCheck.play();
            heartbeat.play();
            dailyBackup.play();
            diskUse.play();
        }, () -> {
            refresh.stop();
            dailyBackup.stop();
            diskUse.stop();
            heartbeat.stop();
            addressCheck.stop();
            logs.close();
        }, dashboard);
    }

    /** A section whose content may be taller than the window (a report and a list of people): it scrolls. */
    private static javafx.scene.control.ScrollPane scrolling(javafx.scene.Node content) {
        javafx.scene.control.ScrollPane pane = new javafx.scene.control.ScrollPane(content);
        pane.setFitToWidth(true);
        return pane;
    }
}
