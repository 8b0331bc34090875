package com.adaptivestartup.server.accounts;

import com.adaptivestartup.server.config.ServerConfig;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real SMTP server (GreenMail) on a free loopback port, and what it received, read as a person would. */
final class TestMailbox implements AutoCloseable {
    private final GreenMail smtp;
    final int port;

    TestMailbox() {
        this.port = freePort();
        this.smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    /** The stack's settings for it: plain SMTP on loopback, as a relay on a trusted network. */
    ServerConfig.Mail settings() {
        return new ServerConfig.Mail("127.0.0.1", port, ServerConfig.Mail.Security.NONE, null, null,
                "Adaptive Startup <adaptive@acme.example>");
    }

    /** A received mail: who to, its subject, and its plain-text body. */
    record Mail(String to, String subject, String text, String html) {
        /** The first link in the text to a page of the web app. */
        String link() {
            Matcher m = Pattern.compile("https?://\\S+#/\\S+").matcher(text);
            if (!m.find()) {
                throw new AssertionError("no link in: " + text);
            }
            return m.group();
        }

        /** The token at the end of the link. */
        String token() {
            String link = link();
            return java.net.URLDecoder.decode(link.substring(link.lastIndexOf('/') + 1), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Waits (up to 15 s) until {@code to} has received {@code count} mails, and returns them, oldest first. */
    List<Mail> await(String to, int count) {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            List<Mail> mails = received(to);
            if (mails.size() >= count) {
                return mails;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError(to + " received " + mails.size() + " mails in 15 s, not " + count + ": "
                        + mails.stream().map(Mail::subject).toList());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    List<Mail> received(String to) {
        return java.util.Arrays.stream(smtp.getReceivedMessages()).map(TestMailbox::read)
                .filter(m -> m.to().equalsIgnoreCase(to)).toList();
    }

    private static Mail read(MimeMessage m) {
        try {
            String to = m.getRecipients(Message.RecipientType.TO)[0].toString();
            Object content = m.getContent();
            String text;
            String html = null;
            if (content instanceof Multipart parts) {
                text = String.valueOf(parts.getBodyPart(0).getContent());
                html = parts.getCount() > 1 ? String.valueOf(parts.getBodyPart(1).getContent()) : null;
            } else {
                text = String.valueOf(content);
            }
            return new Mail(to, m.getSubject(), text, html);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
