package com.adaptivestartup.console.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.docker.EngineInfo;
import com.adaptivestartup.console.preflight.CheckResult;
import com.adaptivestartup.console.preflight.PreflightService;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A company network, for real: the vendor's Brain over HTTPS with a certificate from a private CA (as a
 * TLS-inspecting proxy re-signs sites), at a name only the proxy can resolve, behind Debian's squid with basic
 * authentication. The console reaches it only through the proxy, only with the CA named, and says in words what is
 * missing when something is.
 */
class ProxyEndToEndTest {
    static final String CHANNEL = "ASC1.a-signed-channel-as-the-brain-serves-it";
    @TempDir
    static Path dir;
    static PrivateCa ca;
    static HttpsServer brain;
    static Squid squid;
    static String brainUrl;

    @BeforeAll
    static void start() throws Exception {
        ca = PrivateCa.make(dir.resolve("ca"), "brain.test");
        brain = HttpsServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        brain.setHttpsConfigurator(new HttpsConfigurator(ca.server));
        brain.createContext("/v1/channels/stable", exchange -> {
            byte[] body = CHANNEL.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        brain.start();
        brainUrl = "https://brain.test:" + brain.getAddress().getPort();
        squid = Squid.start(Map.of("brain.test", "127.0.0.1"), "acme", "s3cret pass");
    }

    @AfterAll
    static void stop() throws Exception {
        if (squid != null) {
            squid.close();
        }
        if (brain != null) {
            brain.stop(0);
        }
    }

    private static OutboundHttp outbound(Map<String, String> env) {
        return new OutboundHttp(OutboundHttp.Settings.fromEnvironment(env));
    }

    private static Map<String, String> through(String user, String password, boolean withCa) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("HTTPS_PROXY", squid.url(user, password)));
        if (withCa) {
            env.put("ADAPTIVE_CA_BUNDLE", ca.caPem.toString());
        }
        return env;
    }

    @Test
    void theBrainIsReachedThroughTheProxyWithTheCompanyCa() throws Exception {
        OutboundHttp out = outbound(through("acme", "s3cret%20pass", true));
        assertThat(new BrainClient(out).fetchChannel(brainUrl, "stable")).isEqualTo(CHANNEL);
        assertThat(out.route(brainUrl)).isEqualTo("through the proxy 127.0.0.1:" + squid.port);
        assertThat(squid.accessLog()).contains("CONNECT brain.test:" + brain.getAddress().getPort()).contains("acme");
        assertThat(out.getText(brainUrl + "/v1/channels/stable", 100).body()).isEqualTo(CHANNEL);

        List<CheckResult> checks = new PreflightService(() -> null, null, out, brainUrl).brainCheck("stable")
                .map(List::of).orElseThrow();
        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.level()).isEqualTo(CheckResult.Level.PASS);
            assertThat(c.found()).isEqualTo(brainUrl + " answers (through the proxy 127.0.0.1:" + squid.port + ")");
        });
    }

    @Test
    void withoutTheProxyTheNameIsNotEvenFoundAndTheFixIsNamed() {
        assertThatThrownBy(() -> new BrainClient(outbound(Map.of("ADAPTIVE_CA_BUNDLE", ca.caPem.toString())))
                .fetchChannel(brainUrl, "stable")).isInstanceOf(BrainClient.BrainUnavailable.class)
                .hasMessageContaining("the name brain.test cannot be found").hasMessageContaining("set HTTPS_PROXY");
        Map<String, String> bypassed = through("acme", "s3cret%20pass", true);
        bypassed.put("NO_PROXY", "localhost,.test");
        assertThatThrownBy(() -> new BrainClient(outbound(bypassed)).fetchChannel(brainUrl, "stable"))
                .hasMessageContaining("the name brain.test cannot be found");
    }

    @Test
    void aWrongOrMissingProxyPasswordIsSaidAsTheProxys() {
        assertThatThrownBy(() -> new BrainClient(outbound(through("acme", "wrong", true))).fetchChannel(brainUrl, "stable"))
                .hasMessageContaining("the proxy 127.0.0.1:" + squid.port + " refused the user name and password (HTTP 407)");
        assertThatThrownBy(() -> new BrainClient(outbound(through(null, null, true))).fetchChannel(brainUrl, "stable"))
                .hasMessageContaining("asks for a user name and password (HTTP 407)")
                .hasMessageContaining("http://user:password@127.0.0.1:" + squid.port);
    }

    @Test
    void withoutTheCompanyCaTheCertificateIsRefusedInWords() {
        assertThatThrownBy(() -> new BrainClient(outbound(through("acme", "s3cret%20pass", false)))
                .fetchChannel(brainUrl, "stable"))
                .hasMessageContaining("the certificate of brain.test is not signed by an authority this console trusts")
                .hasMessageContaining("--ca-bundle");
        OutboundHttp wrongCa = outbound(Map.of("HTTPS_PROXY", squid.url("acme", "s3cret%20pass"),
                "ADAPTIVE_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt"));
        assertThatThrownBy(() -> new BrainClient(wrongCa).fetchChannel(brainUrl, "stable"))
                .hasMessageContaining("not signed by an authority this console trusts (nor by the");
    }

    @Test
    void preflightSaysWhenTheEngineLacksTheProxyTheConsoleUses() {
        OutboundHttp out = outbound(through("acme", "s3cret%20pass", true));
        EngineInfo bare = new EngineInfo("unix:///var/run/docker.sock", "standard socket", "28.2.2", "1.50", "1.50", "linux",
                "amd64", 2, 8L << 30, "Debian", "/var/lib/docker", "", "", "");
        assertThat(PreflightService.engineProxy(bare, out)).hasValueSatisfying(c -> {
            assertThat(c.level()).isEqualTo(CheckResult.Level.WARN);
            assertThat(c.found()).contains("through the proxy 127.0.0.1:" + squid.port).contains("no proxy settings");
            assertThat(c.fix()).contains("Docker Desktop: Settings -> Resources -> Proxies");
        });
        EngineInfo proxied = new EngineInfo("unix:///var/run/docker.sock", "standard socket", "28.2.2", "1.50", "1.50",
                "linux", "amd64", 2, 8L << 30, "Debian", "/var/lib/docker", "http://proxy.corp:3128", "", "localhost");
        assertThat(PreflightService.engineProxy(proxied, out)).hasValueSatisfying(c ->
                assertThat(c.found()).isEqualTo("the engine pulls through http://proxy.corp:3128 (not for localhost)"));
        assertThat(PreflightService.engineProxy(bare, OutboundHttp.direct())).isEmpty();
    }
}
