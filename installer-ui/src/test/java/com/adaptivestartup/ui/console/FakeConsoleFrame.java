package com.adaptivestartup.ui.console;

import com.adaptivestartup.ui.Background;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;

/**
 * The console's frame over believable fakes (a stack, its backups, an update on offer, a license, a remote engine),
 * with five of its sections: for the frame's UI test and the screenshots.
 */
public final class FakeConsoleFrame {
    public static final String ADDRESS = "https://adaptive.acme.example/";
    public final ConsoleFrame frame;
    public final DashboardViewModel dashboard;
    public final BackupsViewModel backups;
    public final UpdatesViewModel updates;
    public final LicenseViewModel license;
    public final EngineViewModel engine;
    /** How many times the Backups section's view was made. */
    public final AtomicInteger backupsMade = new AtomicInteger();

    public FakeConsoleFrame(StackControl stack, Background background, com.adaptivestartup.ui.Dialogs dialogs) {
        dashboard = new DashboardViewModel(stack, background, dialogs, ConsoleFakes.TEXT, ConsoleFakes.CLOCK);
        backups = new BackupsViewModel(new FakeBackups().withOne("scheduled", "daily at 02:30"), background, dialogs,
                ConsoleFakes.TEXT, ZoneOffset.UTC);
        updates = new UpdatesViewModel(new FakeUpdates(), background, dialogs, ConsoleFakes.TEXT, ConsoleFakes.CLOCK, f -> { });
        license = new LicenseViewModel(ConsoleFakes.licenseOperations(), background, ConsoleFakes.CLOCK, ZoneOffset.UTC,
                ConsoleFakes.TEXT);
        engine = new EngineViewModel(ConsoleFakes.engineOperations(), background, ConsoleFakes.TEXT);
        ConsoleSummary summary = new ConsoleSummary("1.0.0", updates, backups, engine, ConsoleFakes.TEXT);
        List<ConsoleFrame.Section> sections = List.of(
                // scrolling, as the console shows it (OperatorConsole): seven cards and more are taller than the window
                new ConsoleFrame.Section("dashboard", "Dashboard", () -> scrolling(new DashboardView(dashboard, ConsoleFakes.TEXT,
                        new SimpleStringProperty(ADDRESS), null, new SummaryTiles(summary, license.headlineProperty(),
                        dashboard.diskUseProperty(), dashboard.diskLowProperty()), url -> { })), () -> {
                    dashboard.refresh();
                    dashboard.refreshDiskUse();
                }),
                new ConsoleFrame.Section("backups", "Backups", () -> {
                    backupsMade.incrementAndGet();
                    return new BackupsView(backups, ConsoleFakes.TEXT, f -> { });
                }, backups::refresh),
                new ConsoleFrame.Section("updates", "Updates", () -> new UpdatesView(updates, ConsoleFakes.TEXT),
                        updates::refresh),
                new ConsoleFrame.Section("license", "License", () -> new LicenseView(license, ConsoleFakes.TEXT),
                        license::refresh),
                new ConsoleFrame.Section("engine", "Engine", () -> new EngineView(engine, ConsoleFakes.TEXT), engine::refresh));
        frame = new ConsoleFrame(sections, new ConsoleFrame.Header(summary, new SimpleStringProperty(ADDRESS),
                license.headlineProperty(), Bindings.createStringBinding(() -> dashboard.refreshedProperty().get(),
                dashboard.refreshedProperty()), url -> { }), ConsoleFakes.TEXT);
    }

    /** What the console asks at its start, besides the dashboard (which its section asks when shown). */
    public void start() {
        updates.refresh();
        backups.refresh();
        license.refresh();
        engine.refresh();
    }

    private static javafx.scene.control.ScrollPane scrolling(javafx.scene.Node content) {
        javafx.scene.control.ScrollPane pane = new javafx.scene.control.ScrollPane(content);
        pane.setFitToWidth(true);
        return pane;
    }
}
