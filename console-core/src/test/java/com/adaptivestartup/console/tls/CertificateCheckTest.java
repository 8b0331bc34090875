package com.adaptivestartup.console.tls;

import com.adaptivestartup.console.stack.WebAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a company's own certificate can be wrong, refused with one sentence that says how to fix it. */
class CertificateCheckTest {
    private static final String HOST = "startup.acme.local";
    @TempDir
    Path tmp;

    private final TestPki.Issued root;
    private final TestPki.Issued intermediate;
    private final CertificateCheck check;

    CertificateCheckTest() throws Exception {
        root = TestPki.root("Acme Root CA");
        intermediate = TestPki.intermediate("Acme Issuing CA", root);
        check = new CertificateCheck(Set.of(root.certificate()));   // as if Acme's root were in the JDK's store
    }

    private ServerCertificate chain(TestPki.Issued server, TestPki.Issued... issuers) {
        List<java.security.cert.X509Certificate> certs = new java.util.ArrayList<>(List.of(server.certificate()));
        for (TestPki.Issued i : issuers) {
            certs.add(i.certificate());
        }
        return new ServerCertificate(certs, server.keys().getPrivate());
    }

    @Test
    void aCompleteChainForTheAddressIsAcceptedAndPutInOrder() throws Exception {
        TestPki.Issued server = TestPki.server(intermediate, HOST, "www.acme.local");
        ServerCertificate given = new ServerCertificate(List.of(intermediate.certificate(), server.certificate()),
                server.keys().getPrivate());
        ServerCertificate checked = check.check(check.fromPem(given.chainPem(), given.keyPem()), HOST, Instant.now());
        assertThat(checked.leaf()).as("the server's certificate first, whatever the file's order").isEqualTo(server.certificate());
        assertThat(checked.names()).containsExactly(HOST, "www.acme.local");
    }

    @Test
    void aWildcardCoversOneLabel() throws Exception {
        TestPki.Issued server = TestPki.server(intermediate, "*.acme.local");
        assertThat(check.check(chain(server, intermediate), HOST, Instant.now()).covers(HOST)).isTrue();
        assertThatThrownBy(() -> check.check(chain(server, intermediate), "a.b.acme.local", Instant.now()))
                .hasMessageContaining("is for *.acme.local, not for a.b.acme.local");
    }

    @Test
    void aCertificateForAnotherNameIsRefused() throws Exception {
        TestPki.Issued server = TestPki.server(intermediate, "intranet.acme.local");
        assertThatThrownBy(() -> check.check(chain(server, intermediate), HOST, Instant.now()))
                .isInstanceOf(CertificateRefused.class)
                .hasMessage("the certificate is for intranet.acme.local, not for " + HOST + "; use a certificate issued for "
                        + HOST + ", or choose one of those names as the address");
    }

