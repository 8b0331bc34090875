package com.adaptivestartup.console.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.update.ChannelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Brain's protocol edge cases: slow, broken and hostile answers, each a sentence, never a hang. */
class BrainClientTest {
    @TempDir
    Path dir;
    private MockWebServer server;
    private final BrainClient client = new BrainClient(Duration.ofSeconds(2), Duration.ofSeconds(2));

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private String base() {
        return server.url("/brain").toString();
    }

    @Test
    void fetchesTheChannelFromItsPath() throws Exception {
        server.enqueue(new MockResponse.Builder().body("ASC1.payload.signature").build());
        assertThat(client.fetchChannel(base(), "stable")).isEqualTo("ASC1.payload.signature");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/brain/v1/channels/stable");
    }

    @Test
    void errorsAndMissingChannelsAreSaidPlainly() {
        server.enqueue(new MockResponse.Builder().code(404).build());
        assertThatThrownBy(() -> client.fetchChannel(base(), "beta")).hasMessageContaining("has no channel 'beta'");
        server.enqueue(new MockResponse.Builder().code(503).build());
        assertThatThrownBy(() -> client.fetchChannel(base(), "stable")).hasMessageContaining("answered HTTP 503")
                .hasMessageContaining("try again later");
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "http://elsewhere.invalid/").build());
        assertThatThrownBy(() -> client.fetchChannel(base(), "stable")).hasMessageContaining("answered HTTP 302");
    }

    @Test
    void aSlowSourceTimesOutInsteadOfHanging() {
        server.enqueue(new MockResponse.Builder().body("ASC1.x.y").headersDelay(5, java.util.concurrent.TimeUnit.SECONDS).build());
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> client.fetchChannel(base(), "stable")).isInstanceOf(BrainClient.BrainUnavailable.class)
                .hasMessageContaining("did not answer in time");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aHugeBodyIsRefusedWithoutReadingItAll() {
        Buffer big = new Buffer();
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < 9; i++) {
            big.write(chunk);
        }
        server.enqueue(new MockResponse.Builder().body(big).build());
        assertThatThrownBy(() -> client.fetchChannel(base(), "stable")).hasMessageContaining("far more than a channel manifest");
    }

    @Test
    void plainHttpOnlyToThisMachineAndFoldersForOfflineSites() throws Exception {
        assertThatThrownBy(() -> client.fetchChannel("http://brain.example.invalid/", "stable"))
                .hasMessageContaining("must use https");
        assertThatThrownBy(() -> client.fetchChannel("not a url", "stable")).hasMessageContaining("there is no channel file");
        Files.createDirectories(dir.resolve("channels"));
        Files.writeString(dir.resolve("channels/stable.asc"), "ASC1.from.folder");
        assertThat(client.fetchChannel(dir.toString(), "stable")).isEqualTo("ASC1.from.folder");
        assertThat(client.fetchChannel(dir.resolve("channels/stable.asc").toString(), "other")).isEqualTo("ASC1.from.folder");
        assertThatThrownBy(() -> client.fetchChannel(dir.toString(), "beta")).hasMessageContaining("channels/beta.asc");
    }

    private static Download installerOf(byte[] content, String url) throws Exception {
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        return new ChannelManifest.Installer("windows", "msi", url, sha, content.length).download();
    }

    @Test
    void anInstallerIsDownloadedBesideTheBrainAndKeptOnlyWhenItIsTheSignedOne() throws Exception {
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        Download installer = installerOf(content, "console/1.1.0/Console-1.1.0.msi");
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(content)).build());
        long[] seen = {0};
        Path file = client.downloadInstaller(base(), installer, dir.resolve("downloads"), n -> seen[0] = n);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/brain/console/1.1.0/Console-1.1.0.msi");
        assertThat(file).hasFileName("Console-1.1.0.msi").hasBinaryContent(content);
        assertThat(seen[0]).isEqualTo(content.length);

        byte[] tampered = content.clone();
        tampered[1000] ^= 1;
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(tampered)).build());
        Files.delete(file);
        assertThatThrownBy(() -> client.downloadInstaller(base(), installer, dir.resolve("downloads"), n -> { }))
                .hasMessageContaining("not the one the vendor signed").hasMessageContaining("it was deleted");
        try (var left = Files.list(dir.resolve("downloads"))) {
            assertThat(left).as("nothing kept, no .partial").isEmpty();
        }

        byte[] longer = java.util.Arrays.copyOf(content, content.length + 70_000);
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(longer)).build());
        assertThatThrownBy(() -> client.downloadInstaller(base(), installer, dir.resolve("downloads"), n -> { }))
                .hasMessageContaining("larger than the channel says");
        server.enqueue(new MockResponse.Builder().code(404).build());
        assertThatThrownBy(() -> client.downloadInstaller(base(), installer, dir.resolve("downloads"), n -> { }))
                .hasMessageContaining("answered HTTP 404");
    }

    @Test
    void anOfflineFolderServesItsInstallersButNothingOutsideIt() throws Exception {
        byte[] content = "an installer".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path mirror = dir.resolve("mirror");
        Files.createDirectories(mirror.resolve("console"));
        Files.write(mirror.resolve("console/Console-1.1.0.msi"), content);
        Path file = client.downloadInstaller(mirror.toString(), installerOf(content, "console/Console-1.1.0.msi"),
                dir.resolve("out"), n -> { });
        assertThat(file).hasBinaryContent(content);
        assertThatThrownBy(() -> client.downloadInstaller(mirror.toString(), installerOf(content, "console/missing.msi"),
                dir.resolve("out"), n -> { })).hasMessageContaining("is not in " + mirror);
    }

    @Test
    void postsToTheBrainAndSaysWhatWentWrong() throws Exception {
        server.enqueue(new MockResponse.Builder().body("ASV1.payload.signature").build());
        assertThat(client.post(base(), "heartbeats", "{\"licenseId\":\"lic-1\"}", 1000)).isEqualTo("ASV1.payload.signature");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/brain/v1/heartbeats");
        assertThat(r.getBody().utf8()).isEqualTo("{\"licenseId\":\"lic-1\"}");
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");

        server.enqueue(new MockResponse.Builder().code(500).build());
        assertThatThrownBy(() -> client.post(base(), "heartbeats", "{}", 1000)).hasMessageContaining("answered HTTP 500")
                .hasMessageContaining("try again later");
        server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", "http://elsewhere.invalid/").build());
        assertThatThrownBy(() -> client.post(base(), "heartbeats", "{}", 1000)).hasMessageContaining("answered HTTP 307");
        server.enqueue(new MockResponse.Builder().body("x".repeat(5000)).build());
        assertThatThrownBy(() -> client.post(base(), "heartbeats", "{}", 1000)).hasMessageContaining("more than its answer can be");
        assertThatThrownBy(() -> client.post("http://brain.example.com/", "heartbeats", "{}", 1000))
                .hasMessageContaining("the Brain must use https");
        assertThatThrownBy(() -> client.post(dir.toString(), "heartbeats", "{}", 1000))
                .hasMessageContaining("activation and the heartbeat need the vendor's Brain over the network");
    }
}
