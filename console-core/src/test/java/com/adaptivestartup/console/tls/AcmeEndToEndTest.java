package com.adaptivestartup.console.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.docker.EngineStrategies;
import com.adaptivestartup.console.install.Fixture;
import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.install.InstallResult;
import com.adaptivestartup.console.install.StackProbe;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.StackLabels;
import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.console.stack.WebAddress;
import com.adaptivestartup.console.state.AppDirectories;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.console.wiring.ConsoleCore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACME against Let's Encrypt's test server, pebble, started here: an ACME server that refuses or cannot be reached
 * is refused before anything is installed; an install with the address issues the certificate inside the stack
 * (HTTP-01 answered by the stack's own web server); then, with the console closed, the stack renews on its own
 * (the install folder brought up again by docker-compose with a renewal due at once) and the web server serves the
 * new certificate without a restart. Only this test's own project is touched.
 */
@Tag("e2e")
class AcmeEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void theStackIssuesItsCertificateAtInstallAndRenewsItWithTheConsoleClosed() throws Exception {
        Fixture fixture = Fixture.load();
        DockerEngine engine = ((EngineLocator.Outcome.Found) new EngineLocator(EngineStrategies.forThisMachine(System.getenv(),
                System.getProperty("os.name"), Path.of(System.getProperty("user.home")))).locate()).engine();
        String project = "acme" + UUID.randomUUID().toString().substring(0, 8);
        String host = project + ".test";
        int httpPort = StackProbe.freePort();
        int httpsPort = StackProbe.freePort();
        Path dir = tmp.resolve("stack");
        StateDatabase state = StateDatabase.open(tmp.resolve("console"));
        ConsoleCore console = new ConsoleCore(Map.of(), new AppDirectories(tmp.resolve("console")), Clock.systemUTC(),
                () -> state, () -> fixture.trusted, () -> engine);
        try (Pebble pebble = Pebble.start(tmp.resolve("pebble"), httpPort)) {
            String roots = pebble.roots();
            WebAddress.Acme acme = new WebAddress.Acme(pebble.directory, "admin@acme.example");

            // Bad input first: each refused before anything exists.
            assertThatThrownBy(() -> AcmeServer.check(acme, null)).isInstanceOf(CertificateRefused.class)
                    .hasMessageContaining("has a certificate this computer does not trust; give its root certificate");
            assertThatThrownBy(() -> AcmeServer.check(new WebAddress.Acme(pebble.directory.replace("/dir", "/nothing"), ""),
                    roots)).hasMessageStartingWith("the ACME server refused: ").hasMessageContaining("answered HTTP 404");
            int closed = Pebble.free();
            assertThatThrownBy(() -> AcmeServer.check(new WebAddress.Acme("https://127.0.0.1:" + closed + "/dir", ""), roots))
                    .hasMessageContaining("cannot be reached");
            InstallDirectory folder = new InstallDirectory(dir);
            folder.shareSecret(InstallDirectory.ACME_CA_ROOT, "");
            InstallRequest request = new InstallRequest(fixture.license(), dir, project, httpPort, "founder@example.com", null,
                    fixture.release120.toString()).withSettings(StackSettings.DEFAULTS.withWeb(new WebAddress(host, httpsPort,
                    WebAddress.CertificateSource.ACME, acme)));
            assertThatThrownBy(() -> console.installService().install(request, InstallListener.SILENT))
                    .hasMessageContaining("does not trust");
            assertThat(engine.containers(Map.of(StackLabels.PROJECT, project))).as("nothing was started").isEmpty();

            // The install: the stack asks pebble, answers its challenge, and serves what it issued.
            folder.shareSecret(InstallDirectory.ACME_CA_ROOT, roots);
            long started = System.nanoTime();
            InstallResult installed = console.installService().install(request, InstallListener.SILENT);
            System.out.printf("install with an ACME certificate issued by pebble: %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(installed.url()).isEqualTo("https://" + host + ":" + httpsPort + "/");
            X509Certificate first = served(httpsPort, host, roots);
            assertThat(first.getIssuerX500Principal().getName()).contains("Pebble");
            assertThat(first.getSubjectAlternativeNames()).anyMatch(n -> n.get(1).equals(host));
            HttpResponse<String> redirect = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + httpPort + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(redirect.statusCode()).isEqualTo(308);
            var shown = console.addressService().show(project).certificate();
            assertThat(shown.source()).isEqualTo("issued and renewed by an ACME server");
            assertThat(shown.issuer()).contains("Pebble");
            assertThat(shown.warning()).isNull();

            // The console closed: the admin's own docker-compose brings the folder up with a renewal due at once.
            Path env = dir.resolve(InstallDirectory.ENV);
            Files.writeString(env, Files.readString(env) + "ACME_CHECK_SECONDS=5\nACME_RENEW_BEFORE_DAYS=36500\n");
            StackProbe.run("docker-compose", "--project-directory", dir.toString(), "-p", project, "-f",
                    dir.resolve(InstallDirectory.COMPOSE).toString(), "up", "-d");
            X509Certificate renewed = first;
            for (int i = 0; i < 90 && renewed.getSerialNumber().equals(first.getSerialNumber()); i++) {
                Thread.sleep(1000);
                renewed = served(httpsPort, host, roots);
            }
            assertThat(renewed.getSerialNumber()).as("renewed inside the stack and served without a restart")
                    .isNotEqualTo(first.getSerialNumber());
        } finally {
            try {
                console.stackService().uninstall(project, false);
            } finally {
                engine.close();
            }
        }
    }

    /** The certificate the stack serves on its HTTPS port, checked against the roots (and not by name: 127.0.0.1). */
    private static X509Certificate served(int port, String host, String roots) throws Exception {
        var factory = AcmeServer.trusting(roots).getSocketFactory();
        try (var socket = (javax.net.ssl.SSLSocket) factory.createSocket("127.0.0.1", port)) {
            var params = socket.getSSLParameters();
            params.setServerNames(List.of(new javax.net.ssl.SNIHostName(host)));
            socket.setSSLParameters(params);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
