package com.adaptivestartup.console.docker;

import com.adaptivestartup.licensing.files.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An engine on another machine reached over SSH, as the docker CLI reaches it: every connection to the engine is an
 * {@code ssh} session that runs {@code docker system dial-stdio} on the far side, whose standard input and output are
 * the engine's API. The relay offers those sessions to the Docker client as a private unix socket on this computer
 * (a folder only this user may enter), so the client speaks to it like a local engine. The machine's own OpenSSH
 * client does the SSH: its keys, agent, known hosts and {@code ~/.ssh/config} are the admin's, and an SSH config the
 * console is given ({@code ADAPTIVE_SSH_CONFIG}) is used instead when set. Each API connection is its own SSH
 * connection, as with the docker CLI; the Docker client keeps its connections open and reuses them. (OpenSSH's
 * ControlMaster was tried: its master, forked from the first session, keeps that session's pipes open, so the first
 * connection never ends.)
 */
final class SshRelay implements AutoCloseable {
    private final Target target;
    private final Path folder;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Set<Process> sessions = ConcurrentHashMap.newKeySet();
    private final Path sshConfig;
    private volatile String lastProblem;
    private volatile boolean closed;

    /** Where an {@code ssh://[user@]host[:port]} address points. */
    record Target(String user, String host, int port) {
        static Target parse(String address) {
            URI uri;
            try {
                uri = URI.create(address);
            } catch (IllegalArgumentException e) {
                throw new DockerProblem("'" + address + "' is not an SSH address such as ssh://admin@docker-host or"
                        + " ssh://admin@docker-host:2222");
            }
            if (!"ssh".equals(uri.getScheme()) || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                throw new DockerProblem("'" + address + "' is not an SSH address such as ssh://admin@docker-host or"
                        + " ssh://admin@docker-host:2222");
            }
            return new Target(uri.getUserInfo(), uri.getHost(), uri.getPort());
        }

        @Override
        public String toString() {
            return (user == null ? "" : user + "@") + host + (port < 0 ? "" : ":" + port);
        }
    }

    private SshRelay(Target target, Path folder, ServerSocketChannel server, Path sshConfig) {
        this.target = target;
        this.folder = folder;
        this.socket = folder.resolve("docker.sock");
        this.server = server;
        this.sshConfig = sshConfig;
    }

    /** Opens the relay for {@code address}; nothing is asked of the far side until the first API connection. */
    static SshRelay open(String address, Map<String, String> env) {
        Target target = Target.parse(address);
        String configured = env.get("ADAPTIVE_SSH_CONFIG");
        Path sshConfig = configured == null || configured.isBlank() ? null : Path.of(configured);
        if (sshConfig != null && !Files.isReadable(sshConfig)) {
            throw new DockerProblem("the SSH config named by ADAPTIVE_SSH_CONFIG (" + sshConfig + ") cannot be read");
        }
        try {
            Path folder = Files.createTempDirectory("adaptive-ssh-");
            PrivateFiles.narrow(folder);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(folder.resolve("docker.sock")));
            SshRelay relay = new SshRelay(target, folder, server, sshConfig);
            Thread.ofVirtual().name("ssh relay " + target).start(relay::accept);
            return relay;
        } catch (IOException e) {
            throw new DockerProblem("cannot open a local socket for the SSH connection to " + target + ": " + e.getMessage(), e);
        }
    }

    /** The address the Docker client connects to. */
    String localAddress() {
        return "unix://" + socket;
    }

    /** The far side's last complaint (ssh's own words, or the remote docker's), for an error the admin can act on. */
    String lastProblem() {
        return lastProblem;
    }

    /** The command for one session: OpenSSH, no terminal, then the docker CLI's own stdio bridge on the far side. */
    List<String> command() {
        List<String> c = new ArrayList<>(List.of("ssh", "-T", "-o", "BatchMode=yes", "-o", "ConnectTimeout=15", "-o", "ServerAliveInterval=30"));
        if (sshConfig != null) {
            c.addAll(List.of("-F", sshConfig.toString()));
        }
        if (target.user() != null) {
            c.addAll(List.of("-l", target.user()));
        }
        if (target.port() > 0) {
            c.addAll(List.of("-p", String.valueOf(target.port())));
        }
        c.addAll(List.of("--", target.host(), "docker", "system", "dial-stdio"));
        return c;
    }

    private void accept() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Thread.ofVirtual().name("ssh session " + target).start(() -> relay(client));
        }
    }

    private void relay(SocketChannel client) {
        Process ssh;
        try {
            ssh = new ProcessBuilder(command()).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            lastProblem = "the ssh command cannot be started (" + e.getMessage() + "); install OpenSSH's client";
            closeQuietly(client);
            return;
        }
        sessions.add(ssh);
        try (client) {
            InputStream fromClient = Channels.newInputStream(client);
            OutputStream toClient = Channels.newOutputStream(client);
            Thread errors = Thread.ofVirtual().start(() -> remember(ssh.getErrorStream()));
            Thread up = Thread.ofVirtual().start(() -> {
                // ssh's standard input is buffered: each request goes out as soon as it is read, not when 8 KB are
                try (OutputStream toSsh = ssh.getOutputStream()) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n = fromClient.read(buffer); n >= 0; n = fromClient.read(buffer)) {
                        toSsh.write(buffer, 0, n);
                        toSsh.flush();
                    }
                } catch (IOException e) {
                    // the client or the session ended
                }
            });
            try (InputStream fromSsh = ssh.getInputStream()) {
                fromSsh.transferTo(toClient);
            } catch (IOException e) {
                // the client or the session ended
            }
            ssh.waitFor();
            errors.join();
            up.interrupt();
        } catch (IOException | InterruptedException e) {
            // the connection ends with the session either way
        } finally {
            ssh.destroy();
            sessions.remove(ssh);
        }
    }

    private void remember(InputStream stderr) {
        try {
            List<String> lines = new String(stderr.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("Warning: Permanently added")).toList();
            if (!lines.isEmpty()) {
                lastProblem = String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            }
        } catch (IOException e) {
            // the session ended
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        sessions.forEach(Process::destroy);
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the OS clears it
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // ignore
        }
    }
}
