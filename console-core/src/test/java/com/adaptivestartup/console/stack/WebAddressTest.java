package com.adaptivestartup.console.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebAddressTest {
    private static WebAddress local(String host, int port) {
        return new WebAddress(host, port, WebAddress.CertificateSource.LOCAL);
    }

    @Test
    void aHostNameOrAnAddressMakesTheLinkPeopleType() {
        assertThat(local("Startup.Acme.Local.", 443).url()).isEqualTo("https://startup.acme.local/");
        assertThat(local("192.168.1.20", 8443).url()).isEqualTo("https://192.168.1.20:8443/");
        assertThat(local("adaptive", 443).host()).as("a single-label LAN name").isEqualTo("adaptive");
    }

    @Test
    void whatIsNotAHostNameIsRefusedWithWhatToGiveInstead() {
        assertThatThrownBy(() -> local("https://startup.acme.local/", 443))
                .hasMessageStartingWith("'https://startup.acme.local/' is a link, not an address: give only the host name");
        assertThatThrownBy(() -> local("start_up.acme.local", 443))
                .hasMessageStartingWith("'start_up.acme.local' is not a valid host name")
                .hasMessageContaining("such as startup.acme.local or adaptive.acme.com");
        assertThatThrownBy(() -> local("-x.acme.local", 443)).hasMessageContaining("not starting or ending with '-'");
        assertThatThrownBy(() -> local("300.1.1.1", 443)).hasMessageStartingWith("'300.1.1.1' is neither an IPv4 address");
        assertThatThrownBy(() -> local(" ", 443)).hasMessageStartingWith("the address is empty");
        assertThatThrownBy(() -> local("startup.acme.local", 70000)).hasMessage("the HTTPS port must be from 1 to 65535; not 70000");
        assertThatThrownBy(() -> WebAddress.CertificateSource.parse("letsencrypt"))
                .hasMessage("the certificate is 'local' (made here), 'own' (the company's own) or 'acme' (from an ACME server"
                        + " such as Let's Encrypt); not 'letsencrypt'");
        assertThatThrownBy(() -> new WebAddress("startup.acme.com", 443, WebAddress.CertificateSource.ACME))
                .hasMessageStartingWith("a certificate from ACME needs the ACME server's directory address");
        assertThatThrownBy(() -> new WebAddress.Acme("http://acme.example/directory", ""))
                .hasMessageStartingWith("the ACME server is its directory's https:// address");
        assertThatThrownBy(() -> new WebAddress("192.168.1.20", 443, WebAddress.CertificateSource.ACME,
                new WebAddress.Acme("https://ca.acme.local/acme/acme/directory", "admin@acme.local")))
                .hasMessageStartingWith("an ACME server issues certificates for names, not for the address 192.168.1.20");
        assertThatThrownBy(() -> new WebAddress.Acme("https://ca.acme.local/directory", "admin"))
                .hasMessageStartingWith("'admin' is not an email address");
    }

    @Test
    void thisMachinesAddressesAreOfferedWithoutDockersBridges() {
        assertThat(WebAddress.suggestions()).noneMatch(a -> a.startsWith("127.")).noneMatch(a -> a.startsWith("172.17."));
    }
}
