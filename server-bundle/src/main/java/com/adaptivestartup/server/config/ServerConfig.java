package com.adaptivestartup.server.config;

import java.net.URI;
import java.util.Map;

/** Everything the server reads from its environment, in one place, grouped by what uses it. */
public final class ServerConfig {
    private ServerConfig() {
    }

    public record Database(String host, int port, String name, String user, String password) {
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        public static Database from(Env env) {
            return new Database(env.text("POSTGRES_HOST", "postgres"), env.number("POSTGRES_PORT", 5432, 1, 65535),
                    env.text("POSTGRES_DB", "adaptive"), env.text("POSTGRES_USER", "adaptive"),
                    env.required("POSTGRES_PASSWORD"));
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

    public record Http(int port, long maxUploadBytes, int sessionHours) {
        public static Http from(Env env) {
            return new Http(env.number("HTTP_PORT", 8080, 0, 65535),
                    env.number("MAX_UPLOAD_MB", 50, 1, 10_240) * 1024L * 1024L,
                    env.number("SESSION_TTL_HOURS", 12, 1, 24 * 30));
        }
    }

    /** All of it, for {@code serve}. */
    public record All(Database database, Redis redis, Storage storage, Ai ai, Http http) {
        public static All from(Map<String, String> vars) {
            Env env = new Env(vars);
            All all = new All(Database.from(env), Redis.from(env), Storage.from(env), Ai.from(env), Http.from(env));
            env.check();
            return all;
        }
    }
}
