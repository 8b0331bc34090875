package com.adaptivestartup.console.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
