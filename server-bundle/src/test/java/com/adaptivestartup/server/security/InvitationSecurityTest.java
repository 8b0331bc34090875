package com.adaptivestartup.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.TestStack;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The review's invitation findings, replayed: any signed-in user could accept someone else's invitation (a
 * different person took an admin invite); accepting said whether an account existed; invitations could not be
 * listed, revoked or sent again; the accept page could not say what it was for.
 */
class InvitationSecurityTest {
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
    void anotherSignedInPersonCannotTakeSomeoneElsesInvitation() {
        Api outsider = stack.invite(founder, founder.post("/api/orgs", "{\"name\":\"Elsewhere\"}").json().get("id").asText(),
                "member", "outsider-" + UUID.randomUUID() + "@example.com");
        String token = invite("new-admin-" + UUID.randomUUID() + "@example.com", "admin");
        Api.Response taken = outsider.post("/api/invitations/accept", Api.json(Map.of("token", token)));
        assertThat(taken.status()).isEqualTo(403);
        assertThat(taken.message()).contains("this invitation is for new-admin-");
        assertThat(outsider.get("/api/orgs").body()).doesNotContain(org);
    }

    @Test
    void theLinkSaysWhatItIsForAndAcceptingSignsThePersonIn() {
        String email = "joiner-" + UUID.randomUUID() + "@example.com";
        String token = invite(email, "viewer");
        Api.Response opened = stack.api().post("/api/invitations/open", Api.json(Map.of("token", token)));
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.json().get("organization").asText()).isEqualTo("Acme");
        assertThat(opened.json().get("role").asText()).isEqualTo("viewer");
        assertThat(opened.json().get("email").asText()).isEqualTo(email);
        assertThat(opened.json().get("status").asText()).isEqualTo("pending");

        Api.Response accepted = stack.api().post("/api/invitations/accept", Api.json(Map.of("token", token, "name", "Joiner",
                "password", "joiner-password-123")));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        Api joined = stack.api().withToken(accepted.json().get("token").asText());
        assertThat(joined.get("/api/orgs").json().findValuesAsText("id")).contains(org);
    }

    @Test
    void acceptingDoesNotTellWhetherTheInvitedEmailHasAnAccount() {
        String existing = "has-account-" + UUID.randomUUID() + "@example.com";
        stack.invite(founder, org, "member", existing);
        String secondOrg = founder.post("/api/orgs", "{\"name\":\"Second\"}").json().get("id").asText();
        String token = founder.post("/api/orgs/" + secondOrg + "/invitations", Api.json(Map.of("email", existing,
                "role", "member"))).json().get("token").asText();

        Api.Response wrong = stack.api().post("/api/invitations/accept", Api.json(Map.of("token", token, "name", "X",
                "password", "not-their-password-1")));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.message()).isEqualTo("the email or password is wrong").doesNotContain("exists");
        Api.Response right = stack.api().post("/api/invitations/accept", Api.json(Map.of("token", token, "name", "X",
                "password", TestStack.GUEST_PASSWORD)));
        assertThat(right.status()).as("their own password joins the existing account").isEqualTo(200);
        assertThat(stack.count("users WHERE lower(email) = lower('" + existing + "')")).isEqualTo(1);
    }

    @Test
    void invitationsAreListedRevokedAndSentAgain() {
        String email = "listed-" + UUID.randomUUID() + "@example.com";
        String token = invite(email, "member");
        Api.Response list = founder.get("/api/orgs/" + org + "/invitations");
        assertThat(list.status()).isEqualTo(200);
        String id = null;
        for (var inv : list.json()) {
            if (inv.get("email").asText().equals(email)) {
                assertThat(inv.get("status").asText()).isEqualTo("pending");
                assertThat(inv.get("invitedBy").asText()).isEqualTo(TestStack.ADMIN_EMAIL);
                id = inv.get("id").asText();
            }
        }
        assertThat(id).isNotNull();

        Api.Response again = founder.post("/api/orgs/" + org + "/invitations", Api.json(Map.of("email", email, "role", "member")));
        assertThat(again.status()).as("a duplicate is answered clearly").isEqualTo(409);
        assertThat(again.message()).contains("already a pending invitation for " + email);

        Api.Response resent = founder.post("/api/orgs/" + org + "/invitations/" + id + "/resend", "");
        assertThat(resent.status()).isEqualTo(200);
        String newToken = resent.json().get("token").asText();
        assertThat(stack.api().post("/api/invitations/open", Api.json(Map.of("token", token))).status())
                .as("the old link stops working").isEqualTo(404);

        assertThat(founder.delete("/api/orgs/" + org + "/invitations/" + id).status()).isEqualTo(204);
        Api.Response revoked = stack.api().post("/api/invitations/accept", Api.json(Map.of("token", newToken, "name", "N",
                "password", "some-password-123")));
        assertThat(revoked.status()).isEqualTo(410);
        assertThat(revoked.message()).contains("revoked");
        assertThat(stack.api().post("/api/invitations/open", Api.json(Map.of("token", newToken))).json()
                .get("status").asText()).isEqualTo("revoked");
    }

    @Test
    void selfInvitationsAndInvitingAMemberAreAnsweredAndOnlyAdminsManageInvitations() {
        Api.Response self = founder.post("/api/orgs/" + org + "/invitations", Api.json(Map.of("email", TestStack.ADMIN_EMAIL,
                "role", "member")));
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.message()).contains("already a member");
        String memberEmail = "member-" + UUID.randomUUID() + "@example.com";
        Api member = stack.invite(founder, org, "member", memberEmail);
        Api.Response existingMember = founder.post("/api/orgs/" + org + "/invitations", Api.json(Map.of("email",
                memberEmail.toUpperCase(), "role", "viewer")));
        assertThat(existingMember.status()).isEqualTo(409);
        assertThat(existingMember.message()).contains("is already a member");

        assertThat(member.get("/api/orgs/" + org + "/invitations").status()).isEqualTo(403);
        String id = founder.post("/api/orgs/" + org + "/invitations", Api.json(Map.of("email",
                "x-" + UUID.randomUUID() + "@example.com", "role", "viewer"))).json().get("id").asText();
        assertThat(member.delete("/api/orgs/" + org + "/invitations/" + id).status()).isEqualTo(403);
        assertThat(member.post("/api/orgs/" + org + "/invitations/" + id + "/resend", "").status()).isEqualTo(403);
        Api stranger = stack.invite(founder, founder.post("/api/orgs", "{\"name\":\"Other\"}").json().get("id").asText(),
                "admin", "stranger-" + UUID.randomUUID() + "@example.com");
        assertThat(stranger.get("/api/orgs/" + org + "/invitations").status()).as("another organization's admin").isEqualTo(404);
        assertThat(stranger.delete("/api/orgs/" + org + "/invitations/" + id).status()).isEqualTo(404);
    }

    private static String invite(String email, String role) {
        Api.Response r = founder.post("/api/orgs/" + org + "/invitations", Api.json(Map.of("email", email, "role", role)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }
}
