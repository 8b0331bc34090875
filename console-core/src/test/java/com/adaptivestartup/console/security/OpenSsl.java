package com.adaptivestartup.console.security;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** OpenSSL's s_client against a port on this machine, and a TLS context that trusts one authority only. */
record OpenSsl(int exit, String output) {
    static OpenSsl connect(int port, String serverName, Path caFile, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", serverName, "-CAfile", caFile.toString(), "-verify_hostname", serverName,
                "-verify_return_error", "-brief"));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();   // no request: connect, handshake, report, leave
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new OpenSsl(p.waitFor(), out);
    }

    boolean handshakeFailed() {
        return exit != 0 && !output.contains("Verification: OK");
    }

    static SSLContext trusting(Path caFile) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            store.setCertificateEntry("local-authority", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
