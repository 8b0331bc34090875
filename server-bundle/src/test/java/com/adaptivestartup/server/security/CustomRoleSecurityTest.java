package com.adaptivestartup.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.LiveClient;
import com.adaptivestartup.server.testing.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Custom roles held by the server on every workspace route, proved by direct API calls (a page hiding a button
 * proves nothing): a page not in the role is forbidden, a right the role lacks is forbidden, the live push skips
 * pages the holder cannot see, and a change to the role reaches the holder's open page at once.
 */
class CustomRoleSecurityTest {
    static TestStack stack;
    static Api admin;
    static String org;
    static String venture;

    @BeforeAll
    static void start() {
        stack = TestStack.latest();
        admin = stack.founder();
        org = stack.adminOrgId.toString();
        venture = admin.post("/api/orgs/" + org + "/ventures", "{\"name\":\"Roles\"}").json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static String v(String path) {
        return "/api/orgs/" + org + "/ventures/" + venture + "/" + path;
    }

    private static JsonNode role(String name, List<String> pages, boolean create, boolean edit, boolean delete) {
        Api.Response r = admin.post("/api/orgs/" + org + "/roles", Api.json(Map.of("name", name, "allowedPages", pages,
                "canCreate", create, "canEdit", edit, "canDelete", delete)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static String userId(Api user) {
        return user.get("/api/auth/me").json().get("id").asText();
    }

    private static void assign(Api user, String roleId) {
        Api.Response r = admin.put("/api/orgs/" + org + "/members/" + userId(user) + "/custom-role",
                roleId == null ? "{\"customRoleId\":null}" : Api.json(Map.of("customRoleId", roleId)));
        assertThat(r.status()).as(r.body()).isEqualTo(204);
    }

    @Test
    void aCustomRoleLimitsPagesAndRightsOnEveryRoute() {
        JsonNode sales = role("Sales", List.of("customers", "market"), true, false, false);
        Api member = stack.invite(admin, org, "member", "sales@example.com");
        assign(member, sales.get("id").asText());
        JsonNode access = member.get("/api/orgs/" + org + "/access").json();
        assertThat(access.at("/customRole/name").asText()).isEqualTo("Sales");

        Api.Response goals = member.get(v("goals"));
        assertThat(goals.status()).isEqualTo(403);
        assertThat(goals.message()).isEqualTo("your role here (Sales) does not include the goals page");
        assertThat(member.post(v("goals"), "{\"title\":\"x\"}").status()).isEqualTo(403);
        assertThat(member.get(v("forecast")).status()).isEqualTo(403);
        assertThat(member.get(v("interviews")).status()).isEqualTo(200);
        Api.Response created = member.post(v("interviews"), "{\"name\":\"Lead\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Api.Response edit = member.patch(v("interviews/" + id), "{\"name\":\"Changed\"}");
        assertThat(edit.status()).isEqualTo(403);
        assertThat(edit.message()).isEqualTo("your role here (Sales) may not edit on the customers page");
        assertThat(member.delete(v("interviews/" + id)).status()).isEqualTo(403);
        assertThat(admin.get(v("interviews/" + id)).json().get("name").asText()).isEqualTo("Lead");

        // A viewer given a role that allows creating may create there: the custom role is the grant.
        Api viewer = stack.invite(admin, org, "viewer", "viewer-sales@example.com");
        assertThat(viewer.post(v("interviews"), "{\"name\":\"x\"}").status()).isEqualTo(403);
        assign(viewer, sales.get("id").asText());
        assertThat(viewer.post(v("interviews"), "{\"name\":\"From a viewer\"}").status()).isEqualTo(201);

        // Taking the role away gives the built-in role back.
        assign(member, null);
        assertThat(member.get(v("goals")).status()).isEqualTo(200);
        assertThat(member.patch(v("interviews/" + id), "{\"name\":\"Changed\"}").status()).isEqualTo(200);
    }

    @Test
    void ventureProfilesAndMetricsFollowTheOverviewPage() throws Exception {
        String ventures = "/api/orgs/" + org + "/ventures";
        assertThat(admin.post(ventures + "/" + venture + "/metrics", "{\"name\":\"MRR\",\"value\":100}").status())
                .isEqualTo(201);
        JsonNode canvasOnly = role("Canvas only", List.of("canvas"), true, true, true);
        Api member = stack.invite(admin, org, "member", "canvas-only@example.com");
        assign(member, canvasOnly.get("id").asText());
        // Every member sees the ventures (the way to the pages their role allows) ...
        assertThat(member.get(ventures).status()).isEqualTo(200);
        assertThat(member.get(ventures + "/" + venture).json().get("name").asText()).isEqualTo("Roles");
        // ... but without the overview page they neither change ventures nor see or add metrics.
        Api.Response create = member.post(ventures, "{\"name\":\"Mine\"}");
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.message()).isEqualTo("your role here (Canvas only) does not include the overview page");
        int revision = admin.get(ventures + "/" + venture).json().get("revision").asInt();
        assertThat(member.patch(ventures + "/" + venture, Api.json(Map.of("name", "Renamed", "revision", revision))).status())
                .isEqualTo(403);
        assertThat(member.delete(ventures + "/" + venture).status()).isEqualTo(403);
        assertThat(member.get(ventures + "/" + venture + "/metrics").status()).isEqualTo(403);
        assertThat(member.post(ventures + "/" + venture + "/metrics", "{\"name\":\"MRR\",\"value\":1}").status()).isEqualTo(403);
        try (LiveClient page = LiveClient.signedIn(stack.port, member.token())) {
            page.ready();
            page.drain();
            admin.post(ventures + "/" + venture + "/metrics", "{\"name\":\"MRR\",\"value\":120}");
            assertThat(page.poll(Duration.ofMillis(500))).as("a metric is not pushed to who may not see it").isNull();
        }

        // The overview, to look only: metrics are read, nothing is changed.
        JsonNode looking = role("Looking", List.of("overview", "canvas"), false, false, false);
        assign(member, looking.get("id").asText());
        assertThat(member.get(ventures + "/" + venture + "/metrics").status()).isEqualTo(200);
        Api.Response add = member.post(ventures + "/" + venture + "/metrics", "{\"name\":\"MRR\",\"value\":1}");
        assertThat(add.status()).isEqualTo(403);
        assertThat(add.message()).isEqualTo("your role here (Looking) may not create on the overview page");

        // With the rights: a venture created, edited and deleted by the holder.
        JsonNode founding = role("Founding team", List.of("overview"), true, true, true);
        assign(member, founding.get("id").asText());
        Api.Response mine = member.post(ventures, "{\"name\":\"Side project\"}");
        assertThat(mine.status()).as(mine.body()).isEqualTo(201);
        String id = mine.json().get("id").asText();
        assertThat(member.patch(ventures + "/" + id, "{\"industry\":\"Energy\"}").status()).isEqualTo(200);
        assertThat(member.delete(ventures + "/" + id).status()).isEqualTo(204);
        assertThat(member.post(ventures + "/" + id + "/restore", "").status()).isEqualTo(200);
        assign(member, null);
        JsonNode listed = admin.get(ventures).json();
        assertThat(listed.toString()).contains("Side project").contains("Roles");
        assertThat(admin.get(ventures + "/" + venture).json().get("name").asText()).isEqualTo("Roles");
    }

    @Test
    void rolesAreAdminsOnlyCheckedAndNotDeletedWhileHeld() {
        Api member = stack.invite(admin, org, "member", "role-member@example.com");
        Api.Response notAdmin = member.post("/api/orgs/" + org + "/roles", "{\"name\":\"Mine\"}");
        assertThat(notAdmin.status()).isEqualTo(403);
        Api.Response badPage = admin.post("/api/orgs/" + org + "/roles", "{\"name\":\"Odd\",\"allowedPages\":[\"payroll\"]}");
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.message()).startsWith("'payroll' is no page of the workspace; the pages are: overview, canvas, goals, roadmap, customers");
        JsonNode support = role("Support", List.of("customers"), false, true, false);
        assertThat(admin.post("/api/orgs/" + org + "/roles", "{\"name\":\"support\"}").status()).as("names are unique")
                .isEqualTo(409);
        String adminId = userId(admin);
        Api.Response onAdmin = admin.put("/api/orgs/" + org + "/members/" + adminId + "/custom-role",
                Api.json(Map.of("customRoleId", support.get("id").asText())));
        assertThat(onAdmin.status()).isEqualTo(400);
        assertThat(onAdmin.message()).contains("a custom role is for members and viewers");

        assign(member, support.get("id").asText());
        Api.Response held = admin.delete("/api/orgs/" + org + "/roles/" + support.get("id").asText());
        assertThat(held.status()).isEqualTo(409);
        assertThat(held.message()).startsWith("the role Support is held by 1 member; give them another role first");
        JsonNode listed = admin.get("/api/orgs/" + org + "/roles").json();
        assertThat(listed.findValues("holders").toString()).contains(userId(member));
        assign(member, null);
        assertThat(admin.delete("/api/orgs/" + org + "/roles/" + support.get("id").asText()).status()).isEqualTo(204);
    }

    @Test
    void theLivePushSkipsPagesTheHolderCannotSeeAndARoleChangeReachesTheOpenPage() throws Exception {
        JsonNode market = role("Market only", List.of("market"), false, false, false);
        Api member = stack.invite(admin, org, "member", "live-role@example.com");
        assign(member, market.get("id").asText());
        try (LiveClient page = LiveClient.signedIn(stack.port, member.token())) {
            page.ready();
            page.drain();
            admin.post(v("goals"), "{\"title\":\"Secret plan\"}");
            admin.post(v("market-sizes"), "{\"name\":\"Seen\"}");
            JsonNode event = page.next();
            assertThat(event.at("/data/resource").asText()).as("the goal was not pushed to them").isEqualTo("market-sizes");
            assertThat(page.poll(Duration.ofMillis(300))).isNull();

            Api.Response changed = admin.patch("/api/orgs/" + org + "/roles/" + market.get("id").asText(),
                    "{\"allowedPages\":[\"market\",\"goals\"]}");
            assertThat(changed.status()).isEqualTo(200);
            assertThat(page.awaitClose(Duration.ofSeconds(5))).as("reconnect: what you may see changed").isEqualTo(4403);
        }
        assertThat(member.get(v("goals")).status()).isEqualTo(200);
    }
}
