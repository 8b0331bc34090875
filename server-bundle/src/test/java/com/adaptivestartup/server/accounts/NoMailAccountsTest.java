package com.adaptivestartup.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.TestStack;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An installation that sends no mail: the sign-in page is told so, and every mail-only path says what to do instead. */
class NoMailAccountsTest {
    static TestStack stack;
    static Api founder;

    @BeforeAll
    static void start() {
        stack = TestStack.latest();
        founder = stack.founder();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void withoutMailTheRecoveryPathsNameTheAdminInstead() {
        assertThat(stack.api().get("/api/auth/options").json().get("passwordResetByMail").asBoolean()).isFalse();
        Api.Response forgot = stack.api().post("/api/auth/password-reset/request",
                Api.json(Map.of("email", TestStack.ADMIN_EMAIL)));
        assertThat(forgot.status()).isEqualTo(409);
        assertThat(forgot.message()).contains("ask an admin of your organization to reset it");

        Api guest = stack.invite(founder, stack.adminOrgId.toString(), "member", "guest@example.com");
        String id = guest.get("/api/auth/me").json().get("id").asText();
        Api.Response byMail = founder.post("/api/orgs/" + stack.adminOrgId + "/members/" + id + "/password-reset",
                Api.json(Map.of("byMail", true)));
        assertThat(byMail.status()).isEqualTo(409);
        assertThat(byMail.message()).contains("one-time password");
        Api.Response invited = founder.post("/api/orgs/" + stack.adminOrgId + "/invitations",
                Api.json(Map.of("email", "other@example.com", "role", "viewer")));
        assertThat(invited.json().get("mailed").asBoolean()).isFalse();
        assertThat(stack.count("mail_outbox")).isZero();
    }

    @Test
    void withoutMailAnAddressChangeIsMadeAtOnceAfterThePassword() {
        Api guest = stack.invite(founder, stack.adminOrgId.toString(), "member", "mover@example.com");
        Api.Response change = guest.post("/api/auth/email", Api.json(Map.of("email", "moved@example.com",
                "password", TestStack.GUEST_PASSWORD)));
        assertThat(change.status()).as(change.body()).isEqualTo(200);
        assertThat(change.json().get("pending").asBoolean()).isFalse();
        assertThat(guest.get("/api/auth/me").status()).as("old sessions carry the old address").isEqualTo(401);
        guest.withToken(change.json().get("token").asText());
        assertThat(guest.get("/api/auth/me").json().get("email").asText()).isEqualTo("moved@example.com");
    }
}
