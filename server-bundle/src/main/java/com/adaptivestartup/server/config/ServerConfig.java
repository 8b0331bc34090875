package com.adaptivestartup.server.config;

import java.net.URI;
import java.util.Map;

/** Everything the server reads from its environment, in one place, grouped by what uses it. */
public final class ServerConfig {
    private ServerConfig() {
    }

    /**
     * The database: PostgreSQL (the full stack) or one SQLite file (the single-container edition, and the
     * server's default with no settings at all). For PostgreSQL {@code user} owns the schema and runs migrations;
     * {@code appUser}, when set (the stack sets it from release 1.2.0), is the least-privileged role the
     * long-running server connects as: it may read and write the app's rows, only insert into and read the
     * activity log, and change no schema. For SQLite {@code sqliteFile} names the file and the rest is unused
     * (a file has no roles: the container's user owns it).
     */
    public record Database(String host, int port, String name, String user, String password, String appUser,
                           String appPassword, java.nio.file.Path sqliteFile) {
        public Database(String host, int port, String name, String user, String password, String appUser,
                        String appPassword) {
            this(host, port, name, user, password, appUser, appPassword, null);
        }

        public Database(String host, int port, String name, String user, String password) {
            this(host, port, name, user, password, null, null, null);
        }

        /** Where the server keeps its data when nothing names a database: {@code adaptive-data} in the working folder. */
        public static final java.nio.file.Path DEV_DEFAULT = java.nio.file.Path.of("adaptive-data", "adaptive.db");

        /** One SQLite file. */
        public static Database sqlite(java.nio.file.Path file) {
            return new Database(null, 0, null, "", "", null, null, file.toAbsolutePath().normalize());
        }

        public boolean isSqlite() {
            return sqliteFile != null;
        }

        public String jdbcUrl() {
            return isSqlite() ? "jdbc:sqlite:" + sqliteFile : "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        /** Where the database is, for a person reading the log (never a password). */
        public String describe() {
            return isSqlite() ? "SQLite file " + sqliteFile : "PostgreSQL " + name + " on " + host + ":" + port;
        }

        /** Whether a separate runtime role is configured. */
        public boolean hasAppRole() {
            return appUser != null;
        }

        /** The credentials {@code serve} connects with: the runtime role when configured, else the owner. */
        public Database runtime() {
            return appUser == null ? this : new Database(host, port, name, appUser, appPassword, null, null, null);
        }

        /**
         * From {@code DATABASE_URL} when set ({@code sqlite:///data/adaptive.db}, {@code jdbc:sqlite:/data/x.db} or
         * {@code sqlite:relative.db}), else PostgreSQL from the {@code POSTGRES_*} variables.
         */
        public static Database from(Env env) {
            String url = env.optional("DATABASE_URL");
            if (url != null && !url.isBlank()) {
                return fromUrl(env, url.strip());
            }
            if (env.names().stream().noneMatch(n -> n.startsWith("POSTGRES_"))) {
                return sqlite(DEV_DEFAULT);   // nothing said about a database: the developer's default, named at start
            }
            String appUser = env.optional("POSTGRES_APP_USER");
            String appPassword = appUser == null ? null : env.required("POSTGRES_APP_PASSWORD");
            if (appUser != null && !appUser.matches("[a-z_][a-z0-9_]{0,62}")) {
                env.problem("POSTGRES_APP_USER must be a lower-case PostgreSQL role name (letters, digits, _), not '"
                        + appUser + "'");
            }
            return new Database(env.text("POSTGRES_HOST", "postgres"), env.number("POSTGRES_PORT", 5432, 1, 65535),
                    env.text("POSTGRES_DB", "adaptive"), env.text("POSTGRES_USER", "adaptive"),
                    env.required("POSTGRES_PASSWORD"), appUser, appPassword);
        }

        private static Database fromUrl(Env env, String url) {
            String path;
            if (url.startsWith("sqlite:///")) {
                path = url.substring("sqlite://".length());   // sqlite:///data/x.db names /data/x.db
            } else if (url.startsWith("sqlite:")) {
                path = url.substring("sqlite:".length());
            } else if (url.startsWith("jdbc:sqlite:")) {
                path = url.substring("jdbc:sqlite:".length());
            } else {
                env.problem("DATABASE_URL must name a SQLite file, such as sqlite:///data/adaptive.db (for PostgreSQL"
                        + " set POSTGRES_HOST, POSTGRES_DB, POSTGRES_USER and POSTGRES_PASSWORD instead); not '"
                        + url.replaceAll("//[^/@]*@", "//***@") + "'");
                return sqlite(java.nio.file.Path.of("adaptive.db"));
            }
            if (path.isBlank() || path.contains("?") || path.equals(":memory:")) {
                env.problem("DATABASE_URL must name a SQLite file on disk, such as sqlite:///data/adaptive.db; not '"
                        + url + "'");
                return sqlite(java.nio.file.Path.of("adaptive.db"));
            }
            return sqlite(java.nio.file.Path.of(path));
        }
    }

    public record Redis(String host, int port, String password) {
        public static Redis from(Env env) {
            return new Redis(env.text("REDIS_HOST", "redis"), env.number("REDIS_PORT", 6379, 1, 65535),
                    env.optional("REDIS_PASSWORD"));
        }
    }

    /**
     * Where uploaded files live: an S3 bucket (the full stack), or a folder on the local disk (the single-container
     * edition: {@code FILES_DIR}, by default {@code files} beside the SQLite file), with the same keys and checksums.
     */
    public record Storage(URI endpoint, String bucket, String accessKey, String secretKey, String region,
                          java.nio.file.Path directory) {
        public Storage(URI endpoint, String bucket, String accessKey, String secretKey, String region) {
            this(endpoint, bucket, accessKey, secretKey, region, null);
        }

        public static Storage disk(java.nio.file.Path directory) {
            return new Storage(null, null, null, null, null, directory.toAbsolutePath().normalize());
        }

        public boolean isDisk() {
            return directory != null;
        }

        public static Storage from(Env env) {
            return new Storage(URI.create(env.text("S3_ENDPOINT", "http://storage:9000")),
                    env.text("S3_BUCKET", "adaptive-files"), env.required("S3_ACCESS_KEY"),
                    env.required("S3_SECRET_KEY"), env.text("S3_REGION", "us-east-1"));
        }

        /** Beside a SQLite database: {@code FILES_DIR}, or {@code files} in the database's folder. */
        static Storage beside(Env env, Database database) {
            String dir = env.optional("FILES_DIR");
            java.nio.file.Path folder = database.sqliteFile().getParent();
            return disk(dir != null && !dir.isBlank() ? java.nio.file.Path.of(dir.strip())
                    : (folder == null ? java.nio.file.Path.of(".") : folder).resolve("files"));
        }
    }

    /** Optional: with neither set, the AI endpoints answer 503 and everything else works. */
    public record Ai(String geminiApiKey, String geminiBaseUrl, String ollamaUrl, String ollamaModel) {
        public static Ai from(Env env) {
            return new Ai(env.optional("GEMINI_API_KEY"),
                    env.text("GEMINI_BASE_URL", "https://generativelanguage.googleapis.com"),
                    env.optional("OLLAMA_URL"), env.text("OLLAMA_MODEL", "llama3.2"));
        }
    }

    /**
     * The HTTP side. {@code sessionHours} is the idle expiry, {@code sessionMaxAgeDays} the absolute one;
     * {@code trustedProxies} the addresses whose {@code X-Real-IP} is believed (the stack's nginx).
     */
    public record Http(int port, long maxUploadBytes, int sessionHours, int sessionMaxAgeDays, String trustedProxies,
                       PublicUrl publicUrl) {
        public Http(int port, long maxUploadBytes, int sessionHours) {
            this(port, maxUploadBytes, sessionHours, 30, "");
        }

        public Http(int port, long maxUploadBytes, int sessionHours, int sessionMaxAgeDays, String trustedProxies) {
            this(port, maxUploadBytes, sessionHours, sessionMaxAgeDays, trustedProxies, PublicUrl.UNKNOWN);
        }

        public static Http from(Env env) {
            return new Http(env.number("HTTP_PORT", 8080, 0, 65535),
                    env.number("MAX_UPLOAD_MB", 50, 1, 10_240) * 1024L * 1024L,
                    env.number("SESSION_TTL_HOURS", 12, 1, 24 * 30),
                    env.number("SESSION_MAX_AGE_DAYS", 30, 1, 365),
                    env.text("TRUSTED_PROXIES", ""),
                    PublicUrl.from(env));
        }
    }

    /**
     * Secrets that guard the server's own integrity: the activity log's chain key ({@code AUDIT_KEY}) and the
     * token that lets the console read readiness in detail ({@code HEALTH_TOKEN}). Both optional; the stack
     * sets both from release 1.2.0.
     */
    public record Integrity(String auditKey, String healthToken) {
        public static Integrity none() {
            return new Integrity(null, null);
        }

        public static Integrity from(Env env) {
            String auditKey = env.optional("AUDIT_KEY");
            if (auditKey != null && auditKey.strip().length() < 32) {
                env.problem("AUDIT_KEY must hold at least 32 characters");
            }
            return new Integrity(auditKey, env.optional("HEALTH_TOKEN"));
        }
    }

    /**
     * The mail server the stack sends through ({@code SMTP_HOST}, {@code SMTP_PORT}, {@code SMTP_SECURITY}
     * {@code starttls|tls|none}, {@code SMTP_USERNAME}, {@code SMTP_PASSWORD[_FILE]}, {@code MAIL_FROM}); none
     * ({@link #NONE}) when {@code SMTP_HOST} is unset: invitations are then copied by hand and passwords reset by an
     * admin.
     */
    public record Mail(String host, int port, Security security, String username, String password, String from) {
        public static final Mail NONE = new Mail(null, 0, Security.NONE, null, null, null);

        /** How the connection to the mail server is protected. */
        public enum Security {
            /** Plain connection upgraded to TLS (port 587); refused when the server does not offer it. */
            STARTTLS,
            /** TLS from the first byte (port 465). */
            TLS,
            /** No encryption: only for a relay on the same trusted network. */
            NONE
        }

        public boolean configured() {
            return host != null;
        }

        public static Mail from(Env env) {
            String host = env.optional("SMTP_HOST");
            if (host == null || host.isBlank()) {
                return NONE;
            }
            String securityText = env.text("SMTP_SECURITY", "starttls").strip().toUpperCase(java.util.Locale.ROOT);
            Security security;
            try {
                security = Security.valueOf(securityText);
            } catch (IllegalArgumentException e) {
                env.problem("SMTP_SECURITY must be starttls, tls or none; not '" + securityText.toLowerCase(java.util.Locale.ROOT) + "'");
                security = Security.STARTTLS;
            }
            int port = env.number("SMTP_PORT", security == Security.TLS ? 465 : 587, 1, 65535);
            String from = env.optional("MAIL_FROM");
            if (from == null || !from.contains("@")) {
                env.problem("MAIL_FROM must be the address mail is sent from, such as adaptive@example.com; not '"
                        + from + "'");
            }
            return new Mail(host.strip(), port, security, env.optional("SMTP_USERNAME"), env.optional("SMTP_PASSWORD"), from);
        }
    }

    /** All of it, for {@code serve}. */
    public record All(Database database, Redis redis, Storage storage, Ai ai, Http http, Integrity integrity, Mail mail) {
        public All(Database database, Redis redis, Storage storage, Ai ai, Http http) {
            this(database, redis, storage, ai, http, Integrity.none(), Mail.NONE);
        }

        public All(Database database, Redis redis, Storage storage, Ai ai, Http http, Integrity integrity) {
            this(database, redis, storage, ai, http, integrity, Mail.NONE);
        }

        public All withMail(Mail mail) {
            return new All(database, redis, storage, ai, http, integrity, mail);
        }

        /** Whether the server runs alone (SQLite, files on disk, no Redis): the single-container edition. */
        public boolean single() {
            return database.isSqlite();
        }

        public static All from(Map<String, String> vars) {
            Env env = new Env(vars);
            Database database = Database.from(env);
            All all = database.isSqlite()
                    ? new All(database, null, Storage.beside(env, database), Ai.from(env), Http.from(env),
                            Integrity.from(env), Mail.from(env))
                    : new All(database, Redis.from(env), Storage.from(env), Ai.from(env), Http.from(env),
                            Integrity.from(env), Mail.from(env));
            env.check();
            return all;
        }
    }
}
