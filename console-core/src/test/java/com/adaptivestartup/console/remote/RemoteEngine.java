package com.adaptivestartup.console.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A second Docker engine, "another machine" as far as the console can tell: its own dockerd with its own data root,
 * listening only on a loopback TCP port with mutual TLS (certificates made here with OpenSSL), its own default bridge (never the host's docker0), and
 * its own address pool (let through the first engine's FORWARD rules for the test's run, as a second machine's traffic
 * would be). Everything on it is the test's own; closing it stops it and deletes it all.
 */
final class RemoteEngine implements AutoCloseable {
    static final String POOL = "10.231.0.0/16";
    /** The second engine's default bridge, outside its pool (the stack's networks come from the pool). */
    static final String BRIDGE_ADDRESS = "10.232.0.1/24";

    private static String bridgeFor(int port) {
        return "adremote" + port;
    }
    final int port;
    final Path certs;
    private final Path root;
    private final Process dockerd;
    private Process sshd;

    private RemoteEngine(int port, Path certs, Path root, Process dockerd) {
        this.port = port;
        this.certs = certs;
        this.root = root;
        this.dockerd = dockerd;
    }

    String address() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The same engine through its own unix socket: as a console on the engine's machine reaches it (shared disk). */
    String localSocket() {
        return "unix://" + root.resolve("docker.sock");
    }

    /** The environment that points the docker CLI (or the console) at this engine with its TLS material. */
    Map<String, String> tlsEnv() {
        return Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString());
    }

    static RemoteEngine start() throws Exception {
        Path root = Files.createTempDirectory(Path.of("/tmp"), "adaptive-remote-engine-");
        Path certs = Files.createDirectories(root.resolve("certs"));
        openssl(certs, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=remote engine CA",
                "-keyout", "ca-key.pem", "-out", "ca.pem");
        openssl(certs, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server-key.pem",
                "-out", "server.csr");
        Files.writeString(certs.resolve("server.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        openssl(certs, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-days", "2", "-out", "server-cert.pem", "-extfile", "server.cnf");
        openssl(certs, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=console", "-keyout", "key.pem", "-out", "client.csr");
        Files.writeString(certs.resolve("client.cnf"), "extendedKeyUsage=clientAuth\n");
        openssl(certs, "x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-days", "2", "-out", "cert.pem", "-extfile", "client.cnf");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        for (String direction : List.of("-s", "-d")) {
            run("iptables", "-I", "DOCKER-USER", "1", direction, POOL, "-j", "ACCEPT");
        }
        // Its own default bridge: with --bridge=none a dockerd deletes the host's docker0, the first engine's.
        String bridge = bridgeFor(port);
        run("ip", "link", "add", "name", bridge, "type", "bridge");
        run("ip", "addr", "add", BRIDGE_ADDRESS, "dev", bridge);
        run("ip", "link", "set", bridge, "up");
        Process dockerd = new ProcessBuilder("dockerd", "--data-root", root.resolve("data").toString(),
                "--exec-root", root.resolve("exec").toString(), "--pidfile", root.resolve("docker.pid").toString(),
                "-H", "tcp://127.0.0.1:" + port, "-H", "unix://" + root.resolve("docker.sock"), "--tlsverify", "--tlscacert", certs.resolve("ca.pem").toString(),
                "--tlscert", certs.resolve("server-cert.pem").toString(), "--tlskey", certs.resolve("server-key.pem").toString(),
                "--iptables=false", "--ip-masq=false", "--bridge=" + bridge, "--default-address-pool", "base=" + POOL + ",size=24")
                .redirectErrorStream(true).redirectOutput(root.resolve("dockerd.log").toFile()).start();
        RemoteEngine engine = new RemoteEngine(port, certs, root, dockerd);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            if (engine.docker("version", "--format", "{{.Server.Version}}").exitCode == 0) {
                return engine;
            }
            assertThat(dockerd.isAlive()).as("the second dockerd: " + Files.readString(root.resolve("dockerd.log"))).isTrue();
            assertThat(Instant.now()).as("the second dockerd answering").isBefore(deadline);
            Thread.sleep(250);
        }
    }

    record Result(int exitCode, String output) {
    }

    /** An SSH server in front of this engine, the client config that reaches it, and one with a key it refuses. */
    record Ssh(String address, Path clientConfig, Path strangerConfig) {
    }

    /**
     * Debian's OpenSSH server on a loopback port, giving one key (made here) the engine's API and nothing else: the
     * key's forced command is the docker CLI's stdio bridge to this engine's socket, as on a machine where the admin's
     * account may use Docker. The client config names the key and the server's host key (known, checked).
     */
    Ssh ssh() throws Exception {
        Path dir = Files.createDirectories(root.resolve("ssh"));
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("admin_key").toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("stranger_key").toString());
        int sshPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            sshPort = s.getLocalPort();
        }
        Files.writeString(dir.resolve("authorized_keys"), "command=\"DOCKER_HOST=unix://" + root.resolve("docker.sock")
                + " exec docker system dial-stdio\",no-pty,no-port-forwarding,no-agent-forwarding,no-X11-forwarding "
                + Files.readString(dir.resolve("admin_key.pub")));
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "ListenAddress 127.0.0.1", "Port " + sshPort, "HostKey " + dir.resolve("host_key"),
                "PidFile " + dir.resolve("sshd.pid"), "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PermitRootLogin prohibit-password", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "UsePAM no", "StrictModes no", "") );
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + sshPort + " " + Files.readString(dir.resolve("host_key.pub")));
        for (String who : List.of("admin", "stranger")) {
            Files.writeString(dir.resolve(who + "_ssh_config"), String.join("\n", "Host *",
                    "  IdentityFile " + dir.resolve(who + "_key"), "  IdentitiesOnly yes",
                    "  UserKnownHostsFile " + dir.resolve("known_hosts"), "  StrictHostKeyChecking yes", ""));
        }
        Files.createDirectories(Path.of("/run/sshd"));
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            try (java.net.Socket probe = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), sshPort)) {
                break;
            } catch (IOException notYet) {
                assertThat(sshd.isAlive()).as("sshd: " + Files.readString(dir.resolve("sshd.log"))).isTrue();
                assertThat(Instant.now()).as("sshd answering").isBefore(deadline);
                Thread.sleep(100);
            }
        }
        return new Ssh("ssh://root@127.0.0.1:" + sshPort, dir.resolve("admin_ssh_config"), dir.resolve("stranger_ssh_config"));
    }

    /** The docker CLI against this engine (for the test's own looking; the console never shells out). */
    Result docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker", "--host", address(), "--tlsverify",
                "--tlscacert", certs.resolve("ca.pem").toString(), "--tlscert", certs.resolve("cert.pem").toString(),
                "--tlskey", certs.resolve("key.pem").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("DOCKER_HOST");
        pb.environment().remove("DOCKER_CONTEXT");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out.strip());
    }

    @Override
    public void close() throws Exception {
        try {
            Result all = docker("ps", "-aq");
            if (all.exitCode == 0 && !all.output.isBlank()) {
                List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
                rm.addAll(all.output.lines().toList());
                docker(rm.toArray(String[]::new));
            }
        } finally {
            if (sshd != null) {
                sshd.destroy();
                sshd.waitFor();
            }
            dockerd.destroy();
            if (!dockerd.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                dockerd.destroyForcibly().waitFor();
            }
            for (String direction : List.of("-s", "-d")) {
                run("iptables", "-D", "DOCKER-USER", direction, POOL, "-j", "ACCEPT");
            }
            run("ip", "link", "delete", bridgeFor(port));
            // what the engine left mounted under its folders (network namespaces of containers it could not stop)
            run("sh", "-c", "grep -o ' " + root + "[^ ]*' /proc/mounts | sort -r | xargs -r umount -l");
            run("rm", "-rf", "--one-file-system", root.toString());
        }
    }

    private static void openssl(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
    }
}
