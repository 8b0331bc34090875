package com.adaptivestartup.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.config.PublicUrl;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.MovableClock;
import com.adaptivestartup.server.testing.TestKeycloak;
import com.adaptivestartup.server.testing.TestStack;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Single sign-on against a real Keycloak (its server distribution, started by the test with an imported realm):
 * settings checked by discovery, people signed in through Keycloak's own login page, made just in time with the
 * role their groups map to, the email domain rule, a wrong client secret, a replayed return, "SSO only" with the
 * founder's password still working, and signing out at the provider too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleSignOnTest {
    static TestKeycloak keycloak;
    static TestStack stack;
    static Api founder;
    static String org;
    static String base;

    @BeforeAll
    static void start() {
        keycloak = TestKeycloak.get();
        int port = TestKeycloak.freePort();
        base = "http://127.0.0.1:" + port + "/";
        stack = new TestStack(Release.of("1.2.0"), TestStack.noAi(), new ServerConfig.Http(port, 1024 * 1024, 12, 30, "",
                new PublicUrl(URI.create(base))), new MovableClock());
        founder = stack.founder();
        org = stack.adminOrgId.toString();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static Map<String, Object> settings(String secret, boolean ssoOnly) {
        return Map.of("issuer", keycloak.issuer(), "clientId", TestKeycloak.CLIENT_ID, "clientSecret", secret,
                "groupsClaim", "groups", "roleMapping", Map.of("engineering-leads", "admin", "staff", "viewer"),
                "defaultRole", "member", "emailDomains", List.of("acme.example"), "ssoOnly", ssoOnly);
    }

    /** Starts a sign-in for the organization and goes through Keycloak's login page; the app page it lands on. */
    static String signIn(KeycloakBrowser browser, String user, String password) throws Exception {
        Api.Response started = stack.api().post("/api/auth/sso/start", Api.json(Map.of("orgId", org)));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        return browser.signIn(started.json().get("url").asText(), user, password);
    }

    static String reason(String landed) {
        assertThat(landed).startsWith(base + "#/sso-failed/");
        return URLDecoder.decode(landed.substring(landed.indexOf("#/sso-failed/") + 13), StandardCharsets.UTF_8);
    }

    /** The app's exchange of the landing code for its session. */
    static Api session(String landed) {
        assertThat(landed).startsWith(base + "#/sso/");
        Api.Response exchanged = stack.api().post("/api/auth/sso/exchange", Api.json(Map.of("code",
                landed.substring(landed.indexOf("#/sso/") + 6))));
        assertThat(exchanged.status()).as(exchanged.body()).isEqualTo(200);
        return stack.api().withToken(exchanged.json().get("token").asText());
    }

    @Test
    @Order(1)
    void anAdminSetsTheProviderWhichIsCheckedByDiscoveryFirst() {
        Map<String, Object> down = new java.util.HashMap<>(settings(TestKeycloak.CLIENT_SECRET, false));
        down.put("issuer", "http://127.0.0.1:" + TestKeycloak.freePort() + "/realms/acme");
        Api.Response refused = founder.put("/api/orgs/" + org + "/sso", Api.json(down));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("cannot be reached").contains("it may be down, or the issuer URL is wrong");
        down.put("issuer", "not a url");
        assertThat(founder.put("/api/orgs/" + org + "/sso", Api.json(down)).message())
                .startsWith("the issuer is the provider's address");

        Api.Response saved = founder.put("/api/orgs/" + org + "/sso", Api.json(settings(TestKeycloak.CLIENT_SECRET, false)));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("redirectUri").asText()).isEqualTo(base + "api/auth/sso/callback");
        assertThat(saved.json().get("hasClientSecret").asBoolean()).isTrue();
        assertThat(saved.body()).doesNotContain(TestKeycloak.CLIENT_SECRET);
        Api.Response found = stack.api().post("/api/auth/sso/discover", Api.json(Map.of("email", "Someone@ACME.example")));
        assertThat(found.json().get("orgId").asText()).isEqualTo(org);
        assertThat(stack.api().post("/api/auth/sso/discover", Api.json(Map.of("email", "x@other.example"))).json().has("orgId"))
                .isFalse();
    }

    @Test
    @Order(2)
    void peopleSignInThroughKeycloakAndAreMadeJustInTimeWithTheirGroupsRole() throws Exception {
        long t0 = System.nanoTime();
        Api alice = session(signIn(new KeycloakBrowser(), "alice", "alice-keycloak-password"));
        System.out.println("sso: start to session through Keycloak's login page in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertThat(alice.get("/api/auth/me").json().get("email").asText()).isEqualTo("alice@acme.example");
        assertThat(alice.get("/api/auth/me").json().get("name").asText()).isEqualTo("Alice Admin");
        assertThat(alice.get("/api/orgs").json().findValuesAsText("role")).containsExactly("admin");

        Api bob = session(signIn(new KeycloakBrowser(), "bob", "bob-keycloak-password"));
        assertThat(bob.get("/api/orgs").json().findValuesAsText("role")).as("staff maps to viewer").containsExactly("viewer");
        Api bobAgain = session(signIn(new KeycloakBrowser(), "bob", "bob-keycloak-password"));
        assertThat(stack.count("sso_identities")).as("the second sign-in finds the linked account").isEqualTo(2);
        assertThat(bobAgain.get("/api/auth/me").json().get("id").asText()).isEqualTo(bob.get("/api/auth/me").json().get("id").asText());
    }

    @Test
    @Order(3)
    void anEmailOutsideTheOrganizationsDomainsIsRefusedWithASentence() throws Exception {
        String landed = signIn(new KeycloakBrowser(), "mallory", "mallory-keycloak-password");
        assertThat(reason(landed)).isEqualTo("your email mallory@elsewhere.example is not of a domain this organization"
                + " signs in with (acme.example)");
        assertThat(stack.api().login("mallory@elsewhere.example", "x".repeat(12)).status()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void anExistingAccountIsLinkedOnlyOnceItIsAMemberOfTheOrganization() throws Exception {
        Api.Response side = founder.post("/api/orgs", Api.json(Map.of("name", "Side project")));
        Api dana = stack.invite(founder, side.json().get("id").asText(), "member", "dana@acme.example");
        String refused = signIn(new KeycloakBrowser(), "dana", "dana-keycloak-password");
        assertThat(reason(refused)).isEqualTo("an account with the email dana@acme.example already exists here and is not"
                + " a member of this organization; join it by invitation first, then sign in with your company account");
        Api.Response invited = founder.post("/api/orgs/" + org + "/invitations", Api.json(Map.of("email", "dana@acme.example",
                "role", "member")));
        assertThat(dana.post("/api/invitations/accept", Api.json(Map.of("token", invited.json().get("token").asText())))
                .status()).isEqualTo(200);
        Api linked = session(signIn(new KeycloakBrowser(), "dana", "dana-keycloak-password"));
        assertThat(linked.get("/api/auth/me").json().get("id").asText()).isEqualTo(dana.get("/api/auth/me").json().get("id").asText());
        assertThat(linked.get("/api/orgs").json().findValuesAsText("role")).as("staff maps to viewer here")
                .contains("viewer", "member");
    }

    @Test
    @Order(4)
    void aReplayedReturnFromTheProviderIsRefusedAndSoIsASpentCode() throws Exception {
        KeycloakBrowser browser = new KeycloakBrowser();
        String landed = signIn(browser, "alice", "alice-keycloak-password");
        session(landed);
        assertThat(stack.api().post("/api/auth/sso/exchange", Api.json(Map.of("code",
                landed.substring(landed.indexOf("#/sso/") + 6)))).status()).as("the code works once").isEqualTo(410);
        String replayed = browser.follow(browser.lastCallback);
        assertThat(reason(replayed)).isEqualTo("this sign-in is unknown, expired or was already used; start again from the"
                + " sign-in page");
        assertThat(reason(browser.follow(base + "api/auth/sso/callback?state=forged&code=abc")))
                .startsWith("this sign-in is unknown");
    }

    @Test
    @Order(5)
    void aWrongClientSecretIsSaidToTheAdminAndLocalSignInStillWorks() throws Exception {
        founder.put("/api/orgs/" + org + "/sso", Api.json(settings("not-the-secret", false)));
        String landed = signIn(new KeycloakBrowser(), "alice", "alice-keycloak-password");
        assertThat(reason(landed)).isEqualTo("the identity provider refused this installation's client id or secret; an"
                + " admin should check them in the organization's single sign-on settings");
        assertThat(stack.api().login(TestStack.ADMIN_EMAIL, "founder-password-456").status()).isEqualTo(200);
        founder.put("/api/orgs/" + org + "/sso", Api.json(settings(TestKeycloak.CLIENT_SECRET, false)));
    }

    @Test
    @Order(6)
    void ssoOnlyRefusesMembersPasswordsButTheFounderAlwaysSignsIn() {
        Api carol = stack.invite(founder, org, "member", "carol@acme.example");
        assertThat(carol.get("/api/auth/me").status()).isEqualTo(200);
        Map<String, Object> only = new java.util.HashMap<>(settings("", true));
        Api.Response saved = founder.put("/api/orgs/" + org + "/sso", Api.json(only));
        assertThat(saved.status()).as("an empty secret keeps the one kept: " + saved.body()).isEqualTo(200);
        Api.Response refused = stack.api().login("carol@acme.example", TestStack.GUEST_PASSWORD);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.message()).contains("your organization signs in with its company account");
        assertThat(stack.api().login(TestStack.ADMIN_EMAIL, "founder-password-456").status()).as("break-glass").isEqualTo(200);
        founder.put("/api/orgs/" + org + "/sso", Api.json(settings("", false)));
        assertThat(stack.api().login("carol@acme.example", TestStack.GUEST_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void signingOutEndsTheSessionHereAndGivesTheProvidersLogout() throws Exception {
        Api alice = session(signIn(new KeycloakBrowser(), "alice", "alice-keycloak-password"));
        Api.Response out = alice.post("/api/auth/logout", "{}");
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.json().get("providerLogout").asText())
                .startsWith(keycloak.issuer() + "/protocol/openid-connect/logout?")
                .contains("id_token_hint=").contains("post_logout_redirect_uri=" + java.net.URLEncoder.encode(base,
                        StandardCharsets.UTF_8));
        assertThat(alice.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(founder.post("/api/auth/logout", "{}").status()).as("a password session: no provider").isEqualTo(204);
    }
}
