package com.adaptivestartup.console.tls;

import com.adaptivestartup.console.stack.WebAddress;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Let's Encrypt's test ACME server (Debian's pebble) started by a test on this machine, with its own name server
 * (pebble-challtestsrv) answering 127.0.0.1 for every name, so an HTTP-01 challenge for any name reaches the
 * stack's web port here. Its TLS certificate is for this machine's address on Docker's bridge (where the stack's
 * containers reach it); {@link #roots()} is what to trust: that certificate's authority and pebble's issuing root.
 */
final class Pebble implements AutoCloseable {
    final String directory;
    private final Process dns;
    private final Process pebble;
    private final int managementPort;
    private final LocalAuthority tlsAuthority;

    private Pebble(String directory, Process dns, Process pebble, int managementPort, LocalAuthority tlsAuthority) {
        this.directory = directory;
        this.dns = dns;
        this.pebble = pebble;
        this.managementPort = managementPort;
        this.tlsAuthority = tlsAuthority;
    }

    /** Validating HTTP-01 challenges on {@code httpPort} (the stack's web port). */
    static Pebble start(Path dir, int httpPort) throws Exception {
        String bridge = bridgeAddress();
        LocalAuthority authority = LocalAuthority.create("pebble's TLS", Instant.now());
        ServerCertificate tls = authority.issue(new WebAddress(bridge, 443, WebAddress.CertificateSource.LOCAL), Instant.now());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("cert.pem"), tls.chainPem());
        Files.writeString(dir.resolve("key.pem"), tls.keyPem());
        int acmePort = free();
        int managementPort = free();
        int dnsPort = free();
        Files.writeString(dir.resolve("pebble.json"), """
                {"pebble": {"listenAddress": "0.0.0.0:%d", "managementListenAddress": "127.0.0.1:%d",
                 "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                 "ocspResponderURL": "", "externalAccountBindingRequired": false}}
                """.formatted(acmePort, managementPort, dir.resolve("cert.pem"), dir.resolve("key.pem"), httpPort, free()));
        Process dns = new ProcessBuilder("pebble-challtestsrv", "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
                "-dns01", "127.0.0.1:" + dnsPort, "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-management", "127.0.0.1:" + free()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("challtestsrv.log").toFile()).start();
        ProcessBuilder pb = new ProcessBuilder("pebble", "-config", dir.resolve("pebble.json").toString(), "-dnsserver",
                "127.0.0.1:" + dnsPort).redirectErrorStream(true).redirectOutput(dir.resolve("pebble.log").toFile());
        pb.environment().put("PEBBLE_VA_NOSLEEP", "1");       // validate at once, not after a random wait
        pb.environment().put("PEBBLE_WFE_NONCEREJECT", "0");  // no nonces refused at random
        Process pebble = pb.start();
        awaitPort(acmePort);
        awaitPort(managementPort);
        return new Pebble("https://" + bridge + ":" + acmePort + "/dir", dns, pebble, managementPort, authority);
    }

    /** The authority of pebble's TLS certificate, then the root pebble issues certificates under (PEM). */
    String roots() throws Exception {
        // the management interface has the same certificate (made for the bridge address), asked on 127.0.0.1
        String root = insecureGet("https://127.0.0.1:" + managementPort + "/roots/0");
        return tlsAuthority.certificatePem() + root;
    }

    private static String insecureGet(String url) throws Exception {
        Process p = new ProcessBuilder("curl", "-sk", url).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0 || !out.contains("BEGIN CERTIFICATE")) {
            throw new IOException("pebble's root could not be read from " + url + ": " + out);
        }
        return out.endsWith("\n") ? out : out + "\n";
    }

    /** This machine's address on Docker's default bridge: the stack's containers reach the host there. */
    static String bridgeAddress() throws Exception {
        Process p = new ProcessBuilder("docker", "network", "inspect", "bridge", "-f",
                "{{range .IPAM.Config}}{{.Gateway}}{{end}}").start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0 || out.isEmpty()) {
            throw new IOException("Docker's bridge has no gateway address: " + out);
        }
        return out;
    }

    static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IOException("pebble did not listen on port " + port);
    }

    @Override
    public void close() {
        for (Process p : List.of(pebble, dns)) {
            p.destroy();
        }
    }
}
