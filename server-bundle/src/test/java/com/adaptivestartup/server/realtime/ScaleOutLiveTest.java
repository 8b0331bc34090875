package com.adaptivestartup.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.AdaptiveServer;
import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.LiveClient;
import com.adaptivestartup.server.testing.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the server on one database and one Redis, as replicas behind nginx run: a change written
 * through one reaches the pages connected to the other (with the same per-page filtering), and a sign-out or a role
 * change made through one closes the other's sockets at once, not at its next sweep.
 */
class ScaleOutLiveTest {
    static TestStack stack;
    static AdaptiveServer second;
    static int secondPort;
    static Api founder;
    static String org;
    static String venture;

    @BeforeAll
    static void start() {
        Assumptions.assumeFalse(TestStack.sqlite(), "the single container runs one instance");
        stack = TestStack.latest();
        second = new AdaptiveServer(stack.config, stack.release, Clock.systemUTC());
        secondPort = second.start(0);
        founder = stack.founder();
        org = stack.adminOrgId.toString();
        venture = founder.post("/api/orgs/" + org + "/ventures", "{\"name\":\"Replicas\"}").json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static String v(String path) {
        return "/api/orgs/" + org + "/ventures/" + venture + "/" + path;
    }

    @Test
    void aChangeThroughOneInstanceReachesPagesOnTheOtherAndItsOwn() throws Exception {
        Api member = stack.invite(founder, org, "member", "replica-member@example.com");
        try (LiveClient onSecond = LiveClient.signedIn(secondPort, member.token());
             LiveClient onFirst = LiveClient.signedIn(stack.port, member.token())) {
            onSecond.ready();
            onFirst.ready();
            onSecond.drain();
            onFirst.drain();
            List<Long> nanos = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                long t0 = System.nanoTime();
                String id = founder.post(v("goals"), Api.json(Map.of("title", "Goal " + i))).json().get("id").asText();
                JsonNode heard = nextOfType(onSecond, "record.created");
                nanos.add(System.nanoTime() - t0);
                assertThat(heard.at("/data/record/id").asText()).isEqualTo(id);
                assertThat(nextOfType(onFirst, "record.created").at("/data/record/id").asText()).isEqualTo(id);
            }
            nanos.sort(Long::compare);
            System.out.printf("a write through one instance, heard on the other: median %.1f ms, slowest %.1f ms of %d%n",
                    nanos.get(nanos.size() / 2) / 1e6, nanos.get(nanos.size() - 1) / 1e6, nanos.size());

            // Written through the second instance, heard on the first: both ways.
            Api viaSecond = Api.at("http://127.0.0.1:" + secondPort).withToken(founder.token());
            String id = viaSecond.post(v("goals"), "{\"title\":\"From the second\"}").json().get("id").asText();
            assertThat(nextOfType(onFirst, "record.created").at("/data/record/id").asText()).isEqualTo(id);
        }
    }

    @Test
    void aCustomRoleFiltersOnEveryInstance() throws Exception {
        Api.Response role = founder.post("/api/orgs/" + org + "/roles", "{\"name\":\"Market people\",\"allowedPages\":[\"market\"]}");
        assertThat(role.status()).as(role.body()).isEqualTo(201);
        Api member = stack.invite(founder, org, "member", "replica-market@example.com");
        String userId = member.get("/api/auth/me").json().get("id").asText();
        founder.put("/api/orgs/" + org + "/members/" + userId + "/custom-role",
                Api.json(Map.of("customRoleId", role.json().get("id").asText())));
        try (LiveClient onSecond = LiveClient.signedIn(secondPort, member.token())) {
            onSecond.ready();
            onSecond.drain();
            founder.post(v("goals"), "{\"title\":\"Not for them\"}");
            founder.post(v("market-sizes"), "{\"name\":\"For them\"}");
            assertThat(nextOfType(onSecond, "record.created").at("/data/resource").asText()).isEqualTo("market-sizes");
        }
    }

    @Test
    void aSignOutOrARoleChangeThroughOneInstanceClosesTheOthersSocketsAtOnce() throws Exception {
        Api member = stack.invite(founder, org, "member", "replica-leaver@example.com");
        String userId = member.get("/api/auth/me").json().get("id").asText();
        try (LiveClient onSecond = LiveClient.signedIn(secondPort, member.token())) {
            onSecond.ready();
            Api.Response changed = founder.patch("/api/orgs/" + org + "/members/" + userId, "{\"role\":\"viewer\"}");
            assertThat(changed.status()).as(changed.body()).isEqualTo(204);
            assertThat(onSecond.awaitClose(Duration.ofSeconds(3))).as("what they may see changed").isEqualTo(4403);
        }
        try (LiveClient onSecond = LiveClient.signedIn(secondPort, member.token())) {
            onSecond.ready();
            assertThat(member.post("/api/auth/logout", "").status()).isEqualTo(204);
            assertThat(onSecond.awaitClose(Duration.ofSeconds(3))).as("signed out through the first instance")
                    .isEqualTo(LiveUpdates.SESSION_ENDED);
        }
    }

    private static JsonNode nextOfType(LiveClient client, String type) throws Exception {
        for (int i = 0; i < 20; i++) {
            JsonNode event = client.poll(Duration.ofSeconds(5));
            assertThat(event).as("an event of type " + type + " within 5 s").isNotNull();
            if (type.equals(event.path("type").asText())) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " among 20 events");
    }
}
