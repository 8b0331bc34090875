package com.adaptivestartup.console.outbound;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which proxy a request goes through, as curl and Docker read {@code HTTPS_PROXY}, {@code HTTP_PROXY} and
 * {@code NO_PROXY}: https URLs through the https proxy, http URLs through the http one, none for a host NO_PROXY
 * names (the host itself, or any name under a domain: {@code example.com} and {@code .example.com} both cover
 * {@code a.example.com}; {@code *} covers all; an IP address or CIDR block covers those addresses). This machine
 * (localhost, loopback addresses) is always reached directly, as Go's and Docker's clients do. With no proxy named,
 * the operating system's proxies are used when asked for (Windows' and macOS's settings, through the JDK).
 */
public final class ProxyRules extends ProxySelector {
    private final Optional<URI> httpsProxy;
    private final Optional<URI> httpProxy;
    private final List<String> noProxy;
    private final ProxySelector fallback;

    /** {@code fallback}: asked when no proxy is named (the OS's), or null for none. */
    public ProxyRules(Optional<URI> httpsProxy, Optional<URI> httpProxy, List<String> noProxy, ProxySelector fallback) {
        this.httpsProxy = httpsProxy;
        this.httpProxy = httpProxy;
        this.noProxy = noProxy.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        this.fallback = fallback;
    }

    /** The proxy URL (with any user and password) a request to {@code uri} goes through, or empty for none. */
    public Optional<URI> proxyFor(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (isThisMachine(host) || bypassed(host)) {
            return Optional.empty();
        }
        Optional<URI> named = "https".equalsIgnoreCase(uri.getScheme()) ? httpsProxy.or(() -> httpProxy) : httpProxy;
        if (named.isPresent() || httpsProxy.isPresent()) {
            return named;
        }
        if (fallback != null) {
            for (Proxy p : fallback.select(uri)) {
                if (p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress a) {
                    return Optional.of(URI.create("http://" + a.getHostString() + ":" + a.getPort()));
                }
            }
        }
        return Optional.empty();
    }

    /** In words, for preflight and errors: "through the proxy proxy.example.com:3128", or "directly". */
    public String describe(URI uri) {
        return proxyFor(uri).map(p -> "through the proxy " + p.getHost() + ":" + port(p)).orElse("directly");
    }

    @Override
    public List<Proxy> select(URI uri) {
        return proxyFor(uri).map(p -> List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(),
                port(p))))).orElse(List.of(Proxy.NO_PROXY));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {
        // nothing to remember: the error reaches the caller, who says it in words
    }

    /** The user and password the proxy URL carries for {@code proxyHost}, or empty. */
    public Optional<String[]> credentialsFor(String proxyHost, int proxyPort) {
        List<URI> all = new ArrayList<>();
        httpsProxy.ifPresent(all::add);
        httpProxy.ifPresent(all::add);
        return all.stream().filter(p -> p.getHost().equalsIgnoreCase(proxyHost) && port(p) == proxyPort)
                .map(URI::getRawUserInfo).filter(u -> u != null && !u.isEmpty())
                .map(u -> {
                    String[] parts = u.split(":", 2);
                    return new String[] {decode(parts[0]), parts.length == 2 ? decode(parts[1]) : ""};
                }).findFirst();
    }

    static int port(URI proxy) {
        return proxy.getPort() > 0 ? proxy.getPort() : "https".equalsIgnoreCase(proxy.getScheme()) ? 443 : 80;
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private boolean bypassed(String host) {
        for (String rule : noProxy) {
            if (rule.equals("*")) {
                return true;
            }
            if (rule.contains("/") && inBlock(host, rule)) {
                return true;
            }
            String domain = rule.startsWith(".") ? rule.substring(1) : rule;
            int colon = domain.lastIndexOf(':');
            if (colon > 0 && !domain.contains("]") && domain.indexOf(':') == colon) {
                domain = domain.substring(0, colon);   // a port in NO_PROXY applies to the host whatever the port
            }
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inBlock(String host, String cidr) {
        try {
            String[] parts = cidr.split("/", 2);
            byte[] net = literal(parts[0]);
            byte[] addr = literal(host.replace("[", "").replace("]", ""));
            int bits = Integer.parseInt(parts[1]);
            if (net.length != addr.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((net[i / 8] & mask) != (addr[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;   // not an address, or not a block: the rule does not apply
        }
    }

    /** An IP address written out (never a name: nothing is looked up), else IllegalArgumentException. */
    private static byte[] literal(String text) {
        if (!text.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("not an address: " + text);
        }
        try {
            return java.net.InetAddress.getByName(text).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + text, e);
        }
    }

    private static boolean isThisMachine(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.") || host.equals("::1")
                || host.equals("[::1]");
    }
}
