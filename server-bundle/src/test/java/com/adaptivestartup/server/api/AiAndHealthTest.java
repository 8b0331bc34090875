package com.adaptivestartup.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.db.Database;
import com.adaptivestartup.server.db.Migrator;
import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.DelayedProxy;
import com.adaptivestartup.server.testing.TestS3;
import com.adaptivestartup.server.testing.TestStack;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AiAndHealthTest {

    @Test
    void withoutAProviderAiAnswers503AndEverythingElseWorks() {
        try (TestStack stack = TestStack.latest()) {
            Api founder = stack.founder();
            assertThat(founder.get("/api/ai/status").json().get("configured").asBoolean()).isFalse();
            Api.Response r = founder.post("/api/ai/generate", "{\"prompt\":\"hello\"}");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.error()).isEqualTo("ai_not_configured");
            assertThat(r.message()).contains("Gemini API key or an Ollama URL");
            Api.Response ready = stack.api().withHeader("X-Health-Token", TestStack.HEALTH_TOKEN).get("/readyz");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            assertThat(ready.json().at("/checks/schema/actual").asText()).isEqualTo("9");
            assertThat(stack.api().get("/healthz").json().get("status").asText()).isEqualTo("alive");
            assertThat(stack.api().get("/version").json().get("version").asText()).isEqualTo("1.2.0");
        }
    }

    @Test
    void anOllamaUrlMakesTheServerForwardPrompts() throws Exception {
        HttpServer ollama = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicReference<String> received = new AtomicReference<>();
        ollama.createContext("/api/generate", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] reply = "{\"response\":\"Talk to ten farmers.\",\"done\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        ollama.start();
        var ai = new ServerConfig.Ai(null, null, "http://127.0.0.1:" + ollama.getAddress().getPort(), "tiny");
        try (TestStack stack = new TestStack(Release.of(TestStack.sqlite() ? "1.2.0" : "1.1.0"), ai, 1024 * 1024)) {
            Api founder = stack.founder();
            assertThat(founder.get("/api/ai/status").json().get("provider").asText()).isEqualTo("ollama");
            Api.Response r = founder.post("/api/ai/generate", "{\"prompt\":\"How do I validate?\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("text").asText()).isEqualTo("Talk to ten farmers.");
            assertThat(received.get()).contains("\"model\":\"tiny\"").contains("How do I validate?");
        } finally {
            ollama.stop(0);
        }
    }

    @Test
    void anObjectStoreThatStartsAfterTheServerGetsItsBucketAndTheServerBecomesReady() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(TestStack.sqlite(), "the full stack's object store");
        try (TestStack stack = new TestStack(Release.of("1.1.0"), TestStack.noAi(), 1024 * 1024)) {
            ServerConfig.Storage store = TestS3.get().newBucket();
            try (DelayedProxy starting = new DelayedProxy(store.endpoint().getPort(), 1_500)) {
                var storage = new ServerConfig.Storage(java.net.URI.create("http://127.0.0.1:" + starting.port()),
                        store.bucket(), store.accessKey(), store.secretKey(), store.region());
                var config = new ServerConfig.All(stack.config.database(), stack.config.redis(), storage,
                        stack.config.ai(), stack.config.http());
                var server = new com.adaptivestartup.server.AdaptiveServer(config, Release.of("1.1.0"),
                        java.time.Clock.systemUTC());
                int port = server.start(0); // the store refuses connections: no bucket made at start
                try {
                    Api api = Api.at("http://127.0.0.1:" + port);
                    Api.Response first = api.get("/readyz");
                    assertThat(first.status()).isEqualTo(503);
                    assertThat(first.json().at("/checks/storage/ok").asBoolean()).isFalse();
                    long deadline = System.nanoTime() + 20_000_000_000L;
                    Api.Response ready;
                    do {
                        Thread.sleep(100);
                        ready = api.get("/readyz");
                    } while (ready.status() != 200 && System.nanoTime() < deadline);
                    assertThat(ready.status()).as("ready once the store answers: " + ready.body()).isEqualTo(200);
                    assertThat(java.nio.file.Files.isDirectory(TestS3.get().dataDir().resolve(store.bucket())))
                            .as("the bucket, made by the readiness check").isTrue();
                } finally {
                    server.close();
                }
            }
        }
    }

    @Test
    void whileTheSchemaIsBehindTheReleaseTheServerIsNotReadyAndItsApiWaits() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(TestStack.sqlite(), "releases before 1.2.0 run on PostgreSQL only");
        try (TestStack stack = new TestStack(Release.of("1.0.0"), TestStack.noAi(), 1024 * 1024)) {
            Api.Response r = stack.api().get("/readyz");
            assertThat(r.status()).isEqualTo(200);
            // The same database seen by a 1.1.0 server started while its migration has not run yet:
            var newer = new com.adaptivestartup.server.AdaptiveServer(stack.config, Release.of("1.1.0"),
                    java.time.Clock.systemUTC());
            int port = newer.start(0);
            try {
                Api api = Api.at("http://127.0.0.1:" + port);
                assertThat(api.get("/healthz").status()).as("alive all the same").isEqualTo(200);
                Api.Response notReady = api.get("/readyz");
                assertThat(notReady.status()).isEqualTo(503);
                assertThat(notReady.json().at("/checks/schema/expected").asText()).isEqualTo("5");
                assertThat(notReady.json().at("/checks/schema/actual").asText()).isEqualTo("4");
                String summary = "/api/orgs/" + stack.adminOrgId + "/ventures/" + stack.adminOrgId + "/metrics/summary";
                Api.Response waiting = api.get(summary);
                assertThat(waiting.status()).as("the API stays closed on an unmigrated schema").isEqualTo(503);
                assertThat(waiting.error()).isEqualTo("starting");
                assertThat(waiting.message()).contains("waiting for its database schema (version 5, found 4)");
                assertThat(api.post("/api/auth/login", "{\"email\":\"a@b.c\",\"password\":\"x\"}").status())
                        .isEqualTo(503);
                assertThat(stack.api().get(summary).status()).as("not in 1.0.0").isEqualTo(404);

                try (var db = Database.pool(stack.config.database(), 2)) {
                    assertThat(new Migrator(db, Release.of("1.1.0")).migrate().ok()).isTrue();
                }
                long deadline = System.nanoTime() + 5_000_000_000L;
                int status;
                do {
                    Thread.sleep(50);
                    status = api.get(summary).status();
                } while (status == 503 && System.nanoTime() < deadline);
                assertThat(status).as("open once migrated: the endpoint asks for a session").isEqualTo(401);
                assertThat(api.get("/readyz").status()).isEqualTo(200);
            } finally {
                newer.close();
            }
        }
    }
}
