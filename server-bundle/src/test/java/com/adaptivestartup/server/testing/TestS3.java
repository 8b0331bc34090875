package com.adaptivestartup.server.testing;

import com.adaptivestartup.server.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A real S3-compatible server for tests: S3Proxy with its filesystem backend, the same server as the
 * stack's storage image, run as its own process from the libraries images/storage gathers.
 */
public final class TestS3 {
    private static TestS3 instance;
    private final int port;
    private final Path dataDir;
    private final String accessKey = "test-access";
    private final String secretKey = "test-secret-" + UUID.randomUUID();

    private TestS3() throws IOException {
        Path lib = Path.of(System.getProperty("s3proxy.lib", "../images/storage/target/lib"));
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("S3Proxy's libraries are missing at " + lib.toAbsolutePath()
                    + ": build them with 'mvn -pl images/storage package' (the full build does)");
        }
        this.port = Processes.freePort();
        Path dir = Files.createTempDirectory("adaptive-s3-");
        this.dataDir = Files.createDirectories(dir.resolve("data"));
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + accessKey,
                "s3proxy.credential=" + secretKey,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dataDir,
                ""));
        Path log = dir.resolve("s3proxy.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", lib.toAbsolutePath() + "/*",
                "org.gaul.s3proxy.Main", "--properties", properties.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        Processes.awaitPort(port, Duration.ofSeconds(60), process, log);
    }

    public static synchronized TestS3 get() {
        if (instance == null) {
            try {
                instance = new TestS3();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** Settings for a bucket of its own. */
    public ServerConfig.Storage newBucket() {
        return new ServerConfig.Storage(URI.create("http://127.0.0.1:" + port),
                "t-" + UUID.randomUUID().toString().substring(0, 8), accessKey, secretKey, "us-east-1");
    }

    public Path dataDir() {
        return dataDir;
    }
}
