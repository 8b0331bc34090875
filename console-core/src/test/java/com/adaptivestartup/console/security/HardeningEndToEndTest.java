package com.adaptivestartup.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.audit.AuditService;
import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.docker.EngineStrategies;
import com.adaptivestartup.console.install.Fixture;
import com.adaptivestartup.console.install.InstallFailed;
import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.install.InstallResult;
import com.adaptivestartup.console.install.StackProbe;
import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.StackLabels;
import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.console.state.AppDirectories;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.console.update.TestChannel;
import com.adaptivestartup.console.update.UpdateService;
import com.adaptivestartup.console.install.AddressService;
import com.adaptivestartup.console.tls.CertificateRefused;
import com.adaptivestartup.console.tls.LocalAuthority;
import com.adaptivestartup.console.tls.ServerCertificate;
import com.adaptivestartup.console.stack.WebAddress;
import com.adaptivestartup.console.wiring.ConsoleCore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security review's findings about the stack itself, replayed on the real engine against one installation
 * taken through its life: 1.1.0 installed with data and updated onto 1.2.0; every container read back with
 * {@code docker inspect} (no capabilities, no-new-privileges, read-only, memory and process limits), the web
 * server unable to reach the database, docker-compose bringing up the same hardening from the same folder,
 * the console's files private, the initial password's file gone once replaced, nginx's client address not
 * spoofable, the activity log checked against anchors (and a cut one found), and the rollback to 1.1.0 with
 * every row. Only containers, networks and volumes of this test's own projects are touched.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HardeningEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "the-founders-own-password";
    @TempDir
    static Path tmp;
    static Fixture fixture;
    static DockerEngine engine;
    static HttpServer brain;
    static ConsoleCore console;
    static Path stateDir;
    static String project = "hard" + UUID.randomUUID().toString().substring(0, 8);
    static Path dir;
    static int port;
    static String fingerprintOn110;

    @BeforeAll
    static void start() throws Exception {
        fixture = Fixture.load();
        engine = ((EngineLocator.Outcome.Found) new EngineLocator(EngineStrategies.forThisMachine(System.getenv(),
                System.getProperty("os.name"), Path.of(System.getProperty("user.home")))).locate()).engine();
        brain = TestChannel.serve(tmp.resolve("brain"), fixture.vendorKey, List.of(fixture.release110, fixture.release120));
        stateDir = tmp.resolve("console home");
        StateDatabase state = StateDatabase.open(stateDir);
        console = new ConsoleCore(Map.of(ConsoleCore.BRAIN_URL_VARIABLE, "http://127.0.0.1:" + brain.getAddress().getPort()),
                new AppDirectories(stateDir), Clock.systemUTC(), () -> state, () -> fixture.trusted, () -> engine);
        dir = tmp.resolve("stack");
        port = StackProbe.freePort();
    }

    @AfterAll
    static void stop() {
        try {
            console.stackService().uninstall(project, false);
        } finally {
            brain.stop(0);
            engine.close();
        }
    }

    @Test
    @Order(1)
    void aSettingThe110TemplateCannotHonourIsRefusedBeforeAnythingChanges() throws Exception {
        InstallRequest request = new InstallRequest(fixture.license(), tmp.resolve("refused"), "refused" + project.substring(4),
                StackProbe.freePort(), "founder@example.com", null, fixture.release110.toString())
                .withSettings(StackSettings.of("127.0.0.1", Map.of()));
        assertThatThrownBy(() -> console.installService().install(request, InstallListener.SILENT))
                .isInstanceOf(InstallFailed.class)
                .hasMessageContaining("cannot take the setting HTTP_BIND").hasMessageContaining("install 1.2.0 or newer");
        assertThat(engine.containers(Map.of(StackLabels.PROJECT, "refused" + project.substring(4)))).isEmpty();
    }

    @Test
    @Order(2)
    void an110InstallWithDataUpdatesOntoThe120Hardening() throws Exception {
        InstallResult installed = console.installService().install(new InstallRequest(fixture.license(), dir, project, port,
                "founder@example.com", null, fixture.release110.toString()), InstallListener.SILENT);
        assertThat(installed.version()).isEqualTo("1.1.0");
        Path passwordFile = dir.resolve(InstallDirectory.ADMIN_PASSWORD);
        assertThat(console.stackService().status(project).initialPassword()).isEqualTo(StackService.InitialPassword.PENDING);
        writeData(installed.adminPassword());
        assertThat(console.stackService().status(project).initialPassword())
                .as("the founder replaced the initial password: its file goes").isEqualTo(StackService.InitialPassword.CHANGED);
        assertThat(passwordFile).doesNotExist();
        fingerprintOn110 = StackProbe.fingerprint(project);

        UpdateService.Applied applied = console.updateService().apply(project, "1.2.0", InstallListener.SILENT);
        assertThat(applied.to()).isEqualTo("1.2.0");
        console.updateService().confirm(project);
        assertThat(console.stackService().status(project).overall()).isEqualTo("healthy");
        writeVenture("Written on 1.2.0");
        assertThat(ventures()).contains("Hardened venture", "Written on 1.2.0");
        // 1.1.0's lean canvas is 1.2.0's first canvas; the workspace is written to on 1.2.0.
        Founder f = Founder.signIn();
        String workspace = f.api() + "/api/orgs/" + f.org() + "/ventures/" + hardenedVenture(f) + "/";
        JsonNode canvas = StackProbe.call("GET", workspace + "canvases", f.token(), null, null).get("items").get(0);
        assertThat(canvas.at("/sections/problem").asText()).isEqualTo("written on 1.1.0");
        StackProbe.call("PATCH", workspace + "canvases/" + canvas.get("id").asText(), f.token(), "application/json",
                JSON.writeValueAsBytes(Map.of("sections", Map.of("problem", "edited on 1.2.0"))));
        StackProbe.post(workspace + "goals", f.token(), Map.of("title", "Goal on 1.2.0"));
        assertThat(Files.readString(dir.resolve("secrets/audit_key")).strip()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(engine.networks(Map.of(StackLabels.PROJECT, project)))
                .as("1.1.0's single network is gone; 1.2.0's two are there")
                .containsExactlyInAnyOrder(project + "_front", project + "_back");
    }

    @Test
    @Order(3)
    void everyContainerRunsWithNoCapabilitiesReadOnlyAndWithinLimits() throws Exception {
        for (String service : List.of("postgres", "redis", "storage", "backend", "web")) {
            JsonNode host = inspect(project + "-" + service + "-1").get("HostConfig");
            assertThat(host.get("CapDrop").toString()).as(service).contains("ALL");
            assertThat(host.path("CapAdd").isNull() || host.path("CapAdd").isEmpty()).as(service).isTrue();
            assertThat(host.get("SecurityOpt").toString()).as(service).contains("no-new-privileges");
            assertThat(host.get("ReadonlyRootfs").asBoolean()).as(service).isTrue();
            assertThat(host.get("Memory").asLong()).as(service).isPositive();
            assertThat(host.get("PidsLimit").asLong()).as(service).isPositive();
            assertThat(inspect(project + "-" + service + "-1").at("/Config/User").asText()).as(service + " runs as a user")
                    .isNotIn("", "root", "0", "0:0");
        }
        assertThat(inspect(project + "-backend-1").at("/HostConfig/Memory").asLong()).isEqualTo(768L << 20);
    }

    @Test
    @Order(4)
    void theWebServerCannotReachTheDataAndTheDataCannotReachOut() throws Exception {
        assertThat(reach(project + "-web-1", "postgres", 5432)).as("web -> postgres").isFalse();
        assertThat(reach(project + "-web-1", "redis", 6379)).as("web -> redis").isFalse();
        assertThat(reach(project + "-web-1", "storage", 9000)).as("web -> storage").isFalse();
        assertThat(reach(project + "-web-1", "backend", 8080)).as("web -> backend").isTrue();
        assertThat(reach(project + "-backend-1", "postgres", 5432)).as("backend -> postgres").isTrue();
        assertThat(JSON.readTree(StackProbe.run("docker", "network", "inspect", project + "_back")).get(0)
                .get("Internal").asBoolean()).as("the data's network has no way out").isTrue();
        assertThat(inspect(project + "-web-1").at("/NetworkSettings/Networks").has(project + "_back")).isFalse();
    }

    @Test
    @Order(5)
    void dockerComposeBringsUpTheSameHardeningFromTheSameFolder() throws Exception {
        List<String> ids = engine.containers(Map.of(StackLabels.PROJECT, project)).stream()
                .map(com.adaptivestartup.console.docker.ContainerStatus::id).sorted().toList();
        assertThat(com.adaptivestartup.console.install.ComposePeer.upChangesNothing(engine, project, dir))
                .as("docker-compose up -d in the install folder leaves the console's containers running").isEqualTo(ids);
        Path copy = Files.createDirectories(tmp.resolve("compose-copy"));
        for (String f : List.of(InstallDirectory.COMPOSE, InstallDirectory.ENV)) {
            Files.copy(dir.resolve(f), copy.resolve(f));
        }
        StackProbe.run("cp", "-r", dir.resolve("secrets").toString(), copy.toString());
        String other = project + "dc";
        try {
            StackProbe.run("docker-compose", "--project-directory", copy.toString(), "-p", other, "-f",
                    copy.resolve(InstallDirectory.COMPOSE).toString(), "up", "--no-start");
            for (String service : List.of("postgres", "backend", "web")) {
                String id = StackProbe.run("docker-compose", "--project-directory", copy.toString(), "-p", other, "-f",
                        copy.resolve(InstallDirectory.COMPOSE).toString(), "ps", "-q", service).strip();
                JsonNode host = inspect(id).get("HostConfig");
                JsonNode ours = inspect(project + "-" + service + "-1").get("HostConfig");
                for (String key : List.of("CapDrop", "SecurityOpt", "ReadonlyRootfs", "Memory", "PidsLimit", "Tmpfs")) {
                    assertThat(host.get(key)).as(service + " " + key).isEqualTo(ours.get(key));
                }
            }
        } finally {
            StackProbe.run("docker-compose", "--project-directory", copy.toString(), "-p", other, "-f",
                    copy.resolve(InstallDirectory.COMPOSE).toString(), "down", "-v");
        }
    }

    @Test
    @Order(6)
    void theConsolesStateAndTheInstallsSecretsAreTheOwnersAlone() throws Exception {
        assertThat(mode(stateDir)).isEqualTo("rwx------");
        assertThat(mode(stateDir.resolve("console.db"))).isEqualTo("rw-------");
        for (String f : List.of("console.db-wal", "console.db-shm", "clock-witness")) {
            if (Files.exists(stateDir.resolve(f))) {
                assertThat(mode(stateDir.resolve(f))).as(f).isEqualTo("rw-------");
            }
        }
        assertThat(mode(dir.resolve("secrets"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve(InstallDirectory.ENV))).isEqualTo("rw-------");
    }

    @Test
    @Order(7)
    void aClientAddressSentFromOutsideIsReplacedByNginxSoTheLimitHolds() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        int limited = 0;
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                    .header("Content-Type", "application/json").header("X-Real-IP", "10.9.8." + (i + 1))
                    .header("X-Forwarded-For", "10.9.7." + (i + 1))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email",
                            "nobody-" + i + "@example.com", "password", "wrong-password-" + i)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            limited += r.statusCode() == 429 ? 1 : 0;
        }
        // After the tenth failure from one address the next waits a second (then two, four...): the eleventh, sent at
        // once, is refused; the twelfth too unless a loaded machine took longer than that pause between them. Headers
        // that could choose the address would make every attempt a new client, and none would be refused.
        assertThat(limited).as("10 failures from one real address, whatever the headers said; then 429").isBetween(1, 2);
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(ready.body()).size()).as("the public gets a bare answer: " + ready.body()).isEqualTo(1);
        assertThat(ready.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    @Order(8)
    void theActivityLogIsCheckedAgainstAnchorsAndACutLogIsFoundThenRestored() throws Exception {
        AuditService.Result first = console.auditService().verify(project);
        assertThat(first.ok()).as(first.toString()).isTrue();
        BackupCatalogue.Backup backup = console.backupService().create(project, "manual", "before the attack", null,
                com.adaptivestartup.console.backup.BackupService.Listener.SILENT);
        assertThat(StackProbe.psql(project, "SELECT count(*) FROM activity_log WHERE chain = 'hmac-sha256'"))
                .as("entries written on 1.2.0 are keyed").isNotEqualTo("0");

        // The database's owner drops the newest entry behind the triggers' back.
        StackProbe.run("docker", "exec", project + "-postgres-1", "psql", "-U", "adaptive", "-d", "adaptive", "-c",
                "SET session_replication_role = replica; DELETE FROM activity_log WHERE seq = (SELECT max(seq) FROM activity_log)");
        AuditService.Result cut = console.auditService().verify(project);
        assertThat(cut.ok()).isFalse();
        assertThat(cut.organizations().stream().flatMap(o -> o.problems().stream()))
                .anyMatch(p -> p.contains("is missing: the log was cut short"));

        console.backupService().restore(project, backup.id(), null, false,
                com.adaptivestartup.console.backup.BackupService.Listener.SILENT);
        assertThat(console.auditService().verify(project).ok()).as("the backup's log, anchored by the backup").isTrue();
        assertThat(com.adaptivestartup.console.state.History.of(console.journal().entries(project, 500)))
                .filteredOn(o -> o.name().equals("audit-verify")).extracting(com.adaptivestartup.console.state.History.Operation::outcome)
                .containsExactly("done", "failed", "done");
    }

    @Test
    @Order(9)
    void anAddressServesTheAppOverHttpsAndBadInputChangesNothing() throws Exception {
        AddressService addresses = console.addressService();
        String host = project + ".localhost";
        int httpsPort = StackProbe.freePort();
        String web = webContainer();
        try (ServerSocket taken = new ServerSocket(StackProbe.freePort())) {
            assertThatThrownBy(() -> addresses.set(project, new WebAddress(host, taken.getLocalPort(),
                    WebAddress.CertificateSource.LOCAL), null, InstallListener.SILENT))
                    .hasMessageContaining("port " + taken.getLocalPort() + " is already in use by another program; choose"
                            + " another HTTPS port");
        }
        ServerCertificate foreign = LocalAuthority.create("someone else", Instant.now())
                .issue(new WebAddress("intranet.example", 443, WebAddress.CertificateSource.LOCAL), Instant.now());
        assertThatThrownBy(() -> addresses.set(project, new WebAddress(host, httpsPort, WebAddress.CertificateSource.OWN),
                foreign, InstallListener.SILENT)).isInstanceOf(CertificateRefused.class)
                .hasMessageStartingWith("the certificate is for intranet.example, not for " + host);
        assertThat(webContainer()).as("refused before anything changed").isEqualTo(web);
        assertThat(addresses.show(project).address()).isNull();
        assertThat(Files.readString(dir.resolve("secrets/tls_certificate"))).isEmpty();

        long started = System.nanoTime();
        InstallResult set = addresses.set(project, new WebAddress(host, httpsPort, WebAddress.CertificateSource.LOCAL), null,
                InstallListener.SILENT);
        System.out.printf("address set (certificate made here, stack converged) in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        String url = "https://" + host + ":" + httpsPort + "/";
        assertThat(set.url()).isEqualTo(url);
        AddressService.AddressView view = addresses.show(project);
        assertThat(view.certificate().names()).containsExactly(host);
        assertThat(view.certificate().daysLeft()).isBetween(395L, 397L);
        assertThat(view.certificate().warning()).isNull();
        Path ca = tmp.resolve("local-ca.crt");
        assertThat(addresses.exportAuthority(project, ca)).contains("Trusted Root Certification Authorities");

        // OpenSSL checks the chain against the exported authority, the name, and the protocols offered.
        OpenSsl good = OpenSsl.connect(httpsPort, host, ca, "-tls1_2");
        assertThat(good.output()).as(good.output()).contains("Verification: OK").contains("Protocol version: TLSv1.2");
        assertThat(OpenSsl.connect(httpsPort, host, ca).output()).contains("Protocol version: TLSv1.3");
        assertThat(OpenSsl.connect(httpsPort, host, ca, "-tls1_1").handshakeFailed()).as("TLS 1.1 refused").isTrue();
        assertThat(OpenSsl.connect(httpsPort, host, ca, "-tls1_2", "-cipher", "AES128-SHA").handshakeFailed())
                .as("a cipher without forward secrecy refused").isTrue();
        assertThat(OpenSsl.connect(httpsPort, host, ca, "-tls1_2", "-cipher", "DES-CBC3-SHA:RC4-SHA:NULL-SHA:@SECLEVEL=0")
                .handshakeFailed()).as("weak ciphers refused").isTrue();

        // Plain HTTP on the web port only sends people to the address.
        HttpResponse<String> redirect = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/orgs?x=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(308);
        assertThat(redirect.headers().firstValue("Location")).contains(url + "api/orgs?x=1");

        // A client that trusts only the exported authority signs in, and an invitation's link is on the address.
        HttpClient https = HttpClient.newBuilder().sslContext(OpenSsl.trusting(ca)).build();
        JsonNode login = JSON.readTree(https.send(HttpRequest.newBuilder(URI.create(url + "api/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("email", "founder@example.com", "password", PASSWORD)))).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String token = login.get("token").asText();
        HttpResponse<String> orgs = https.send(HttpRequest.newBuilder(URI.create(url + "api/orgs"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(orgs.headers().firstValue("Strict-Transport-Security")).as("no HSTS until people trust the authority").isEmpty();
        String serial = serialOf(orgs);
        String org = JSON.readTree(orgs.body()).get(0).get("id").asText();
        JsonNode invitation = JSON.readTree(https.send(HttpRequest.newBuilder(URI.create(url + "api/orgs/" + org + "/invitations"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"colleague@example.com\",\"role\":\"member\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(invitation.get("link").asText()).isEqualTo(url + "#/invitation/" + invitation.get("token").asText());
        assertThat(inspect(project + "-web-1").toString()).as("the key is a mounted file, never in the container's settings")
                .doesNotContain("PRIVATE KEY").contains("PUBLIC_URL=" + url);

        // Renew now: a new certificate is served.
        addresses.renew(project, InstallListener.SILENT);
        HttpResponse<String> after = https.send(HttpRequest.newBuilder(URI.create(url + "readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(serialOf(after)).isNotEqualTo(serial).isEqualTo(addresses.show(project).certificate().serial());
    }

    private static String webContainer() {
        return engine.containers(Map.of(StackLabels.PROJECT, project, StackLabels.SERVICE, "web")).get(0).id();
    }

    private static String serialOf(HttpResponse<?> r) throws Exception {
        return ((java.security.cert.X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber()
                .toString(16).toUpperCase(java.util.Locale.ROOT);
    }

    @Test
    @Order(10)
    void aRollbackTo110KeepsEveryRow() throws Exception {
        var rolledBack = console.updateService().rollback(project, InstallListener.SILENT);
        assertThat(rolledBack.to()).isEqualTo("1.1.0");
        assertThat(console.stackService().status(project).overall()).isEqualTo("healthy");
        assertThat(ventures()).contains("Hardened venture", "Written on 1.2.0");
        assertThat(engine.networks(Map.of(StackLabels.PROJECT, project))).contains(project + "_default");
        Founder f = Founder.signIn();
        JsonNode venture = StackProbe.call("GET", f.api() + "/api/orgs/" + f.org() + "/ventures/" + hardenedVenture(f),
                f.token(), null, null);
        assertThat(venture.at("/data/leanCanvas/problem").asText()).as("1.1.0 sees the canvas as edited on 1.2.0")
                .isEqualTo("edited on 1.2.0");
        assertThat(StackProbe.psql(project, "SELECT title FROM goals")).as("the workspace's rows are kept for the next update")
                .isEqualTo("Goal on 1.2.0");
        AddressService.AddressView kept = console.addressService().show(project);
        assertThat(kept.address().host()).as("1.1.0 serves plain HTTP again; the address is kept for the next update")
                .isEqualTo(project + ".localhost");
        assertThat(kept.waitingForUpdate()).isTrue();
        assertThat(kept.url()).startsWith("http://");
        assertThat(Files.readString(dir.resolve("secrets/tls_certificate"))).as("and so is its certificate")
                .contains("BEGIN CERTIFICATE");
    }

    private static String hardenedVenture(Founder f) throws Exception {
        JsonNode ventures = StackProbe.call("GET", f.api() + "/api/orgs/" + f.org() + "/ventures", f.token(), null, null);
        for (JsonNode v : ventures) {
            if (v.get("name").asText().equals("Hardened venture")) {
                return v.get("id").asText();
            }
        }
        throw new AssertionError("no venture 'Hardened venture' in " + ventures);
    }

    private static void writeData(String initialPassword) throws Exception {
        String api = "http://127.0.0.1:" + port;
        String token = StackProbe.post(api + "/api/auth/login", null, Map.of("email", "founder@example.com",
                "password", initialPassword)).get("token").asText();
        StackProbe.post(api + "/api/auth/password", token, Map.of("currentPassword", initialPassword, "newPassword", PASSWORD));
        Founder f = Founder.signIn();
        StackProbe.post(f.api() + "/api/orgs/" + f.org() + "/ventures", f.token(), Map.of("name", "Hardened venture",
                "data", Map.of("leanCanvas", Map.of("problem", "written on 1.1.0"))));
    }

    /** The founder, signed in: the API's base and the token and organization to use with it. */
    private record Founder(String api, String token, String org) {
        static Founder signIn() throws Exception {
            String api = "http://127.0.0.1:" + port;
            String token = StackProbe.post(api + "/api/auth/login", null, Map.of("email", "founder@example.com",
                    "password", PASSWORD)).get("token").asText();
            return new Founder(api, token, StackProbe.call("GET", api + "/api/orgs", token, null, null).get(0).get("id").asText());
        }
    }

    private static void writeVenture(String name) throws Exception {
        Founder f = Founder.signIn();
        StackProbe.post(f.api() + "/api/orgs/" + f.org() + "/ventures", f.token(), Map.of("name", name));
    }

    private static List<String> ventures() throws Exception {
        Founder f = Founder.signIn();
        return StackProbe.call("GET", f.api() + "/api/orgs/" + f.org() + "/ventures", f.token(), null, null)
                .findValuesAsText("name");
    }

    private static JsonNode inspect(String container) throws Exception {
        return JSON.readTree(StackProbe.run("docker", "inspect", container)).get(0);
    }

    /** Whether a TCP connection from inside the container reaches host:port (by the stack's DNS names). */
    private static boolean reach(String container, String host, int port) throws Exception {
        Process p = new ProcessBuilder("docker", "exec", container, "bash", "-c",
                "timeout 3 bash -c 'exec 3<>/dev/tcp/" + host + "/" + port + "' 2>/dev/null").start();
        return p.waitFor() == 0;
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
