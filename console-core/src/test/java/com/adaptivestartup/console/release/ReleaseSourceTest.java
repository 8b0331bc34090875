package com.adaptivestartup.console.release;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release that cannot be used is said in one sentence with what to do, never in a parser's words. */
class ReleaseSourceTest {
    private final KeyPair vendor = Ed25519Keys.generate();
    private final ReleaseSource source = new ReleaseSource(TrustedKeys.of(vendor.getPublic()));

    @Test
    void aDamagedFileIsSaidToBeDamagedWithWhatToDo(@TempDir Path dir) throws Exception {
        var body = new ObjectMapper().readTree("{\"version\":\"1.2.0\",\"schemaVersion\":\"6\",\"images\":{\"web\":"
                + "{\"repository\":\"acme/web\",\"digest\":\"sha256:" + "a".repeat(64) + "\"}},\"stack\":{\"compose\":\"x\"}}");
        String signed = new DocumentSigner(vendor.getPrivate()).sign(DocumentKind.RELEASE_MANIFEST, body).compact();
        int middle = signed.indexOf('.') + 40;
        Path damaged = Files.writeString(dir.resolve("release-1.2.0.asr"),
                signed.substring(0, middle) + "~~~~" + signed.substring(middle + 4));
        assertThatThrownBy(() -> source.load(damaged.toString()))
                .hasMessageStartingWith("the release file " + damaged + " is damaged or is not a signed release manifest")
                .hasMessageEndingWith("download it again from your vendor, or give the .asr file that came with the release")
                .hasMessageNotContaining("Unexpected character");
        Path truncated = Files.writeString(dir.resolve("cut.asr"), signed.substring(0, signed.length() / 2));
        assertThatThrownBy(() -> source.load(truncated.toString())).hasMessageContaining("is damaged")
                .hasMessageNotContaining("code ");
    }

    @Test
    void aMissingUrlOrOneThatDoesNotAnswerSaysWhatToDo() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/releases/9.9.9.asr";
            assertThatThrownBy(() -> source.load(url)).hasMessage("there is no release manifest at " + url + " (HTTP 404);"
                    + " check the address your vendor gave, or download the release file and give its path instead");
        } finally {
            server.stop(0);
        }
        int closed = 1;   // tcpmux: nothing listens there (a port just freed may be taken again by the time it is asked)
        assertThatThrownBy(() -> source.load("http://127.0.0.1:" + closed + "/r.asr"))
                .hasMessageContaining("could not be fetched (nothing answers at 127.0.0.1:").hasMessageContaining("check the address");
    }
}
