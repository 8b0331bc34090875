package com.adaptivestartup.licensing.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.licensing.clock.InMemoryTimeWitness;
import com.adaptivestartup.licensing.license.LicenseVerdict;
import com.adaptivestartup.licensing.license.LicenseVerifier;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VendorCliTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = VendorCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void keygenIssueAndVerifyEndToEnd() throws Exception {
        assertThat(run("keygen", "--out", dir.toString(), "--name", "v1")).isZero();
        Path privateKey = dir.resolve("v1.private.pem");
        assertThat(Files.getPosixFilePermissions(privateKey)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Path lic = dir.resolve("acme.lic");
        int exit = run("license", "issue", "--key", privateKey.toString(), "--customer-id", "acme",
                "--customer-name", "Acme Robotics", "--edition", "enterprise", "--seats", "50", "--feature", "airgap",
                "--days", "30", "--registry-url", "127.0.0.1:5000", "--registry-username", "acme-pull",
                "--registry-password", "pull-pw", "--out", lic.toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readString(lic)).startsWith("Adaptive Startup license lic-")
                .contains("Customer:  Acme Robotics (acme)").contains("-----BEGIN ADAPTIVE STARTUP LICENSE-----");
        assertThat(Files.getPosixFilePermissions(lic)).as("a license holds the registry password: the owner's alone")
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(lic, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(run("license", "issue", "--key", privateKey.toString(), "--customer-id", "acme", "--customer-name",
                "Acme Robotics", "--edition", "enterprise", "--seats", "50", "--days", "30", "--registry-url",
                "127.0.0.1:5000", "--registry-username", "acme-pull", "--registry-password", "pull-pw", "--out",
                lic.toString())).isZero();
        assertThat(Files.getPosixFilePermissions(lic)).as("issued again over a readable file").isEqualTo(
                PosixFilePermissions.fromString("rw-------"));

        var verifier = new LicenseVerifier(TrustedKeys.fromPemFiles(dir.resolve("v1.public.pem")), Clock.systemUTC(),
                new InMemoryTimeWitness(), Optional::empty, LicenseVerifier.DEFAULT_CLOCK_TOLERANCE);
        LicenseVerdict verdict = verifier.verify(Files.readString(lic));
        assertThat(verdict).isInstanceOf(LicenseVerdict.Valid.class);
        assertThat(verdict.readLicense().orElseThrow().seats()).isEqualTo(50);

        assertThat(run("license", "inspect", lic.toString())).isZero();
        assertThat(out.toString()).contains("\"signatureChecked\" : false").contains("\"customer\"")
                .doesNotContain("pull-pw").contains("(hidden; --show-secrets prints it)");
    }

    @Test
    void neverOverwritesASigningKey() throws Exception {
        assertThat(run("keygen", "--out", dir.toString())).isZero();
        String before = Files.readString(dir.resolve("vendor.private.pem"));
        assertThat(run("keygen", "--out", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("a signing key is never overwritten");
        assertThat(Files.readString(dir.resolve("vendor.private.pem"))).isEqualTo(before);
    }

    @Test
    void badArgumentsGetAClearMessageAndNoLicense() throws Exception {
        assertThat(run("keygen", "--out", dir.toString())).isZero();
        int exit = run("license", "issue", "--key", dir.resolve("vendor.private.pem").toString(),
                "--customer-id", "acme", "--customer-name", "Acme", "--edition", "gold",
                "--registry-url", "r", "--registry-username", "u", "--registry-password", "p");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--edition must be trial, standard or enterprise, not 'gold'");
        assertThat(run("license", "issue", "--key", dir.resolve("vendor.private.pem").toString(),
                "--customer-id", "acme", "--customer-name", "Acme", "--seats", "0",
                "--registry-url", "r", "--registry-username", "u", "--registry-password", "p")).isEqualTo(2);
        assertThat(err.toString()).contains("'seats' must be a whole number from 1 to 1000000");
        assertThat(run("license", "issue", "--key", dir.resolve("vendor.private.pem").toString(),
                "--customer-id", "acme", "--customer-name", "Acme", "--expires", "next tuesday",
                "--registry-url", "r", "--registry-username", "u", "--registry-password", "p")).isEqualTo(2);
        assertThat(err.toString()).contains("'next tuesday' is not a date");
    }

    @Test
    void inspectSaysWhatIsWrongWithGarbage() {
        assertThat(run("license", "inspect", "hello")).isEqualTo(1);
        assertThat(err.toString()).contains("not a readable license: it has 1 part separated by '.'");
    }

    @Test
    void signsAndVerifiesAReleaseManifestAndRefusesATamperedOne() throws Exception {
        assertThat(run("keygen", "--out", dir.toString())).isZero();
        Path body = Files.writeString(dir.resolve("release.json"), "{\"version\":\"1.1.0\",\"images\":{}}");
        Path signed = dir.resolve("release-1.1.0.asr");
        assertThat(run("sign", "--kind", "release-manifest", "--key", dir.resolve("vendor.private.pem").toString(),
                "--in", body.toString(), "--out", signed.toString())).as(err.toString()).isZero();
        assertThat(Files.readString(signed)).contains("-----BEGIN ADAPTIVE STARTUP RELEASE MANIFEST-----");
        assertThat(run("verify", "--kind", "release-manifest", "--trust", dir.resolve("vendor.public.pem").toString(),
                signed.toString())).isZero();
        assertThat(out.toString()).contains("\"version\" : \"1.1.0\"");
        assertThat(run("verify", "--kind", "license", "--trust", dir.resolve("vendor.public.pem").toString(),
                signed.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("this file holds a release manifest, not a license key");
        assertThat(run("sign", "--kind", "recipe", "--key", "k", "--in", "i")).isEqualTo(2);
        assertThat(err.toString()).contains("--kind must be one of [license, release-manifest");
    }
}
