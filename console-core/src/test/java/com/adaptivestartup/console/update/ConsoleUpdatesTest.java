package com.adaptivestartup.console.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.licensing.signing.MalformedDocumentException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The console's own releases on the channel: which one is offered to which computer, and what is refused. */
class ConsoleUpdatesTest {
    private static final String SHA = "a".repeat(64);

    static ObjectNode withConsole(String... versions) {
        ObjectNode body = ChannelTrustTest.body("stable", 1, Instant.parse("2026-12-28T00:00:00Z"));
        ArrayNode console = body.putArray("console");
        for (String v : versions) {
            ObjectNode r = console.addObject().put("version", v).put("notes", "console " + v);
            r.putArray("installers")
                    .add(installer("windows", "msi", "console/" + v + "/Adaptive-Startup-Console-" + v + ".msi"))
                    .add(installer("macos", "dmg", "https://downloads.example/console/" + v + ".dmg"));
        }
        return body;
    }

    static ObjectNode installer(String os, String type, String url) {
        ObjectNode i = ChannelTrustTest.body("x", 0, Instant.EPOCH).objectNode();
        return i.put("os", os).put("type", type).put("url", url).put("sha256", SHA).put("size", 52_000_000L);
    }

    @Test
    void theNewestNewerReleaseWithAnInstallerForThisComputerIsOffered() throws Exception {
        ChannelManifest m = ChannelManifest.fromJson(withConsole("1.0.0", "1.2.0", "1.1.0"));
        assertThat(ConsoleUpdates.offer(m, "1.0.0", "Windows 11")).hasValueSatisfying(o -> {
            assertThat(o.version()).isEqualTo("1.2.0");
            assertThat(o.installer().type()).isEqualTo("msi");
            assertThat(o.installer().fileName()).isEqualTo("Adaptive-Startup-Console-1.2.0.msi");
            assertThat(o.notes()).isEqualTo("console 1.2.0");
        });
        assertThat(ConsoleUpdates.offer(m, "1.1.5", "Mac OS X")).hasValueSatisfying(o ->
                assertThat(o.installer().url()).endsWith("1.2.0.dmg"));
        assertThat(ConsoleUpdates.offer(m, "1.2.0", "Windows 11")).isEmpty();
        assertThat(ConsoleUpdates.offer(m, "1.0.0", "Linux")).as("no Linux installer on offer").isEmpty();
        assertThat(ConsoleUpdates.offer(m, null, "Windows 11")).as("a build from source").isEmpty();
    }

    @Test
    void aChannelWithoutConsoleReleasesOffersNothing() throws Exception {
        ChannelManifest m = ChannelManifest.fromJson(ChannelTrustTest.body("stable", 1, Instant.parse("2026-12-28T00:00:00Z")));
        assertThat(m.consoleReleases()).isEmpty();
        assertThat(ConsoleUpdates.offer(m, "1.0.0", "Windows 11")).isEmpty();
    }

    @Test
    void installersThatCouldLeadElsewhereAreRefusedWithTheField() {
        for (String url : new String[] {"http://downloads.example/x.msi", "../../etc/passwd", "console/../../x.msi",
                "/etc/shadow", "file:///etc/passwd", "ftp://x/y.msi", "C:\\x.msi"}) {
            ObjectNode body = withConsole("1.1.0");
            ((ObjectNode) body.get("console").get(0).get("installers").get(0)).put("url", url);
            assertThatThrownBy(() -> ChannelManifest.fromJson(body)).as(url).isInstanceOf(MalformedDocumentException.class)
                    .hasMessageContaining("not an https URL, nor a path inside the update source");
        }
        ObjectNode badHash = withConsole("1.1.0");
        ((ObjectNode) badHash.get("console").get(0).get("installers").get(0)).put("sha256", "abc");
        assertThatThrownBy(() -> ChannelManifest.fromJson(badHash)).hasMessageContaining("64 lowercase hex digits");
        ObjectNode badOs = withConsole("1.1.0");
        ((ObjectNode) badOs.get("console").get(0).get("installers").get(0)).put("os", "beos");
        assertThatThrownBy(() -> ChannelManifest.fromJson(badOs)).hasMessageContaining("windows, macos or linux");
    }

    @Test
    void loopbackHttpIsAcceptedForALocalMirror() throws Exception {
        ObjectNode body = withConsole("1.1.0");
        ((ObjectNode) body.get("console").get(0).get("installers").get(0)).put("url", "http://127.0.0.1:8089/c/x.msi");
        assertThat(ConsoleUpdates.offer(ChannelManifest.fromJson(body), "1.0.0", "Windows 10")).isPresent();
    }

    @Test
    void aNoticeIdThatCouldNotBeKeptIsRefused() {
        ObjectNode body = ChannelTrustTest.body("stable", 1, Instant.parse("2026-12-28T00:00:00Z"));
        ((ObjectNode) body.get("notices").get(0)).put("id", "adv,1");
        assertThatThrownBy(() -> ChannelManifest.fromJson(body)).isInstanceOf(MalformedDocumentException.class)
                .hasMessageContaining("an id of letters, digits");
    }
}
