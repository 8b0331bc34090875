package com.adaptivestartup.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MetricsAndFilesTest {
    static TestStack stack;
    static Api founder;
    static String org;
    static String venture;

    @BeforeAll
    static void start() {
        stack = new TestStack(Release.of(TestStack.sqlite() ? "1.2.0" : "1.1.0"), TestStack.noAi(), 1024 * 1024);
        founder = stack.founder();
        org = stack.adminOrgId.toString();
        venture = founder.post("/api/orgs/" + org + "/ventures", "{\"name\":\"Metrics\"}").json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void metricsRangeQueriesAndTheSummaryOf110() {
        String base = "/api/orgs/" + org + "/ventures/" + venture + "/metrics";
        for (int day = 1; day <= 5; day++) {
            Api.Response r = founder.post(base, Api.json(Map.of("name", "MRR", "value", day * 100.0,
                    "recordedAt", "2027-01-0" + day + "T00:00:00Z", "unit", "USD")));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        founder.post(base, Api.json(Map.of("name", "churn", "value", 3.5, "unit", "percent")));
        Api.Response range = founder.get(base + "?name=MRR&from=2027-01-02T00:00:00Z&to=2027-01-05T00:00:00Z");
        assertThat(range.json().findValuesAsText("value")).containsExactly("200.0", "300.0", "400.0");
        Api.Response summary = founder.get(base + "/summary");
        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.json().get(0).get("name").asText()).isEqualTo("MRR");
        assertThat(summary.json().get(0).get("latest").asDouble()).isEqualTo(500.0);
        assertThat(summary.json().get(0).get("count").asInt()).isEqualTo(5);
        assertThat(summary.json().get(1).get("unit").asText()).isEqualTo("percent");
        assertThat(founder.post(base, Api.json(Map.of("name", "x", "value", 1, "unit", "parsecs"))).status()).isEqualTo(400);
        assertThat(founder.post(base, "{\"name\":\"x\",\"value\":\"NaN\"}").status()).isEqualTo(400);
    }

    @Test
    void filesStreamThroughS3UnderTheirOrganizationWithChecksums() throws Exception {
        byte[] png = new byte[200_000];
        new Random(1).nextBytes(png);
        System.arraycopy(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, png, 0, 8);
        String base = "/api/orgs/" + org + "/files";
        Api.Response up = founder.upload(base + "?name=chart%20%C3%A9.png&ventureId=" + venture, "image/png", png);
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        assertThat(up.json().get("sha256").asText()).isEqualTo(sha);
        String id = up.json().get("id").asText();

        Api.Response down = founder.get(base + "/" + id);
        assertThat(down.status()).isEqualTo(200);
        assertThat(down.raw().body()).isEqualTo(png);
        assertThat(down.raw().headers().firstValue("Content-Disposition")).hasValueSatisfying(
                v -> assertThat(v).contains("chart%20%C3%A9.png"));
        assertThat(down.raw().headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        try (var objects = Files.walk(stack.filesOnDisk())) {
            assertThat(objects.map(Path::toString)).anyMatch(p -> p.endsWith("orgs/" + org + "/files/" + id));
        }
        assertThat(founder.get(base + "?ventureId=" + venture).json().findValuesAsText("id")).contains(id);
    }

    @Test
    void aTextFileIsSentAsStoredToABrowserThatOffersCompression() throws Exception {
        byte[] notes = "Pitch notes\n".repeat(20_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String base = "/api/orgs/" + org + "/files";
        String id = founder.upload(base + "?name=notes.txt&ventureId=" + venture, "text/plain", notes).json().get("id").asText();
        // Every browser offers these over HTTPS; the length sent is the file's, so its bytes must be sent as they are.
        var raw = stack.api().withToken(founder.token()).withHeader("Accept-Encoding", "gzip, deflate, br, zstd")
                .get(base + "/" + id).raw();
        assertThat(raw.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(raw.headers().firstValue("Content-Length")).contains(String.valueOf(notes.length));
        assertThat(raw.body()).isEqualTo(notes);
    }

    @Test
    void badUploadsAreRefusedAndLeaveNoObjectOrRow() {
        String base = "/api/orgs/" + org + "/files?name=";
        long rows = stack.count("files");
        Api.Response disguised = founder.upload(base + "evil.png", "image/png", "MZ\u0090 this is an exe".getBytes());
        assertThat(disguised.status()).isEqualTo(415);
        assertThat(disguised.message()).isEqualTo("the file's content does not look like image/png");
        Api.Response exe = founder.upload(base + "a.exe", "application/x-msdownload", new byte[]{1, 2});
        assertThat(exe.status()).isEqualTo(415);
        assertThat(exe.message()).contains("are not accepted; accepted:");
        Api.Response big = founder.upload(base + "big.txt", "text/plain", new byte[2 * 1024 * 1024]);
        assertThat(big.status()).isIn(413);
        assertThat(founder.upload(base + "..%2Fescape.txt", "text/plain", "hi".getBytes()).status()).isEqualTo(400);
        assertThat(stack.count("files")).isEqualTo(rows);
    }
}
