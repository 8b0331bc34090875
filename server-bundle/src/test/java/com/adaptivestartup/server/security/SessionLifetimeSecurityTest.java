package com.adaptivestartup.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.auth.Tokens;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.MovableClock;
import com.adaptivestartup.server.testing.TestRedis;
import com.adaptivestartup.server.testing.TestStack;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The review's session findings, replayed: a session kept busy for longer than the idle expiry dropped out of
 * its user's set (whose expiry was never refreshed), so "sign out everywhere" and a password change missed it;
 * and sessions had no absolute lifetime. Here the idle expiry is 1 hour and the maximum age 30 days; the
 * server's clock is moved instead of waiting.
 */
class SessionLifetimeSecurityTest {
    static final MovableClock CLOCK = new MovableClock();
    static TestStack stack;
    static JedisPooled redis;

    @BeforeAll
    static void start() {
        stack = new TestStack(Release.of("1.2.0"), TestStack.noAi(), new ServerConfig.Http(0, 1024 * 1024, 1, 30, ""), CLOCK);
        stack.founder();
        redis = TestStack.sqlite() ? null : new JedisPooled("127.0.0.1", TestRedis.get().port());
    }

    /** The founder signed in now (the clock moves between tests, past older sessions' maximum age). */
    private static Api founder() {
        Api founder = stack.api();
        assertThat(founder.login(TestStack.ADMIN_EMAIL, "founder-password-456").status()).isEqualTo(200);
        return founder;
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
        stack.close();
    }

    @Test
    void theUsersSetOfSessionsLivesAsLongAsTheLongestSessionCan() {
        org.junit.jupiter.api.Assumptions.assumeFalse(TestStack.sqlite(), "Redis's set of a user's sessions");
        Api founder = founder();
        String userId = founder.get("/api/auth/me").json().get("id").asText();
        long setTtl = redis.ttl("as:user-sessions:" + userId);
        assertThat(setTtl).as("seconds the set lives: the 30-day maximum age, not the 1-hour idle expiry")
                .isGreaterThan(Duration.ofDays(29).toSeconds());
        assertThat(redis.sismember("as:user-sessions:" + userId, Tokens.sha256Hex(founder.token()))).isTrue();
    }

    @Test
    void aSessionEndsAtItsMaximumAgeHoweverBusyItIs() {
        String email = "busy-" + UUID.randomUUID() + "@example.com";
        Api member = stack.invite(founder(), stack.adminOrgId.toString(), "member", email);
        CLOCK.advance(Duration.ofDays(29));
        assertThat(member.get("/api/auth/me").status()).as("used on day 29: alive").isEqualTo(200);
        CLOCK.advance(Duration.ofDays(2));
        Api.Response late = member.get("/api/auth/me");
        assertThat(late.status()).as("day 31: past the maximum age").isEqualTo(401);
        assertThat(stack.sessionKept(member.token())).isFalse();
        Api fresh = stack.api();
        assertThat(fresh.login(email, TestStack.GUEST_PASSWORD).status()).as("signing in again works").isEqualTo(200);
    }

    @Test
    void aSessionFromBeforeTheUpdateKeepsWorkingAndJoinsItsUsersSet() {
        org.junit.jupiter.api.Assumptions.assumeFalse(TestStack.sqlite(), "sessions of releases before 1.2.0 (PostgreSQL only)");
        String email = "legacy-" + UUID.randomUUID() + "@example.com";
        Api member = stack.invite(founder(), stack.adminOrgId.toString(), "member", email);
        String userId = member.get("/api/auth/me").json().get("id").asText();
        String token = "legacy-" + UUID.randomUUID();
        String hash = Tokens.sha256Hex(token);
        redis.setex("as:session:" + hash, 3600, userId + "|0|" + email);   // as release 1.1.0 wrote it
        Api legacy = stack.api().withToken(token);
        assertThat(legacy.get("/api/auth/me").status()).isEqualTo(200);
        assertThat(redis.sismember("as:user-sessions:" + userId, hash)).isTrue();
        assertThat(redis.get("as:session:" + hash)).startsWith("v2|");

        member.changePassword(TestStack.GUEST_PASSWORD, "member-password-789");
        assertThat(legacy.get("/api/auth/me").status()).as("a password change ends it too").isEqualTo(401);
    }
}
