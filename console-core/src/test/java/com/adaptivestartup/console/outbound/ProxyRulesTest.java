package com.adaptivestartup.console.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which requests go through which proxy, as curl and Docker read HTTPS_PROXY, HTTP_PROXY and NO_PROXY. */
class ProxyRulesTest {
    private final ProxyRules rules = new ProxyRules(Optional.of(URI.create("http://u:p%40ss@proxy.corp:3128")),
            Optional.of(URI.create("http://plain.corp:8080")), List.of("internal.corp", ".lan", "10.0.0.0/8", " vault:8200 "),
            null);

    private String via(String url) {
        return rules.describe(URI.create(url));
    }

    @Test
    void eachSchemeItsProxyAndNoProxyByNameDomainAndBlock() {
        assertThat(via("https://brain.adaptivestartup.io/v1")).isEqualTo("through the proxy proxy.corp:3128");
        assertThat(via("http://releases.example.com/x")).isEqualTo("through the proxy plain.corp:8080");
        assertThat(via("https://internal.corp/")).isEqualTo("directly");
        assertThat(via("https://git.internal.corp/")).isEqualTo("directly");
        assertThat(via("https://notinternal.corp/")).isEqualTo("through the proxy proxy.corp:3128");
        assertThat(via("https://nas.lan/")).isEqualTo("directly");
        assertThat(via("https://10.20.30.40/")).isEqualTo("directly");
        assertThat(via("https://11.0.0.1/")).isEqualTo("through the proxy proxy.corp:3128");
        assertThat(via("https://vault:8200/")).isEqualTo("directly");
    }

    @Test
    void thisMachineIsAlwaysDirect() {
        for (String url : List.of("http://localhost:8080/", "http://127.0.0.1:9/", "https://[::1]:443/", "http://app.localhost/")) {
            assertThat(via(url)).as(url).isEqualTo("directly");
        }
    }

    @Test
    void theProxysCredentialsComeFromItsAddressDecoded() {
        assertThat(rules.credentialsFor("proxy.corp", 3128)).hasValueSatisfying(c -> assertThat(c).containsExactly("u", "p@ss"));
        assertThat(rules.credentialsFor("plain.corp", 8080)).isEmpty();
    }

    @Test
    void theEnvironmentIsReadAsCurlReadsItAndABadAddressIsSaid() {
        var s = OutboundHttp.Settings.fromEnvironment(Map.of("https_proxy", "proxy.corp:3128", "NO_PROXY", "*"));
        assertThat(s.httpsProxy()).contains(URI.create("http://proxy.corp:3128"));
        assertThat(s.from()).isEqualTo("the environment");
        assertThat(new OutboundHttp(s).route("https://brain.example/")).isEqualTo("directly");
        assertThatThrownBy(() -> OutboundHttp.Settings.fromEnvironment(Map.of("HTTPS_PROXY", "socks5://proxy:1080")))
                .hasMessageContaining("the console speaks to proxies over http");
        var saved = OutboundHttp.Settings.fromEnvironment(Map.of("HTTPS_PROXY", "http://env.proxy:1"))
                .withSaved("http://saved.proxy:2", null, null);
        assertThat(saved.httpsProxy()).contains(URI.create("http://saved.proxy:2"));
        assertThat(saved.from()).isEqualTo("the console's network settings");
    }
}
