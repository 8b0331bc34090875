package com.adaptivestartup.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.realtime.LiveUpdates;
import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.LiveClient;
import com.adaptivestartup.server.testing.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The review's high finding, replayed: a WebSocket authenticated once kept receiving the organization's
 * changes after sign-out, a password change and removal from the organization. Each case now ends with the
 * socket closed (4401: sign in again; 4403: reconnect, your membership changed) and no event after it.
 */
class LiveSocketSecurityTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(2);
    static TestStack stack;
    static Api founder;
    static String org;

    @BeforeAll
    static void start() {
        stack = TestStack.latest();
        founder = stack.founder();
        org = stack.adminOrgId.toString();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void signingOutClosesThatSessionsSocketAtOnce() throws Exception {
        Api member = stack.invite(founder, org, "member", "signout-" + UUID.randomUUID() + "@example.com");
        try (LiveClient socket = LiveClient.signedIn(stack.port, member.token())) {
            assertThat(member.post("/api/auth/logout", "").status()).isEqualTo(204);
            assertThat(socket.awaitClose(PROMPTLY)).isEqualTo(LiveUpdates.SESSION_ENDED);
            createVenture("after sign-out");
            assertThat(socket.poll(Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void aPasswordChangeClosesEverySocketOfTheUser() throws Exception {
        String email = "pw-" + UUID.randomUUID() + "@example.com";
        Api member = stack.invite(founder, org, "member", email);
        Api secondBrowser = stack.api();
        secondBrowser.login(email, TestStack.GUEST_PASSWORD);
        try (LiveClient first = LiveClient.signedIn(stack.port, member.token());
             LiveClient second = LiveClient.signedIn(stack.port, secondBrowser.token())) {
            member.changePassword(TestStack.GUEST_PASSWORD, "a-brand-new-password-9");
            assertThat(first.awaitClose(PROMPTLY)).isEqualTo(LiveUpdates.SESSION_ENDED);
            assertThat(second.awaitClose(PROMPTLY)).isEqualTo(LiveUpdates.SESSION_ENDED);
        }
    }

    @Test
    void removalFromTheOrganizationClosesTheSocketAndItsReconnectNoLongerHearsTheOrganization() throws Exception {
        Api member = stack.invite(founder, org, "member", "removed-" + UUID.randomUUID() + "@example.com");
        String memberId = member.get("/api/auth/me").json().get("id").asText();
        try (LiveClient socket = LiveClient.signedIn(stack.port, member.token())) {
            assertThat(founder.delete("/api/orgs/" + org + "/members/" + memberId).status()).isEqualTo(204);
            assertThat(socket.awaitClose(PROMPTLY)).isEqualTo(LiveUpdates.MEMBERSHIP_CHANGED);
        }
        try (LiveClient again = LiveClient.signedIn(stack.port, member.token())) {
            assertThat(again.ready().get("orgs").toString()).doesNotContain(org);
            createVenture("after removal");
            assertThat(again.poll(Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void aRoleChangeMakesTheSocketReconnect() throws Exception {
        Api member = stack.invite(founder, org, "member", "role-" + UUID.randomUUID() + "@example.com");
        String memberId = member.get("/api/auth/me").json().get("id").asText();
        try (LiveClient socket = LiveClient.signedIn(stack.port, member.token())) {
            founder.patch("/api/orgs/" + org + "/members/" + memberId, "{\"role\":\"viewer\"}");
            assertThat(socket.awaitClose(PROMPTLY)).isEqualTo(LiveUpdates.MEMBERSHIP_CHANGED);
        }
    }

    /** Another server instance (or the database directly) ended the right: the next publish re-checks and refuses. */
    @Test
    void everyPublishRechecksTheReceiversSessionAndMembership() throws Exception {
        Api goneSession = stack.invite(founder, org, "member", "expired-" + UUID.randomUUID() + "@example.com");
        Api goneMember = stack.invite(founder, org, "member", "dropped-" + UUID.randomUUID() + "@example.com");
        String goneMemberId = goneMember.get("/api/auth/me").json().get("id").asText();
        try (LiveClient expired = LiveClient.signedIn(stack.port, goneSession.token());
             LiveClient dropped = LiveClient.signedIn(stack.port, goneMember.token());
             LiveClient stays = LiveClient.signedIn(stack.port, founder.token())) {
            stack.dropSession(goneSession.token());
            stack.sql.update("DELETE FROM memberships WHERE org_id = ?::uuid AND user_id = ?::uuid", org, goneMemberId);

            createVenture("re-checked");
            JsonNode event = stays.next();
            assertThat(event.at("/data/name").asText()).isEqualTo("re-checked");
            assertThat(expired.awaitClose(PROMPTLY)).isEqualTo(LiveUpdates.SESSION_ENDED);
            assertThat(dropped.awaitClose(PROMPTLY)).isEqualTo(LiveUpdates.MEMBERSHIP_CHANGED);
            assertThat(expired.poll(Duration.ZERO)).as("nothing was sent before the close").isNull();
            assertThat(dropped.poll(Duration.ZERO)).isNull();
        }
    }

    @Test
    void aSocketThatNeverAuthenticatesIsClosedAfterAboutTenSeconds() throws Exception {
        long start = System.nanoTime();
        try (LiveClient silent = LiveClient.connect(stack.port)) {
            int code = silent.awaitClose(Duration.ofSeconds(15));
            long seconds = (System.nanoTime() - start) / 1_000_000_000;
            assertThat(code).isEqualTo(LiveUpdates.SESSION_ENDED);
            assertThat(seconds).isBetween(9L, 12L);
        }
    }

    private static void createVenture(String name) {
        Api.Response r = founder.post("/api/orgs/" + org + "/ventures", Api.json(Map.of("name", name)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
}
