package com.adaptivestartup.console.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the admin chose about how the stack runs, kept with the installation and written into {@code .env} at
 * every install, update and rollback: the address the web port listens on ({@code HTTP_BIND}; unset: every
 * interface), a service's memory limit ({@code <SERVICE>_MEMORY}, over the release's measured default) and the
 * address people use with its HTTPS port ({@code PUBLIC_URL}, {@code HTTPS_PORT}, {@code HTTPS_BIND},
 * {@code HSTS_MAX_AGE}; none: the app over plain HTTP, as before 1.2.0), and the mail server the stack sends
 * through ({@code SMTP_*}, {@code MAIL_FROM}; none: no mail, as before 1.2.0), and how many server containers share
 * the load ({@code BACKEND_REPLICAS}; one unless the admin chose more). {@code edition}: which of the release's
 * templates the installation runs ({@link Edition}; the full stack unless the admin chose the single container).
 * A release's compose file reads them as {@code ${HTTP_BIND:-0.0.0.0}} and {@code ${BACKEND_MEMORY:-768m}}; one
 * that does not (before 1.2.0) cannot honour them, and the install says so instead of ignoring them.
 */
public record StackSettings(String bindAddress, Map<String, String> memory, WebAddress web, MailServer mail,
                            Edition edition, int backendReplicas) {
    public static final StackSettings DEFAULTS = new StackSettings(null, Map.of(), null, null);
    /** A year: browsers then refuse plain HTTP to the address. Not for a certificate made here (see env()). */
    static final String HSTS_YEAR = "31536000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern SIZE = Pattern.compile("\\d{1,6}[mg]");
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9]{0,30}");
    /** The compose file's count of server containers: {@code deploy.replicas: ${BACKEND_REPLICAS:-1}}. */
    public static final String REPLICAS_VARIABLE = "BACKEND_REPLICAS";

    public StackSettings {
        memory = Map.copyOf(new TreeMap<>(memory));
        edition = edition == null ? Edition.FULL : edition;
        backendReplicas = Math.max(1, backendReplicas);
    }

    /** The full stack's settings. */
    public StackSettings(String bindAddress, Map<String, String> memory, WebAddress web, MailServer mail) {
        this(bindAddress, memory, web, mail, Edition.FULL, 1);
    }

    /** These settings for this edition. */
    public StackSettings withEdition(Edition chosen) {
        if (chosen == Edition.SINGLE && backendReplicas > 1) {
            throw new IllegalArgumentException("the single container runs one server on its own SQLite file; only the full"
                    + " edition runs several (this installation asks for " + backendReplicas + ")");
        }
        return new StackSettings(bindAddress, memory, web, mail, chosen, backendReplicas);
    }

    /**
     * These settings with {@code count} server containers sharing the load (1 to {@value ComposeTemplate#MOST_REPLICAS});
     * an {@link IllegalArgumentException} with a sentence for another count or the single container.
     */
    public StackSettings withBackendReplicas(int count) {
        if (count < 1 || count > ComposeTemplate.MOST_REPLICAS) {
            throw new IllegalArgumentException("the server runs as 1 to " + ComposeTemplate.MOST_REPLICAS + " containers, not "
                    + count + " (each takes its memory limit; two cores are busy with two)");
        }
        if (count > 1 && edition == Edition.SINGLE) {
            throw new IllegalArgumentException("the single container runs one server on its own SQLite file; to run several,"
                    + " move to the full edition first (`adaptivectl edition full`)");
        }
        return new StackSettings(bindAddress, memory, web, mail, edition, count);
    }

    /** The settings after a check of each value; an {@link IllegalArgumentException} with a sentence when one is wrong. */
    public static StackSettings of(String bindAddress, Map<String, String> memory) {
        if (bindAddress != null && !IPV4.matcher(bindAddress).matches()) {
            throw new IllegalArgumentException("'" + bindAddress + "' is not an IPv4 address: use 127.0.0.1 (this computer"
                    + " only), 0.0.0.0 (every interface) or one of this machine's addresses");
        }
        Map<String, String> checked = new LinkedHashMap<>();
        memory.forEach((service, size) -> {
            String s = size.strip().toLowerCase(Locale.ROOT);
            if (!SERVICE.matcher(service).matches()) {
                throw new IllegalArgumentException("'" + service + "' is not a service name (such as backend or postgres)");
            }
            if (!SIZE.matcher(s).matches() || megabytes(s) < 64) {
                throw new IllegalArgumentException("the memory for " + service + " must be a size such as 512m or 2g, at"
                        + " least 64m; not '" + size + "'");
            }
            checked.put(service, s);
        });
        return new StackSettings(bindAddress, checked, null, null, Edition.FULL, 1);
    }

    /** These settings with this address (null: none, plain HTTP). */
    public StackSettings withWeb(WebAddress address) {
        return new StackSettings(bindAddress, memory, address, mail, edition, backendReplicas);
    }

    /** These settings with this mail server (null: none, no mail). */
    public StackSettings withMail(MailServer server) {
        return new StackSettings(bindAddress, memory, web, server, edition, backendReplicas);
    }

    /** These settings with the web port's address and memory limits of {@code other}, and this one's address and mail. */
    public StackSettings withPortAndMemoryOf(StackSettings other) {
        return new StackSettings(other.bindAddress, other.memory, web, mail, edition, backendReplicas);
    }

    /** The {@code .env} entries these settings make. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        if (bindAddress != null) {
            env.put("HTTP_BIND", bindAddress);
        }
        memory.forEach((service, size) -> env.put(memoryVariable(service), size));
        if (backendReplicas > 1) {
            env.put(REPLICAS_VARIABLE, String.valueOf(backendReplicas));
        }
        if (web != null) {
            env.put("PUBLIC_URL", web.url());
            env.put("HTTPS_PORT", String.valueOf(web.httpsPort()));
            env.put("HTTPS_BIND", bindOrAll());
            // A certificate made here is trusted only once each computer trusts this installation's authority:
            // until then HSTS would lock people out of the warning page, so it is on for the company's own only.
            env.put("HSTS_MAX_AGE", web.source() == WebAddress.CertificateSource.LOCAL ? "0" : HSTS_YEAR);
            if (web.acme() != null) {
                env.put("ACME_DIRECTORY", web.acme().directory());
                env.put("ACME_EMAIL", web.acme().email());
            }
        }
        if (mail != null) {
            env.put("SMTP_HOST", mail.host());
            env.put("SMTP_PORT", String.valueOf(mail.port()));
            env.put("SMTP_SECURITY", mail.security().wire());
            env.put("SMTP_USERNAME", mail.username() == null ? "" : mail.username());
            env.put("MAIL_FROM", mail.from());
        }
        return env;
    }

    /** The address to check the web port on before installing. */
    public String bindOrAll() {
        return bindAddress == null ? "0.0.0.0" : bindAddress;
    }

    /** Every variable these settings need the release's compose file to read; empty when it reads them all. */
    public Optional<String> unsupportedBy(String composeTemplate) {
        return env().keySet().stream().filter(v -> !composeTemplate.contains("${" + v)).findFirst();
    }

    /** These settings without those the release's compose file does not read (kept for a later release that does). */
    public StackSettings supportedBy(String composeTemplate) {
        Map<String, String> memoryKept = new LinkedHashMap<>();
        memory.forEach((service, size) -> {
            if (composeTemplate.contains("${" + memoryVariable(service))) {
                memoryKept.put(service, size);
            }
        });
        return new StackSettings(composeTemplate.contains("${HTTP_BIND") ? bindAddress : null, memoryKept,
                composeTemplate.contains("${PUBLIC_URL") ? web : null, composeTemplate.contains("${SMTP_HOST") ? mail : null,
                edition, composeTemplate.contains("${" + REPLICAS_VARIABLE) ? backendReplicas : 1);
    }

    static String memoryVariable(String service) {
        return service.toUpperCase(Locale.ROOT) + "_MEMORY";
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bindAddress", bindAddress);
        m.put("memory", memory);
        if (edition != Edition.FULL) {
            m.put("edition", edition.key());
        }
        if (backendReplicas > 1) {
            m.put("backendReplicas", backendReplicas);
        }
        if (web != null) {
            Map<String, Object> w = new LinkedHashMap<>(Map.of("host", web.host(), "httpsPort", web.httpsPort(),
                    "source", web.source().name()));
            if (web.acme() != null) {
                w.put("acmeDirectory", web.acme().directory());
                w.put("acmeEmail", web.acme().email());
            }
            m.put("web", w);
        }
        if (mail != null) {
            Map<String, Object> w = new LinkedHashMap<>(Map.of("host", mail.host(), "port", mail.port(),
                    "security", mail.security().name(), "from", mail.from()));
            if (mail.username() != null) {
                w.put("username", mail.username());
            }
            m.put("mail", w);
        }
        try {
            return JSON.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** From the state database; a missing or unreadable value is the defaults. */
    public static StackSettings fromJson(String json) {
        if (json == null || json.isBlank()) {
            return DEFAULTS;
        }
        try {
            JsonNode n = JSON.readTree(json);
            Map<String, String> memory = new LinkedHashMap<>();
            n.path("memory").properties().forEach(e -> memory.put(e.getKey(), e.getValue().asText()));
            JsonNode w = n.path("web");
            WebAddress web = w.isObject() ? new WebAddress(w.path("host").asText(), w.path("httpsPort").asInt(),
                    WebAddress.CertificateSource.parse(w.path("source").asText()), w.hasNonNull("acmeDirectory")
                    ? new WebAddress.Acme(w.get("acmeDirectory").asText(), w.path("acmeEmail").asText()) : null) : null;
            JsonNode m = n.path("mail");
            MailServer mail = m.isObject() ? new MailServer(m.path("host").asText(), m.path("port").asInt(),
                    MailServer.Security.parse(m.path("security").asText()), m.hasNonNull("username")
                    ? m.get("username").asText() : null, m.path("from").asText()) : null;
            return new StackSettings(n.hasNonNull("bindAddress") ? n.get("bindAddress").asText() : null, memory, web, mail,
                    n.hasNonNull("edition") ? Edition.parse(n.get("edition").asText()) : Edition.FULL,
                    Math.min(n.path("backendReplicas").asInt(1), ComposeTemplate.MOST_REPLICAS));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return DEFAULTS;
        }
    }

    private static long megabytes(String size) {
        long n = Long.parseLong(size.substring(0, size.length() - 1));
        return size.endsWith("g") ? n * 1024 : n;
    }
}
