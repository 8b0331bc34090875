package com.adaptivestartup.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.console.state.AppDirectories;
import com.adaptivestartup.licensing.license.Edition;
import com.adaptivestartup.licensing.license.License;
import com.adaptivestartup.licensing.license.LicenseIssuer;
import com.adaptivestartup.licensing.license.RegistryAccess;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The operator console on a real stack: installed through console-core from the registry fixture, the
 * console's window (headless) sees it healthy, backs it up from the Backups tab, and turns degraded when a
 * service is stopped from its card. No fakes: the real engine, registry, PostgreSQL and services.
 */
@Tag("e2e")
@ExtendWith(ApplicationExtension.class)
class ConsoleOnRealEngineTest {
    private static final ResourceBundle TEXT = ResourceBundle.getBundle("com.adaptivestartup.ui.messages", java.util.Locale.ROOT);
    @TempDir
    static Path tmp;
    static ConsoleServices services;
    static String project;
    private final FxBackground background = new FxBackground();

    @BeforeAll
    static void install() throws Exception {
        Map<String, String> fixture = new HashMap<>();
        Path env = Path.of("../images/target/fixture/fixture.env");
        if (!Files.isRegularFile(env)) {
            throw new IllegalStateException("the end-to-end fixture is missing (" + env.toAbsolutePath() + "): run"
                    + " images/registry/fixture.sh up first (bin/test does), or skip these with -DexcludedGroups=e2e");
        }
        for (String line : Files.readAllLines(env)) {
            if (!line.startsWith("#") && line.contains("=")) {
                fixture.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        project = "ui" + UUID.randomUUID().toString().substring(0, 8);
        services = new ConsoleServices(Map.of("ADAPTIVE_TRUSTED_KEYS", fixture.get("FIXTURE_VENDOR_PUBLIC_KEY"),
                "ADAPTIVE_PROJECT", project), new AppDirectories(tmp.resolve("console")));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        License license = new License("lic-ui", "acme", "Acme", Edition.STANDARD, 10, Set.of(), now, now,
                now.plus(30, ChronoUnit.DAYS), 0, "stable", null, null, new RegistryAccess(fixture.get("FIXTURE_REGISTRY"),
                "acme", fixture.get("FIXTURE_CUSTOMER_USERNAME"),
                Files.readString(Path.of(fixture.get("FIXTURE_CUSTOMER_PASSWORD_FILE"))).strip()), null);
        String key = new LicenseIssuer(new DocumentSigner(Ed25519Keys.privateKeyFromPem(Files.readString(
                Path.of(fixture.get("FIXTURE_VENDOR_PRIVATE_KEY")))))).issue(license).compact();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        services.core.installService().install(new InstallRequest(key, tmp.resolve("stack"), project, port, "founder@example.com",
                null, fixture.get("FIXTURE_RELEASE_1_0_0")), InstallListener.SILENT);
    }

    @AfterAll
    static void uninstall() {
        services.core.stackService().uninstall(project, false);
        services.close();
    }

    @Start
    void start(Stage stage) {
        OperatorConsole.Built console = OperatorConsole.build(services, services.core.installations().find(project).orElseThrow(),
                background, TEXT, url -> { });
        stage.setOnHidden(e -> console.onClose().run());
        stage.setScene(new Scene(console.root(), 1180, 720));
        stage.show();
        console.start().run();
    }

    @Test
    void healthyThenBackedUpThenDegradedWhenAServiceIsStopped(FxRobot robot) throws Exception {
        Label overall = robot.lookup("#overall").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> overall.getText().equals("Everything is running."));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#card-postgres-use").tryQueryAs(Label.class)
                .map(l -> l.getText().matches("CPU \\d+%  \u00b7  RAM \\d+ MB / .*")).orElse(false));

        // the header: the version installed, the license's days, the engine; the status line says when it last heard
        assertThat(robot.lookup("#header-version").queryAs(Label.class).getText()).as("as installed, with no update"
                + " channel to ask").isEqualTo("Version 1.0.0");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !robot.lookup("#header-license").queryAs(Label.class).getText()
                .isEmpty() && !robot.lookup("#header-engine").queryAs(Label.class).getText().isEmpty()
                && !robot.lookup("#summary-backup").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#header-license").queryAs(Label.class).getText()).matches("Licensed, (29|30) days left");
        assertThat(robot.lookup("#header-engine").queryAs(Label.class).getText()).startsWith("Engine: Docker ");
        assertThat(robot.lookup("#status-line").queryAs(Label.class).getText()).startsWith("Refreshed at ");
        assertThat(robot.lookup("#summary-backup").queryAs(Label.class).getText()).isEqualTo("No backup yet");

        robot.clickOn("#section-backups");
        TableView<?> backups = robot.lookup("#backups").queryAs(TableView.class);
        robot.clickOn("#backup-now");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> backups.getItems().size() == 1);
        assertThat(robot.lookup("#backups-progress").queryAs(Label.class).getText()).endsWith(" is done.");

        robot.clickOn("#section-dashboard");
        assertThat(robot.lookup("#summary-backup").queryAs(Label.class).getText()).startsWith("Last backup ")
                .endsWith(", not verified yet");
        robot.clickOn("#card-redis-stop");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> overall.getText().equals("Something is down or unhealthy."));
        assertThat(robot.lookup("#card-redis-state").queryAs(Label.class).getText()).contains("exited");

        robot.clickOn("#section-history");
        TableView<?> history = robot.lookup("#history").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> history.getItems().size() >= 2);
        background.close();
    }
}
