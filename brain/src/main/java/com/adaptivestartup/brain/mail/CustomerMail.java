package com.adaptivestartup.brain.mail;

import com.adaptivestartup.brain.licenses.LicenseDesk;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The Brain's mail to customers, through the vendor's mail server (SMTP with STARTTLS when it offers it, Jakarta Mail as
 * the server's own mail uses): the welcome mail once their images are built (their license key, where the console is
 * downloaded, the three steps to a running stack), and the letters of {@link MailOutbox} (a renewed license, a failed
 * payment).
 */
public final class CustomerMail {
    private final Session session;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final InternetAddress from;
    private final String consoleDownload;

    public CustomerMail(String host, int port, String username, String password, String from, String consoleDownload) {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.connectiontimeout", "15000");
        p.put("mail.smtp.timeout", "15000");
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.auth", String.valueOf(username != null));
        this.session = Session.getInstance(p);
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        try {
            this.from = new InternetAddress(from, true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("'" + from + "' is not a sender address");
        }
        this.consoleDownload = consoleDownload;
    }

    /** Sends the welcome mail to {@code to}; the mail server's refusal in its words. */
    public void welcome(String to, LicenseDesk.Issued license) throws MessagingException {
        send(to, "Your Adaptive Startup is ready", """
                Welcome to Adaptive Startup, self-hosted.

                Your images are built and waiting in the registry. To run them on your own server:

                1. Download the console: %s
                2. Open it and paste your license key below when it asks (or save it as adaptive.lic).
                3. Follow the checks; the console installs, and shows the address of your Adaptive Startup.

                Your license key (keep it: it also lets the console download updates):

                %s

                It is valid until %s and renews with each paid period.
                """.formatted(consoleDownload, license.text(), license.expiresAt()));
    }

    /** Sends a plain-text letter to {@code to}; the mail server's refusal in its words. */
    public void send(String to, String subject, String text) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(from);
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        m.setSubject(subject, StandardCharsets.UTF_8.name());
        m.setText(text, StandardCharsets.UTF_8.name());
        try (Transport t = session.getTransport("smtp")) {
            t.connect(host, port, username, password);
            t.sendMessage(m, m.getAllRecipients());
        }
    }
}
