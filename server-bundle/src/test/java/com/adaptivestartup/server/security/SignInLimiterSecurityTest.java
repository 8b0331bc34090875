package com.adaptivestartup.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.TestStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The review's sign-in findings, replayed: 40 parallel wrong passwords all got 401 (check and count were
 * separate steps); the per-email lock shut the real owner out; 15 emails sprayed from one client were never
 * slowed. Clients are told apart here as behind the stack's nginx: the server trusts {@code X-Real-IP} from
 * 127.0.0.1 only, and each test speaks for addresses of its own, so the counts never leak between tests.
 */
class SignInLimiterSecurityTest {
    static TestStack stack;
    static Api founder;

    @BeforeAll
    static void start() {
        stack = new TestStack(Release.of("1.2.0"), TestStack.noAi(),
                new ServerConfig.Http(0, 1024 * 1024, 12, 30, "127.0.0.1/32"));
        founder = stack.founder();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void fortyParallelWrongPasswordsAreCountedAtomicallyAndMostAreRefusedUnread() throws Exception {
        String email = account();
        String client = someAddress();
        List<Integer> statuses = inParallel(40, i -> login(client, email, "wrong-password-" + i).status());
        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.stream().filter(s -> s == 401).count()).as("at most the per-client limit were checked")
                .isLessThanOrEqualTo(5);
        Api.Response refused = login(client, email, "wrong-again-123");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.message()).contains("too many failed sign-ins");
        assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void sprayingManyEmailsFromOneClientIsSlowedAfterTen() {
        String client = someAddress();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            statuses.add(login(client, "spray-" + UUID.randomUUID() + "@example.com", "guess-password-1").status());
        }
        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.subList(10, 15)).containsOnly(429);
    }

    @Test
    void aClientPastItsLimitWaitsAPauseThatDoublesNotTheWholeWindow() throws Exception {
        String client = someAddress();
        for (int i = 0; i < 10; i++) {
            login(client, "typist-" + i + "@example.com", "mistyped-password");
        }
        Api.Response waiting = login(client, "typist-x@example.com", "mistyped-password");
        assertThat(waiting.status()).isEqualTo(429);
        assertThat(waiting.message()).contains("wait 1 second");
        Thread.sleep(1_100);
        assertThat(login(client, "typist-y@example.com", "mistyped-password").status()).as("after the pause").isEqualTo(401);
        Api.Response longer = login(client, "typist-z@example.com", "mistyped-password");
        assertThat(longer.status()).isEqualTo(429);
        assertThat(longer.raw().headers().firstValue("Retry-After")).contains("2");
    }

    @Test
    void theOwnerGetsThroughALockedAccountFromAClientThatWasNotFailing() {
        String email = account();
        for (int i = 0; i < 12; i++) {
            login(someAddress(), email, "attacker-guess-" + i);   // a botnet: each address fails once
        }
        String attacker = someAddress();
        login(attacker, email, "attacker-guess-x");
        assertThat(login(attacker, email, TestStack.GUEST_PASSWORD).status())
                .as("an address that failed on the locked account is refused, even with the right password").isEqualTo(429);
        Api.Response owner = login(someAddress(), email, TestStack.GUEST_PASSWORD);
        assertThat(owner.status()).as(owner.body()).isEqualTo(200);
    }

    @Test
    void aClientAddressHeaderFromAnUntrustedConnectionIsIgnored() {
        // 127.0.0.7 is not a trusted proxy: its X-Real-IP headers are ignored, so changing them escapes nothing.
        String email = account();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(stack.api().from("127.0.0.7").withHeader("X-Real-IP", someAddress())
                    .post("/api/auth/login", credentials(email, "wrong-password-" + i)).status());
        }
        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 7)).containsOnly(429);
    }

    @Test
    void aSuccessfulSignInTakesBackItsCountAndForgivesThatClientsFailures() {
        String email = account();
        String client = someAddress();
        for (int i = 0; i < 4; i++) {
            assertThat(login(client, email, "typo-" + i).status()).isEqualTo(401);
        }
        assertThat(login(client, email, TestStack.GUEST_PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(login(client, email, "typo-again-" + i).status()).isEqualTo(401);
        }
    }

    /** A member's account, made through an invitation, with {@link TestStack#GUEST_PASSWORD}. */
    private static String account() {
        String email = "limited-" + UUID.randomUUID() + "@example.com";
        stack.invite(founder, stack.adminOrgId.toString(), "member", email);
        return email;
    }

    private static Api.Response login(String client, String email, String password) {
        return stack.api().withHeader("X-Real-IP", client).post("/api/auth/login", credentials(email, password));
    }

    private static String credentials(String email, String password) {
        return Api.json(Map.of("email", email, "password", password));
    }

    private static String someAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    interface Attempt {
        int run(int i) throws Exception;
    }

    private static List<Integer> inParallel(int n, Attempt attempt) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<Integer>> futures = new ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return attempt.run(k);
                }));
            }
            go.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }
}
