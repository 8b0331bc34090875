package com.adaptivestartup.console.update;

import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A Brain for end-to-end tests, as the JDK's file server: the signed "stable" channel listing these releases
 * (their signed manifests, read from the fixture), under {@code /v1/channels/stable}.
 */
public final class TestChannel {
    private TestChannel() {
    }

    public static HttpServer serve(Path site, PrivateKey vendorKey, List<Path> releases) throws Exception {
        Path channels = Files.createDirectories(site.resolve("v1/channels"));
        ObjectNode body = new ObjectMapper().createObjectNode().put("channel", "stable").put("sequence", 1)
                .put("issuedAt", Instant.now().minusSeconds(60).toString())
                .put("expiresAt", Instant.now().plus(Duration.ofDays(14)).toString());
        ArrayNode list = body.putArray("releases");
        for (Path release : releases) {
            String version = release.getFileName().toString().replaceAll("^release-|\\.asr$", "");
            list.addObject().put("version", version).put("manifest", Files.readString(release).strip());
        }
        body.putArray("notices");
        Files.writeString(channels.resolve("stable"), new DocumentSigner(vendorKey).sign(DocumentKind.CHANNEL_MANIFEST, body)
                .compact());
        HttpServer server = SimpleFileServer.createFileServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                site, SimpleFileServer.OutputLevel.NONE);
        server.start();
        return server;
    }
}
