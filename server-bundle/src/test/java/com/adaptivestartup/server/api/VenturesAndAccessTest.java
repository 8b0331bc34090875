package com.adaptivestartup.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.TestStack;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Accounts, organizations, roles and ventures through the real HTTP API on real backing services. */
class VenturesAndAccessTest {
    static TestStack stack;

    @BeforeAll
    static void start() {
        stack = TestStack.latest();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theFirstAdminMustChangeTheInitialPasswordBeforeAnythingElse() {
        var created = com.adaptivestartup.server.auth.AccountService.createAdmin(stack.sql,
                new com.adaptivestartup.server.auth.PasswordHasher(), java.time.Clock.systemUTC(), "second@example.com",
                "Second", "initial-password-789", "Second Org");
        assertThat(created.created()).isTrue();
        assertThat(com.adaptivestartup.server.auth.AccountService.createAdmin(stack.sql,
                new com.adaptivestartup.server.auth.PasswordHasher(), java.time.Clock.systemUTC(), "SECOND@example.com",
                "Second", "another-password-000", "Again").created()).as("idempotent").isFalse();
        Api api = stack.api();
        Api.Response login = api.login("second@example.com", "initial-password-789");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("mustChangePassword").asBoolean()).isTrue();
        assertThat(login.json().path("user").has("passwordHash")).isFalse();
        Api.Response blocked = api.get("/api/orgs");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.error()).isEqualTo("password_change_required");
        String oldToken = api.token();
        api.changePassword("initial-password-789", "second-password-456");
        assertThat(api.get("/api/orgs").status()).isEqualTo(200);
        assertThat(stack.api().withToken(oldToken).get("/api/auth/me").status()).as("old sessions end").isEqualTo(401);
        assertThat(stack.api().login("second@example.com", "initial-password-789").status()).isEqualTo(401);
    }

    @Test
    void ventureLifecycleWithRevisionsAndSoftDelete() {
        Api founder = signIn();
        String base = "/api/orgs/" + stack.adminOrgId + "/ventures";
        Api.Response created = founder.post(base, Api.json(Map.of("name", "Solar drones", "hypothesis", "Farmers pay",
                "data", Map.of("leanCanvas", Map.of("problem", "crop loss")))));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("revision").asInt()).isEqualTo(1);

        Api.Response patched = founder.patch(base + "/" + id, Api.json(Map.of("revision", 1,
                "data", Map.of("okrs", Map.of("objective", "10 farms")))));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().at("/data/leanCanvas/problem").asText()).as("merged, not replaced").isEqualTo("crop loss");
        assertThat(patched.json().at("/data/okrs/objective").asText()).isEqualTo("10 farms");
        assertThat(patched.json().get("revision").asInt()).isEqualTo(2);

        Api.Response stale = founder.patch(base + "/" + id, Api.json(Map.of("revision", 1, "name", "Stale")));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.message()).contains("changed since you loaded it");
        assertThat(founder.get(base + "/" + id).json().get("name").asText()).isEqualTo("Solar drones");

        assertThat(founder.delete(base + "/" + id).status()).isEqualTo(204);
        assertThat(founder.get(base + "/" + id).status()).isEqualTo(404);
        assertThat(founder.get(base).json().findValuesAsText("id")).doesNotContain(id);
        assertThat(stack.sql.one("SELECT deleted_at IS NOT NULL FROM ventures WHERE id = ?::uuid",
                r -> r.getBoolean(1), id)).as("kept, marked deleted").contains(true);
    }

    @Test
    void aMemberOfAnotherOrganizationCanNeverReadOrWriteItsRows() {
        Api founder = signIn();
        String orgA = stack.adminOrgId.toString();
        String ventureA = founder.post("/api/orgs/" + orgA + "/ventures", Api.json(Map.of("name", "Secret A")))
                .json().get("id").asText();
        Api outsider = invitedUser(founder, orgA, "viewer", "outsider@example.com");
        // The outsider leaves A's world: make them founder of their own organization B, and drop them from A.
        String orgB = outsider.post("/api/orgs", Api.json(Map.of("name", "Org B"))).json().get("id").asText();
        String outsiderId = outsider.get("/api/auth/me").json().get("id").asText();
        assertThat(founder.delete("/api/orgs/" + orgA + "/members/" + outsiderId).status()).isEqualTo(204);

        assertThat(outsider.get("/api/orgs/" + orgA + "/ventures").status()).isEqualTo(404);
        assertThat(outsider.get("/api/orgs/" + orgA + "/ventures/" + ventureA).status()).isEqualTo(404);
        assertThat(outsider.get("/api/orgs/" + orgB + "/ventures/" + ventureA).status()).as("A's id under B").isEqualTo(404);
        assertThat(outsider.patch("/api/orgs/" + orgB + "/ventures/" + ventureA, "{\"name\":\"pwned\"}").status())
                .isEqualTo(404);
        assertThat(outsider.delete("/api/orgs/" + orgB + "/ventures/" + ventureA).status()).isEqualTo(404);
        assertThat(outsider.get("/api/orgs/" + orgB + "/ventures").json().findValuesAsText("name")).doesNotContain("Secret A");
        assertThat(founder.get("/api/orgs/" + orgA + "/ventures/" + ventureA).json().get("name").asText())
                .isEqualTo("Secret A");
    }

    @Test
    void aViewerCanReadButTheServerRefusesEdits() {
        Api founder = signIn();
        String org = stack.adminOrgId.toString();
        String venture = founder.post("/api/orgs/" + org + "/ventures", Api.json(Map.of("name", "Visible")))
                .json().get("id").asText();
        Api viewer = invitedUser(founder, org, "viewer", "viewer@example.com");
        assertThat(viewer.get("/api/orgs/" + org + "/ventures/" + venture).status()).isEqualTo(200);
        Api.Response edit = viewer.patch("/api/orgs/" + org + "/ventures/" + venture, "{\"name\":\"nope\"}");
        assertThat(edit.status()).isEqualTo(403);
        assertThat(edit.message()).isEqualTo("your role here is viewer; this needs member or higher");
        assertThat(viewer.post("/api/orgs/" + org + "/invitations", "{\"email\":\"x@example.com\",\"role\":\"admin\"}")
                .status()).isEqualTo(403);
        assertThat(founder.get("/api/orgs/" + org + "/ventures/" + venture).json().get("name").asText()).isEqualTo("Visible");
    }

    @Test
    void logoutRevokesTheSessionAndForgedTokensAreRefused() {
        Api founder = signIn();
        String token = founder.token();
        assertThat(founder.post("/api/auth/logout", "").status()).isEqualTo(204);
        Api.Response after = stack.api().withToken(token).get("/api/orgs");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.message()).contains("signed out");
        assertThat(stack.api().withToken("forged-" + token).get("/api/orgs").status()).isEqualTo(401);
        assertThat(stack.api().get("/api/orgs").error()).isEqualTo("unauthorized");
    }

    @Test
    void invitationsAreSingleUseAndPasswordsHaveAMinimum() {
        Api founder = signIn();
        String org = stack.adminOrgId.toString();
        Api.Response inv = founder.post("/api/orgs/" + org + "/invitations",
                Api.json(Map.of("email", "short@example.com", "role", "member")));
        String token = inv.json().get("token").asText();
        Api.Response weak = stack.api().post("/api/invitations/accept",
                Api.json(Map.of("token", token, "name", "S", "password", "short")));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.message()).contains("12 to 256 characters");
        Api.Response ok = stack.api().post("/api/invitations/accept",
                Api.json(Map.of("token", token, "name", "S", "password", "long-enough-password")));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("role").asText()).isEqualTo("member");
        assertThat(stack.api().post("/api/invitations/accept",
                Api.json(Map.of("token", token, "name", "S", "password", "long-enough-password"))).status()).isEqualTo(409);
    }

    static Api signIn() {
        Api api = stack.api();
        Api.Response r = api.login(TestStack.ADMIN_EMAIL, "founder-password-456");
        if (r.status() != 200) {
            return stack.founder();
        }
        return api;
    }

    static Api invitedUser(Api admin, String org, String role, String email) {
        return stackInvite(stack, admin, org, role, email);
    }

    static Api stackInvite(TestStack stack, Api admin, String org, String email) {
        return stackInvite(stack, admin, org, "member", email);
    }

    static Api stackInvite(TestStack stack, Api admin, String org, String role, String email) {
        return stack.invite(admin, org, role, email);
    }
}
