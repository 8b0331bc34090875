package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.state.History;
import com.adaptivestartup.console.support.SupportBundle;
import com.adaptivestartup.licensing.license.Edition;
import com.adaptivestartup.licensing.license.License;
import com.adaptivestartup.licensing.license.LicenseVerdict;
import com.adaptivestartup.licensing.license.RegistryAccess;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Believable stand-ins for the Logs, License, Support and History views' operations (tests, screenshots). */
public final class ConsoleFakes {
    public static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    /** The console's clock in tests: {@link #NOW}, in UTC. */
    public static final java.time.Clock CLOCK = java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC);
    /** The console's texts, in English whatever this machine's language. */
    public static final java.util.ResourceBundle TEXT = java.util.ResourceBundle.getBundle("com.adaptivestartup.ui.messages",
            java.util.Locale.ROOT);

    private ConsoleFakes() {
    }

    public static License license(Instant expires) {
        return new License("lic-1", "acme", "Acme Corp", Edition.STANDARD, 25, Set.of("airgap", "ai"), NOW.minusSeconds(86400),
                NOW.minusSeconds(86400), expires, 14, "stable", "1.9.0", LocalDate.of(2027, 6, 30),
                new RegistryAccess("registry.example:5000", "acme", "acme", "pw"), null);
    }

    public static LicenseOperations licenseOperations() {
        return new LicenseOperations() {
            public LicenseVerdict current() {
                return new LicenseVerdict.Valid(license(NOW.plusSeconds(23 * 86400 + 3600)), NOW);
            }

            public LicenseVerdict replace(String keyText) {
                return new LicenseVerdict.Valid(license(NOW.plusSeconds(400 * 86400L)), NOW);
            }

            public LicenseVerdict resetClock() {
                throw new IllegalStateException("The clock check agrees with this computer's clock; there is nothing to reset.");
            }

            private Heartbeat heartbeat = new Heartbeat(true, false, null);

            public Heartbeat heartbeat() {
                return heartbeat;
            }

            public Heartbeat heartbeat(boolean on) {
                heartbeat = new Heartbeat(true, on, heartbeat.standing());
                return heartbeat;
            }

            public Heartbeat sendHeartbeat() {
                heartbeat = new Heartbeat(true, heartbeat.on(), "The license is in good standing (the vendor said so on"
                        + " 2026-11-28T12:00:00Z).");
                return heartbeat;
            }

            public Heartbeat sendHeartbeatIfDue() {
                return heartbeat;
            }
        };
    }

    /** An engine on another machine, chosen in the console, answering; another that does not. */
    public static EngineOperations engineOperations() {
        return new EngineOperations() {
            public Current current() {
                return new Current("Chosen by: the console's engine setting (ssh://admin@docker-host.office.lan)",
                        "Docker 27.3.1 (Ubuntu 24.04.1 LTS), API 1.47, via the console's engine setting"
                                + " (ssh://admin@docker-host.office.lan)", true, false);
            }

            public String choose(String addressOrContext) {
                throw new IllegalStateException("The Docker engine you chose (the console's engine setting: " + addressOrContext
                        + ") could not be reached: SSH said: admin@nas.office.lan: Permission denied (publickey) (the SSH"
                        + " server refused this user's keys: add your public key to that account's ~/.ssh/authorized_keys"
                        + " (or load the key into ssh-agent), or name the right user in ssh://user@host). No other engine was"
                        + " tried, so nothing else was touched. The setting was not changed.");
            }

            public void useThisMachine() {
            }
        };
    }

    public static LogOperations logs() {
        return new LogOperations() {
            public List<String> services() {
                return List.of("backend", "postgres", "redis", "storage", "web");
            }

            public List<String> tail(String service, int lines) {
                return List.of(
                        "2026-11-28T09:58:01Z INFO  AdaptiveServer - Adaptive Startup 1.1.0 listening on 8080",
                        "2026-11-28T09:58:01Z INFO  Migrator - schema at version 5, nothing to migrate",
                        "2026-11-28T09:58:14Z INFO  http - GET /api/orgs 200 4 ms",
                        "2026-11-28T09:59:02Z WARN  file - upload of 48 MB close to the 50 MB limit",
                        "2026-11-28T09:59:40Z INFO  realtime - 3 members connected");
            }

            public AutoCloseable follow(String service, java.util.function.Consumer<String> line) {
                return () -> { };
            }
        };
    }

    public static SupportOperations support() {
        return new SupportOperations() {
            public SupportBundle.Preview preview() {
                return new SupportBundle.Preview("adaptive", List.of(
                        new SupportBundle.Entry("system.json", "{\n  \"version\" : \"1.1.0\",\n  \"os\" : \"Windows 11 10.0 amd64\"\n}"),
                        new SupportBundle.Entry("status.json", "{\n  \"overall\" : \"healthy\"\n}"),
                        new SupportBundle.Entry("logs/backend.log", "09:58:01 connecting to postgres with password [redacted]"),
                        new SupportBundle.Entry("history.json", "[ ]"),
                        new SupportBundle.Entry("config/docker-compose.yml", "services:\n  backend:\n    image: ${BACKEND_IMAGE}"),
                        new SupportBundle.Entry("config/env.txt", "HTTP_PORT=8080\nGEMINI_API_KEY=[redacted]")));
            }

            public Path save(SupportBundle.Preview preview, Path file) {
                return file;
            }
        };
    }

    public static Supplier<List<History.Operation>> history() {
        return () -> List.of(
                new History.Operation("4", "backup", "2026-11-28T02:30:00Z", "2026-11-28T02:30:21Z", "done", "daily at 02:30",
                        List.of()),
                new History.Operation("3", "update", "2026-11-27T16:02:10Z", "2026-11-27T16:03:02Z", "done", "1.0.0 -> 1.1.0",
                        List.of()),
                new History.Operation("2", "update", "2026-11-27T15:40:00Z", "2026-11-27T15:41:30Z", "failed",
                        "the update from 1.0.0 to 1.1.0 failed at step 'deploy'; rolled back to 1.0.0; nothing lost", List.of()),
                new History.Operation("1", "install", "2026-11-20T09:12:44Z", "2026-11-20T09:14:02Z", "done", "1.0.0", List.of()));
    }
}
