package com.adaptivestartup.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.testing.TestPostgres;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Migrations on a real PostgreSQL, each on a database holding the previous release's data. */
class MigrationsTest {
    private HikariDataSource db;
    private Sql sql;

    @BeforeEach
    void freshDatabase() {
        ServerConfig.Database config = TestPostgres.get().newDatabase();
        db = Database.pool(config, 2);
        sql = Database.sql(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void release100MigratesAnEmptyDatabaseToSchema4AndReportsIt() {
        Migrator.Report report = new Migrator(db, Release.of("1.0.0")).migrate();
        assertThat(report.ok()).isTrue();
        assertThat(report.schemaBefore()).isEqualTo("none");
        assertThat(report.schemaAfter()).isEqualTo("4");
        assertThat(report.applied()).extracting(Migrator.Applied::version).containsExactly("1", "2", "3", "4");
        assertThat(new Migrator(db, Release.of("1.0.0")).migrate().applied()).as("second run").isEmpty();
    }

    @Test
    void release110AddsUnitsFilledFromThe100Data() {
        assertThat(new Migrator(db, Release.of("1.0.0")).migrate().ok()).isTrue();
        UUID venture = seed100Data();
        Migrator.Report report = new Migrator(db, Release.of("1.1.0")).migrate();
        assertThat(report.ok()).as(report.error()).isTrue();
        assertThat(report.schemaBefore()).isEqualTo("4");
        assertThat(report.schemaAfter()).isEqualTo("5");
        Map<String, String> units = sql.list("SELECT name, unit FROM metrics WHERE venture_id = ?",
                r -> Map.entry(r.getString(1), r.getString(2)), venture).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(units).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MRR", "USD", "churn rate", "percent", "active users", "count", "NPS", "none"));
        assertThat(sql.one("SELECT sum(value) FROM metrics", r -> r.getDouble(1))).contains(1000.0 + 2.5 + 40 + 31);
        assertThatThrownBy(() -> sql.update("INSERT INTO metrics (org_id, venture_id, name, value, recorded_at,"
                + " created_by, unit) SELECT org_id, venture_id, 'x', 1, now(), created_by, 'parsecs' FROM metrics LIMIT 1"))
                .hasMessageContaining("metrics_unit_known");
    }

    @Test
    void release110RunsDownTo100KeepingEveryRowWrittenSince() {
        assertThat(new Migrator(db, Release.of("1.0.0")).migrate().ok()).isTrue();
        UUID venture = seed100Data();
        assertThat(new Migrator(db, Release.of("1.1.0")).migrate().ok()).isTrue();
        sql.update("INSERT INTO metrics (org_id, venture_id, name, value, recorded_at, created_by, unit)"
                + " SELECT org_id, venture_id, 'written on 1.1.0', 7, now(), created_by, 'count' FROM metrics LIMIT 1");

        Migrator.Report down = new Migrator(db, Release.of("1.1.0")).migrateDown("4");
        assertThat(down.ok()).as(down.error()).isTrue();
        assertThat(down.schemaBefore()).isEqualTo("5");
        assertThat(down.schemaAfter()).isEqualTo("4");
        assertThat(down.applied()).extracting(Migrator.Applied::version).containsExactly("5");
        assertThat(sql.list("SELECT column_name FROM information_schema.columns WHERE table_name = 'metrics'",
                r -> r.getString(1))).doesNotContain("unit");
        assertThat(sql.list("SELECT name FROM metrics WHERE venture_id = ?", r -> r.getString(1), venture))
                .contains("MRR", "written on 1.1.0").hasSize(5);
        // 1.0.0 takes it from there, and 1.1.0 can migrate it up again
        assertThat(new Migrator(db, Release.of("1.0.0")).migrate()).satisfies(r -> {
            assertThat(r.ok()).as(r.error()).isTrue();
            assertThat(r.schemaAfter()).isEqualTo("4");
        });
        assertThat(new Migrator(db, Release.of("1.1.0")).migrate().schemaAfter()).isEqualTo("5");
    }

    @Test
    void aVersionWithoutAnUndoScriptIsNotRunDownAndNothingChanges() {
        assertThat(new Migrator(db, Release.of("1.1.0")).migrate().ok()).isTrue();
        seed100Data();
        List<String> tablesBefore = tables();
        Migrator.Report down = new Migrator(db, Release.of("1.1.0")).migrateDown("3");
        assertThat(down.ok()).isFalse();
        assertThat(down.error()).contains("migration V4 (activity log) has no undo script");
        assertThat(down.schemaAfter()).isEqualTo("5");
        assertThat(tables()).isEqualTo(tablesBefore);
        assertThat(sql.list("SELECT column_name FROM information_schema.columns WHERE table_name = 'metrics'",
                r -> r.getString(1))).as("V5 was not undone either: one transaction").contains("unit");
    }

    @Test
    void aFailedMigrationLeavesTheDatabaseExactlyAsItWas() {
        assertThat(new Migrator(db, Release.of("1.1.0")).migrate().ok()).isTrue();
        seed100Data();
        assertThat(new Migrator(db, Release.of("1.2.0")).migrate().ok()).isTrue();
        assertThat(new Migrator(db, Release.of("1.2.0")).migrate().ok()).isTrue();
        List<String> tablesBefore = tables();
        double sumBefore = sql.one("SELECT sum(value) FROM metrics", r -> r.getDouble(1)).orElseThrow();

        Migrator broken = new Migrator(db, new Release("9.9.9", 99), List.of(Migrator.LOCATION, "classpath:db/broken"));
        Migrator.Report report = broken.migrate();
        assertThat(report.ok()).isFalse();
        assertThat(report.error()).contains("no_such_function");
        assertThat(report.schemaAfter()).isEqualTo("9");
        assertThat(tables()).isEqualTo(tablesBefore).doesNotContain("half_done");
        assertThat(sql.one("SELECT sum(value) FROM metrics", r -> r.getDouble(1))).contains(sumBefore);
        assertThat(new Migrator(db, Release.of("1.2.0")).schemaVersion()).contains("9");
    }

    @Test
    void theActivityLogRefusesUpdatesAndDeletes() {
        assertThat(new Migrator(db, Release.of("1.0.0")).migrate().ok()).isTrue();
        UUID venture = seed100Data();
        UUID org = sql.one("SELECT org_id FROM ventures WHERE id = ?", r -> r.getObject(1, UUID.class), venture).orElseThrow();
        sql.update("INSERT INTO activity_log (org_id, action, entity_type, entity_id, payload, created_at, prev_hash, hash)"
                + " VALUES (?, 'x', 'venture', 'v', '{}', now(), 'p', 'h')", org);
        assertThatThrownBy(() -> sql.update("UPDATE activity_log SET action = 'y'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql.update("DELETE FROM activity_log")).hasMessageContaining("append-only");
    }

    private List<String> tables() {
        return sql.list("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", r -> r.getString(1));
    }

    /** Rows as release 1.0.0 writes them. */
    @Test
    void release120HardensThe110SchemaAndRunsDownKeepingEveryRow() {
        assertThat(new Migrator(db, Release.of("1.1.0")).migrate().ok()).isTrue();
        UUID venture = seed100Data();
        UUID org = sql.one("SELECT org_id FROM ventures WHERE id = ?", r -> r.getObject(1, UUID.class), venture).orElseThrow();
        UUID user = sql.one("SELECT created_by FROM ventures WHERE id = ?", r -> r.getObject(1, UUID.class), venture).orElseThrow();
        sql.update("INSERT INTO invitations (id, org_id, email, role, token_hash, invited_by, expires_at)"
                + " VALUES (?, ?, 'x@example.com', 'member', 'h1', ?, now() + interval '7 days')", UUID.randomUUID(), org, user);
        sql.update("INSERT INTO activity_log (org_id, action, entity_type, entity_id, payload, created_at, prev_hash, hash)"
                + " VALUES (?, 'old', 'venture', 'v', '{}', now(), 'p', 'h-old')", org);

        Migrator.Report up = new Migrator(db, Release.of("1.2.0")).migrate();
        assertThat(up.ok()).as(up.error()).isTrue();
        assertThat(up.schemaAfter()).isEqualTo("9");
        assertThat(sql.one("SELECT chain FROM activity_log WHERE hash = 'h-old'", r -> r.getString(1))).contains("sha256");
        assertThatThrownBy(() -> sql.update("TRUNCATE activity_log")).hasMessageContaining("cannot be truncated");
        assertThatThrownBy(() -> sql.update("UPDATE ventures SET data = jsonb_build_object('big', repeat('x', 300000))"
                + " WHERE id = ?", venture)).hasMessageContaining("ventures_data_size");

        sql.update("INSERT INTO activity_log (org_id, action, entity_type, entity_id, payload, created_at, prev_hash, hash, chain)"
                + " VALUES (?, 'new', 'venture', 'v', '{}', now(), 'h-old', 'h-new', 'hmac-sha256')", org);
        sql.update("UPDATE invitations SET revoked_at = now() WHERE token_hash = 'h1'");
        Migrator.Report down = new Migrator(db, Release.of("1.2.0")).migrateDown("5");
        assertThat(down.ok()).as(down.error()).isTrue();
        assertThat(down.schemaAfter()).isEqualTo("5");
        assertThat(sql.one("SELECT count(*) FROM activity_log", r -> r.getLong(1))).contains(2L);
        assertThat(sql.one("SELECT expires_at <= now() FROM invitations WHERE token_hash = 'h1'", r -> r.getBoolean(1)))
                .as("a revoked invitation is an expired one on 1.1.0").contains(true);
        assertThat(new Migrator(db, Release.of("1.1.0")).migrate().ok()).as("1.1.0 takes it as it is").isTrue();

        Migrator.Report again = new Migrator(db, Release.of("1.2.0")).migrate();
        assertThat(again.ok()).as(again.error()).isTrue();
        assertThat(sql.one("SELECT chain FROM activity_log WHERE hash = 'h-new'", r -> r.getString(1)))
                .as("a keyed row is still known as keyed after a rollback and a second update").contains("hmac-sha256");
    }

    @Test
    void release120MovesEachLeanCanvasIntoACanvasAndARollbackAndSecondUpdateLoseNoEdit() {
        assertThat(new Migrator(db, Release.of("1.1.0")).migrate().ok()).isTrue();
        UUID venture = seed100Data();
        UUID bare = seed100Data();
        sql.update("UPDATE ventures SET data = '{\"leanCanvas\": {\"problem\": \"frost\", \"channels\": \"co-ops\","
                + " \"score\": 3, \"mood\": \"x\"}, \"notes\": \"kept\"}'::jsonb WHERE id = ?", venture);

        Migrator.Report up = new Migrator(db, Release.of("1.2.0")).migrate();
        assertThat(up.ok()).as(up.error()).isTrue();
        assertThat(sections(venture)).as("the text sections the canvas knows; nothing else")
                .isEqualTo("{\"problem\": \"frost\", \"channels\": \"co-ops\"}");
        assertThat(sql.one("SELECT count(*) FROM canvases WHERE venture_id = ?", r -> r.getLong(1), bare))
                .as("a venture without a canvas gets none made up").contains(0L);
        UUID org = sql.one("SELECT org_id FROM ventures WHERE id = ?", r -> r.getObject(1, UUID.class), venture).orElseThrow();
        sql.update("UPDATE canvases SET sections = sections || '{\"problem\": \"pests\"}'::jsonb WHERE venture_id = ?", venture);
        sql.update("INSERT INTO goals (id, org_id, venture_id, title) VALUES (?, ?, ?, 'Ten farms')", UUID.randomUUID(), org, venture);

        Migrator.Report down = new Migrator(db, Release.of("1.2.0")).migrateDown("5");
        assertThat(down.ok()).as(down.error()).isTrue();
        assertThat(sql.one("SELECT data ->> 'notes' || ' ' || (data -> 'leanCanvas' ->> 'problem') FROM ventures WHERE id = ?",
                r -> r.getString(1), venture)).as("1.1.0 sees the canvas as last edited in 1.2.0").contains("kept pests");
        sql.update("UPDATE ventures SET data = jsonb_set(data, '{leanCanvas,solution}', '\"drones\"') WHERE id = ?", venture);

        Migrator.Report again = new Migrator(db, Release.of("1.2.0")).migrate();
        assertThat(again.ok()).as(again.error()).isTrue();
        assertThat(sql.one("SELECT count(*) FROM canvases WHERE venture_id = ?", r -> r.getLong(1), venture)).contains(1L);
        assertThat(sections(venture)).as("the edit made on 1.1.0 is brought in")
                .contains("\"solution\": \"drones\"").contains("\"problem\": \"pests\"");
        assertThat(sql.one("SELECT count(*) FROM goals WHERE venture_id = ?", r -> r.getLong(1), venture))
                .as("records written on 1.2.0 are there again").contains(1L);
    }

    private String sections(UUID venture) {
        return sql.one("SELECT c.sections::text FROM canvases c JOIN ventures v ON v.current_canvas_id = c.id WHERE v.id = ?",
                r -> r.getString(1), venture).orElseThrow();
    }

    private UUID seed100Data() {
        UUID user = UUID.randomUUID();
        UUID org = UUID.randomUUID();
        UUID venture = UUID.randomUUID();
        sql.update("INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, 'U', 'x')", user, user + "@example.com");
        sql.update("INSERT INTO organizations (id, name, created_by) VALUES (?, 'Org', ?)", org, user);
        sql.update("INSERT INTO ventures (id, org_id, name, created_by) VALUES (?, ?, 'V', ?)", venture, org, user);
        Object[][] points = {{"MRR", 1000.0}, {"churn rate", 2.5}, {"active users", 40.0}, {"NPS", 31.0}};
        for (Object[] p : points) {
            sql.update("INSERT INTO metrics (org_id, venture_id, name, value, recorded_at, created_by)"
                    + " VALUES (?, ?, ?, ?, now(), ?)", org, venture, p[0], p[1], user);
        }
        return venture;
    }
}
