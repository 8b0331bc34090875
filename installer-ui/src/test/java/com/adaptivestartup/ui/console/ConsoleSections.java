package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.accounts.MailService;
import com.adaptivestartup.console.cloudimport.CloudImportService;
import com.adaptivestartup.console.stack.MailServer;
import com.adaptivestartup.ui.Background;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.Parent;

/**
 * Every section of the console but the dashboard (see {@link FakeConsoleFrame}), each over console-core faked, in
 * a state worth showing: what the screenshots draw and what the keyboard test walks. Made on the FX thread.
 */
public final class ConsoleSections {
    private ConsoleSections() {
    }

    /** A section's view, made when asked; {@code name} as its screenshot is called; {@code height} it needs. */
    public record Section(String name, Supplier<Parent> view, int height) {
    }

    public static List<Section> all() {
        return List.of(
                new Section("console-2-backups", ConsoleSections::backups, 640),
                new Section("console-3-updates", ConsoleSections::updates, 640),
                new Section("console-4-logs", ConsoleSections::logs, 640),
                new Section("console-5-license", ConsoleSections::license, 640),
                new Section("console-6-support", ConsoleSections::support, 640),
                new Section("console-7-history", ConsoleSections::history, 640),
                new Section("console-8-engine", ConsoleSections::engine, 640),
                new Section("console-9-address", ConsoleSections::address, 640),
                new Section("console-10-mail", ConsoleSections::mail, 640),
                new Section("console-11-from-the-cloud", ConsoleSections::cloudImport, 900));
    }

    private static Parent backups() {
        FakeBackups backups = new FakeBackups().withOne("scheduled", "daily at 02:30")
                .withOne("pre-update", "taken automatically before the update from 1.0.0 to 1.1.0");
        BackupsViewModel list = new BackupsViewModel(backups, Background.SAME_THREAD, new FakeDialogs(), ConsoleFakes.TEXT,
                ZoneOffset.UTC);
        list.refresh();
        list.verify(backups.list().get(1).id());
        list.dailyAtProperty().set("02:30");
        list.saveSchedule();
        return new BackupsView(list, ConsoleFakes.TEXT, f -> { });
    }

    private static Parent updates() {
        UpdatesViewModel updates = new UpdatesViewModel(new FakeUpdates(), Background.SAME_THREAD, new FakeDialogs(),
                ConsoleFakes.TEXT, ConsoleFakes.CLOCK, file -> { });
        updates.refresh();
        return new UpdatesView(updates, ConsoleFakes.TEXT);
    }

    private static Parent logs() {
        LogsViewModel logs = new LogsViewModel(ConsoleFakes.logs(), Background.SAME_THREAD, new FakeDialogs(), ZoneOffset.UTC,
                ConsoleFakes.TEXT);
        logs.refresh();
        logs.searchProperty().set("");
        return new LogsView(logs, ConsoleFakes.TEXT);
    }

    private static Parent license() {
        LicenseViewModel license = new LicenseViewModel(ConsoleFakes.licenseOperations(), Background.SAME_THREAD,
                Clock.fixed(ConsoleFakes.NOW, ZoneOffset.UTC), ZoneOffset.UTC, ConsoleFakes.TEXT);
        license.refresh();
        return new LicenseView(license, ConsoleFakes.TEXT);
    }

    private static Parent support() {
        SupportViewModel support = new SupportViewModel(ConsoleFakes.support(), Background.SAME_THREAD, new FakeDialogs(),
                ConsoleFakes.TEXT);
        support.build();
        support.show("logs/backend.log");
        return new SupportView(support, ConsoleFakes.TEXT);
    }

    private static Parent history() {
        HistoryViewModel history = new HistoryViewModel(ConsoleFakes.history(), Background.SAME_THREAD, ZoneOffset.UTC,
                ConsoleFakes.TEXT);
        history.refresh();
        return new HistoryView(history, ConsoleFakes.TEXT);
    }

    private static Parent engine() {
        EngineViewModel engine = new EngineViewModel(ConsoleFakes.engineOperations(), Background.SAME_THREAD,
                ConsoleFakes.TEXT);
        engine.refresh();
        engine.addressProperty().set("ssh://admin@nas.office.lan");
        engine.choose();
        return new EngineView(engine, ConsoleFakes.TEXT);
    }

    private static Parent address() {
        FakeAddresses addresses = new FakeAddresses();
        addresses.view = FakeAddresses.served(Duration.ofDays(18), "the certificate for startup.acme.local ends in 18"
                + " days; renew it now (Renew now, or `adaptivectl address renew`)");
        AddressViewModel address = new AddressViewModel(addresses, Background.SAME_THREAD, new FakeDialogs(), ZoneOffset.UTC,
                ConsoleFakes.TEXT);
        address.refresh();
        return new AddressView(address, ConsoleFakes.TEXT, url -> { });
    }

    private static Parent mail() {
        FakeMail mails = new FakeMail();
        mails.view = new MailService.MailView("adaptive", new MailServer("smtp.acme.com", 587, MailServer.Security.STARTTLS,
                "adaptive@acme.com", "Adaptive Startup <adaptive@acme.com>"), true, false);
        mails.outbox = new MailService.Outbox(true, 0, 0, 14, null, List.of());
        MailViewModel mail = new MailViewModel(mails, Background.SAME_THREAD, new FakeDialogs(), ConsoleFakes.TEXT);
        mail.refresh();
        mail.testToProperty().set("ana@acme.com");
        mail.sendTest();
        return new MailView(mail, ConsoleFakes.TEXT);
    }

    private static Parent cloudImport() {
        FakeImports imports = new FakeImports();
        imports.invitations = List.of(
                new CloudImportService.Invitation("ana@acme.com", "Ana Souza", "https://startup.acme.com/#/reset/Xq3k…"),
                new CloudImportService.Invitation("bjorn@acme.com", "Björn Åkesson", "https://startup.acme.com/#/reset/P9fz…"));
        ImportViewModel cloud = new ImportViewModel(imports, Background.SAME_THREAD, new FakeDialogs(), ZoneOffset.UTC,
                ConsoleFakes.TEXT);
        cloud.exportProperty().set(Path.of("/Users/ana/Downloads/snapshot_acme-prod_1764460800.zip"));
        cloud.askToImport();
        return new ImportView(cloud, ConsoleFakes.TEXT);
    }
}
