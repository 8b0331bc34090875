package com.adaptivestartup.console.tls;

import com.adaptivestartup.console.stack.WebAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate in an install folder: made once by the installation's authority, kept, renewed, emptied. */
class WebCertificatesTest {
    private static final WebAddress ADDRESS = new WebAddress("startup.acme.local", 443, WebAddress.CertificateSource.LOCAL);
    @TempDir
    Path tmp;
    private final WebCertificates certificates = new WebCertificates(new CertificateCheck(Set.of()));

    @Test
    void aCertificateMadeHereIsKeptUntilItNearsItsEndOrTheAddressChanges() throws Exception {
        InstallDirectory dir = new InstallDirectory(tmp);
        Instant now = Instant.now();
        ServerCertificate first = certificates.provide(dir, ADDRESS, null, "acme", now);
        assertThat(certificates.provide(dir, ADDRESS, null, "acme", now.plus(Duration.ofDays(300))).serial())
                .as("97 days left: kept").isEqualTo(first.serial());
        ServerCertificate renewed = certificates.provide(dir, ADDRESS, null, "acme", now.plus(Duration.ofDays(370)));
        assertThat(renewed.serial()).as("27 days left: issued again").isNotEqualTo(first.serial());
        WebAddress moved = new WebAddress("adaptive.acme.local", 443, WebAddress.CertificateSource.LOCAL);
        assertThat(certificates.provide(dir, moved, null, "acme", now).names()).containsExactly("adaptive.acme.local");
        assertThat(certificates.authority(dir, "acme", now).issued(renewed)).as("one authority for the installation").isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("secrets/local_ca_key"))))
                .as("the authority's key is the owner's alone; no container mounts it").isEqualTo("rw-------");
        assertThat(certificates.renewLocal(dir, moved, "acme", now).serial()).isNotEqualTo(renewed.serial());
    }

    @Test
    void theAuthorityComesBackWithTheSecretsOfABackupOnANewMachine() throws Exception {
        InstallDirectory lost = new InstallDirectory(tmp.resolve("lost"));
        ServerCertificate served = certificates.provide(lost, ADDRESS, null, "acme", Instant.now());
        // What recovery does with a backup's config/secrets/* before installing: adopt each one this folder lacks.
        InstallDirectory fresh = new InstallDirectory(tmp.resolve("new machine"));
        try (var secrets = Files.list(tmp.resolve("lost/secrets"))) {
            for (Path f : secrets.toList()) {
                fresh.adoptSecret(f.getFileName().toString(), Files.readString(f));
            }
        }
        assertThat(certificates.authority(fresh, "acme", Instant.now()).issued(served))
                .as("people's computers trust the same authority after the recovery").isTrue();
        assertThat(certificates.provide(fresh, ADDRESS, null, "acme", Instant.now()).serial())
                .as("and the certificate itself is kept").isEqualTo(served.serial());
    }

    @Test
    void noAddressEmptiesTheFilesSoTheStackServesPlainHttp() throws Exception {
        InstallDirectory dir = new InstallDirectory(tmp);
        certificates.provide(dir, ADDRESS, null, "acme", Instant.now());
        assertThat(certificates.provide(dir, null, null, "acme", Instant.now())).isNull();
        InstallDirectory none = new InstallDirectory(tmp.resolve("not made yet"));
        certificates.provide(none, null, null, "acme", Instant.now());
        assertThat(tmp.resolve("not made yet")).as("no address, nothing to empty: nothing written").doesNotExist();
        assertThat(Files.readString(tmp.resolve("secrets/tls_certificate"))).isEmpty();
        assertThat(Files.readString(tmp.resolve("secrets/tls_key"))).isEmpty();
        assertThat(certificates.installed(dir)).isEmpty();
        assertThat(certificates.authorityCertificate(dir)).as("the authority stays: people's computers trust it").isPresent();
    }

    @Test
    void theCompanysOwnCertificateIsNeededBeforeItsAddressIsUsed() {
        InstallDirectory dir = new InstallDirectory(tmp);
        WebAddress own = new WebAddress("startup.acme.local", 443, WebAddress.CertificateSource.OWN);
        assertThatThrownBy(() -> certificates.provide(dir, own, null, "acme", Instant.now()))
                .hasMessageStartingWith("there is no certificate of the company's own for startup.acme.local yet");
        assertThatThrownBy(() -> certificates.renewLocal(dir, own, "acme", Instant.now()))
                .hasMessageContaining("renew it with your certificate authority");
    }

    @Test
    void theSettingsGiveTheServerItsPublicAddressAndHstsOnlyForTheCompanysCertificate() {
        StackSettings local = StackSettings.DEFAULTS.withWeb(new WebAddress("startup.acme.local", 8443,
                WebAddress.CertificateSource.LOCAL));
        assertThat(local.env()).containsEntry("PUBLIC_URL", "https://startup.acme.local:8443/")
                .containsEntry("HTTPS_PORT", "8443").containsEntry("HTTPS_BIND", "0.0.0.0").containsEntry("HSTS_MAX_AGE", "0");
        StackSettings own = StackSettings.of("192.168.1.20", Map.of()).withWeb(new WebAddress("startup.acme.local", 443,
                WebAddress.CertificateSource.OWN));
        assertThat(own.env()).containsEntry("HSTS_MAX_AGE", "31536000").containsEntry("HTTPS_BIND", "192.168.1.20");
        assertThat(StackSettings.fromJson(own.toJson())).isEqualTo(own);
        assertThat(own.supportedBy("ports: ${HTTP_BIND}").web()).as("a release before 1.2.0 keeps plain HTTP").isNull();
    }
}
