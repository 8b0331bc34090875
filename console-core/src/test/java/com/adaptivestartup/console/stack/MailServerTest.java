package com.adaptivestartup.console.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MailServerTest {
    @Test
    void aMailServerGoesIntoEnvAndSettingsWithItsUsualPortAndNeverItsPassword() {
        MailServer mail = new MailServer(" smtp.acme.com ", 0, MailServer.Security.TLS, "ops@acme.com",
                "Adaptive Startup <adaptive@acme.com>");
        assertThat(mail.port()).isEqualTo(465);
        StackSettings settings = StackSettings.DEFAULTS.withMail(mail);
        assertThat(settings.env()).containsEntry("SMTP_HOST", "smtp.acme.com").containsEntry("SMTP_PORT", "465")
                .containsEntry("SMTP_SECURITY", "tls").containsEntry("SMTP_USERNAME", "ops@acme.com")
                .containsEntry("MAIL_FROM", "Adaptive Startup <adaptive@acme.com>");
        assertThat(settings.env().toString()).doesNotContainIgnoringCase("password");
        assertThat(StackSettings.fromJson(settings.toJson())).isEqualTo(settings);
        assertThat(StackSettings.fromJson(settings.toJson()).withMail(null).env()).doesNotContainKey("SMTP_HOST");
        assertThat(mail.describe()).isEqualTo("smtp.acme.com:465 (TLS), as ops@acme.com, from Adaptive Startup <adaptive@acme.com>");
    }

    @Test
    void aReleaseWhoseComposeFileHasNoMailKeepsTheSettingForTheNextUpdate() {
        StackSettings settings = StackSettings.DEFAULTS.withMail(new MailServer("mail.lan", 25, MailServer.Security.NONE, null,
                "a@acme.com"));
        assertThat(settings.supportedBy("HTTP_PORT: ${HTTP_PORT}").mail()).isNull();
        assertThat(settings.unsupportedBy("HTTP_PORT: ${HTTP_PORT}")).contains("SMTP_HOST");
        assertThat(settings.supportedBy("SMTP_HOST: ${SMTP_HOST:-}").mail()).isEqualTo(settings.mail());
    }

    @Test
    void eachBadValueIsRefusedWithWhatToGiveInstead() {
        assertThatThrownBy(() -> new MailServer("smtp://acme.com", 587, null, null, "a@acme.com"))
                .hasMessage("the mail server must be a host name or address, such as smtp.acme.com; not 'smtp://acme.com'");
        assertThatThrownBy(() -> new MailServer("smtp.acme.com", 70000, null, null, "a@acme.com"))
                .hasMessageStartingWith("the mail server's port is a number from 1 to 65535");
        assertThatThrownBy(() -> new MailServer("smtp.acme.com", 587, null, "two words", "a@acme.com"))
                .hasMessageStartingWith("the mail user name must be one word");
        assertThatThrownBy(() -> new MailServer("smtp.acme.com", 587, null, null, "adaptive"))
                .hasMessageStartingWith("the sender must be an email address, such as adaptive@acme.com");
        assertThatThrownBy(() -> new MailServer("smtp.acme.com", 587, null, null, "a@acme.com\r\nBcc: x@evil.com"))
                .hasMessageStartingWith("the sender must be an email address");
        assertThatThrownBy(() -> MailServer.Security.parse("ssl"))
                .hasMessageStartingWith("the mail server's security is 'starttls' (port 587), 'tls' (port 465) or 'none'");
    }
}
