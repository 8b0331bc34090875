package com.adaptivestartup.console.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A real proxy, Debian's squid, run in the foreground on a free loopback port with basic authentication and its own
 * hosts file: names it resolves that this machine does not, so a request that gets through went through it.
 */
final class Squid implements AutoCloseable {
    final int port;
    private final Path dir;
    private final Process process;

    private Squid(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /** {@code hosts}: names only the proxy knows, and their addresses; {@code user}, {@code password}: its one account. */
    static Squid start(Map<String, String> hosts, String user, String password) throws Exception {
        assertThat(Path.of("/usr/sbin/squid")).as("Debian's squid (apt-get install squid)").exists();
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "adaptive-squid-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));   // squid runs as 'proxy'
        StringBuilder h = new StringBuilder();
        hosts.forEach((name, address) -> h.append(address).append(' ').append(name).append('\n'));
        Files.writeString(dir.resolve("hosts"), h);
        Process htpasswd = new ProcessBuilder("htpasswd", "-bc", dir.resolve("passwd").toString(), user, password)
                .redirectErrorStream(true).start();
        assertThat(htpasswd.waitFor()).isZero();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("squid.conf"), String.join("\n",
                "http_port 127.0.0.1:" + port,
                "hosts_file " + dir.resolve("hosts"),
                "auth_param basic program /usr/lib/squid/basic_ncsa_auth " + dir.resolve("passwd"),
                "auth_param basic realm adaptive-test",
                "acl authed proxy_auth REQUIRED",
                "http_access allow authed",
                "http_access deny all",
                "pid_filename " + dir.resolve("squid.pid"),
                "cache_log " + dir.resolve("cache.log"),
                "access_log stdio:" + dir.resolve("access.log"),
                "cache deny all",
                "coredump_dir " + dir,
                "shutdown_lifetime 0 seconds", ""));
        for (String f : new String[] {"hosts", "passwd", "squid.conf"}) {
            Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
        }
        Process process = new ProcessBuilder("/usr/sbin/squid", "-N", "-f", dir.resolve("squid.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                break;
            } catch (IOException notYet) {
                assertThat(process.isAlive()).as("squid started: " + Files.readString(dir.resolve("out.log"))).isTrue();
                assertThat(Instant.now()).as("squid listening").isBefore(deadline);
                Thread.sleep(100);
            }
        }
        return new Squid(port, dir, process);
    }

    String url(String user, String password) {
        return "http://" + (user == null ? "" : user + ":" + password + "@") + "127.0.0.1:" + port;
    }

    /** What squid logged of the requests it handled (one line each: the method, the host:port, the result). */
    String accessLog() throws IOException {
        Path log = dir.resolve("access.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws Exception {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
