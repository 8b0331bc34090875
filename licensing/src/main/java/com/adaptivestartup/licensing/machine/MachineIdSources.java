package com.adaptivestartup.licensing.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where each OS keeps its stable machine id, read the way each OS documents it. */
public final class MachineIdSources {
    private static final Pattern WINDOWS_GUID = Pattern.compile("MachineGuid\\s+REG_SZ\\s+([0-9A-Fa-f-]{36})");
    private static final Pattern MAC_UUID = Pattern.compile("\"IOPlatformUUID\"\\s*=\\s*\"([0-9A-Fa-f-]{36})\"");

    private MachineIdSources() {
    }

    /** A way to read the machine id; empty when it is not there. */
    @FunctionalInterface
    public interface MachineIdSource {
        Optional<String> read();
    }

    public static MachineIdSource forThisOs() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return () -> run(List.of("reg", "query", "HKLM\\SOFTWARE\\Microsoft\\Cryptography", "/v", "MachineGuid"))
                    .flatMap(MachineIdSources::parseWindowsRegQuery);
        }
        if (os.contains("mac")) {
            return () -> run(List.of("ioreg", "-rd1", "-c", "IOPlatformExpertDevice"))
                    .flatMap(MachineIdSources::parseMacIoreg);
        }
        return linux(Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id"));
    }

    /** systemd's {@code /etc/machine-id}, then D-Bus's older copy. */
    public static MachineIdSource linux(Path... candidates) {
        return () -> {
            for (Path candidate : candidates) {
                try {
                    String id = Files.readString(candidate, StandardCharsets.US_ASCII).strip();
                    if (id.matches("[0-9a-fA-F]{32}")) {
                        return Optional.of(id);
                    }
                } catch (IOException | RuntimeException e) {
                    // not there or not readable: try the next place
                }
            }
            return Optional.empty();
        };
    }

    public static Optional<String> parseWindowsRegQuery(String output) {
        Matcher m = WINDOWS_GUID.matcher(output);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public static Optional<String> parseMacIoreg(String output) {
        Matcher m = MAC_UUID.matcher(output);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readNBytes(64 * 1024);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
