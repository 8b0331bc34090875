package com.adaptivestartup.licensing.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.licensing.license.LicenseFixtures;
import com.adaptivestartup.licensing.license.LicenseJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard Ed25519, proved against a peer: the OpenSSL command line verifies our signatures with our
 * exported public key, and signatures OpenSSL makes with its own key verify in our code.
 */
class OpenSslInteropTest {
    @TempDir
    Path dir;

    @Test
    void openSslVerifiesALicenseWeSigned() throws Exception {
        KeyPair vendor = Ed25519Keys.generate();
        SignedDocument doc = new DocumentSigner(vendor.getPrivate())
                .sign(DocumentKind.LICENSE, LicenseJson.toJson(LicenseFixtures.license()));
        String[] parts = doc.compact().split("\\.");
        Path message = write("message", (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        Path signature = write("sig", Base64Url.decode(parts[2]).orElseThrow());
        Path publicKey = write("pub.pem", Ed25519Keys.toPem(vendor.getPublic()).getBytes(StandardCharsets.US_ASCII));

        Result ok = openssl("pkeyutl", "-verify", "-pubin", "-inkey", publicKey.toString(), "-rawin",
                "-in", message.toString(), "-sigfile", signature.toString());
        assertThat(ok.exit).as(ok.output).isZero();
        assertThat(ok.output).contains("Signature Verified Successfully");

        byte[] changed = Files.readAllBytes(message);
        changed[changed.length - 1] ^= 1;
        Files.write(message, changed);
        Result bad = openssl("pkeyutl", "-verify", "-pubin", "-inkey", publicKey.toString(), "-rawin",
                "-in", message.toString(), "-sigfile", signature.toString());
        assertThat(bad.exit).isNotZero();
    }

    @Test
    void weVerifyADocumentOpenSslSigned() throws Exception {
        Path privatePem = dir.resolve("openssl.private.pem");
        assertThat(openssl("genpkey", "-algorithm", "ed25519", "-out", privatePem.toString()).exit).isZero();
        Path publicPem = dir.resolve("openssl.public.pem");
        assertThat(openssl("pkey", "-in", privatePem.toString(), "-pubout", "-out", publicPem.toString()).exit).isZero();

        // OpenSSL's key files read in our code, and name the same key id either way.
        PrivateKey theirPrivate = Ed25519Keys.privateKeyFromPem(Files.readString(privatePem));
        var theirPublic = Ed25519Keys.publicKeyFromPem(Files.readString(publicPem));
        String kid = Ed25519Keys.keyId(theirPublic);
        assertThat(Ed25519Keys.keyId(Ed25519Keys.publicKeyOf(theirPrivate))).isEqualTo(kid);

        String signedPart = DocumentCodec.signedPart(DocumentKind.LICENSE, kid,
                LicenseJson.toJson(LicenseFixtures.license()));
        Path message = write("message", signedPart.getBytes(StandardCharsets.US_ASCII));
        Path signature = dir.resolve("openssl.sig");
        Result signed = openssl("pkeyutl", "-sign", "-inkey", privatePem.toString(), "-rawin",
                "-in", message.toString(), "-out", signature.toString());
        assertThat(signed.exit).as(signed.output).isZero();

        String document = signedPart + "." + Base64Url.encode(Files.readAllBytes(signature));
        assertThat(new DocumentVerifier(TrustedKeys.fromPemFiles(publicPem)).verify(document, DocumentKind.LICENSE))
                .isInstanceOf(VerificationResult.Verified.class);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private record Result(int exit, String output) {
    }

    private static Result openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
