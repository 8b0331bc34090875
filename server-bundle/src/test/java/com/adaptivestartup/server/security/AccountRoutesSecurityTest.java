package com.adaptivestartup.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.TestStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The routes of issue 22 that act on an organization (its mail, its single sign-on, its members' passwords and
 * sessions), called by a viewer and a member of the organization and by another organization's founder: each
 * refused by the server, and nothing changed.
 */
class AccountRoutesSecurityTest {
    static TestStack stack;
    static Api founder;
    static String org;
    static String viewerId;
    static Api viewer;
    static Api member;
    static Api stranger;

    @BeforeAll
    static void start() {
        stack = TestStack.latest();
        founder = stack.founder();
        org = stack.adminOrgId.toString();
        viewer = stack.invite(founder, org, "viewer", "viewer@example.com");
        member = stack.invite(founder, org, "member", "member@example.com");
        viewerId = viewer.get("/api/auth/me").json().get("id").asText();
        String elsewhere = founder.post("/api/orgs", "{\"name\":\"Elsewhere\"}").json().get("id").asText();
        stranger = stack.invite(founder, elsewhere, "admin", "stranger@example.com");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    record Call(String method, String path, String body) {
    }

    static List<Call> calls() {
        String sso = Api.json(Map.of("issuer", "https://login.example.com/realms/x", "clientId", "c", "clientSecret", "s"));
        return List.of(new Call("GET", "/api/orgs/" + org + "/mail", null),
                new Call("GET", "/api/orgs/" + org + "/sso", null),
                new Call("PUT", "/api/orgs/" + org + "/sso", sso),
                new Call("DELETE", "/api/orgs/" + org + "/sso", null),
                new Call("POST", "/api/orgs/" + org + "/members/" + viewerId + "/password-reset", "{\"byMail\":false}"),
                new Call("POST", "/api/orgs/" + org + "/members/" + viewerId + "/sign-out", "{}"));
    }

    static Api.Response call(Api who, Call c) {
        return switch (c.method()) {
            case "GET" -> who.get(c.path());
            case "PUT" -> who.put(c.path(), c.body());
            case "DELETE" -> who.delete(c.path());
            default -> who.post(c.path(), c.body());
        };
    }

    @Test
    void aViewerAMemberAndAnotherOrganizationsAdminAreEachRefused() {
        for (Call c : calls()) {
            for (Api who : List.of(viewer, member, stranger)) {
                Api.Response r = call(who, c);
                assertThat(r.status()).as(c.method() + " " + c.path() + " -> " + r.body()).isIn(403, 404);
                assertThat(r.json().path("message").asText()).as("said in words").isNotBlank();
            }
        }
        assertThat(viewer.get("/api/auth/me").status()).as("the viewer was neither reset nor signed out").isEqualTo(200);
        assertThat(stack.count("sso_providers")).isZero();
    }

    @Test
    void theSignInRoutesAnswerTheSameWithoutASessionAndRefuseNonsense() {
        assertThat(stack.api().post("/api/auth/sso/start", "{}").status()).isEqualTo(400);
        assertThat(stack.api().post("/api/auth/sso/start", Api.json(Map.of("orgId", org))).status())
                .as("no provider set").isEqualTo(404);
        assertThat(stack.api().post("/api/auth/sso/exchange", Api.json(Map.of("code", "guess"))).status()).isEqualTo(410);
        assertThat(stack.api().post("/api/auth/email/confirm", Api.json(Map.of("token", "guess"))).status()).isEqualTo(410);
        assertThat(stack.api().post("/api/auth/password-reset", Api.json(Map.of("token", "guess",
                "newPassword", "a-long-enough-password"))).status()).isEqualTo(410);
        assertThat(stack.api().get("/api/auth/sessions").status()).isEqualTo(401);
        assertThat(stack.api().get("/api/auth/notices").status()).isEqualTo(401);
    }
}
