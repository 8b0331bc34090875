package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.ui.Background;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleWatchTest {
    private final List<String> said = new ArrayList<>();
    private final FakeStack stack = new FakeStack();
    private final DashboardViewModel dashboard = new DashboardViewModel(stack, Background.SAME_THREAD, new FakeDialogs(), ConsoleFakes.TEXT, ConsoleFakes.CLOCK);
    private final FakeBackups backupsFake = new FakeBackups().withOne("scheduled", "daily");
    private final BackupsViewModel backups = new BackupsViewModel(backupsFake, Background.SAME_THREAD, new FakeDialogs(), ConsoleFakes.TEXT, ZoneOffset.UTC);
    private final FakeUpdates updatesFake = new FakeUpdates();
    private final UpdatesViewModel updates = new UpdatesViewModel(updatesFake, Background.SAME_THREAD, new FakeDialogs(), ConsoleFakes.TEXT, ConsoleFakes.CLOCK, f -> { });

    private final List<String> mailed = new ArrayList<>();

    {
        ConsoleWatch.watch(dashboard, backups, updates, (title, text) -> said.add(title + ": " + text),
                (kind, subject, text) -> mailed.add(kind + " " + subject), new com.adaptivestartup.ui.Texts(ConsoleFakes.TEXT));
    }

    @Test
    void theCertificateNearingItsEndIsSaidOnce() {
        FakeAddresses fake = new FakeAddresses();
        AddressViewModel address = new AddressViewModel(fake, Background.SAME_THREAD, new FakeDialogs(), ZoneOffset.UTC,
                java.util.ResourceBundle.getBundle("com.adaptivestartup.ui.messages", java.util.Locale.ROOT));
        ConsoleWatch.watchCertificate(address, (title, text) -> said.add(title + ": " + text), ConsoleWatch.AdminMail.NONE,
                new com.adaptivestartup.ui.Texts(ConsoleFakes.TEXT));
        address.refresh();
        assertThat(said).isEmpty();
        fake.view = FakeAddresses.served(java.time.Duration.ofDays(20), "the certificate for startup.acme.local ends in 20"
                + " days; renew it now");
        address.refresh();
        address.refresh();
        assertThat(said).containsExactly("The app's certificate needs attention: The certificate for startup.acme.local"
                + " ends in 20 days; renew it now.");
    }

    @Test
    void aServiceGoingDownIsSaidOnceWithItsName() {
        dashboard.refresh();
        assertThat(dashboard.overallProperty().get()).isEqualTo("healthy");
        dashboard.stop("redis");
        assertThat(said).containsExactly("Adaptive Startup needs attention: Something is down or unhealthy: redis.");
        assertThat(mailed).as("and to the admins who asked").containsExactly("HEALTH The stack needs attention");
        dashboard.refresh();
        assertThat(said).hasSize(1);
    }

    @Test
    void aFailedBackupAndANewCriticalNoticeAreSaidTheSameNoticeOnlyOnce() {
        backups.restore("broken-one");
        updates.refresh();
        updates.refresh();
        assertThat(said).containsExactly(
                "A backup operation failed: Restore failed: the backup's entry database.dump has the wrong checksum; nothing"
                        + " was changed.",
                "Notice from Adaptive Startup: [CRITICAL] Update to 1.1.0: fixes a security issue in file sharing");
        assertThat(mailed).as("a newer version is mailed once, with the failed restore").containsExactly(
                "BACKUP A backup operation failed", "UPDATE Version 1.1.0 is available");
    }
}
