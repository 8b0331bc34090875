package com.adaptivestartup.server.db;

import com.adaptivestartup.server.release.Release;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the release's target with Flyway. All pending migrations run in one
 * transaction (the DDL of both databases is transactional), so a failure leaves the database exactly as it was.
 * Each database has its own migrations ({@code db/migration} for PostgreSQL, {@code db/sqlite} for SQLite) under
 * the same version numbers, so a release's schema target means the same schema on both.
 */
public final class Migrator {
    public static final String LOCATION = "classpath:db/migration";
    public static final String SQLITE_LOCATION = "classpath:db/sqlite";
    private final DataSource dataSource;
    private final Release release;
    private final List<String> locations;

    public Migrator(DataSource dataSource, Release release) {
        this(dataSource, release, List.of(Database.dialectOf(dataSource) == Dialect.SQLITE ? SQLITE_LOCATION : LOCATION));
    }

    /** With extra locations: tests add a migration that fails on purpose. */
    public Migrator(DataSource dataSource, Release release, List<String> locations) {
        this.dataSource = dataSource;
        this.release = release;
        this.locations = locations;
    }

    /** What a migrate run did, printed as JSON by the {@code migrate} command. */
    public record Report(boolean ok, String release, String schemaBefore, String schemaAfter,
                         List<Applied> applied, String error) {
        /** A run that could not begin (the database never answered): nothing was applied. */
        public static Report failed(Release release, String error) {
            return new Report(false, release.version(), "unknown", "unknown", List.of(), error);
        }

        /** The same run, failed after all (a step after the migration did not succeed). */
        public Report failing(String why) {
            return new Report(false, release, schemaBefore, schemaAfter, applied, why);
        }
    }

    public record Applied(String version, String description, int millis) {
    }

    public Report migrate() {
        Flyway flyway = flyway(MigrationVersion.fromVersion(String.valueOf(release.schemaTarget())));
        String before = "unknown";
        try {
            before = currentVersion(flyway).orElse("none");
            MigrateResult result = flyway.migrate();
            List<Applied> applied = result.migrations.stream()
                    .map(m -> new Applied(m.version, m.description, m.executionTime)).toList();
            return new Report(true, release.version(), before, currentVersion(flyway).orElse("none"), applied, null);
        } catch (RuntimeException e) {
            return new Report(false, release.version(), before, versionAfterFailure(), List.of(), rootMessage(e));
        }
    }

    /**
     * Runs migrations down to {@code target}: each applied version above it, newest first, by its undo script
     * ({@code db/undo/U<version>.sql}), and forgets it in Flyway's history; all in one transaction, so a
     * failure (or a version without an undo script) leaves the database exactly as it was. What a down script
     * keeps is its own business: ours keep every row and drop only what the older release does not know.
     */
    public Report migrateDown(String target) {
        String before = "unknown";
        try {
            before = schemaVersion().orElse("none");
            MigrationVersion to = MigrationVersion.fromVersion(target);
            List<MigrationInfo> above = java.util.Arrays.stream(flyway(MigrationVersion.LATEST).info().applied())
                    .filter(m -> m.getVersion() != null && m.getVersion().compareTo(to) > 0)
                    .sorted(java.util.Comparator.comparing(MigrationInfo::getVersion).reversed()).toList();
            List<Applied> undone = new java.util.ArrayList<>();
            try (java.sql.Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (java.sql.Statement s = c.createStatement()) {
                    for (MigrationInfo m : above) {
                        String version = m.getVersion().getVersion();
                        String script = undoScript(undoFolder(), version).orElseThrow(() -> new IllegalStateException("migration V"
                                + version + " (" + m.getDescription() + ") has no undo script; it cannot be run down"));
                        long t0 = System.nanoTime();
                        s.execute(script);
                        s.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '" + version.replace("'", "") + "'");
                        undone.add(new Applied(version, m.getDescription(), (int) ((System.nanoTime() - t0) / 1_000_000)));
                    }
                    c.commit();
                } catch (java.sql.SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
            return new Report(true, release.version(), before, schemaVersion().orElse("none"), undone, null);
        } catch (java.sql.SQLException | RuntimeException e) {
            return new Report(false, release.version(), before, versionAfterFailure(), List.of(), rootMessage(e));
        }
    }

    private String undoFolder() {
        return locations.contains(SQLITE_LOCATION) ? "/db/sqlite-undo/" : "/db/undo/";
    }

    /** The undo script of a version: {@code db/undo/U<version>.sql} on the classpath. */
    static Optional<String> undoScript(String version) {
        return undoScript("/db/undo/", version);
    }

    private static Optional<String> undoScript(String folder, String version) {
        try (var in = Migrator.class.getResourceAsStream(folder + "U" + version + ".sql")) {
            return in == null ? Optional.empty()
                    : Optional.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String versionAfterFailure() {
        try {
            return currentVersion(flyway(MigrationVersion.LATEST)).orElse("none");
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** The schema version applied in the database, if any. */
    /**
     * The schema's version: the highest migration recorded as applied, read from Flyway's history table in one query
     * (no scan of the migrations: readiness probes ask this every few seconds); empty before the first migration.
     */
    public Optional<String> schemaVersion() {
        try (java.sql.Connection c = dataSource.getConnection()) {
            if (!hasHistory(c)) {
                return Optional.empty();
            }
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery(
                    "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
                MigrationVersion highest = null;
                while (r.next()) {
                    MigrationVersion v = MigrationVersion.fromVersion(r.getString(1));
                    highest = highest == null || v.compareTo(highest) > 0 ? v : highest;
                }
                return Optional.ofNullable(highest).map(MigrationVersion::getVersion);
            }
        } catch (java.sql.SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private static boolean hasHistory(java.sql.Connection c) throws java.sql.SQLException {
        try (java.sql.ResultSet tables = c.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
            return tables.next();
        }
    }

    private Flyway flyway(MigrationVersion target) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .target(target)
                .group(true)
                .mixed(false)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load();
    }

    private static Optional<String> currentVersion(Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null ? Optional.empty()
                : Optional.of(current.getVersion().getVersion());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        return e.getMessage() != null && !e.getMessage().equals(message)
                ? firstLine(e.getMessage()) + ": " + firstLine(message) : firstLine(message);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
