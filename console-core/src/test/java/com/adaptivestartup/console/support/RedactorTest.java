package com.adaptivestartup.console.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.stack.InstallDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing secret reaches a support bundle: the install's secret values, secret settings, tokens, pairs. */
class RedactorTest {
    @TempDir
    Path dir;

    @Test
    void secretsAreTakenOutWhereverTheyAppear() throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/postgres-password"), "pg-Secret-4711\n");
        Files.writeString(dir.resolve("admin-initial-password.txt"), "FirstAdminPw99\n");
        Redactor r = Redactor.forInstall(new InstallDirectory(dir));
        String log = "connecting with pg-Secret-4711 to postgres\nlogin FirstAdminPw99 ok\n"
                + "GET /api/me Authorization: Bearer eyJhbGciOi.payload.sig\n{\"password\":\"hunter2\",\"email\":\"a@b.c\"}\n"
                + "S3 access: secret=abc123 region=eu\n"
                + "DETAIL:  Key (lower(email::text))=(jane.doe+work@acme-corp.example.com) already exists.";
        assertThat(r.redact(log)).isEqualTo("connecting with [redacted] to postgres\nlogin [redacted] ok\n"
                + "GET /api/me Authorization: Bearer [redacted]\n{\"password\":\"[redacted]\",\"email\":\"[email]\"}\n"
                + "S3 access: secret=[redacted] region=eu\n"
                + "DETAIL:  Key (lower(email::text))=([email]) already exists.");
        assertThat(Files.exists(dir.resolve("admin-initial-password.txt"))).isTrue();
    }

    @Test
    void settingsKeepTheirNamesButNotSecretValues() {
        String env = "COMPOSE_PROJECT_NAME=acme\nHTTP_PORT=8080\nGEMINI_API_KEY=AIza123\nS3_SECRET_KEY_FILE=/run/secrets/s3\n"
                + "POSTGRES_PASSWORD=pw\n";
        assertThat(Redactor.settingsOnly(env)).isEqualTo("COMPOSE_PROJECT_NAME=acme\nHTTP_PORT=8080\n"
                + "GEMINI_API_KEY=[redacted]\nS3_SECRET_KEY_FILE=[redacted]\nPOSTGRES_PASSWORD=[redacted]\n");
    }

    @Test
    void aFreshInstallFolderWithNothingSecretChangesNothing() {
        Redactor r = Redactor.forInstall(new InstallDirectory(dir.resolve("missing")));
        assertThat(r.redact("all quiet")).isEqualTo("all quiet");
        assertThat(Files.exists(dir.resolve("missing"))).isFalse();
    }
}
