package com.adaptivestartup.server.config;

import java.net.URI;
import java.util.Map;

/** Everything the server reads from its environment, in one place, grouped by what uses it. */
public final class ServerConfig {
    private ServerConfig() {
    }

    /**
     * The database. {@code user} owns the schema and runs migrations; {@code appUser}, when set (the stack
     * sets it from release 1.2.0), is the least-privileged role the long-running server connects as: it may
     * read and write the app's rows, only insert into and read the activity log, and change no schema.
     */
    public record Database(String host, int port, String name, String user, String password, String appUser,
                           String appPassword) {
        public Database(String host, int port, String name, String user, String password) {
            this(host, port, name, user, password, null, null);
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        /** Whether a separate runtime role is configured. */
        public boolean hasAppRole() {
            return appUser != null;
        }

        /** The credentials {@code serve} connects with: the runtime role when configured, else the owner. */
        public Database runtime() {
            return appUser == null ? this : new Database(host, port, name, appUser, appPassword, null, null);
        }

        public static Database from(Env env) {
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
    }

    public record Redis(String host, int port, String password) {
        public static Redis from(Env env) {
            return new Redis(env.text("REDIS_HOST", "redis"), env.number("REDIS_PORT", 6379, 1, 65535),
                    env.optional("REDIS_PASSWORD"));
        }
    }

    public record Storage(URI endpoint, String bucket, String accessKey, String secretKey, String region) {
        public static Storage from(Env env) {
            return new Storage(URI.create(env.text("S3_ENDPOINT", "http://storage:9000")),
                    env.text("S3_BUCKET", "adaptive-files"), env.required("S3_ACCESS_KEY"),
                    env.required("S3_SECRET_KEY"), env.text("S3_REGION", "us-east-1"));
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

    /** All of it, for {@code serve}. */
    public record All(Database database, Redis redis, Storage storage, Ai ai, Http http, Integrity integrity) {
        public All(Database database, Redis redis, Storage storage, Ai ai, Http http) {
            this(database, redis, storage, ai, http, Integrity.none());
        }

        public static All from(Map<String, String> vars) {
            Env env = new Env(vars);
            All all = new All(Database.from(env), Redis.from(env), Storage.from(env), Ai.from(env), Http.from(env),
                    Integrity.from(env));
            env.check();
            return all;
        }
    }
}
