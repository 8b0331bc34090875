package com.adaptivestartup.console.outbound;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;

/**
 * The console's own HTTP to the outside world (the Brain, release manifests, installer downloads), set up once:
 * the proxies a company network needs ({@link ProxyRules}, with the user and password a proxy URL carries), the
 * extra certificate authorities its TLS-inspecting proxy needs ({@link TrustedCertificates}), and failures said in
 * words that name the way out. This machine's own services (the stack, the engine) are never reached through here.
 */
public final class OutboundHttp {
    private final Settings settings;
    private final ProxyRules proxies;
    private final TrustedCertificates trust;
    private final OkHttpClient client;

    /**
     * What the admin set (the console's network settings) or the environment says; {@code from} names where each came
     * from, for `adaptivectl network show` and preflight.
     */
    public record Settings(Optional<URI> httpsProxy, Optional<URI> httpProxy, List<String> noProxy, Optional<Path> caBundle,
                           boolean systemProxies, String from) {
        public static final Settings NONE = new Settings(Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                false, "nothing set");

        /** HTTPS_PROXY, HTTP_PROXY, NO_PROXY (either case) and ADAPTIVE_CA_BUNDLE; the OS's proxies when none is named. */
        public static Settings fromEnvironment(Map<String, String> env) {
            Optional<URI> https = proxyUrl(first(env, "HTTPS_PROXY", "https_proxy"));
            Optional<URI> http = proxyUrl(first(env, "HTTP_PROXY", "http_proxy"));
            List<String> no = first(env, "NO_PROXY", "no_proxy").map(s -> Arrays.asList(s.split(","))).orElse(List.of());
            Optional<Path> ca = first(env, "ADAPTIVE_CA_BUNDLE").map(Path::of);
            boolean any = https.isPresent() || http.isPresent() || ca.isPresent();
            return new Settings(https, http, no, ca, https.isEmpty() && http.isEmpty(), any ? "the environment"
                    : "the operating system's proxy settings");
        }

        /** The admin's saved settings (each null when not set) over the environment's. */
        public Settings withSaved(String proxy, String noProxyList, String caBundle) {
            if (proxy == null && noProxyList == null && caBundle == null) {
                return this;
            }
            Optional<URI> p = proxy == null ? Optional.empty() : proxyUrl(Optional.of(proxy));
            return new Settings(proxy == null ? httpsProxy : p, proxy == null ? httpProxy : p,
                    noProxyList == null ? noProxy : Arrays.asList(noProxyList.split(",")),
                    caBundle == null ? caBundle() : Optional.of(Path.of(caBundle)),
                    proxy == null && systemProxies, "the console's network settings");
        }

        /** A proxy address as given ("proxy:3128" is taken as http); refused in words when it cannot be used. */
        public static Optional<URI> proxyUrl(Optional<String> text) {
            return text.map(String::strip).filter(s -> !s.isEmpty()).map(s -> {
                URI uri;
                try {
                    uri = URI.create(s.contains("://") ? s : "http://" + s);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + s + "' is not a proxy address; write it as"
                            + " http://proxy.example.com:3128 (or http://user:password@proxy.example.com:3128)");
                }
                if (!"http".equalsIgnoreCase(uri.getScheme())) {
                    throw new IllegalArgumentException("the proxy " + s + " is reached with " + uri.getScheme()
                            + "; the console speaks to proxies over http (http://proxy.example.com:3128), which carries"
                            + " https requests end to end encrypted");
                }
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("'" + s + "' names no proxy host; write it as"
                            + " http://proxy.example.com:3128");
                }
                return uri;
            });
        }

        private static Optional<String> first(Map<String, String> env, String... names) {
            for (String n : names) {
                String v = env.get(n);
                if (v != null && !v.isBlank()) {
                    return Optional.of(v.strip());
                }
            }
            return Optional.empty();
        }
    }

    public OutboundHttp(Settings settings) {
        this(settings, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public OutboundHttp(Settings settings, Duration connectTimeout, Duration callTimeout) {
        this.settings = settings;
        this.proxies = new ProxyRules(settings.httpsProxy(), settings.httpProxy(), settings.noProxy(),
                settings.systemProxies() ? systemProxies() : null);
        this.trust = settings.caBundle().map(TrustedCertificates::withBundle).orElseGet(TrustedCertificates::jdk);
        this.client = new OkHttpClient.Builder().connectTimeout(connectTimeout).readTimeout(callTimeout)
                .callTimeout(callTimeout).followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(true)
                .proxySelector(proxies)
                .proxyAuthenticator((route, response) -> {
                    if (response.request().header("Proxy-Authorization") != null) {
                        return null;   // these credentials were refused: asking again would not help
                    }
                    var address = route == null ? null : route.proxy().address();
                    if (!(address instanceof java.net.InetSocketAddress a)) {
                        return null;
                    }
                    return proxies.credentialsFor(a.getHostString(), a.getPort())
                            .map(c -> response.request().newBuilder()
                                    .header("Proxy-Authorization", Credentials.basic(c[0], c[1])).build())
                            .orElse(null);
                })
                .sslSocketFactory(trust.socketFactory(), trust.trustManager())
                .build();
    }

    /** Straight out, with the JDK's authorities: for tests and tools that must not pick up a proxy. */
    public static OutboundHttp direct() {
        return new OutboundHttp(Settings.NONE);
    }

    public OkHttpClient client() {
        return client;
    }

    public Settings settings() {
        return settings;
    }

    public ProxyRules proxies() {
        return proxies;
    }

    /** The address could not be reached; the message says why in words. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An answer: its status and (at most the asked number of characters of) its body. */
    public record Answer(int status, String body) {
    }

    /**
     * GETs {@code url} as text; a body longer than {@code maxChars} is cut there (the caller's check of the signed
     * content refuses it). Throws {@link Unreachable} when nothing answers, in words (a 407 is said as the proxy's).
     */
    public Answer getText(String url, int maxChars) {
        okhttp3.Request request = new okhttp3.Request.Builder().url(url).get().build();
        try (okhttp3.Response response = client.newCall(request).execute()) {
            if (response.code() == 407) {
                throw new Unreachable(proxyRefused(url), null);
            }
            byte[] bytes = response.body().byteStream().readNBytes(maxChars + 1);
            return new Answer(response.code(), new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unreachable(explain(e, url), e);
        }
    }

    /** "through the proxy proxy.example.com:3128" or "directly". */
    public String route(String url) {
        return proxies.describe(URI.create(url));
    }

    /** An answer of HTTP 407: the proxy wants (other) credentials. */
    public String proxyRefused(String url) {
        Optional<URI> proxy = proxies.proxyFor(URI.create(url));
        String where = proxy.map(p -> p.getHost() + ":" + ProxyRules.port(p)).orElse("on the way");
        return proxy.map(URI::getRawUserInfo).filter(u -> u != null && !u.isEmpty()).isPresent()
                ? "the proxy " + where + " refused the user name and password (HTTP 407); check the user:password in the"
                + " proxy address"
                : "the proxy " + where + " asks for a user name and password (HTTP 407); give them in the proxy address:"
                + " http://user:password@" + where;
    }

    /** Why {@code url} could not be fetched, in words that name the fix. */
    public String explain(IOException e, String url) {
        URI uri = URI.create(url);
        Optional<URI> proxy = proxies.proxyFor(uri);
        String proxyName = proxy.map(p -> p.getHost() + ":" + ProxyRules.port(p)).orElse(null);
        String message = String.valueOf(e.getMessage());
        if (message.contains("Failed to authenticate with proxy") || message.contains("407")) {
            return proxyRefused(url);
        }
        if (e instanceof java.net.UnknownHostException) {
            return proxyName != null && message.contains(proxy.get().getHost())
                    ? "the proxy's name " + proxy.get().getHost() + " cannot be found; check the proxy address"
                    : "the name " + uri.getHost() + " cannot be found" + (proxyName == null ? " (no network, or this"
                    + " network reaches the internet only through a proxy: set HTTPS_PROXY, or `adaptivectl network set"
                    + " --proxy http://proxy:3128`)" : " by the proxy " + proxyName);
        }
        if (e instanceof SSLException || e.getCause() instanceof java.security.cert.CertificateException
                || message.contains("PKIX") || message.contains("certification path")) {
            return "the certificate of " + uri.getHost() + " is not signed by an authority this console trusts"
                    + (trust.extraCertificates() > 0 ? " (nor by the " + trust.extraCertificates() + " in "
                    + settings.caBundle().orElseThrow() + ")" : "") + ". If a company proxy inspects TLS, name its CA:"
                    + " `adaptivectl network set --ca-bundle <file.pem>` (or ADAPTIVE_CA_BUNDLE)";
        }
        if (e instanceof java.net.ConnectException) {
            return proxyName != null ? "the proxy " + proxyName + " does not answer; check the proxy address"
                    : "nothing answers at " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        }
        if (e instanceof java.io.InterruptedIOException) {
            return uri.getHost() + " did not answer in time (" + route(url) + ")";
        }
        return message.toLowerCase(Locale.ROOT).startsWith("unexpected") ? message + " (" + route(url) + ")" : message;
    }

    private static ProxySelector systemProxies() {
        // The JDK reads Windows' and macOS's proxy settings (and GNOME's) only when asked to before its first use.
        if (System.getProperty("java.net.useSystemProxies") == null) {
            System.setProperty("java.net.useSystemProxies", "true");
        }
        return ProxySelector.getDefault();
    }
}
