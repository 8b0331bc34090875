package com.adaptivestartup.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A realistic export of Adaptive Startup Cloud in Convex's own layout (read from Convex's open-source backend,
 * {@code docs/convex-export.md}): README.md first, {@code _tables}, per table {@code generated_schema.jsonl} then
 * {@code documents.jsonl} in clean JSON (64-bit integers as strings, {@code _creationTime} a float of milliseconds),
 * components under {@code _components/<name>/}, and {@code _storage/documents.jsonl} followed by each file at
 * {@code _storage/<id><.ext>}. Organizations, users, ventures with every table of wave 1 filled, Unicode everywhere,
 * references across tables, a few tables with no home. The model stays in memory (files' bytes are generated from a
 * seed as they are written), so a test edits it and writes a newer export of the same deployment.
 */
public final class ConvexExportFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final String[] NAMES = {"Ana Souza", "Björn Åkesson", "Chloé Dubois", "Dmitri Ivanov", "Émilie Laurent",
            "Fatima Zahra", "Günter Müller", "Hiro Tanaka 田中", "Ines Peña", "José Ñúñez", "Kwame Mensah", "Lena Øster"};
    public final Map<String, List<ObjectNode>> tables = new LinkedHashMap<>();
    public final Map<String, Blob> storage = new LinkedHashMap<>();
    private final Random random;
    private double clock = 1_735_689_600_000.0; // 2025-01-01

    /** A stored file: its bytes are {@code head} then {@code size - head.length} bytes from {@code seed}. */
    public record Blob(String id, String contentType, String extension, long size, long seed, byte[] head, String sha256Base64) {
        public InputStream open() {
            return new InputStream() {
                private final SplittableRandom bytes = new SplittableRandom(seed);
                private long at;
                private final byte[] one = new byte[1];

                @Override
                public int read() {
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (at >= size) {
                        return -1;
                    }
                    int n = (int) Math.min(len, size - at);
                    for (int i = 0; i < n; i++) {
                        long p = at + i;
                        b[off + i] = p < head.length ? head[(int) p] : (byte) bytes.nextInt(256);
                    }
                    at += n;
                    return n;
                }
            };
        }
    }

    /** Files are this many times their usual size (a benchmark's export of a gigabyte). */
    private final int fileScale;

    private ConvexExportFixture(long seed, int fileScale) {
        this.random = new Random(seed);
        this.fileScale = fileScale;
    }

    private long scaled(long size) {
        return size * fileScale;
    }

    /** Counts of what was generated, the test's truth. */
    public long count(String table) {
        return tables.getOrDefault(table, List.of()).size();
    }

    /**
     * @param bigFileBytes the size of the one large file (100 MB in the end-to-end test)
     */
    public static ConvexExportFixture generate(int orgCount, int userCount, int ventureCount, int fileCount,
                                               long bigFileBytes, long seed) {
        return generate(orgCount, userCount, ventureCount, fileCount, bigFileBytes, 1, seed);
    }

    /** With files {@code fileScale} times their usual size (a few KB). */
    public static ConvexExportFixture generate(int orgCount, int userCount, int ventureCount, int fileCount,
                                               long bigFileBytes, int fileScale, long seed) {
        ConvexExportFixture f = new ConvexExportFixture(seed, fileScale);
        f.build(orgCount, userCount, ventureCount, fileCount, bigFileBytes);
        return f;
    }

    public String newId() {
        StringBuilder s = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    public ObjectNode doc(String table) {
        clock += 1000 + random.nextInt(60_000) + random.nextDouble();
        ObjectNode d = JSON.createObjectNode().put("_id", newId()).put("_creationTime", clock);
        tables.computeIfAbsent(table, t -> new ArrayList<>()).add(d);
        return d;
    }

    private void build(int orgCount, int userCount, int ventureCount, int fileCount, long bigFileBytes) {
        List<String> orgs = new ArrayList<>();
        for (int i = 0; i < orgCount; i++) {
            orgs.add("org_01HZ" + newId().substring(0, 22).toUpperCase());
        }
        List<ObjectNode> users = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            String name = NAMES[i % NAMES.length];
            String org = orgs.get(i % orgCount);
            ObjectNode u = doc("users").put("name", name).put("email", "person" + i + "@cloud-corp.example")
                    .put("tokenIdentifier", "https://api.workos.com/user_management/client_x|user_01H" + i)
                    .put("subscriptionTier", "pro").put("onboardingCompleted", true).put("tokenLimit", "1000000");
            u.putArray("orgIds").add(org);
            u.putArray("roles").addObject().put("orgId", org).put("role", i < orgCount ? "Founder" : i % 4 == 0 ? "Viewer" : "Member");
            users.add(u);
        }
        // a user without an email (cannot sign in): kept in the archive, reported
        doc("users").put("name", "No Mail Person").put("tokenIdentifier", "x|user_nomail");

        int filesLeft = fileCount;
        for (int v = 0; v < ventureCount; v++) {
            String org = orgs.get(v % orgCount);
            ObjectNode founder = users.get(v % orgCount);
            ObjectNode p = doc("projects").put("orgId", org).put("userId", founder.get("tokenIdentifier").asText())
                    .put("creatorId", founder.get("_id").asText()).put("name", "Venture " + v + " — Café Ünïcode 🚀")
                    .put("hypothesis", "Founders in São Paulo need a lean canvas in 日本語 too (" + v + ")")
                    .put("slug", "venture-" + v).put("foundingDate", "2024-0" + (1 + v % 9) + "-15")
                    .put("updatedAt", clock + 5000).put("totalShares", "10000000");
            ArrayNode milestones = p.putArray("milestones");
            for (int m = 0; m < 2; m++) {
                ObjectNode ms = milestones.addObject().put("id", "ms-" + m).put("title", "Milestone " + m + " ✓")
                        .put("date", "2025-0" + (m + 2) + "-01").put("type", m == 0 ? "Founding" : "Product")
                        .put("isMonumental", m == 0).put("isFeatured", true);
                ms.putArray("tags").add("launch");
            }
            String pid = p.get("_id").asText();
            String pOrg = org;
            java.util.function.Function<String, ObjectNode> in = table -> doc(table).put("projectId", pid).put("orgId", pOrg);

            ObjectNode canvas = in.apply("canvases").put("name", "Lean canvas ✏️").put("problem", "Problème: too many tools")
                    .put("solution", "One OS for founders").put("customerSegments", "Solo founders, 小さな会社")
                    .put("updatedAt", clock);
            p.put("currentCanvasId", canvas.get("_id").asText());
            in.apply("canvas_versions").put("name", "v1 before pivot").put("data",
                    "{\"problem\":\"old problem\",\"solution\":\"old solution\"}").put("createdAt", clock);

            List<String> interviews = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ObjectNode iv = in.apply("interviews").put("customerStatus", i == 0 ? "Interviewed" : "Lead")
                        .put("willingnessToPay", i == 0 ? "High" : "Medium").put("sentiment", "Positive")
                        .put("customData", "{\"Name\":\"Cliente " + i + " Ñandú\",\"Company\":\"Acme\"}")
                        .put("aiAnalysis", "Strong pull — willing to pay €49").put("createdAt", clock);
                iv.putArray("tags").add("beta");
                interviews.add(iv.get("_id").asText());
            }
            Blob waiver = blob("application/pdf", ".pdf", 4_000 + random.nextInt(4_000), "%PDF-1.7\n".getBytes());
            in.apply("video_interviews").put("name", "Cliente 0 Ñandú").put("email", "cliente0@example.com")
                    .put("waiverFileId", waiver.id()).put("linkedInterviewId", interviews.get(0)).put("createdAt", clock);

            List<String> goals = new ArrayList<>();
            for (int g = 0; g < 2; g++) {
                ObjectNode goal = in.apply("goals").put("title", "Objective " + g + ": reach 100 paying customers 💶")
                        .put("description", "Ünïcode OKR").put("type", "Committed").put("timeframe", "Quarterly")
                        .put("status", "In Progress").put("createdAt", clock).put("archived", false)
                        .put("quarter", "2").put("year", "2025").put("health", "On Track");
                goal.putArray("linkedCustomerIds").add(interviews.get(g));
                goals.add(goal.get("_id").asText());
                for (int k = 0; k < 2; k++) {
                    in.apply("key_results").put("goalId", goal.get("_id").asText()).put("description", "KR " + k + " — MRR")
                            .put("target", 10000).put("current", 2500.5).put("unit", "€").put("status", "In Progress")
                            .put("updateType", "manual");
                }
            }
            for (int i = 0; i < 3; i++) {
                ObjectNode feature = in.apply("features").put("title", "Feature " + i + " « export »")
                        .put("description", "Détails").put("status", i == 0 ? "In Progress" : "Backlog")
                        .put("priority", i == 0 ? "High" : "Low").put("stackLayer", "Frontend")
                        .put("eisenhowerQuadrant", "do").put("createdAt", clock).put("systemId", "sys-1");
                feature.putArray("assignedTo").add(founder.get("_id").asText());
                feature.putArray("tags").add("ui");
                if (i == 0) {
                    feature.put("connectedGoalId", goals.get(0));
                }
            }
            ObjectNode division = in.apply("divisions").put("name", "Ingeniería").put("description", "Builds it")
                    .put("leadId", founder.get("_id").asText()).put("color", "#3366cc").put("createdAt", clock);
            ObjectNode initiative = in.apply("initiatives").put("divisionId", division.get("_id").asText())
                    .put("title", "Launch v2 🚢").put("status", "Active").put("priority", "High")
                    .put("startDate", "2025-03-01").put("targetDate", "2025-06-30").put("createdAt", clock);
            initiative.putArray("assignedIds").add(founder.get("_id").asText());
            doc("initiative_comments").put("initiativeId", initiative.get("_id").asText())
                    .put("userId", founder.get("tokenIdentifier").asText()).put("userName", founder.get("name").asText())
                    .put("content", "On track — ¡vamos!").put("createdAt", clock);
            ObjectNode market = in.apply("market_data").put("tam", 5e9).put("sam", 5e8).put("som", 2.5e7)
                    .put("reportContent", "# Market\nGrowing 12 % a year").put("naicsCode", "541511").put("status", "completed")
                    .put("source", "AI");
            market.putArray("keywords").add("founder tools");
            market.putArray("sources").addObject().put("title", "Census").put("url", "https://example.com/census");
            for (int c = 0; c < 2; c++) {
                in.apply("competitors").put("name", "Rival " + c + " GmbH").put("tabId", "main")
                        .put("attributesData", "{\"price\":\"€" + (10 + c) + "\",\"ai\":true}").put("source", "Human");
            }
            for (int r = 0; r < 2; r++) {
                in.apply("revenue_streams").put("name", "Plan " + r).put("price", 49 + r).put("frequency", r == 0 ? "Monthly" : "One-time");
                in.apply("costs").put("name", "Cost " + r).put("amount", 120.25).put("frequency", "Monthly");
            }
            in.apply("revenue_versions").put("name", "Model A").put("data", "{\"months\":24}").put("createdAt", clock);
            ObjectNode bottomUp = in.apply("bottom_up_data").put("tam", "80000000").put("sam", 9e6).put("som", 4e5)
                    .put("status", "completed").put("reportContent", "ARPU × establishments");
            bottomUp.putArray("keywords").add("kiosks");
            ObjectNode config = in.apply("competitor_config").put("analysisSummary", "Crowded at the low end");
            config.putArray("attributes").add("Price").add("AI features");
            config.putArray("subTabs").addObject().put("id", "t1").put("name", "Enterprise").putArray("attributes").add("SSO");
            in.apply("business_plans").put("name", "Business plan 2025").put("version", "2").put("isLatest", true)
                    .put("content", "{\"type\":\"doc\",\"content\":[]}");
            in.apply("business_plans").put("name", "Business plan 2024").put("version", "1").put("isLatest", false)
                    .put("content", "{\"type\":\"doc\",\"content\":[]}");

            ObjectNode folder = in.apply("folders").put("name", "Documents 📁").put("createdAt", clock);
            folder.putNull("parentId");
            ObjectNode sub = in.apply("folders").put("name", "Contrats").put("parentId", folder.get("_id").asText())
                    .put("createdAt", clock);
            for (int d = 0; d < 2; d++) {
                ObjectNode document = in.apply("documents").put("title", d == 0 ? "White paper — ünïcode" : "Notes")
                        .put("type", d == 0 ? "WhitePaper" : "doc").put("isLocked", false)
                        .put("content", d == 0 ? "{\"type\":\"doc\",\"content\":[{\"type\":\"paragraph\",\"content\":"
                                + "[{\"type\":\"text\",\"text\":\"Bonjour 世界\"}]}]}" : "plain text\nsecond line")
                        .put("folderId", folder.get("_id").asText()).put("updatedAt", clock);
                document.putArray("tags").addObject().put("name", "draft").put("color", "#ff0000");
            }
            int filesHere = v == ventureCount - 1 ? filesLeft : Math.min(filesLeft, fileCount / ventureCount);
            for (int i = 0; i < filesHere; i++) {
                boolean big = v == 0 && i == 0 && bigFileBytes > 0;
                Blob blob = switch (i % 3) {
                    case 0 -> blob("image/png", ".png", big ? bigFileBytes : scaled(2_000 + random.nextInt(20_000)),
                            new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
                    case 1 -> blob("text/plain", ".txt", scaled(500 + random.nextInt(5_000)), "Bonjour ".getBytes());
                    default -> blob("video/mp4", ".mp4", scaled(3_000 + random.nextInt(5_000)),
                            new byte[]{0, 0, 0, 24, 'f', 't', 'y', 'p'});
                };
                ObjectNode file = in.apply("files").put("name", "fichier-" + i + "-ü" + blob.extension())
                        .put("title", "Fichier " + i).put("type", blob.contentType()).put("storageId", blob.id())
                        .put("size", blob.size()).put("createdAt", clock)
                        .put("folderId", (i % 2 == 0 ? folder : sub).get("_id").asText());
                file.putArray("tags").add("import");
                if (i == 1) {
                    file.put("initiativeId", initiative.get("_id").asText());
                }
            }
            filesLeft -= filesHere;
            for (int e = 0; e < 2; e++) {
                in.apply("calendar_events").put("title", "Rendez-vous " + e).put("start", clock + 86_400_000)
                        .put("end", clock + 86_400_000 + 3_600_000).put("allDay", false).put("type", "meeting")
                        .put("meetingUrl", "https://meet.example.com/" + e).put("createdAt", clock);
            }
            in.apply("notifications").put("userId", founder.get("tokenIdentifier").asText()).put("title", "Goal at risk")
                    .put("description", "Objective 0 slipped").put("type", "GOAL").put("isRead", false).put("createdAt", clock);
            in.apply("activity_log").put("userId", founder.get("tokenIdentifier").asText())
                    .put("userName", founder.get("name").asText()).put("action", "UPDATE").put("entityType", "canvas")
                    .put("entityId", canvas.get("_id").asText()).put("entityName", "Lean canvas")
                    .put("changes", "{\"problem\":\"x\"}").put("timestamp", clock).put("signature", "c2ln")
                    .put("publicKey", "cGs=");
            // tables with no home in this release
            in.apply("deck_slides").put("title", "Slide 1").put("content", "Hello").put("order", "1");
            ObjectNode chat = doc("chats").put("orgId", org).put("projectId", pid).put("title", "Nobel chat").put("createdAt", clock);
            doc("messages").put("chatId", chat.get("_id").asText()).put("role", "user").put("content", "Bonjour ?");
        }
        // a custom role per organization (and the built-in Founder role the cloud app also keeps as a row)
        for (int i = 0; i < orgCount; i++) {
            ObjectNode project = tables.get("projects").get(i);
            ObjectNode role = doc("roles").put("projectId", project.get("_id").asText()).put("name", "Investor")
                    .put("description", "Sees the numbers").put("isSystem", false);
            role.putArray("allowedPages").add("REVENUE").add("GOALS").add("DECK");
            role.putObject("permissions").putObject("global").put("view", true).put("create", false).put("edit", false)
                    .put("delete", false);
            doc("roles").put("projectId", project.get("_id").asText()).put("name", "Founder").put("isSystem", true);
            if (2 * orgCount + i < users.size()) {
                doc("team_members").put("projectId", project.get("_id").asText()).put("orgId", orgs.get(i))
                        .put("email", users.get(2 * orgCount + i).get("email").asText()).put("role", "Investor")
                        .put("status", "Active");
            }
        }
        // team members: one active per org, one pending invitation
        for (int i = 0; i < orgCount; i++) {
            ObjectNode project = tables.get("projects").get(i);
            doc("team_members").put("projectId", project.get("_id").asText()).put("orgId", orgs.get(i))
                    .put("email", users.get(orgCount + i).get("email").asText()).put("role", "Admin").put("status", "Active");
            doc("team_members").put("projectId", project.get("_id").asText()).put("orgId", orgs.get(i))
                    .put("email", "pending" + i + "@example.com").put("role", "Member").put("status", "Pending");
        }
        doc("_components/workflow/workflows").put("name", "deepResearch").put("state", "{\"step\":3}");
        // a file nothing refers to
        blob("text/plain", ".txt", 100, "orphan".getBytes());
    }

    /**
     * What a newer export of the same deployment shows after a few days of work in the cloud: three goals edited,
     * two added, two features and one file deleted, and a file replaced by a new version (a new stored file: Convex
     * never changes a stored file's bytes). Returns the ids touched, for the test's truth.
     */
    public Map<String, Object> newer() {
        List<ObjectNode> goals = tables.get("goals");
        for (int i = 0; i < 3; i++) {
            goals.get(i).put("title", "Edited in the cloud " + i + " ✎");
        }
        for (int i = 0; i < 2; i++) {
            doc("goals").put("projectId", goals.get(0).get("projectId").asText()).put("title", "New goal " + i);
        }
        List<ObjectNode> features = tables.get("features");
        String feature1 = features.remove(5).get("_id").asText();
        String feature2 = features.remove(5).get("_id").asText();
        ObjectNode deletedFile = tables.get("files").remove(10);
        ObjectNode replaced = tables.get("files").get(20);
        storage.remove(replaced.get("storageId").asText());
        replaced.put("storageId", blob("text/plain", ".txt", 1234, "v2 ".getBytes()).id());
        Map<String, Object> touched = new LinkedHashMap<>();
        touched.put("editedGoal", goals.get(0).get("_id").asText());
        touched.put("deletedFeatures", List.of(feature1, feature2));
        touched.put("deletedFile", deletedFile.get("_id").asText());
        touched.put("deletedFileName", deletedFile.get("name").asText());
        return touched;
    }

    /**
     * Writes an export and its truth (counts per table, the founder to sign in as, what to look for), for the
     * end-to-end test and the benchmark: {@code EXPORT.zip TRUTH.json [--big-mb N] [--files N] [--ventures N]
     * [--newer NEWER.zip]} (the newer export of the same deployment, {@link #newer}, written after the first).
     */
    public static void main(String[] args) throws IOException {
        Path zip = Path.of(args[0]);
        Path truth = Path.of(args[1]);
        long bigMb = 100;
        int files = 200;
        int ventures = 20;
        Path newer = null;
        for (int i = 2; i < args.length; i += 2) {
            switch (args[i]) {
                case "--big-mb" -> bigMb = Long.parseLong(args[i + 1]);
                case "--files" -> files = Integer.parseInt(args[i + 1]);
                case "--ventures" -> ventures = Integer.parseInt(args[i + 1]);
                case "--newer" -> newer = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ConvexExportFixture f = generate(3, 10, ventures, files, bigMb << 20, 42);
        f.write(zip);
        ObjectNode t = JSON.createObjectNode();
        ObjectNode counts = t.putObject("tables");
        f.tables.forEach((table, docs) -> counts.put(table, docs.size()));
        t.put("storedFiles", f.storage.size());
        t.put("founderEmail", f.tables.get("users").get(0).get("email").asText());
        t.put("founderVenture", f.tables.get("projects").get(0).get("name").asText());
        t.put("founderVentures", f.tables.get("projects").stream()
                .filter(p -> p.get("orgId").asText().equals(f.tables.get("projects").get(0).get("orgId").asText())).count());
        t.put("canvasSegments", f.tables.get("canvases").get(0).get("customerSegments").asText());
        t.put("goal", f.tables.get("goals").get(0).get("title").asText());
        t.put("bigFile", f.tables.get("files").get(0).get("name").asText());
        t.put("bigFileBytes", bigMb << 20);
        t.put("milestones", f.tables.get("projects").stream().mapToInt(p -> p.path("milestones").size()).sum());
        if (newer != null) {
            t.set("newer", JSON.valueToTree(f.newer()));
            t.with("newer").put("editedGoalTitle", f.tables.get("goals").get(0).get("title").asText());
            ObjectNode newerCounts = t.with("newer").putObject("tables");
            f.tables.forEach((table, docs) -> newerCounts.put(table, docs.size()));
            f.write(newer);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(truth.toFile(), t);
    }

    public Blob blob(String type, String extension, long size, byte[] head) {
        clock += 10;
        String id = "kg" + newId().substring(2);
        long seed = random.nextLong();
        Blob unsigned = new Blob(id, type, extension, size, seed, head, null);
        Blob b = new Blob(id, type, extension, size, seed, head, sha256(unsigned));
        storage.put(id, b);
        return b;
    }

    private static String sha256(Blob b) {
        try (InputStream in = b.open()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            return Base64.getEncoder().encodeToString(sha.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the export as Convex lays it out. */
    public Path write(Path zip) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.setLevel(Deflater.BEST_SPEED);
            text(out, "README.md", "# Welcome to your Convex snapshot export!\n\nThis ZIP file contains a snapshot of the"
                    + " tables in your Convex deployment.\n");
            StringBuilder tablesTable = new StringBuilder();
            int number = 10001;
            for (String table : tables.keySet()) {
                if (!table.startsWith("_components/")) {
                    tablesTable.append(JSON.createObjectNode().put("name", table).put("id", number++)).append('\n');
                }
            }
            text(out, "_tables/documents.jsonl", tablesTable.toString());
            for (Map.Entry<String, List<ObjectNode>> t : tables.entrySet()) {
                text(out, t.getKey() + "/generated_schema.jsonl", JSON.writeValueAsString("{_creationTime: normalfloat64,"
                        + " _id: string, ...}") + "\n");
                StringBuilder lines = new StringBuilder();
                for (ObjectNode d : t.getValue()) {
                    lines.append(JSON.writeValueAsString(d)).append('\n');
                }
                text(out, t.getKey() + "/documents.jsonl", lines.toString());
            }
            if (!storage.isEmpty()) {
                StringBuilder index = new StringBuilder();
                for (Blob b : storage.values()) {
                    index.append(JSON.createObjectNode().put("_id", b.id()).put("_creationTime", 1.7e12)
                            .put("sha256", b.sha256Base64()).put("size", b.size()).put("contentType", b.contentType())
                            .put("internalId", "internal-" + b.id())).append('\n');
                }
                text(out, "_storage/documents.jsonl", index.toString());
                for (Blob b : storage.values()) {
                    out.putNextEntry(new ZipEntry("_storage/" + b.id() + b.extension()));
                    try (InputStream in = b.open()) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return zip;
    }

    private static void text(ZipOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
