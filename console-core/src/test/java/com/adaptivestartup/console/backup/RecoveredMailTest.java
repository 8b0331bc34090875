package com.adaptivestartup.console.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.stack.MailServer;
import com.adaptivestartup.console.stack.StackSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A recovery onto a new machine sends mail through the server the backed-up installation used (its .env). */
class RecoveredMailTest {
    private static final InstallRequest REQUEST = new InstallRequest("license", Path.of("/tmp/x"), "adaptive", 8080,
            "admin@acme.com", null, "release.asr");
    private static final String ENV = """
            # Written by the Adaptive Startup console. Secrets are in secrets/, not here.
            HTTP_PORT=8080
            MAIL_FROM=Adaptive <adaptive@acme.com>
            SMTP_HOST=smtp.acme.com
            SMTP_PORT=2525
            SMTP_SECURITY=starttls
            SMTP_USERNAME=ops
            """;

    @Test
    void theBackupsMailServerComesBackUnlessTheRecoveryNamesOne() {
        InstallRequest recovered = DisasterRecovery.withBackedUpMail(REQUEST, ENV);
        assertThat(recovered.settings().mail()).isEqualTo(new MailServer("smtp.acme.com", 2525, MailServer.Security.STARTTLS,
                "ops", "Adaptive <adaptive@acme.com>"));

        MailServer chosen = new MailServer("relay.lan", 25, MailServer.Security.NONE, null, "a@acme.com");
        InstallRequest named = REQUEST.withSettings(StackSettings.DEFAULTS.withMail(chosen));
        assertThat(DisasterRecovery.withBackedUpMail(named, ENV).settings().mail()).isEqualTo(chosen);
    }

    @Test
    void aBackupWithoutMailOrWithAnEditedEnvRecoversWithoutMail() {
        assertThat(DisasterRecovery.withBackedUpMail(REQUEST, "HTTP_PORT=8080\n")).isSameAs(REQUEST);
        assertThat(DisasterRecovery.withBackedUpMail(REQUEST, "SMTP_HOST=smtp.acme.com\nMAIL_FROM=nobody\n")).isSameAs(REQUEST);
        assertThat(DisasterRecovery.withBackedUpMail(REQUEST, "")).isSameAs(REQUEST);
    }
}
