package com.adaptivestartup.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.testing.TestPostgres;
import com.adaptivestartup.server.testing.TestStack;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Several instances starting at once on a new database (replicas, a Deployment's pods) each migrate: Flyway's lock
 * lets one apply the schema while the others wait, and every one reports the schema it found at the end; each
 * version is applied once. The schema's version read for readiness (one query of the history) agrees with Flyway's.
 */
class ConcurrentMigrationTest {

    @Test
    void threeInstancesMigratingAtOnceApplyEachVersionOnce() throws Exception {
        Assumptions.assumeFalse(TestStack.sqlite(), "the single container is one instance");
        ServerConfig.Database config = TestPostgres.get().newDatabase();
        List<HikariDataSource> pools = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(3)) {
            CyclicBarrier together = new CyclicBarrier(3);
            List<Future<Migrator.Report>> reports = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                HikariDataSource pool = Database.pool(config, 2);
                pools.add(pool);
                assertThat(new Migrator(pool, Release.of("1.2.0")).schemaVersion()).as("a new database has no schema").isEmpty();
                reports.add(threads.submit(() -> {
                    together.await();
                    return new Migrator(pool, Release.of("1.2.0")).migrate();
                }));
            }
            int applied = 0;
            for (Future<Migrator.Report> f : reports) {
                Migrator.Report r = f.get();
                assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
                assertThat(r.schemaAfter()).isEqualTo(String.valueOf(Release.of("1.2.0").schemaTarget()));
                applied += r.applied().size();
            }
            Sql sql = Database.sql(pools.get(0));
            long versions = sql.one("SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL",
                    row -> row.getLong(1)).orElseThrow();
            long distinct = sql.one("SELECT count(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL",
                    row -> row.getLong(1)).orElseThrow();
            assertThat(versions).as("each version applied once").isEqualTo(distinct).isEqualTo(applied);
            assertThat(new Migrator(pools.get(1), Release.of("1.2.0")).schemaVersion()).as("read from the history as Flyway reads it")
                    .contains(String.valueOf(Release.of("1.2.0").schemaTarget()));
            assertThat(new Migrator(pools.get(1), Release.of("1.2.0")).migrateDown("7").schemaAfter()).isEqualTo("7");
            assertThat(new Migrator(pools.get(2), Release.of("1.2.0")).schemaVersion()).contains("7");
        } finally {
            pools.forEach(HikariDataSource::close);
        }
    }
}
