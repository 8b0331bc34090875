package com.adaptivestartup.server;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.PasswordHasher;
import com.adaptivestartup.server.config.Env;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.db.Database;
import com.adaptivestartup.server.db.Migrator;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.release.Release;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code serve} does first when the server runs alone on SQLite (the single container, or a developer's
 * {@code java -jar adaptive-server.jar serve}): nothing runs it from outside, so it brings the schema to this release
 * itself, and on a new database makes the first account: {@code ADMIN_EMAIL} with {@code ADMIN_PASSWORD[_FILE]} when
 * set, otherwise {@value #DEFAULT_EMAIL} with a random password it prints once and leaves in
 * {@code initial-admin-password} beside the database (readable by the server's user only). Either way the password
 * must be changed at the first sign-in.
 */
final class SingleStart {
    static final String DEFAULT_EMAIL = "admin@adaptive.local";
    static final String PASSWORD_FILE = "initial-admin-password";
    private static final Logger LOG = LoggerFactory.getLogger(SingleStart.class);

    private SingleStart() {
    }

    /** Migrates and makes the first admin when there is none; throws, saying why, when the server must not start. */
    static void prepare(ServerConfig.All config, Map<String, String> env, Release release, Clock clock) {
        ServerConfig.Database db = config.database();
        if (release.schemaTarget() < 9) {
            throw new ApiError(400, "edition", "release " + release.version()
                    + " runs only on PostgreSQL; the single-container edition (SQLite) begins with release 1.2.0");
        }
        LOG.info("database: {}{}", db.describe(), db.sqliteFile().equals(ServerConfig.Database.DEV_DEFAULT.toAbsolutePath()
                .normalize()) ? " (no DATABASE_URL or POSTGRES_* set: the default for trying the server)" : "");
        LOG.info("files: {}", config.storage().directory());
        try (var pool = Database.pool(db, 2)) {
            Migrator.Report report = new Migrator(pool, release).migrate();
            if (!report.ok()) {
                throw new IllegalStateException("the database could not be brought to release " + release.version()
                        + ": " + report.error());
            }
            if (!report.applied().isEmpty()) {
                LOG.info("schema {} -> {}", report.schemaBefore(), report.schemaAfter());
            }
            Sql sql = Database.sql(pool);
            Path folder = db.sqliteFile().getParent();
            if (sql.one("SELECT count(*) FROM users", r -> r.getLong(1)).orElse(0L) == 0) {
                firstAdmin(sql, new Env(env), folder, clock);
            } else {
                forgetUsedPassword(sql, folder);
            }
        }
    }

    private static void firstAdmin(Sql sql, Env env, Path folder, Clock clock) {
        String email = env.text("ADMIN_EMAIL", DEFAULT_EMAIL).strip();
        String password = env.optional("ADMIN_PASSWORD");
        env.check();
        boolean generated = password == null;
        if (generated) {
            password = randomPassword();
        }
        var created = AccountService.createAdmin(sql, new PasswordHasher(), clock, email, "Administrator", password,
                "My Organization");
        if (!generated) {
            LOG.info("first account: {} (the password of ADMIN_PASSWORD; to be changed at the first sign-in)", email);
            return;
        }
        Path file = (folder == null ? Path.of(".") : folder).resolve(PASSWORD_FILE);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("could not keep the first password in {}: {}", file, e.toString());
        }
        LOG.info("first account: {} with the one-time password {} (also in {}); sign in and choose your own",
                email, password, file);
        if (!created.created()) {
            throw new UncheckedIOException(new IOException("the first account could not be made: " + created.message()));
        }
    }

    /** Once the first account's one-time password has been replaced, its file is only a stale secret: removed. */
    private static void forgetUsedPassword(Sql sql, Path folder) {
        Path file = (folder == null ? Path.of(".") : folder).resolve(PASSWORD_FILE);
        if (Files.exists(file) && sql.one("SELECT 1 FROM users WHERE lower(email) = ? AND must_change_password",
                r -> 1, DEFAULT_EMAIL).isEmpty()) {
            try {
                Files.delete(file);
                LOG.info("the first account's password was changed: {} removed", file);
            } catch (IOException e) {
                LOG.warn("could not remove {}: {}", file, e.toString());
            }
        }
    }

    /** 20 letters and digits from the system's strong random source, grouped by four for reading aloud. */
    private static String randomPassword() {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 4 == 0) {
                out.append('-');
            }
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
