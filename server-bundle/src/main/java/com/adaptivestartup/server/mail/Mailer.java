package com.adaptivestartup.server.mail;

import com.adaptivestartup.server.config.ServerConfig;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import javax.net.ssl.SSLException;

/**
 * Sends one email through the configured mail server (Jakarta Mail, Angus's implementation), and says why not in a
 * sentence: nothing answering, a name the stack cannot resolve, refused credentials, no STARTTLS offered, a
 * certificate not trusted, a recipient refused. Connection and reply timeouts keep a dead server from holding the
 * outbox's sender.
 */
public final class Mailer {
    private static final String TIMEOUT_MS = "15000";
    private final ServerConfig.Mail settings;
    private final Session session;

    public Mailer(ServerConfig.Mail settings) {
        if (!settings.configured()) {
            throw new IllegalArgumentException("no mail server is configured");
        }
        this.settings = settings;
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", String.valueOf(settings.port()));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.put("mail.smtp.timeout", TIMEOUT_MS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MS);
        p.put("mail.smtp.auth", String.valueOf(settings.username() != null));
        switch (settings.security()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> {
                // a relay on a trusted network
            }
        }
        this.session = Session.getInstance(p);
    }

    public String describe() {
        return settings.host() + ":" + settings.port() + " (" + settings.security().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    public void send(String to, Letter letter) throws MailFailure {
        MimeMessage message;
        try {
            message = message(to, letter);
        } catch (AddressException e) {
            throw new MailFailure("'" + to + "' is not an address mail can be sent to", true, e);
        } catch (MessagingException e) {
            throw new MailFailure("the mail could not be put together: " + e.getMessage(), true, e);
        }
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw failure(e, to);
        }
    }

    private MimeMessage message(String to, Letter letter) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(settings.from(), true));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
        m.setSubject(letter.subject(), StandardCharsets.UTF_8.name());
        m.setSentDate(new Date());
        if (letter.html() == null) {
            m.setText(letter.text(), StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(letter.text(), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setText(letter.html(), StandardCharsets.UTF_8.name(), "html");
            m.setContent(new MimeMultipart("alternative", text, html));
        }
        m.saveChanges();
        return m;
    }

    private MailFailure failure(MessagingException e, String to) {
        String where = "the mail server " + settings.host() + ":" + settings.port();
        Throwable root = rootOf(e);
        if (e instanceof AuthenticationFailedException) {
            return new MailFailure(where + " refused the user name or password", false, e);
        }
        if (e instanceof SendFailedException s && s.getInvalidAddresses() != null && s.getInvalidAddresses().length > 0) {
            return new MailFailure(where + " refused the recipient " + to + ": " + firstLine(s.getMessage()), true, e);
        }
        if (root instanceof UnknownHostException) {
            return new MailFailure("the name " + settings.host() + " is not known to the stack's DNS; check the mail"
                    + " server's name", false, e);
        }
        if (root instanceof ConnectException) {
            return new MailFailure("nothing answers at " + settings.host() + ":" + settings.port()
                    + " (is the mail server running, and is that its port?)", false, e);
        }
        if (root instanceof SocketTimeoutException) {
            return new MailFailure(where + " did not answer within " + Integer.parseInt(TIMEOUT_MS) / 1000 + " s", false, e);
        }
        if (root instanceof SSLException) {
            return new MailFailure("a TLS connection to " + where + " failed (" + firstLine(root.getMessage()) + "); check"
                    + " the security setting (starttls for port 587, tls for 465) and that its certificate is trusted", false, e);
        }
        String text = firstLine(e.getMessage());
        if (text.contains("STARTTLS")) {
            return new MailFailure(where + " does not offer STARTTLS; choose tls (port 465) or, for a relay on a trusted"
                    + " network, none", false, e);
        }
        return new MailFailure(where + " refused the mail: " + text, text.startsWith("5"), e);
    }

    private static Throwable rootOf(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no reason given";
        }
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
