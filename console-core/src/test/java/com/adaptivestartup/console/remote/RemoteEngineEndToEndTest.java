package com.adaptivestartup.console.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.cli.AdaptiveCtl;
import com.adaptivestartup.console.cli.CliContext;
import com.adaptivestartup.console.install.Fixture;
import com.adaptivestartup.console.stack.StackDeployer;
import com.adaptivestartup.console.update.TestChannel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The console driving an engine on "another machine" (a second dockerd reached only over TCP with mutual TLS) with
 * {@code adaptivectl --host}: install, a backup whose archive lands on the console's side, an update, a restore that
 * streams the archive out, and an uninstall that leaves nothing there, not even the secrets' copy. The local engine's
 * containers, volumes and networks are the same before and after.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteEngineEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    static Fixture fixture;
    static RemoteEngine remote;
    static HttpServer brain;
    static String project;
    static Path dir;
    static Path home;
    static int port;
    static Map<String, List<String>> localBefore;
    static String backupId;
    static double tlsBackupSeconds;

    @BeforeAll
    static void start() throws Exception {
        fixture = Fixture.load();
        localBefore = localEngine();
        remote = RemoteEngine.start();
        brain = TestChannel.serve(tmp.resolve("brain"), fixture.vendorKey, List.of(fixture.release110, fixture.release120));
        project = "remote" + UUID.randomUUID().toString().substring(0, 6);
        dir = tmp.resolve("install folder");
        home = tmp.resolve("console home");
        Files.writeString(tmp.resolve("acme.lic"), fixture.license());
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (brain != null) {
            brain.stop(0);
        }
        if (remote != null) {
            remote.close();
        }
        assertThat(localEngine()).as("the local engine's containers, volumes and networks").isEqualTo(localBefore);
    }

    /** What the machine's own engine has, by id: nothing the test does may change it. */
    private static Map<String, List<String>> localEngine() throws Exception {
        Map<String, List<String>> all = new HashMap<>();
        for (List<String> ls : List.of(List.of("ps", "-aq", "--no-trunc"), List.of("volume", "ls", "-q"),
                List.of("network", "ls", "-q", "--no-trunc"))) {
            List<String> command = new ArrayList<>(List.of("docker"));
            command.addAll(ls);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().keySet().removeIf(k -> k.startsWith("DOCKER_"));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
            all.put(ls.get(0), out.lines().sorted().toList());
        }
        // the host side of the local engine's default bridge too (a dockerd started with --bridge=none deletes it)
        Process link = new ProcessBuilder("ip", "link", "show", "docker0").redirectErrorStream(true).start();
        link.getInputStream().readAllBytes();
        all.put("docker0", List.of(link.waitFor() == 0 ? "present" : "absent"));
        return all;
    }

    record Ran(int exit, String out, String err) {
    }

    /** adaptivectl, in this process, pointed at the remote engine with --host and its TLS folder. */
    private static Ran ctl(String... args) {
        return ctlVia(remote.address(), remote.tlsEnv(), args);
    }

    private static Ran ctlVia(String host, Map<String, String> engineEnv, String... args) {
        Map<String, String> env = new HashMap<>(engineEnv);
        env.put("ADAPTIVE_CONSOLE_HOME", home.toString());
        env.put("ADAPTIVE_TRUSTED_KEYS", fixture.trustedKeyFile().toString());
        env.put("ADAPTIVE_BRAIN_URL", "http://127.0.0.1:" + brain.getAddress().getPort());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = AdaptiveCtl.commandLine(new CliContext(env, Clock.systemUTC()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--host", host, "--project", project));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Ran(exit, out.toString(), err.toString());
    }

    private static String psql(String sql) throws Exception {
        RemoteEngine.Result r = remote.docker("exec", project + "-postgres-1", "psql", "-U", "adaptive", "-d", "adaptive",
                "-tAc", sql);
        assertThat(r.exitCode()).as(r.output()).isZero();
        return r.output();
    }

    private static List<String> remoteNames(String kind) throws Exception {
        RemoteEngine.Result r = kind.equals("ps")
                ? remote.docker("ps", "-a", "--filter", "label=com.docker.compose.project=" + project, "--format", "{{.Names}}")
                : remote.docker(kind, "ls", "-q", "--filter", "label=com.docker.compose.project=" + project);
        assertThat(r.exitCode()).as(r.output()).isZero();
        return r.output().lines().filter(l -> !l.isBlank()).sorted().toList();
    }

    @Test
    @Order(1)
    void installsOnTheRemoteEngineWithTheSecretsCopiedThere() throws Exception {
        long started = System.nanoTime();
        Ran r = ctl("install", "--dir", dir.toString(), "--license", tmp.resolve("acme.lic").toString(),
                "--release", fixture.release110.toString(), "--http-port", String.valueOf(port),
                "--admin-email", "founder@example.com", "--yes");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        System.out.printf("remote engine: install of 1.1.0 in %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(remoteNames("ps")).containsExactly(project + "-backend-1", project + "-postgres-1", project + "-redis-1",
                project + "-storage-1", project + "-web-1");
        Path copy = Path.of(StackDeployer.ENGINE_FOLDERS, project, "secrets");
        assertThat(Files.getPosixFilePermissions(copy)).as("the secrets' copy on the engine's machine")
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.readString(copy.resolve("postgres_password")))
                .isEqualTo(Files.readString(dir.resolve("secrets/postgres_password")));
        Ran status = ctl("status", "--json");
        assertThat(JSON.readTree(status.out()).path("overall").asText()).as(status.out()).isEqualTo("healthy");
        assertThat(r.out()).as("a new installation is backed up daily from the first night").contains(
                "Backed up daily at 02:30 while the console runs (or `adaptivectl backup run-due` from a timer), keeping the 7"
                        + " newest");
        Ran schedule = ctl("backup", "schedule", "--json");
        assertThat(JSON.readTree(schedule.out()).path("dailyAt").asText()).as(schedule.out()).isEqualTo("02:30");
        assertThat(JSON.readTree(schedule.out()).path("keep").asInt()).isEqualTo(7);
        psql("CREATE TABLE remote_marker (note text); INSERT INTO remote_marker VALUES ('before the backup')");
    }

    @Test
    @Order(2)
    void aBackupStreamsHomeToTheConsolesSide() throws Exception {
        long started = System.nanoTime();
        Ran r = ctl("backup", "create", "--json");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        tlsBackupSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("remote engine: backup streamed home over TCP with TLS in %.1f s%n", tlsBackupSeconds);
        JsonNode b = JSON.readTree(r.out());
        backupId = b.path("id").asText();
        Path file = Path.of(b.path("file").asText());
        assertThat(file).startsWith(home).isRegularFile();
        Ran verified = ctl("backup", "verify", backupId, "--restore-test");
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("every checksum matches").contains("restored into a throwaway database");

        // The same backup by a console on the engine's machine (its unix socket, the staging folder bound, not
        // streamed): what streaming costs, same engine, same data, same run.
        started = System.nanoTime();
        Ran local = ctlVia(remote.localSocket(), Map.of(), "backup", "create", "--json");
        assertThat(local.exit()).as(local.out() + local.err()).isZero();
        double localSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("remote engine: the same backup through the engine's own socket (shared disk) in %.1f s;"
                + " streamed / shared disk = %.2f%n", localSeconds, tlsBackupSeconds / localSeconds);
    }

    @Test
    @Order(3)
    void overSshTheSameEngineAnswersAndABackupStreamsHome() throws Exception {
        RemoteEngine.Ssh ssh = remote.ssh();
        Map<String, String> sshEnv = Map.of("ADAPTIVE_SSH_CONFIG", ssh.clientConfig().toString());
        Ran status = ctlVia(ssh.address(), sshEnv, "status", "--json");
        assertThat(status.exit()).as(status.out() + status.err()).isZero();
        assertThat(JSON.readTree(status.out()).path("overall").asText()).as(status.out()).isEqualTo("healthy");

        long started = System.nanoTime();
        Ran r = ctlVia(ssh.address(), sshEnv, "backup", "create", "--json");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        double sshSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("remote engine: backup streamed home over SSH in %.1f s (%.2f x the TLS one)%n", sshSeconds,
                sshSeconds / tlsBackupSeconds);
        Path file = Path.of(JSON.readTree(r.out()).path("file").asText());
        assertThat(file).startsWith(home).isRegularFile();

        // A key the far side does not accept: OpenSSH's words, with the fix, and nothing else tried.
        Ran refused = ctlVia(ssh.address(), Map.of("ADAPTIVE_SSH_CONFIG", ssh.strangerConfig().toString()), "status");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("Permission denied", "authorized_keys", "No other engine was tried");
    }

    @Test
    @Order(4)
    void updatesOnTheRemoteEngine() throws Exception {
        long started = System.nanoTime();
        Ran r = ctl("update", "apply", "--yes");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        System.out.printf("remote engine: update to 1.2.0 in %.1f s%n", (System.nanoTime() - started) / 1e9);
        Ran status = ctl("status", "--json");
        JsonNode s = JSON.readTree(status.out());
        s.path("services").forEach(service -> assertThat(service.path("version").asText()).isEqualTo("1.2.0"));
        assertThat(s.path("overall").asText()).as(status.out()).isEqualTo("healthy");
        assertThat(psql("SELECT note FROM remote_marker")).isEqualTo("before the backup");
        psql("INSERT INTO remote_marker VALUES ('after the update')");
    }

    @Test
    @Order(5)
    void aRestoreStreamsTheArchiveOutAndMigratesItForward() throws Exception {
        long started = System.nanoTime();
        Ran r = ctl("backup", "restore", backupId, "--yes");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        System.out.printf("remote engine: restore streamed out in %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(psql("SELECT string_agg(note, ',') FROM remote_marker")).isEqualTo("before the backup");
        assertThat(psql("SELECT max(version) FROM flyway_schema_history WHERE success")).isEqualTo("9");
    }

    @Test
    @Order(6)
    void anUninstallLeavesNothingOnTheRemoteEngine() throws Exception {
        Ran r = ctl("uninstall", "--yes");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(remoteNames("ps")).isEmpty();
        assertThat(remoteNames("volume")).isEmpty();
        assertThat(remoteNames("network")).isEmpty();
        assertThat(Path.of(StackDeployer.ENGINE_FOLDERS, project)).doesNotExist();
    }
}
