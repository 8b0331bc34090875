package com.adaptivestartup.server.testing;

import com.adaptivestartup.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for tests: a throwaway cluster made with the machine's own initdb and pg_ctl
 * (Debian's postgresql package) on a free port, one per test JVM, each test class with a fresh database.
 * As root it runs as the 'postgres' user, since PostgreSQL refuses to run as root.
 */
public final class TestPostgres {
    private static final String PASSWORD = "test-" + UUID.randomUUID();
    private static TestPostgres instance;
    private final Path dataDir;
    private final int port;
    private final Path binDir;

    private TestPostgres(Path binDir) throws IOException {
        this.binDir = binDir;
        this.port = Processes.freePort();
        Path base = Files.createTempDirectory("adaptive-pg-");
        this.dataDir = base.resolve("data");
        Path pwFile = base.resolve("pw");
        Files.writeString(pwFile, PASSWORD);
        if (Processes.isRoot()) {
            Processes.run(List.of("chown", "-R", "postgres:postgres", base.toString()), base.resolve("chown.log"));
            Processes.run(List.of("chmod", "777", base.toString()), base.resolve("chmod.log"));
        }
        Processes.run(asPostgres(bin("initdb"), "-D", dataDir.toString(), "-U", "postgres", "-A", "scram-sha-256",
                "--pwfile=" + pwFile, "-E", "UTF8", "--no-sync"), base.resolve("initdb.log"));
        Processes.run(asPostgres(bin("pg_ctl"), "-D", dataDir.toString(), "-l", base.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + base + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c full_page_writes=off -c synchronous_commit=off", "-w", "-t", "60", "start"),
                base.resolve("pg_ctl.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Processes.run(asPostgres(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "immediate", "stop"),
                        Files.createTempFile("pg-stop", ".log"));
                try (Stream<Path> files = Files.walk(base)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } catch (Exception ignored) {
                // best effort at exit
            }
        }));
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            try {
                instance = new TestPostgres(findBinDir());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** A new, empty database; its connection settings as the server reads them. */
    public ServerConfig.Database newDatabase() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", PASSWORD)) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new ServerConfig.Database("127.0.0.1", port, name, "postgres", PASSWORD);
    }

    public int port() {
        return port;
    }

    public Path bin(String tool) {
        return binDir.resolve(tool);
    }

    private static List<String> asPostgres(Object... command) {
        List<String> out = new ArrayList<>();
        if (Processes.isRoot()) {
            out.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        for (Object c : command) {
            out.add(c.toString());
        }
        return out;
    }

    private static Path findBinDir() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var newest = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries not found under /usr/lib/postgresql:"
                + " install the 'postgresql' package (bin/test does)");
    }
}
