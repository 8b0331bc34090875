package com.adaptivestartup.console.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Adds this installation's certificate authority to the admin's own trust store, after the console has asked:
 * the current user's Root store on Windows (Windows asks once more), the login keychain on macOS (macOS asks for
 * the password), and on Linux the NSS database Chrome and Chromium read ({@code ~/.pki/nssdb}). Only the user's
 * store, never the machine's: nothing needs administrator rights.
 */
public final class OsTrustStore {
    private final String os;
    private final Path home;

    public OsTrustStore() {
        this(System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    public OsTrustStore(String os, Path home) {
        this.os = os.toLowerCase(Locale.ROOT);
        this.home = home;
    }

    /** Where the certificate goes, in words for the question the console asks first. */
    public String where() {
        if (os.contains("win")) {
            return "your Windows account's trusted root certificates";
        }
        if (os.contains("mac")) {
            return "your macOS login keychain, trusted for websites";
        }
        return "the certificates Chrome and Chromium trust for you (" + nssDb() + ")";
    }

    /** Adds the certificate file under this name; a sentence saying what went wrong when it could not. */
    public void add(Path certificate, String name) {
        List<List<String>> commands = new ArrayList<>();
        if (os.contains("win")) {
            commands.add(List.of("certutil", "-user", "-addstore", "Root", certificate.toString()));
        } else if (os.contains("mac")) {
            commands.add(List.of("security", "add-trusted-cert", "-r", "trustRoot", "-k",
                    home.resolve("Library/Keychains/login.keychain-db").toString(), certificate.toString()));
        } else {
            Path db = nssDb();
            if (!Files.exists(db.resolve("cert9.db"))) {
                try {
                    Files.createDirectories(db);
                } catch (IOException e) {
                    throw new CertificateRefused("cannot make " + db + ": " + e.getMessage(), e);
                }
                commands.add(List.of("certutil", "-d", "sql:" + db, "-N", "--empty-password"));
            }
            commands.add(List.of("certutil", "-d", "sql:" + db, "-A", "-t", "C,,", "-n", name, "-i", certificate.toString()));
        }
        for (List<String> command : commands) {
            run(command);
        }
    }

    private Path nssDb() {
        return home.resolve(".pki/nssdb");
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new CertificateRefused("adding the certificate did not finish in two minutes; export it and add it by"
                        + " hand (see `adaptivectl address export-ca`)");
            }
            if (p.exitValue() != 0) {
                throw new CertificateRefused("the system refused the certificate (" + command.get(0) + ": " + output
                        + "); export it and add it by hand (see `adaptivectl address export-ca`)");
            }
        } catch (IOException e) {
            throw new CertificateRefused("this computer has no " + command.get(0) + " to add the certificate with"
                    + (command.get(0).equals("certutil") ? " (on Debian and Ubuntu: apt install libnss3-tools)" : "")
                    + "; export it and add it by hand", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CertificateRefused("adding the certificate was interrupted", e);
        }
    }
}
