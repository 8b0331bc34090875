package com.adaptivestartup.console.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.license.LicenseStandings;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Update settings in a real SQLite state: kept per installation, bad values refused, older state brought forward. */
class UpdateSettingsTest {
    @TempDir
    Path dir;

    @Test
    void settingsAndDismissedNoticesAreKeptPerInstallation() {
        UpdateSettings.Store store = new UpdateSettings.Store(StateDatabase.open(dir));
        store.save("acme", UpdateSettings.NONE.withChannel("beta").withPinned("1.2.0").withSkipped("1.1.1")
                .withDismissed("adv-7").withDismissed("adv-8"));
        UpdateSettings read = store.find("acme");
        assertThat(read.channel()).isEqualTo("beta");
        assertThat(read.pinned()).isEqualTo("1.2.0");
        assertThat(read.skipped()).containsExactly("1.1.1");
        assertThat(read.dismissed()).containsExactlyInAnyOrder("adv-7", "adv-8");
        assertThat(store.find("other")).isEqualTo(UpdateSettings.NONE);
    }

    @Test
    void badValuesAreRefusedWithASentence() {
        assertThatThrownBy(() -> UpdateSettings.NONE.withPinned("latest"))
                .hasMessage("the version to pin at is a version such as 1.1.0, not 'latest'");
        assertThatThrownBy(() -> UpdateSettings.NONE.withSkipped("1.1"))
                .hasMessage("the version to skip is a version such as 1.1.0, not '1.1'");
        assertThatThrownBy(() -> UpdateSettings.NONE.withChannel("Stable Channel"))
                .hasMessageStartingWith("a channel is a name such as stable or beta");
        assertThatThrownBy(() -> UpdateSettings.NONE.withDismissed("adv-1,adv-2"))
                .hasMessage("'adv-1,adv-2' is not a notice id (see adaptivectl update notices)");
    }

    @Test
    void aStateFromTheConsoleBeforeDismissedNoticesIsBroughtForward() throws Exception {
        StateDatabase.open(dir);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("console.db"));
             Statement s = c.createStatement()) {
            // what a version-4 console left: the table without the column, no heartbeat table (v6), no settings
            // or audit anchors or console settings (v7), the clock table rather than the clock witness (v8), no
            // announced keys (v9)
            s.execute("ALTER TABLE update_settings DROP COLUMN dismissed");
            s.execute("DROP TABLE console_settings");
            s.execute("DROP TABLE clock_witness");
            s.execute("CREATE TABLE clock (id INTEGER PRIMARY KEY CHECK (id = 1), latest TEXT NOT NULL)");
            s.execute("DROP TABLE heartbeat");
            s.execute("ALTER TABLE installations DROP COLUMN settings");
            s.execute("DROP TABLE audit_anchors");
            s.execute("DROP TABLE announced_keys");
            s.execute("INSERT INTO update_settings (project, channel, skipped) VALUES ('acme', 'stable', '1.0.1')");
            s.execute("PRAGMA user_version = 4");
        }
        UpdateSettings read = new UpdateSettings.Store(StateDatabase.open(dir)).find("acme");
        assertThat(read.skipped()).containsExactly("1.0.1");
        assertThat(read.dismissed()).isEmpty();
        assertThat(new LicenseStandings(TrustedKeys.of(com.adaptivestartup.licensing.signing.Ed25519Keys.generate().getPublic()), StateDatabase.open(dir), java.time.Clock.systemUTC())
                .record("acme").enabled()).as("brought forward to v6 too").isFalse();
    }
}
