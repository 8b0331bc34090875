package com.adaptivestartup.console.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The company's certificate as the admin has it: a PEM certificate file (the server's certificate, then its
 * intermediates) with its PEM key file, or one .pfx/.p12 file (told apart by content, not name) with its password.
 */
public record CertificateFiles(Path certificate, Path key, String pfxPassword) {

    /** Reads the files; a sentence naming the file when one cannot be read or is not what it should be. */
    public ServerCertificate read(CertificateCheck check) {
        if (certificate == null) {
            throw new CertificateRefused("choose the certificate file (.crt, .pem, .pfx or .p12)");
        }
        byte[] bytes = bytes(certificate, "the certificate file");
        if (!new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN")) {
            if (key != null) {
                throw new CertificateRefused(certificate.getFileName() + " is a .pfx/.p12 file, which holds its key: give"
                        + " its password instead of a key file");
            }
            return check.fromPkcs12(bytes, (pfxPassword == null ? "" : pfxPassword).toCharArray());
        }
        if (key == null) {
            throw new CertificateRefused("choose the private key file that goes with " + certificate.getFileName());
        }
        return check.fromPem(new String(bytes, StandardCharsets.ISO_8859_1),
                new String(bytes(key, "the key file"), StandardCharsets.ISO_8859_1));
    }

    private static byte[] bytes(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CertificateRefused(what + " " + file + " does not exist", e);
        } catch (IOException e) {
            throw new CertificateRefused("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
