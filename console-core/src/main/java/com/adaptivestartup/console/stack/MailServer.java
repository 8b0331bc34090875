package com.adaptivestartup.console.stack;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The company's mail server the stack sends through (invitations, password resets, notices to admins): its host
 * and port, how the connection is protected, the user name when it asks for one (the password is a secret file,
 * {@code secrets/smtp_password}, never in settings or {@code .env}), and the sender address.
 */
public record MailServer(String host, int port, Security security, String username, String from) {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]{1,190}\\.[^@\\s.<>\"]{2,63}");

    /** How the connection to the mail server is protected. */
    public enum Security {
        STARTTLS("STARTTLS (usually port 587)", 587),
        TLS("TLS from the start (usually port 465)", 465),
        NONE("none: only for a relay on a trusted network (usually port 25)", 25);

        private final String words;
        private final int usualPort;

        Security(String words, int usualPort) {
            this.words = words;
            this.usualPort = usualPort;
        }

        public String words() {
            return words;
        }

        public int usualPort() {
            return usualPort;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Security parse(String text) {
            for (Security s : values()) {
                if (s.name().equalsIgnoreCase(text.strip())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("the mail server's security is 'starttls' (port 587), 'tls' (port 465) or"
                    + " 'none' (a relay on a trusted network); not '" + text + "'");
        }
    }

    /** Checks every value; an {@link IllegalArgumentException} with a sentence and an example when one is wrong. */
    public MailServer {
        if (host == null || !HOST.matcher(host.strip()).matches()) {
            throw new IllegalArgumentException("the mail server must be a host name or address, such as smtp.acme.com;"
                    + " not '" + host + "'");
        }
        host = host.strip();
        if (security == null) {
            security = Security.STARTTLS;
        }
        if (port == 0) {
            port = security.usualPort();
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the mail server's port is a number from 1 to 65535 (587 for STARTTLS, 465"
                    + " for TLS); not " + port);
        }
        username = username == null || username.isBlank() ? null : username.strip();
        if (username != null && (username.length() > 320 || username.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("the mail user name must be one word without spaces; not '" + username + "'");
        }
        String address = from == null ? "" : from.strip();
        String bare = address.contains("<") && address.endsWith(">")
                ? address.substring(address.lastIndexOf('<') + 1, address.length() - 1) : address;
        if (!ADDRESS.matcher(bare).matches() || address.contains("\n") || address.contains("\r")) {
            throw new IllegalArgumentException("the sender must be an email address, such as adaptive@acme.com or"
                    + " \"Adaptive Startup <adaptive@acme.com>\"; not '" + from + "'");
        }
        from = address;
    }

    /** As the console shows it: {@code smtp.acme.com:587 (STARTTLS), as ops@acme.com, from adaptive@acme.com}. */
    public String describe() {
        return host + ":" + port + " (" + security.name() + ")" + (username == null ? "" : ", as " + username)
                + ", from " + from;
    }
}
