package com.adaptivestartup.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Folders, tags, rename and move, the name search and versions of files, on real PostgreSQL and S3. */
class FilesLibraryTest {
    static TestStack stack;
    static Api founder;
    static String org;
    static String venture;
    static String files;

    @BeforeAll
    static void start() {
        stack = TestStack.latest();
        founder = stack.founder();
        org = stack.adminOrgId.toString();
        venture = founder.post("/api/orgs/" + org + "/ventures", "{\"name\":\"Files\"}").json().get("id").asText();
        files = "/api/orgs/" + org + "/files";
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static String folder(String name, String parent) {
        Map<String, Object> body = parent == null ? Map.of("name", name) : Map.of("name", name, "parentId", parent);
        return founder.post("/api/orgs/" + org + "/ventures/" + venture + "/folders", Api.json(body)).json().get("id").asText();
    }

    private static JsonNode upload(String name, String folder, String text) {
        Api.Response r = founder.upload(files + "?ventureId=" + venture + "&name=" + name
                + (folder == null ? "" : "&folderId=" + folder), "text/plain", text.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    @Test
    void filesLiveInFoldersCarryTagsAndAreFoundByTheWordsOfTheirNames() {
        String decks = folder("Decks", null);
        String old = folder("Old", decks);
        JsonNode pitch = upload("Pitch-Deck-2026.txt", decks, "pitch");
        upload("budget_q1.txt", null, "budget");
        assertThat(pitch.get("folderId").asText()).isEqualTo(decks);
        assertThat(pitch.get("version").asInt()).isEqualTo(1);

        assertThat(names(founder.get(files + "?ventureId=" + venture + "&folderId=" + decks))).containsExactly("Pitch-Deck-2026.txt");
        assertThat(names(founder.get(files + "?ventureId=" + venture + "&topLevel=true"))).containsExactly("budget_q1.txt");
        assertThat(names(founder.get(files + "?ventureId=" + venture + "&q=deck"))).as("a word, as a prefix")
                .containsExactly("Pitch-Deck-2026.txt");
        assertThat(names(founder.get(files + "?ventureId=" + venture + "&q=pit%20202"))).containsExactly("Pitch-Deck-2026.txt");
        assertThat(names(founder.get(files + "?ventureId=" + venture + "&q=budget"))).containsExactly("budget_q1.txt");
        assertThat(names(founder.get(files + "?ventureId=" + venture + "&q=%27%3B%20drop%20table"))).isEmpty();

        String id = pitch.get("id").asText();
        Api.Response moved = founder.patch(files + "/" + id, Api.json(Map.of("name", "Pitch 2026.txt", "folderId", old,
                "tags", List.of("investors", "final"), "description", "the one we sent")));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("folderId").asText()).isEqualTo(old);
        assertThat(names(founder.get(files + "?ventureId=" + venture + "&tag=investors"))).containsExactly("Pitch 2026.txt");
        assertThat(founder.patch(files + "/" + id, "{\"toTopLevel\":true}").json().get("folderId").isNull()).isTrue();
        assertThat(founder.patch(files + "/" + id, "{\"name\":\"a/b.txt\"}").message()).isEqualTo("'name' is a file name, without folders");

        String otherVenture = founder.post("/api/orgs/" + org + "/ventures", "{\"name\":\"Other\"}").json().get("id").asText();
        String foreign = founder.post("/api/orgs/" + org + "/ventures/" + otherVenture + "/folders", "{\"name\":\"Theirs\"}")
                .json().get("id").asText();
        assertThat(founder.patch(files + "/" + id, Api.json(Map.of("folderId", foreign))).message())
                .isEqualTo("'folderId' must be a folder of the file's venture");

        Api.Response cycle = founder.patch("/api/orgs/" + org + "/ventures/" + venture + "/folders/" + decks,
                Api.json(Map.of("parentId", old)));
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.message()).isEqualTo("a folder cannot be moved into itself or one of its own subfolders");
        assertThat(founder.delete("/api/orgs/" + org + "/ventures/" + venture + "/folders/" + decks).status()).isEqualTo(204);
        assertThat(founder.get(files + "/" + id).status()).as("a file outlives its folder").isEqualTo(200);
    }

    @Test
    void aNewVersionKeepsTheEarlierOneWhoseBytesAndChecksumComeBack() throws Exception {
        JsonNode first = upload("plan.txt", null, "version one");
        String id = first.get("id").asText();
        Api.Response second = founder.upload(files + "/" + id + "/versions?name=plan-v2.txt", "text/plain",
                "version two, longer".getBytes(StandardCharsets.UTF_8));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.json().get("version").asInt()).isEqualTo(2);
        assertThat(second.json().get("name").asText()).isEqualTo("plan-v2.txt");

        assertThat(founder.get(files + "/" + id).body()).isEqualTo("version two, longer");
        Api.Response old = founder.get(files + "/" + id + "/versions/1");
        assertThat(old.body()).isEqualTo("version one");
        assertThat(old.raw().headers().firstValue("X-Checksum-SHA256")).contains(sha256("version one"));
        JsonNode versions = founder.get(files + "/" + id + "/versions").json();
        assertThat(versions.findValuesAsText("version")).containsExactly("2", "1");
        assertThat(versions.findValuesAsText("name")).containsExactly("plan-v2.txt", "plan.txt");
        assertThat(versions.get(1).get("sha256").asText()).isEqualTo(sha256("version one"));
        assertThat(founder.get(files + "/" + id + "/versions/7").status()).isEqualTo(404);

        Api viewer = stack.invite(founder, org, "viewer", "files-viewer@example.com");
        assertThat(viewer.get(files + "/" + id + "/versions/1").body()).isEqualTo("version one");
        assertThat(viewer.upload(files + "/" + id + "/versions", "text/plain", new byte[]{1}).status()).isEqualTo(403);
        assertThat(viewer.patch(files + "/" + id, "{\"name\":\"x.txt\"}").status()).isEqualTo(403);
    }

    @Test
    void aCustomRoleWithoutTheFilesPageSeesNoFiles() {
        String role = founder.post("/api/orgs/" + org + "/roles", "{\"name\":\"Goals only\",\"allowedPages\":[\"goals\"]}")
                .json().get("id").asText();
        Api member = stack.invite(founder, org, "member", "files-member@example.com");
        founder.put("/api/orgs/" + org + "/members/" + member.get("/api/auth/me").json().get("id").asText() + "/custom-role",
                Api.json(Map.of("customRoleId", role)));
        Api.Response listed = member.get(files + "?ventureId=" + venture);
        assertThat(listed.status()).isEqualTo(403);
        assertThat(listed.message()).isEqualTo("your role here (Goals only) does not include the files page");
    }

    private static List<String> names(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().findValuesAsText("name");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
