package com.adaptivestartup.server.convex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.activity.AuditKey;
import com.adaptivestartup.server.config.PublicUrl;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.file.ObjectStore;
import com.adaptivestartup.server.mail.Outbox;
import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.ConvexExportFixture;
import com.adaptivestartup.server.testing.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import of a Convex export of Adaptive Startup Cloud into a real stack (PostgreSQL, the S3 server, the API):
 * the generator's truth against the report, what people then see through the API, a re-import of a newer export,
 * and every bad input ending with one sentence and nothing kept. In order: the later steps import onto the first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConvexImportTest {
    private static final long BIG = 6L << 20;
    private static final String ADDRESS = "https://startup.example.com";
    private static TestStack stack;
    private static ObjectStore store;
    private static ConvexExportFixture cloud;
    private static Path exportZip;
    private static ImportReport first;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        stack = new TestStack(Release.of("1.2.0"), TestStack.noAi(), new ServerConfig.Http(0, 64L << 20, 12, 30, "",
                new PublicUrl(URI.create(ADDRESS))));
        store = ObjectStore.of(stack.config.storage());
        // one person of the cloud already has an account here: linked, not duplicated
        stack.sql.update("INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, 'Already Here', '!')",
                UUID.randomUUID(), "person4@cloud-corp.example");
        cloud = ConvexExportFixture.generate(3, 10, 20, 200, BIG, 42);
        exportZip = cloud.write(dir.resolve("snapshot.zip"));
    }

    @AfterAll
    static void stop() {
        store.close();
        stack.close();
    }

    private static ConvexImport importer(long maxFileBytes) {
        return new ConvexImport(stack.sql, store, new ActivityLog(stack.sql, Clock.systemUTC(),
                Optional.of(AuditKey.of(TestStack.AUDIT_KEY)), true), new Outbox(stack.sql, Clock.systemUTC(), false),
                new PublicUrl(URI.create(ADDRESS)), Clock.systemUTC(), maxFileBytes, p -> { });
    }

    private static ImportReport run(Path zip, boolean dryRun, boolean removeDeleted, boolean other) {
        return importer(64L << 20).run(zip, new ConvexImport.Options(dryRun, removeDeleted, other));
    }

    private static long cloudCount(String table) {
        return cloud.count(table);
    }

    @Test
    @Order(1)
    void aDryRunTellsEverythingAndKeepsNothing() {
        long ventures = stack.count("ventures");
        ImportReport dry = run(exportZip, true, false, false);
        assertThat(dry.dryRun).isTrue();
        assertThat(dry.tables.get("projects").created).isEqualTo(20);
        assertThat(dry.tables.get("goals").read).isEqualTo(cloudCount("goals"));
        assertThat(dry.tables.get("key_results").created).isEqualTo(cloudCount("key_results"));
        assertThat(dry.files.imported).isEqualTo(200 + 20); // the cloud's files and the video interviews' waivers
        assertThat(dry.files.notReferenced).isEqualTo(1);
        assertThat(dry.verification.ok).isTrue();
        assertThat(stack.count("ventures")).isEqualTo(ventures);
        assertThat(stack.count("convex_documents")).isZero();
        assertThat(stack.count("convex_imports")).isZero();
        assertThat(stack.sql.one("SELECT count(*) FROM users WHERE password_hash LIKE '!imported%'", r -> r.getLong(1)))
                .contains(0L);
    }

    @Test
    @Order(2)
    void anImportMatchesTheGeneratorsTruthAndVerifies() {
        first = run(exportZip, false, false, false);
        ImportReport r = first;
        assertThat(r.verification.ok).isTrue();
        assertThat(r.verification.records).isEqualTo(r.verification.matching).isGreaterThan(500);
        assertThat(r.verification.references).isGreaterThan(100);
        assertThat(r.verification.files).isEqualTo(220).isEqualTo(r.verification.filesMatching);
        // accounts: 10 with an email, one already here; the one without an email is archived
        assertThat(r.accounts.created).isEqualTo(9);
        assertThat(r.accounts.linkedToExisting).isEqualTo(1);
        assertThat(r.tables.get("users").skippedBecause).containsKey("no email address, so the person could not sign in");
        assertThat(r.accounts.invitedByLink).isEqualTo(9);
        assertThat(r.invitations).hasSize(9).allSatisfy(i -> assertThat(i.link()).startsWith(ADDRESS + "#/reset/"));
        assertThat(r.accounts.organizations).isEqualTo(3);
        // every wave-1 table, counted against the generator
        for (String table : List.of("projects", "canvases", "canvas_versions", "interviews", "video_interviews", "goals",
                "key_results", "features", "divisions", "initiatives", "initiative_comments", "market_data", "competitors",
                "revenue_streams", "costs", "revenue_versions", "documents", "folders", "files", "calendar_events",
                "notifications", "activity_log")) {
            ImportReport.Table t = r.tables.get(table);
            assertThat(t).as(table).isNotNull();
            assertThat(t.read).as(table).isEqualTo(cloudCount(table));
            assertThat(t.created).as(table + ": " + t.skippedBecause).isEqualTo(cloudCount(table));
        }
        assertThat(r.tables.get("projects.milestones").created).isEqualTo(40);
        assertThat(r.tables.get("team_members").created + r.tables.get("team_members").unchanged).isEqualTo(6);
        // custom roles: the cloud's own become this installation's, with the pages that have a place here
        assertThat(r.tables.get("roles").created).isEqualTo(3);
        assertThat(r.tables.get("roles").skipped).isEqualTo(3);
        assertThat(r.tables.get("roles").valuesNotCarried).containsKey("allowedPages: the page DECK has no place here yet");
        assertThat(stack.sql.list("SELECT allowed_pages FROM custom_roles WHERE name = 'Investor'",
                rs -> com.adaptivestartup.server.db.Sql.strings(rs, 1)))
                .hasSize(3).allSatisfy(p -> assertThat(p).containsExactly("financials", "goals"));
        assertThat(stack.sql.one("SELECT count(*) FROM memberships m JOIN custom_roles c ON c.id = m.custom_role_id"
                + " WHERE c.name = 'Investor'", rs -> rs.getLong(1))).contains(3L);
        assertThat(r.tables.get("bottom_up_data").created).isEqualTo(20);
        assertThat(r.tables.get("competitor_config").created).isEqualTo(60);
        assertThat(r.tables.get("business_plans").created).isEqualTo(20);
        assertThat(r.tables.get("business_plans").skippedBecause)
                .containsEntry("an earlier version of the business plan (kept in the archive)", 20L);
        assertThat(r.tables.get("team_members").skippedBecause)
                .containsEntry("an invitation not yet accepted in the cloud (invite again from Members)", 3L);
        assertThat(r.tables.get("key_results").fieldsNotMapped).contains("updateType");
        // tables with no home are kept, counted, not dropped
        assertThat(r.archivedOnly).containsEntry("deck_slides", 20L).containsEntry("chats", 20L)
                .containsEntry("messages", 20L).containsEntry("_components/workflow/workflows", 1L);
        long documents = cloud.tables.values().stream().mapToLong(List::size).sum();
        // + organizations, milestones, the competitor matrix's attributes
        assertThat(stack.count("convex_documents")).isEqualTo(documents + 3 + 40 + 60);
        assertThat(stack.count("convex_imports")).isEqualTo(1);
        assertThat(stack.sql.one("SELECT report::text FROM convex_imports", rs -> rs.getString(1)).orElseThrow())
                .contains("\"verification\"").doesNotContain("/reset/");
        // creation times kept
        ObjectNode goal = cloud.tables.get("goals").get(0);
        assertThat(stack.sql.one("SELECT created_at FROM goals WHERE id = ?",
                rs -> com.adaptivestartup.server.db.Sql.instant(rs, 1).toEpochMilli(), ConvexValues.idFor(goal.get("_id").asText())))
                .contains((long) goal.get("_creationTime").asDouble());
    }

    @Test
    @Order(3)
    void aFounderSetsTheirPasswordAndSeesTheirVenturesCanvasesGoalsAndFiles() throws Exception {
        ImportReport.Invitation founder = first.invitations.stream().filter(i -> i.email().startsWith("person0@"))
                .findFirst().orElseThrow();
        Api api = stack.api();
        assertThat(api.login(founder.email(), "anything-at-all-1").status()).isEqualTo(401);
        String token = java.net.URLDecoder.decode(founder.link().substring((ADDRESS + "#/reset/").length()),
                StandardCharsets.UTF_8);
        assertThat(api.post("/api/auth/password-reset", Api.json(Map.of("token", token, "newPassword",
                "a-new-password-123"))).status()).isLessThan(300);
        assertThat(api.login(founder.email(), "a-new-password-123").status()).isEqualTo(200);

        JsonNode orgs = api.get("/api/orgs").json();
        assertThat(orgs).hasSize(1);
        String org = orgs.get(0).get("id").asText();
        assertThat(orgs.get(0).get("role").asText()).isEqualTo("founder");
        JsonNode ventures = api.get("/api/orgs/" + org + "/ventures").json();
        assertThat(ventures).hasSize(7); // ventures 0, 3, 6, ... 18 of 20 are in the first organization
        JsonNode venture0 = null;
        for (JsonNode v : ventures) {
            if (v.get("name").asText().startsWith("Venture 0 ")) {
                venture0 = v;
            }
        }
        assertThat(venture0).isNotNull();
        assertThat(venture0.get("name").asText()).isEqualTo("Venture 0 — Café Ünïcode 🚀");
        String v = venture0.get("id").asText();
        JsonNode canvases = api.get("/api/orgs/" + org + "/ventures/" + v + "/canvases").json().get("items");
        assertThat(canvases).hasSize(1);
        assertThat(canvases.get(0).at("/sections/customerSegments").asText()).isEqualTo("Solo founders, 小さな会社");
        JsonNode goals = api.get("/api/orgs/" + org + "/ventures/" + v + "/goals").json().get("items");
        assertThat(goals).hasSize(2);
        assertThat(goals.get(0).get("status").asText()).isEqualTo("in_progress");
        assertThat(goals.get(0).get("linkedCustomerIds")).hasSize(1);
        JsonNode krs = api.get("/api/orgs/" + org + "/ventures/" + v + "/key-results?goalId=" + goals.get(0).get("id").asText())
                .json().get("items");
        assertThat(krs).hasSize(2);
        assertThat(krs.get(0).get("current").decimalValue()).isEqualByComparingTo("2500.5");
        JsonNode features = api.get("/api/orgs/" + org + "/ventures/" + v + "/features").json().get("items");
        assertThat(features.get(0).get("assignedTo").get(0).asText()).isEqualTo(api.get("/api/auth/me").json().get("id").asText());

        // files: the big one, byte for byte
        JsonNode files = api.get("/api/orgs/" + org + "/files?ventureId=" + v).json();
        JsonNode big = null;
        for (JsonNode f : files) {
            if (f.get("sizeBytes").asLong() == BIG) {
                big = f;
            }
        }
        assertThat(big).as(files.toString()).isNotNull();
        assertThat(big.get("name").asText()).isEqualTo("fichier-0-ü.png");
        Api.Response download = api.get("/api/orgs/" + org + "/files/" + big.get("id").asText());
        assertThat(download.status()).isEqualTo(200);
        String expected = cloud.storage.values().stream().filter(b -> b.size() == BIG).findFirst().orElseThrow().sha256Base64();
        assertThat(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(download.raw().body())))
                .isEqualTo(expected);
        // a type the server does not show (video/mp4) is kept as a download
        assertThat(files.findValues("contentType").stream().map(JsonNode::asText)).contains("application/octet-stream");
        // the activity chain still verifies, with the cloud's entries in it
        Api.Response chain = api.get("/api/orgs/" + org + "/activity/verify");
        assertThat(chain.json().get("intact").asBoolean()).as(chain.body()).isTrue();
    }

    @Test
    @Order(4)
    void aNewerExportUpdatesWhatChangedAddsWhatIsNewAndReportsWhatWasDeleted() throws IOException {
        // a change made here to a record the cloud did not change stays
        String keptGoal = cloud.tables.get("goals").get(3).get("_id").asText();
        stack.sql.update("UPDATE goals SET title = 'Changed here' WHERE id = ?", ConvexValues.idFor(keptGoal));
        // the cloud: three goals edited, two added, two features and a file deleted, a file replaced
        Map<String, Object> touched = cloud.newer();
        @SuppressWarnings("unchecked")
        String deletedFeature = ((List<String>) touched.get("deletedFeatures")).get(0);
        String deletedFile = (String) touched.get("deletedFile");
        Path newer = cloud.write(dir.resolve("snapshot-2.zip"));

        ImportReport again = run(newer, false, false, false);
        assertThat(again.tables.get("goals").updated).isEqualTo(3);
        assertThat(again.tables.get("goals").created).isEqualTo(2);
        assertThat(again.tables.get("goals").unchanged).isEqualTo(cloudCount("goals") - 5);
        assertThat(again.tables.get("features").deletedInCloud).isEqualTo(2);
        assertThat(again.tables.get("features").removed).isZero();
        assertThat(again.tables.get("files").deletedInCloud).isEqualTo(1);
        assertThat(again.files.imported).isEqualTo(1); // only the replaced bytes travel again
        assertThat(again.accounts.created).isZero();
        assertThat(again.invitations).isEmpty();
        assertThat(stack.sql.one("SELECT title FROM goals WHERE id = ?", r -> r.getString(1), ConvexValues.idFor(keptGoal)))
                .contains("Changed here");
        assertThat(stack.sql.one("SELECT count(*) FROM features WHERE id = ?", r -> r.getLong(1),
                ConvexValues.idFor(deletedFeature))).contains(1L);

        ImportReport removing = run(newer, false, true, false);
        assertThat(removing.tables.get("features").removed).isEqualTo(2);
        assertThat(removing.tables.get("files").removed).isEqualTo(1);
        assertThat(stack.sql.one("SELECT count(*) FROM features WHERE id = ?", r -> r.getLong(1),
                ConvexValues.idFor(deletedFeature))).contains(0L);
        assertThat(stack.sql.one("SELECT count(*) FROM files WHERE id = ?", r -> r.getLong(1),
                ConvexValues.idFor(deletedFile))).contains(0L);
        ImportReport quiet = run(newer, false, false, false);
        assertThat(quiet.tables.get("features").deletedInCloud).isZero();
        assertThat(quiet.tables.get("goals").unchanged).isEqualTo(cloudCount("goals"));
    }

    @Test
    @Order(5)
    void badInputsEndWithOneSentenceAndKeepNothing() throws Exception {
        long held = stack.count("convex_documents");
        long imports = stack.count("convex_imports");
        long fileRows = stack.count("files");
        Map<String, Path> bad = new java.util.LinkedHashMap<>();
        bad.put("not a ZIP file", Files.writeString(dir.resolve("notes.zip"), "just some text, not a zip"));
        byte[] whole = Files.readAllBytes(exportZip);
        bad.put("not a complete ZIP", Files.write(dir.resolve("cut.zip"), java.util.Arrays.copyOf(whole, whole.length / 2)));
        bad.put("is a ZIP but not a Convex export", zip("photos.zip", Map.of("holiday/photo.jpg", "jpeg".getBytes())));
        bad.put("unsafe path", zip("evil.zip", Map.of("goals/documents.jsonl", "{\"_id\":\"a\"}\n".getBytes(),
                "../../etc/passwd", "x".getBytes())));
        bad.put("ZIP bomb", zip("bomb.zip", Map.of("goals/documents.jsonl", new byte[50 << 20])));
        bad.put("is not JSON", zip("broken.zip", Map.of("goals/documents.jsonl",
                "{\"_id\":\"a\",\"title\":\"ok\"}\n{\"_id\": broken\n".getBytes())));
        bad.put("does not hold it", zip("missing-file.zip", Map.of("goals/documents.jsonl", "{\"_id\":\"a\"}\n".getBytes(),
                "_storage/documents.jsonl", "{\"_id\":\"kg1\",\"size\":3,\"sha256\":\"x\"}\n".getBytes())));
        bad.put("does not list", zip("extra-file.zip", Map.of("goals/documents.jsonl", "{\"_id\":\"a\"}\n".getBytes(),
                "_storage/documents.jsonl", "".getBytes(), "_storage/kg2.png", "abc".getBytes())));
        // (told as another deployment's would be refused before their documents are read: these are about the file)
        for (Map.Entry<String, Path> b : bad.entrySet()) {
            assertThatThrownBy(() -> run(b.getValue(), false, false, true)).as(b.getKey())
                    .isInstanceOf(ImportFailure.class).hasMessageContaining(b.getKey());
        }
        // another deployment: refused unless asked for
        ConvexExportFixture other = ConvexExportFixture.generate(1, 2, 1, 2, 0, 7);
        Path otherZip = other.write(dir.resolve("other.zip"));
        assertThatThrownBy(() -> run(otherZip, false, false, false)).isInstanceOf(ImportFailure.class)
                .hasMessageContaining("another Convex deployment").hasMessageContaining("--other-deployment");
        // a file larger than the installation's limit
        assertThatThrownBy(() -> importer(1L << 20).run(exportZip, new ConvexImport.Options(false, false, false)))
                .isInstanceOf(ImportFailure.class).hasMessageContaining("larger than the largest file this installation keeps");
        // a damaged file (its bytes are not what Convex recorded), found after other files were uploaded: all taken away
        ConvexExportFixture damaged = ConvexExportFixture.generate(1, 2, 2, 6, 0, 9);
        String victim = damaged.tables.get("files").get(5).get("storageId").asText();
        ConvexExportFixture.Blob b = damaged.storage.get(victim);
        damaged.storage.put(victim, new ConvexExportFixture.Blob(b.id(), b.contentType(), b.extension(), b.size(), b.seed(),
                b.head(), Base64.getEncoder().encodeToString(new byte[32])));
        Path damagedZip = damaged.write(dir.resolve("damaged.zip"));
        List<String> keys = new ArrayList<>();
        for (ObjectNode f : damaged.tables.get("files").subList(0, 5)) {
            UUID id = ConvexValues.idFor(f.get("_id").asText());
            keys.add(id.toString());
        }
        assertThatThrownBy(() -> run(damagedZip, false, false, true)).isInstanceOf(ImportFailure.class)
                .hasMessageContaining("damaged").hasMessageContaining("Nothing was imported");
        for (String id : keys) {
            assertThat(stack.sql.one("SELECT count(*) FROM files WHERE id = ?::uuid", r -> r.getLong(1), id)).contains(0L);
        }
        assertThat(stack.count("convex_documents")).isEqualTo(held);
        assertThat(stack.count("convex_imports")).isEqualTo(imports);
        assertThat(stack.count("files")).isEqualTo(fileRows);
        // the objects uploaded before the damaged one were taken away again
        UUID orgOfDamaged = ConvexValues.idFor("org:" + damaged.tables.get("projects").get(0).get("orgId").asText());
        for (String id : keys) {
            assertThat(store.size("orgs/" + orgOfDamaged + "/files/" + id)).as(id).isEqualTo(-1);
        }
        // and the other deployment, asked for, imports
        ImportReport second = run(otherZip, false, false, true);
        assertThat(second.verification.ok).isTrue();
        assertThat(second.tables.get("projects").created).isEqualTo(1);
        // what the first deployment holds is not "deleted in the cloud" for the second
        assertThat(second.tables.values()).allSatisfy(t -> assertThat(t.deletedInCloud).isZero());
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }
}
