package com.adaptivestartup.console.stack;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The address people use to reach the app: a host name ({@code startup.acme.local}, {@code adaptive.acme.com}) or
 * one of this machine's IPv4 addresses, with the HTTPS port, and where its certificate comes from. The server
 * builds every link from {@link #url()}.
 */
public record WebAddress(String host, int httpsPort, CertificateSource source, Acme acme) {
    public static final int DEFAULT_HTTPS_PORT = 443;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    /** Where the certificate for the address comes from. */
    public enum CertificateSource {
        /** Issued by this installation's own certificate authority, which people's computers are told to trust. */
        LOCAL("made here by this installation's own certificate authority"),
        /** The company's own certificate and key, checked before use. */
        OWN("the company's own certificate"),
        /** Issued and renewed inside the stack by an ACME server (Let's Encrypt, or the company's own such as step-ca). */
        ACME("issued and renewed by an ACME server");

        private final String words;

        CertificateSource(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        public static CertificateSource parse(String text) {
            for (CertificateSource s : values()) {
                if (s.name().equalsIgnoreCase(text.strip())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("the certificate is 'local' (made here), 'own' (the company's own) or"
                    + " 'acme' (from an ACME server such as Let's Encrypt); not '" + text + "'");
        }
    }

    /**
     * The ACME server the stack asks for its certificate: its directory URL (Let's Encrypt's
     * {@code https://acme-v02.api.letsencrypt.org/directory}, or the company's step-ca) and the contact email.
     */
    public record Acme(String directory, String email) {
        public Acme {
            java.net.URI uri;
            try {
                uri = new java.net.URI(directory == null ? "" : directory.strip());
            } catch (java.net.URISyntaxException e) {
                uri = null;
            }
            if (uri == null || !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("the ACME server is its directory's https:// address (such as"
                        + " https://acme-v02.api.letsencrypt.org/directory, or your step-ca's .../acme/acme/directory);"
                        + " not '" + directory + "'");
            }
            directory = uri.toString();
            email = email == null ? "" : email.strip();
            if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw new IllegalArgumentException("'" + email + "' is not an email address (the ACME server writes to it"
                        + " before the certificate ends)");
            }
        }
    }

    public WebAddress(String host, int httpsPort, CertificateSource source) {
        this(host, httpsPort, source, null);
    }

    public WebAddress {
        host = checkedHost(host);
        if (httpsPort < 1 || httpsPort > 65535) {
            throw new IllegalArgumentException("the HTTPS port must be from 1 to 65535; not " + httpsPort);
        }
        if (source == null) {
            throw new IllegalArgumentException("say where the certificate comes from: made here, the company's own, or"
                    + " an ACME server");
        }
        if ((source == CertificateSource.ACME) != (acme != null)) {
            throw new IllegalArgumentException(acme == null ? "a certificate from ACME needs the ACME server's directory"
                    + " address" : "an ACME server is given only for a certificate from ACME");
        }
        if (source == CertificateSource.ACME && IPV4.matcher(host).matches()) {
            throw new IllegalArgumentException("an ACME server issues certificates for names, not for the address "
                    + host + "; give the name people use, or choose a certificate made here");
        }
    }

    /** The address as people type it: {@code https://host/}, with the port when it is not 443. */
    public String url() {
        return "https://" + host + (httpsPort == DEFAULT_HTTPS_PORT ? "" : ":" + httpsPort) + "/";
    }

    public boolean isIpAddress() {
        return IPV4.matcher(host).matches();
    }

    /** The host name, lower-cased, or a sentence saying what is wrong with it and what to give instead. */
    public static String checkedHost(String text) {
        String h = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        String fix = "; give the name people will type, such as startup.acme.local or adaptive.acme.com, or one of this"
                + " machine's addresses such as 192.168.1.20";
        if (h.isEmpty()) {
            throw new IllegalArgumentException("the address is empty" + fix);
        }
        if (h.contains("://") || h.contains("/") || h.contains(":")) {
            throw new IllegalArgumentException("'" + text.strip() + "' is a link, not an address: give only the host name"
                    + " (the HTTPS port is a setting of its own)" + fix);
        }
        if (IPV4.matcher(h).matches()) {
            return h;
        }
        if (h.length() > 253) {
            throw new IllegalArgumentException("'" + h + "' is longer than a host name may be (253 characters)" + fix);
        }
        for (String label : h.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + text.strip() + "' is not a valid host name: each part between"
                        + " dots is 1 to 63 letters, digits or '-', not starting or ending with '-'" + fix);
            }
        }
        if (h.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            throw new IllegalArgumentException("'" + h + "' is neither an IPv4 address nor a host name" + fix);
        }
        return h;
    }

    /**
     * Addresses to offer the admin: this machine's name and its IPv4 addresses on the network (not loopback, not
     * Docker's own bridges), the ones a colleague's computer could reach.
     */
    public static List<String> suggestions() {
        Set<String> out = new LinkedHashSet<>();
        try {
            String name = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            checkedHost(name);
            out.add(name);
        } catch (java.io.IOException | IllegalArgumentException e) {
            // no usable name: the addresses below still are
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                String n = nic.getName();
                if (!nic.isUp() || nic.isLoopback() || n.startsWith("docker") || n.startsWith("br-") || n.startsWith("veth")) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
                        out.add(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // the name alone, then
        }
        return new ArrayList<>(out);
    }
}
