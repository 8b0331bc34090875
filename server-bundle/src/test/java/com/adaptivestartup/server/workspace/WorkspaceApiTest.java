package com.adaptivestartup.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.LiveClient;
import com.adaptivestartup.server.testing.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The founder's workspace through the real HTTP API on real PostgreSQL, Redis and S3: every resource of the
 * catalogue driven the same way, then what each must refuse, who may do what, paging, links and the live push.
 */
class WorkspaceApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static TestStack stack;
    static Api founder;
    static String org;
    static String founderId;

    @BeforeAll
    static void start() {
        stack = TestStack.latest();
        founder = stack.founder();
        org = stack.adminOrgId.toString();
        founderId = founder.get("/api/auth/me").json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static Map<String, Map<String, Object>> samples(Map<String, String> ids) {
        return com.adaptivestartup.server.testing.WorkspaceSamples.of(ids, founderId);
    }


    @Test
    void everyResourceIsCreatedReadListedChangedAndDeletedTheSameWay() throws Exception {
        String venture = venture("Every resource");
        Map<String, String> ids = new HashMap<>();
        ids.put("files", founder.upload("/api/orgs/" + org + "/files?ventureId=" + venture + "&name=waiver.pdf",
                "application/pdf", "%PDF-1.4 waiver".getBytes(java.nio.charset.StandardCharsets.UTF_8)).json().get("id").asText());
        List<String> paths = new ArrayList<>(samples(Map.of()).keySet());
        assertThat(paths).as("every resource of the catalogue has a sample")
                .containsExactlyInAnyOrderElementsOf(WorkspaceResources.all().stream().map(r -> r.path()).toList());
        for (String path : paths) {
            Map<String, Object> sample = samples(ids).get(path);
            String base = "/api/orgs/" + org + "/ventures/" + venture + "/" + path;
            Api.Response created = founder.post(base, Api.json(sample));
            assertThat(created.status()).as(path + ": " + created.body()).isEqualTo(201);
            JsonNode record = created.json();
            JsonNode expected = JSON.valueToTree(sample);
            expected.fieldNames().forEachRemaining(name -> assertSame(path + "." + name, expected.get(name), record.get(name)));
            assertThat(record.get("source").asText()).isEqualTo("human");
            assertThat(record.get("revision").asInt()).isEqualTo(1);
            assertThat(record.get("createdBy").asText()).isEqualTo(founderId);
            String id = record.get("id").asText();
            ids.put(path, id);

            assertThat(founder.get(base + "/" + id).json()).isEqualTo(record);
            assertThat(founder.get(base).json().get("items").findValuesAsText("id")).contains(id);
            String field = textField(sample);
            Api.Response changed = founder.patch(base + "/" + id, Api.json(Map.of(field, "Changed", "revision", 1,
                    "source", "ai")));
            assertThat(changed.status()).as(path + ": " + changed.body()).isEqualTo(200);
            assertThat(changed.json().get(field).asText()).isEqualTo("Changed");
            assertThat(changed.json().get("source").asText()).isEqualTo("ai");
            assertThat(changed.json().get("revision").asInt()).isEqualTo(2);
            Api.Response stale = founder.patch(base + "/" + id, Api.json(Map.of(field, "Lost", "revision", 1)));
            assertThat(stale.status()).isEqualTo(409);
            assertThat(stale.message()).contains("changed since you loaded it (revision 2, yours 1)");
            Api.Response unknown = founder.patch(base + "/" + id, "{\"colour\":\"red\"}");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.message()).startsWith("'colour' is not a field of a");
        }
        assertThat(stack.sql.one("SELECT count(*) FROM activity_log WHERE action LIKE '%.created' AND payload LIKE ?",
                r -> r.getInt(1), "%" + venture + "%")).as("each creation logged").contains(paths.size());
        for (int i = paths.size() - 1; i >= 0; i--) {
            String base = "/api/orgs/" + org + "/ventures/" + venture + "/" + paths.get(i) + "/" + ids.get(paths.get(i));
            assertThat(founder.delete(base + "?revision=1").status()).as("a stale delete").isEqualTo(409);
            assertThat(founder.delete(base + "?revision=2").status()).as(paths.get(i)).isEqualTo(204);
            assertThat(founder.get(base).status()).isEqualTo(404);
        }
    }

    @Test
    void whatDoesNotFitIsRefusedWithASentenceNamingTheField() {
        String venture = venture("Bad input");
        String v = "/api/orgs/" + org + "/ventures/" + venture + "/";
        String goal = founder.post(v + "goals", "{\"title\":\"g\"}").json().get("id").asText();
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("goals", new String[]{"{}", "'title' is required for a new goal"});
        cases.put("features", new String[]{"{\"title\":\"f\",\"status\":\"someday\"}",
                "'status' must be one of: backlog, planned, in_progress, review, done"});
        cases.put("key-results", new String[]{"{\"goalId\":\"" + goal + "\",\"description\":\"d\",\"target\":\"ten\"}",
                "'target' must be a number"});
        cases.put("milestones", new String[]{"{\"title\":\"m\",\"date\":\"31/12/2026\"}", "'date' must be a date like 2026-03-31"});
        cases.put("goals ", new String[]{"{\"title\":\"g\",\"quarter\":5}", "'quarter' must be between 1 and 4"});
        cases.put("interviews", new String[]{"{\"name\":\"" + "x".repeat(201) + "\"}", "'name' is longer than 200 characters"});
        cases.put("interviews ", new String[]{"{\"name\":\"n\",\"tags\":\"pilot\"}", "'tags' must be a list"});
        cases.put("features ", new String[]{"{\"title\":\"f\",\"assignedTo\":[\"" + java.util.UUID.randomUUID() + "\"]}",
                "'assignedTo' names someone who is not a member of this organization"});
        cases.put("market-sizes", new String[]{"{\"name\":\"m\",\"naicsCode\":\"ab\"}", "'naicsCode' must be 2 to 6 digits"});
        cases.put("market-sizes ", new String[]{"{\"name\":\"m\",\"tam\":10,\"sam\":20}", "(SAM) cannot be larger than the total"});
        cases.put("calendar-events", new String[]{"{\"title\":\"e\",\"startsAt\":\"2026-12-03T15:00:00Z\","
                + "\"endsAt\":\"2026-12-03T14:00:00Z\"}", "an event cannot end before it starts"});
        cases.put("divisions", new String[]{"{\"name\":\"d\",\"color\":\"red\"}", "'color' must be a colour like #3366cc"});
        cases.put("canvases", new String[]{"{\"name\":\"c\",\"sections\":{\"mood\":\"x\"}}", "'sections' has no section 'mood'"});
        cases.put("key-results ", new String[]{"{\"goalId\":\"" + goal + "\",\"description\":\"d\",\"progress\":1}",
                "'progress' is not a field of a key result"});
        cases.put("competitors", new String[]{"{\"name\":\"c\",\"attributes\":{\"x\":\"" + "y".repeat(40_000) + "\"}}",
                "'attributes' may hold at most 32 KB of JSON"});
        cases.put("costs", new String[]{"{\"name\":\"c\",\"amount\":-1,\"frequency\":\"monthly\"}", "'amount' must be between 0 and"});
        cases.put("goals  ", new String[]{"[1,2]", "the body must be a JSON object of the goal's fields"});
        cases.forEach((path, c) -> {
            Api.Response r = founder.post(v + path.strip(), c[0]);
            assertThat(r.status()).as(path + " " + c[0]).isIn(400, 413);
            assertThat(r.message()).as(path).contains(c[1]);
        });
        assertThat(founder.get(v + "features?status=someday").message()).contains("'status' must be one of");
        assertThat(founder.get(v + "features?colour=red").message())
                .isEqualTo("a list of features cannot be filtered by 'colour'; it can by: status, priority, stackLayer,"
                        + " eisenhowerQuadrant, goalId");
        assertThat(founder.get(v + "features?limit=500").message()).isEqualTo("'limit' must be between 1 and 200");
        assertThat(founder.get(v + "features?limit=ten").message()).isEqualTo("'limit' must be a whole number");
        assertThat(founder.get(v + "forecast?months=a").message()).isEqualTo("'months' must be a whole number");
        assertThat(founder.get(v + "features?after=garbage").message()).contains("is not a position this list gave out");
        assertThat(founder.get(v + "goals/not-an-id").status()).isEqualTo(400);
        assertThat(founder.get(v + "goals/" + java.util.UUID.randomUUID()).message()).isEqualTo("the goal was not found");
        assertThat(stack.sql.one("SELECT count(*) FROM goals WHERE venture_id = ?::uuid", r -> r.getInt(1), venture))
                .as("nothing refused was written").contains(1);
        Api.Response nulls = founder.post(v + "goals", "{\"title\":\"g2\",\"targetDate\":null,\"quarter\":null,"
                + "\"linkedCustomerIds\":null,\"archived\":null,\"description\":null}");
        assertThat(nulls.status()).as("explicit nulls are empty fields: " + nulls.body()).isEqualTo(201);
        assertThat(nulls.json().get("linkedCustomerIds")).isEmpty();
    }

    @Test
    void anotherOrganizationsOrVenturesRecordsAreNotFoundAndCannotBeLinked() {
        String ventureA = venture("Secret venture");
        String ventureB = venture("Other venture");
        String goalA = founder.post("/api/orgs/" + org + "/ventures/" + ventureA + "/goals", "{\"title\":\"Secret goal\"}")
                .json().get("id").asText();
        Api.Response crossVenture = founder.post("/api/orgs/" + org + "/ventures/" + ventureB + "/key-results",
                Api.json(Map.of("goalId", goalA, "description", "borrowed")));
        assertThat(crossVenture.status()).isEqualTo(400);
        assertThat(crossVenture.message()).isEqualTo("'goalId' names " + goalA + ", which is no goal of this venture");
        assertThat(founder.get("/api/orgs/" + org + "/ventures/" + ventureB + "/goals/" + goalA).status()).isEqualTo(404);
        String fileOfA = founder.upload("/api/orgs/" + org + "/files?ventureId=" + ventureA + "&name=a.txt", "text/plain",
                "a".getBytes(java.nio.charset.StandardCharsets.UTF_8)).json().get("id").asText();
        assertThat(founder.post("/api/orgs/" + org + "/ventures/" + ventureB + "/video-interviews",
                Api.json(Map.of("name", "v", "videoFileId", fileOfA))).message())
                .isEqualTo("'videoFileId' names a file that was not uploaded to this venture");

        Api outsider = stack.invite(founder, org, "viewer", "ws-outsider@example.com");
        String orgB = outsider.post("/api/orgs", Api.json(Map.of("name", "Outsider Org"))).json().get("id").asText();
        String outsiderId = outsider.get("/api/auth/me").json().get("id").asText();
        assertThat(founder.delete("/api/orgs/" + org + "/members/" + outsiderId).status()).isEqualTo(204);
        String ventureOfB = outsider.post("/api/orgs/" + orgB + "/ventures", "{\"name\":\"Mine\"}").json().get("id").asText();
        String goalPath = "/ventures/" + ventureA + "/goals/" + goalA;
        assertThat(outsider.get("/api/orgs/" + org + goalPath).status()).isEqualTo(404);
        assertThat(outsider.get("/api/orgs/" + orgB + goalPath).status()).isEqualTo(404);
        assertThat(outsider.patch("/api/orgs/" + orgB + goalPath, "{\"title\":\"pwned\"}").status()).isEqualTo(404);
        assertThat(outsider.delete("/api/orgs/" + orgB + goalPath).status()).isEqualTo(404);
        assertThat(outsider.get("/api/orgs/" + orgB + "/ventures/" + ventureOfB + "/goals/" + goalA).status()).isEqualTo(404);
        assertThat(outsider.post("/api/orgs/" + orgB + "/ventures/" + ventureOfB + "/key-results",
                Api.json(Map.of("goalId", goalA, "description", "stolen"))).status()).isEqualTo(400);
        assertThat(outsider.post("/api/orgs/" + orgB + "/ventures/" + ventureOfB + "/features",
                Api.json(Map.of("title", "t", "assignedTo", List.of(founderId)))).message())
                .as("people of another organization cannot be assigned").contains("not a member of this organization");
        assertThat(founder.get("/api/orgs/" + org + goalPath).json().get("title").asText()).isEqualTo("Secret goal");
    }

    @Test
    void aViewerReadsEverythingAndChangesNothing() {
        String venture = venture("Viewed");
        String base = "/api/orgs/" + org + "/ventures/" + venture + "/milestones";
        String id = founder.post(base, "{\"title\":\"Launch\",\"date\":\"2027-01-10\"}").json().get("id").asText();
        Api viewer = stack.invite(founder, org, "viewer", "ws-viewer@example.com");
        assertThat(viewer.get(base).json().get("items")).hasSize(1);
        assertThat(viewer.get(base + "/" + id).status()).isEqualTo(200);
        for (Api.Response r : List.of(viewer.post(base, "{\"title\":\"x\",\"date\":\"2027-01-10\"}"),
                viewer.patch(base + "/" + id, "{\"title\":\"x\"}"), viewer.delete(base + "/" + id))) {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.message()).isEqualTo("your role here is viewer; this needs member or higher");
        }
        assertThat(founder.get(base + "/" + id).json().get("title").asText()).isEqualTo("Launch");
    }

    @Test
    void listsComeInPagesThatNeitherSkipNorRepeatAndNarrowByField() {
        String venture = venture("Paged");
        String base = "/api/orgs/" + org + "/ventures/" + venture + "/features";
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(founder.post(base, Api.json(Map.of("title", "F" + i, "status", i % 2 == 0 ? "done" : "backlog")))
                    .json().get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = founder.get(base + "?limit=2" + (after == null ? "" : "&after=" + after)).json();
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            after = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
            if (pages == 1) {
                founder.post(base, "{\"title\":\"added meanwhile\"}");
            }
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen.subList(0, 5)).containsExactlyElementsOf(made);
        assertThat(seen).hasSize(6).doesNotHaveDuplicates();
        assertThat(founder.get(base + "?status=done").json().get("items").findValuesAsText("title"))
                .containsExactly("F0", "F2", "F4");
    }

    @Test
    void interviewsAreAddedAndDeletedInBulkAllOrNone() {
        String base = "/api/orgs/" + org + "/ventures/" + venture("Bulk") + "/interviews";
        Api.Response bad = founder.post(base + "/bulk", Api.json(Map.of("create", List.of(Map.of("name", "A"),
                Map.of("name", "B", "sentiment", "ecstatic"), Map.of("name", "C")))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.message()).isEqualTo("record 2 of 3: 'sentiment' must be one of: positive, neutral, negative");
        assertThat(founder.get(base).json().get("items")).as("none written").isEmpty();

        Api.Response added = founder.post(base + "/bulk", Api.json(Map.of("create", List.of(Map.of("name", "A"),
                Map.of("name", "B", "sentiment", "negative"), Map.of("name", "C")))));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        List<String> ids = added.json().get("items").findValuesAsText("id");
        assertThat(added.json().get("items").findValuesAsText("name")).containsExactly("A", "B", "C");

        Api.Response unknown = founder.post(base + "/bulk-delete", Api.json(Map.of("ids", List.of(ids.get(0),
                java.util.UUID.randomUUID().toString()))));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(founder.get(base).json().get("items")).as("none deleted").hasSize(3);
        Api.Response deleted = founder.post(base + "/bulk-delete", Api.json(Map.of("ids", ids.subList(0, 2))));
        assertThat(deleted.json().get("deleted").asInt()).isEqualTo(2);
        assertThat(founder.get(base).json().get("items").findValuesAsText("name")).containsExactly("C");
        assertThat(founder.post(base + "/bulk", "{\"create\":[]}").message()).isEqualTo("give 1 to 100 records at once");
    }

    @Test
    void deletingARecordTakesWhatBelongsToItAndUnlinksTheRest() {
        String v = "/api/orgs/" + org + "/ventures/" + venture("Links") + "/";
        String interview = founder.post(v + "interviews", "{\"name\":\"Ann\"}").json().get("id").asText();
        String goal = founder.post(v + "goals", Api.json(Map.of("title", "g", "linkedCustomerIds", List.of(interview))))
                .json().get("id").asText();
        founder.post(v + "key-results", Api.json(Map.of("goalId", goal, "description", "kr", "target", 8, "current", 2)));
        String feature = founder.post(v + "features", Api.json(Map.of("title", "f", "goalId", goal))).json().get("id").asText();
        JsonNode kr = founder.get(v + "key-results?goalId=" + goal).json().get("items").get(0);
        assertThat(kr.get("progress").decimalValue()).as("worked out by the database").isEqualByComparingTo("0.25");

        assertThat(founder.delete(v + "interviews/" + interview).status()).isEqualTo(204);
        assertThat(founder.get(v + "goals/" + goal).json().get("linkedCustomerIds")).isEmpty();
        assertThat(founder.delete(v + "goals/" + goal).status()).isEqualTo(204);
        assertThat(founder.get(v + "key-results").json().get("items")).as("a goal's key results go with it").isEmpty();
        assertThat(founder.get(v + "features/" + feature).json().get("goalId").isNull()).as("a feature stays").isTrue();
    }

    @Test
    void aCanvasIsSnapshottedAndRestoredAndEveryNewVentureStartsWithOne() {
        Api.Response created = founder.post("/api/orgs/" + org + "/ventures", "{\"name\":\"Canvas venture\"}");
        String venture = created.json().get("id").asText();
        String canvas = created.json().get("currentCanvasId").asText();
        String v = "/api/orgs/" + org + "/ventures/" + venture + "/";
        assertThat(founder.get(v + "canvases").json().get("items").findValuesAsText("name")).containsExactly("Lean canvas");
        founder.patch(v + "canvases/" + canvas, Api.json(Map.of("sections", Map.of("problem", "frost", "solution", "drones"),
                "revision", 1)));
        Api.Response snapshot = founder.post(v + "canvases/" + canvas + "/snapshot", "{\"name\":\"Before pivot\"}");
        assertThat(snapshot.status()).isEqualTo(201);
        Api.Response edited = founder.patch(v + "canvases/" + canvas, Api.json(Map.of("sections",
                Map.of("problem", "pests", "channels", "co-ops"), "revision", 2)));
        assertThat(edited.json().get("sections")).as("sections merge one by one")
                .isEqualTo(JSON.valueToTree(Map.of("problem", "pests", "solution", "drones", "channels", "co-ops")));
        Api.Response stale = founder.post(v + "canvases/" + canvas + "/restore", Api.json(Map.of("versionId",
                snapshot.json().get("id").asText(), "revision", 2)));
        assertThat(stale.status()).isEqualTo(409);
        Api.Response restored = founder.post(v + "canvases/" + canvas + "/restore", Api.json(Map.of("versionId",
                snapshot.json().get("id").asText(), "revision", 3)));
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().get("sections").get("problem").asText()).isEqualTo("frost");
        assertThat(restored.json().get("sections").get("channels").asText()).as("not in the snapshot: emptied").isEmpty();
        assertThat(founder.get(v + "canvas-versions?canvasId=" + canvas).json().get("items").findValuesAsText("name"))
                .containsExactly("Before pivot");
    }

    @Test
    void aLockedDocumentKeepsItsContentAndASnapshotBringsAnEarlierOneBack() {
        String v = "/api/orgs/" + org + "/ventures/" + venture("Documents") + "/";
        Map<String, Object> draft = Map.of("type", "doc", "content", List.of(Map.of("type", "paragraph",
                "content", List.of(Map.of("type", "text", "text", "Draft one")))));
        JsonNode doc = founder.post(v + "documents", Api.json(Map.of("title", "Business plan", "type", "business_plan",
                "content", draft))).json();
        String id = doc.get("id").asText();
        Api.Response snapshot = founder.post(v + "documents/" + id + "/snapshot", "{\"name\":\"Draft one\"}");
        assertThat(snapshot.status()).isEqualTo(201);
        founder.patch(v + "documents/" + id, Api.json(Map.of("content", Map.of("type", "doc"), "isLocked", true, "revision", 1)));

        Api.Response locked = founder.patch(v + "documents/" + id, Api.json(Map.of("title", "Changed", "revision", 2)));
        assertThat(locked.status()).isEqualTo(409);
        assertThat(locked.message()).isEqualTo("the document is locked; unlock it to change it");
        assertThat(founder.post(v + "documents/" + id + "/restore", Api.json(Map.of("versionId",
                snapshot.json().get("id").asText()))).status()).as("a restore is a change too").isEqualTo(409);
        assertThat(founder.patch(v + "documents/" + id, "{\"isLocked\":false,\"revision\":2}").status()).isEqualTo(200);
        Api.Response restored = founder.post(v + "documents/" + id + "/restore", Api.json(Map.of("versionId",
                snapshot.json().get("id").asText(), "revision", 3)));
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(restored.json().get("content")).isEqualTo(JSON.valueToTree(draft));

        Api.Response huge = founder.patch(v + "documents/" + id, Api.json(Map.of("content",
                Map.of("type", "doc", "text", "x".repeat(210_000)))));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.message()).isEqualTo("'content' may hold at most 200 KB of JSON");
    }

    @Test
    void theForecastIsWorkedOutFromTheStreamsAndCostsAsTheyAreNow() {
        String v = "/api/orgs/" + org + "/ventures/" + venture("Forecast") + "/";
        founder.post(v + "revenue-streams", Api.json(Map.of("name", "Plan", "price", 10, "frequency", "monthly",
                "quantity", 100, "monthlyGrowthPct", 10)));
        founder.post(v + "costs", Api.json(Map.of("name", "Insurance", "amount", 1200, "frequency", "yearly")));
        JsonNode f = founder.get(v + "forecast?months=3").json();
        assertThat(amounts(f.get("months"), "revenue")).containsExactly("1000", "1100", "1210");
        assertThat(amounts(f.get("months"), "costs")).containsExactly("1200", "0", "0");
        assertThat(f.get("totalProfit").decimalValue()).isEqualByComparingTo("2110");
        assertThat(f.get("breakEvenMonth").asInt()).isEqualTo(2);
        assertThat(founder.get(v + "forecast?months=37").message()).isEqualTo("'months' must be between 1 and 36");
    }

    @Test
    void aVentureHasAProfileAndADeletedOneComesBackWithEverythingItHeld() {
        String ventures = "/api/orgs/" + org + "/ventures";
        Api.Response created = founder.post(ventures, Api.json(Map.of("name", "Profiled", "slug", "profiled-co",
                "stage", "mvp", "industry", "Agriculture", "foundingDate", "2025-04-01")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("slug").asText()).isEqualTo("profiled-co");
        assertThat(created.json().get("foundingDate").asText()).isEqualTo("2025-04-01");
        String id = created.json().get("id").asText();
        assertThat(founder.post(ventures, "{\"name\":\"Copy\",\"slug\":\"profiled-co\"}").status()).isEqualTo(409);
        assertThat(founder.patch(ventures + "/" + id, "{\"slug\":\"Not Valid\"}").message()).contains("lower-case letters");
        assertThat(founder.patch(ventures + "/" + id, "{\"stage\":\"unicorn\"}").message())
                .isEqualTo("'stage' must be one of: idea, validation, mvp, growth, scale");
        Api.Response cleared = founder.patch(ventures + "/" + id, "{\"clear\":[\"industry\"],\"stage\":\"growth\"}");
        assertThat(cleared.json().get("industry").isNull()).isTrue();
        assertThat(cleared.json().get("stage").asText()).isEqualTo("growth");
        founder.post(ventures + "/" + id + "/goals", "{\"title\":\"Kept\"}");

        assertThat(founder.delete(ventures + "/" + id).status()).isEqualTo(204);
        assertThat(founder.get(ventures + "/" + id + "/goals").status()).as("records of a deleted venture").isEqualTo(404);
        assertThat(founder.get("/api/orgs/" + org + "/deleted-ventures").json().findValuesAsText("name")).contains("Profiled");
        Api.Response restored = founder.post(ventures + "/" + id + "/restore", "");
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(founder.get(ventures + "/" + id + "/goals").json().get("items").findValuesAsText("title"))
                .containsExactly("Kept");
        assertThat(founder.post(ventures + "/" + id + "/restore", "").status()).as("not deleted any more").isEqualTo(404);
    }

    @Test
    void everyChangeReachesTheOrganizationsOpenPages() throws Exception {
        String venture = venture("Live");
        try (LiveClient page = LiveClient.signedIn(stack.port, founder.token())) {
            page.ready();
            page.drain();
            String id = founder.post("/api/orgs/" + org + "/ventures/" + venture + "/goals", "{\"title\":\"Live goal\"}")
                    .json().get("id").asText();
            JsonNode event = page.next();
            assertThat(event.get("type").asText()).isEqualTo("record.created");
            assertThat(event.at("/data/resource").asText()).isEqualTo("goals");
            assertThat(event.at("/data/ventureId").asText()).isEqualTo(venture);
            assertThat(event.at("/data/record/title").asText()).isEqualTo("Live goal");
            founder.delete("/api/orgs/" + org + "/ventures/" + venture + "/goals/" + id);
            JsonNode deleted = page.next();
            assertThat(deleted.get("type").asText()).isEqualTo("record.deleted");
            assertThat(deleted.at("/data/id").asText()).isEqualTo(id);
        }
    }

    @Test
    void peopleAreToldWhenTheyAreAssignedOrTheirInitiativeIsCommentedOnAndOnlyThey() throws Exception {
        String v = "/api/orgs/" + org + "/ventures/" + venture("Notices") + "/";
        Api bob = stack.invite(founder, org, "member", "notice-bob@example.com");
        Api carol = stack.invite(founder, org, "member", "notice-carol@example.com");
        String bobId = bob.get("/api/auth/me").json().get("id").asText();
        String carolId = carol.get("/api/auth/me").json().get("id").asText();
        String inbox = "/api/orgs/" + org + "/notifications";
        try (LiveClient bobsPage = LiveClient.signedIn(stack.port, bob.token())) {
            bobsPage.ready();
            bobsPage.drain();
            String feature = founder.post(v + "features", Api.json(Map.of("title", "Pay by phone",
                    "assignedTo", List.of(bobId, founderId)))).json().get("id").asText();
            JsonNode pushed = bobsPage.next();
            while (!pushed.get("type").asText().equals("notification.created")) {
                pushed = bobsPage.next();
            }
            assertThat(pushed.at("/data/title").asText()).isEqualTo("You were assigned to the feature “Pay by phone”");
            founder.patch(v + "features/" + feature, Api.json(Map.of("assignedTo", List.of(bobId, founderId, carolId))));
        }
        String division = founder.post(v + "divisions", "{\"name\":\"Ops\"}").json().get("id").asText();
        String initiative = founder.post(v + "initiatives", Api.json(Map.of("divisionId", division, "title", "Kiosk rollout",
                "assignedTo", List.of(bobId)))).json().get("id").asText();
        founder.post(v + "initiative-comments", Api.json(Map.of("initiativeId", initiative, "content", "Supplier found")));
        bob.post(v + "initiative-comments", Api.json(Map.of("initiativeId", initiative, "content", "Thanks")));

        JsonNode bobs = bob.get(inbox).json();
        assertThat(bobs.get("items").findValuesAsText("title")).containsExactly("New comment on the initiative “Kiosk rollout”",
                "You were assigned to the initiative “Kiosk rollout”", "You were assigned to the feature “Pay by phone”");
        assertThat(bobs.get("unread").asInt()).isEqualTo(3);
        assertThat(carol.get(inbox).json().get("items").findValuesAsText("title"))
                .as("added later, told once; not of a comment on what she is not assigned to")
                .containsExactly("You were assigned to the feature “Pay by phone”");
        assertThat(founder.get(inbox).json().get("unread").asInt()).as("nobody is told of their own doing").isZero();

        String first = bobs.get("items").get(0).get("id").asText();
        assertThat(carol.post(inbox + "/" + first + "/read", "").status()).as("another's notification").isEqualTo(404);
        assertThat(bob.post(inbox + "/" + first + "/read", "").status()).isEqualTo(204);
        assertThat(bob.get(inbox + "?unread=true").json().get("items")).hasSize(2);
        assertThat(bob.post(inbox + "/read-all", "").json().get("marked").asInt()).isEqualTo(2);
        assertThat(bob.get(inbox).json().get("unread").asInt()).isZero();
        assertThat(bob.get(inbox + "?limit=0").message()).isEqualTo("'limit' must be between 1 and 100");
    }

    private static List<String> amounts(JsonNode months, String field) {
        return months.findValues(field).stream().map(n -> n.decimalValue().stripTrailingZeros().toPlainString()).toList();
    }

    private static String venture(String name) {
        return founder.post("/api/orgs/" + org + "/ventures", Api.json(Map.of("name", name))).json().get("id").asText();
    }

    private static String textField(Map<String, Object> sample) {
        return java.util.stream.Stream.of("title", "name", "description", "content").filter(sample::containsKey)
                .findFirst().orElseThrow();
    }

    private static void assertSame(String what, JsonNode expected, JsonNode actual) {
        if (expected.isNumber()) {
            assertThat(actual.decimalValue()).as(what).isEqualByComparingTo(expected.decimalValue());
        } else if (expected.isContainerNode()) {
            assertThat(actual).as(what).isEqualTo(expected);
        } else {
            assertThat(actual.asText()).as(what).isEqualTo(expected.asText());
        }
    }
}