    @Test
    void anExpiredCertificateIsRefusedWithItsDate() throws Exception {
        TestPki.Issued server = TestPki.server(intermediate, Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-03-01T00:00:00Z"), HOST);
        assertThatThrownBy(() -> check.check(chain(server, intermediate), HOST, Instant.now()))
                .hasMessageStartingWith("the certificate expired on 1 Mar 2025; renew it with your certificate authority");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        TestPki.Issued server = TestPki.server(intermediate, HOST);
        ServerCertificate wrong = new ServerCertificate(List.of(server.certificate(), intermediate.certificate()),
                TestPki.rsa().getPrivate());
        assertThatThrownBy(() -> check.check(wrong, HOST, Instant.now()))
                .hasMessageStartingWith("the key does not belong to the certificate ('" + HOST + "')");
    }

    @Test
    void aChainMissingItsIntermediateIsRefused() throws Exception {
        TestPki.Issued server = TestPki.server(intermediate, HOST);
        assertThatThrownBy(() -> check.check(chain(server), HOST, Instant.now()))
                .hasMessageStartingWith("the chain stops at '" + HOST + "' without the certificate of Acme Issuing CA that"
                        + " issued it: add the intermediate certificate(s)");
    }

    @Test
    void certificatesThatAreNotAChainAreRefused() throws Exception {
        TestPki.Issued server = TestPki.server(intermediate, HOST);
        TestPki.Issued stranger = TestPki.intermediate("Other Issuing CA", root);
        assertThatThrownBy(() -> check.check(chain(server, stranger), HOST, Instant.now()))
                .hasMessageContaining("was not issued by 'Other Issuing CA'");
    }

    @Test
    void aChainEndingInItsOwnRootIsComplete() throws Exception {
        TestPki.Issued server = TestPki.server(intermediate, HOST);
        CertificateCheck jdkOnly = new CertificateCheck(Set.of());
        assertThat(jdkOnly.check(chain(server, intermediate, root), HOST, Instant.now()).chain()).hasSize(3);
    }

    @Test
    void aPfxOpensWithItsPasswordAndIsRefusedWithAnother() throws Exception {
        TestPki.Issued server = TestPki.server(intermediate, HOST);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", server.keys().getPrivate(), "s3cret".toCharArray(),
                new Certificate[] {server.certificate(), intermediate.certificate()});
        ByteArrayOutputStream pfx = new ByteArrayOutputStream();
        store.store(pfx, "s3cret".toCharArray());
        assertThat(check.check(check.fromPkcs12(pfx.toByteArray(), "s3cret".toCharArray()), HOST, Instant.now()).names())
                .containsExactly(HOST);
        assertThatThrownBy(() -> check.fromPkcs12(pfx.toByteArray(), "wrong".toCharArray()))
                .hasMessage("the password of the .pfx file is not right; type the password it was exported with");
    }

    @Test
    void aPfxMadeByOpenSslIsRead() throws Exception {
        TestPki.Issued server = TestPki.server(intermediate, HOST);
        ServerCertificate c = chain(server, intermediate);
        Files.writeString(tmp.resolve("chain.pem"), c.chainPem());
        Files.writeString(tmp.resolve("key.pem"), c.keyPem());
        Process p = new ProcessBuilder("openssl", "pkcs12", "-export", "-in", "chain.pem", "-inkey", "key.pem", "-out",
                "server.pfx", "-passout", "pass:from-openssl").directory(tmp.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        ServerCertificate read = check.fromPkcs12(Files.readAllBytes(tmp.resolve("server.pfx")), "from-openssl".toCharArray());
        assertThat(check.check(read, HOST, Instant.now()).leaf()).isEqualTo(server.certificate());
    }

    @Test
    void filesThatAreNotCertificatesOrKeysSaySo() throws Exception {
        assertThatThrownBy(() -> check.fromPem("hello", "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n"))
                .hasMessageStartingWith("the certificate file holds no certificate in PEM form");
        TestPki.Issued server = TestPki.server(intermediate, HOST);
        String pem = chain(server).chainPem();
        assertThatThrownBy(() -> check.fromPem(pem, pem)).hasMessageStartingWith("the key file holds no private key");
        assertThatThrownBy(() -> check.fromPkcs12("not a pfx".getBytes(), "x".toCharArray()))
                .hasMessageStartingWith("the file is not a .pfx/.p12 file");
    }

    @Test
    void aCertificateMadeHereIsForTheAddressAndChainsToTheLocalAuthority() {
        LocalAuthority ca = LocalAuthority.create("test on this machine", Instant.now());
        ServerCertificate made = ca.issue(new WebAddress("192.168.1.20", 8443, WebAddress.CertificateSource.LOCAL), Instant.now());
        assertThat(new CertificateCheck(Set.of()).check(made, "192.168.1.20", Instant.now()).names()).containsExactly("192.168.1.20");
        assertThat(ca.issued(made)).isTrue();
        assertThat(made.daysLeft(Instant.now())).isBetween(395L, 397L);
        LocalAuthority again = LocalAuthority.read(ca.certificatePem(), ca.keyPem());
        assertThat(again.issued(made)).as("read back from its PEM, it is the same authority").isTrue();
        assertThat(LocalAuthority.create("another", Instant.now()).issued(made)).isFalse();
    }
}
