package com.adaptivestartup.console.state;

import com.adaptivestartup.licensing.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The console's own SQLite database (installations, the journal of operations, later backups and the
 * trusted update state), in the OS's app-data folder. Its schema is versioned with {@code user_version};
 * each step is applied in a transaction, so an interrupted upgrade of the console leaves it as it was.
 */
public final class StateDatabase {
    private static final List<String> MIGRATIONS = List.of(
            """
            CREATE TABLE installations (
                project      TEXT PRIMARY KEY,
                directory    TEXT NOT NULL,
                version      TEXT NOT NULL,
                http_port    INTEGER NOT NULL,
                admin_email  TEXT NOT NULL,
                registry     TEXT NOT NULL,
                installed_at TEXT NOT NULL,
                updated_at   TEXT NOT NULL
            );
            CREATE TABLE journal (
                id           INTEGER PRIMARY KEY AUTOINCREMENT,
                operation_id TEXT NOT NULL,
                operation    TEXT NOT NULL,
                project      TEXT NOT NULL,
                step         TEXT NOT NULL,
                status       TEXT NOT NULL CHECK (status IN ('started', 'done', 'failed', 'skipped')),
                detail       TEXT,
                at           TEXT NOT NULL
            );
            CREATE INDEX journal_operation ON journal (operation_id, id);
            CREATE TABLE clock (id INTEGER PRIMARY KEY CHECK (id = 1), latest TEXT NOT NULL);
            """,
            """
            CREATE TABLE backups (
                id             TEXT PRIMARY KEY,
                project        TEXT NOT NULL,
                file           TEXT NOT NULL UNIQUE,
                kind           TEXT NOT NULL,
                app_version    TEXT NOT NULL,
                schema_version TEXT NOT NULL,
                created_at     TEXT NOT NULL,
                size           INTEGER NOT NULL,
                sha256         TEXT NOT NULL,
                encrypted      INTEGER NOT NULL,
                note           TEXT,
                verified_at    TEXT,
                verify_result  TEXT
            );
            CREATE INDEX backups_project ON backups (project, created_at);
            """,
            """
            ALTER TABLE backups ADD COLUMN restore_tested_at TEXT;
            ALTER TABLE backups ADD COLUMN restore_test_result TEXT;
            ALTER TABLE backups ADD COLUMN hold TEXT;
            CREATE TABLE backup_schedules (
                project   TEXT PRIMARY KEY,
                daily_at  TEXT NOT NULL,
                zone      TEXT NOT NULL,
                keep      INTEGER NOT NULL CHECK (keep >= 1),
                last_run  TEXT
            );
            """,
            """
            ALTER TABLE installations ADD COLUMN license_text TEXT;
            CREATE TABLE channel_state (
                channel     TEXT PRIMARY KEY,
                sequence    INTEGER NOT NULL,
                document    TEXT NOT NULL,
                verified_at TEXT NOT NULL
            );
            CREATE TABLE update_settings (
                project  TEXT PRIMARY KEY,
                source   TEXT,
                channel  TEXT,
                pinned   TEXT,
                skipped  TEXT
            );
            """,
            // v5: the vendor's notices an admin dismissed, per installation
            """
            ALTER TABLE update_settings ADD COLUMN dismissed TEXT;
            """,
            // v6: the opt-in heartbeat to the Brain, per installation, and the last signed license standing
            """
            CREATE TABLE heartbeat (
                project      TEXT PRIMARY KEY,
                enabled      INTEGER NOT NULL DEFAULT 0,
                instance_id  TEXT NOT NULL,
                activated_at TEXT,
                last_sent_at TEXT,
                standing     TEXT
            );
            """,
            // v7: the admin's stack settings (bind address, memory limits), the activity log's anchors, and the
            // console's own settings (which engine to use)
            """
            ALTER TABLE installations ADD COLUMN settings TEXT;
            CREATE TABLE console_settings (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );
            CREATE TABLE audit_anchors (
                project     TEXT NOT NULL,
                org_id      TEXT NOT NULL,
                seq         INTEGER NOT NULL,
                hash        TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                source      TEXT NOT NULL,
                PRIMARY KEY (project, org_id, seq)
            );
            """,
            // v8: the clock witness moves from its own file into the database, with the latest vendor-signed time
            // (epoch milliseconds, so comparing is exact); the never-used clock table goes
            """
            DROP TABLE clock;
            CREATE TABLE clock_witness (
                id        INTEGER PRIMARY KEY CHECK (id = 1),
                seen_ms   INTEGER,
                signed_ms INTEGER
            );
            INSERT INTO clock_witness (id) VALUES (1);
            """,
            // v9: the vendor's next signing keys, as a trusted channel manifest announced them (key rotation)
            """
            CREATE TABLE announced_keys (
                kid          TEXT PRIMARY KEY,
                public_key   TEXT NOT NULL,
                channel      TEXT NOT NULL,
                announced_at TEXT NOT NULL
            );
            """);
    private final String url;
    private final Path folder;

    private StateDatabase(Path file) {
        this.url = "jdbc:sqlite:" + file;
        this.folder = file.getParent();
    }

    /** Where the installations' operation locks are kept, beside the database. */
    public Path locksFolder() {
        return folder.resolve("locks");
    }

    /**
     * Opens (or creates) the state in {@code stateDir}. It holds licenses with their registry passwords, so the
     * folder is the owner's alone (0700) and the database 0600 (SQLite gives its -wal and -shm files the same
     * mode); a folder or file an older console left readable is narrowed.
     */
    public static StateDatabase open(Path stateDir) {
        Path file = stateDir.resolve("console.db");
        try {
            PrivateFiles.createFolder(stateDir);
            if (Files.notExists(file)) {
                PrivateFiles.createFile(file);
            }
            for (String name : List.of("console.db", "console.db-wal", "console.db-shm", "clock-witness")) {
                PrivateFiles.narrow(stateDir.resolve(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the console's state folder " + stateDir + ": " + e.getMessage(), e);
        }
        StateDatabase db = new StateDatabase(file);
        db.migrate();
        return db;
    }

    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("PRAGMA busy_timeout = 5000");
            s.execute("PRAGMA journal_mode = WAL");
        }
        return c;
    }

    private void migrate() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            int version;
            try (var r = s.executeQuery("PRAGMA user_version")) {
                version = r.getInt(1);
            }
            if (version > MIGRATIONS.size()) {
                throw new IllegalStateException("the console's state database is from a newer console (schema " + version
                        + "); install that console again, or restore its state folder");
            }
            for (int i = version; i < MIGRATIONS.size(); i++) {
                c.setAutoCommit(false);
                for (String statement : MIGRATIONS.get(i).split(";")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
                s.execute("PRAGMA user_version = " + (i + 1));
                c.commit();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the console's state database cannot be opened: " + e.getMessage(), e);
        }
    }
}
