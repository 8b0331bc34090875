package com.adaptivestartup.console.outbound;

import com.adaptivestartup.console.update.ChannelTrust;
import com.adaptivestartup.licensing.signing.DocumentKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fetches a channel's signed manifest from the Brain ({@code GET <base>/v1/channels/<channel>}, see
 * docs/brain-api.md), or, for air-gapped sites, from a folder ({@code <folder>/channels/<channel>.asc})
 * or a single file. Only https, or plain http to this machine. Bodies are capped at the channel manifest's
 * size limit; slow, broken and hostile answers become a {@link BrainUnavailable} with a sentence. What is
 * fetched is not trusted here: {@link ChannelTrust} checks it.
 */
public final class BrainClient {
    private static final int MAX = DocumentKind.CHANNEL_MANIFEST.maxEncodedChars();
    private final OutboundHttp outbound;
    private final OkHttpClient http;

    /** Straight out, no proxy: for tests and tools. The consoles pass their {@link OutboundHttp}. */
    public BrainClient() {
        this(OutboundHttp.direct());
    }

    public BrainClient(Duration connectTimeout, Duration callTimeout) {
        this(new OutboundHttp(OutboundHttp.Settings.NONE, connectTimeout, callTimeout));
    }

    public BrainClient(OutboundHttp outbound) {
        this.outbound = outbound;
        this.http = outbound.client();
    }

    /** The Brain could not be asked, or did not answer properly; the message says which. */
    public static final class BrainUnavailable extends RuntimeException {
        public BrainUnavailable(String message) {
            super(message);
        }
    }

    public String fetchChannel(String source, String channel) {
        if (source.startsWith("http://") || source.startsWith("https://")) {
            return fetchHttp(source, channel);
        }
        Path path = Path.of(source);
        Path file = Files.isDirectory(path) ? path.resolve("channels").resolve(channel + ".asc") : path;
        if (!Files.isRegularFile(file)) {
            throw new BrainUnavailable("there is no channel file " + file + " (for an offline site: copy the vendor's"
                    + " channels/ folder there, or point the update source at the file)");
        }
        try {
            if (Files.size(file) > MAX) {
                throw new BrainUnavailable(file + " is far larger than any channel manifest; it is refused");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BrainUnavailable("cannot read " + file + ": " + e.getMessage());
        }
    }

    private String fetchHttp(String base, String channel) {
        HttpUrl url = checkedBase(base, "the update source");
        HttpUrl channelUrl = url.newBuilder().addPathSegments("v1/channels").addPathSegment(channel).build();
        Request request = new Request.Builder().url(channelUrl).header("Accept", "text/plain").get().build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() == 404) {
                throw new BrainUnavailable("the update source has no channel '" + channel + "' (" + channelUrl + ")");
            }
            if (response.code() == 407) {
                throw new BrainUnavailable("the update source cannot be reached (" + channelUrl + "): "
                        + outbound.proxyRefused(channelUrl.toString()));
            }
            if (response.code() != 200) {
                throw new BrainUnavailable("the update source answered HTTP " + response.code() + " for " + channelUrl
                        + (response.code() >= 500 ? "; it may be down for a moment, try again later" : ""));
            }
            ResponseBody body = response.body();
            if (body.contentLength() > MAX) {
                throw new BrainUnavailable("the update source sent " + body.contentLength() + " bytes, far more than a"
                        + " channel manifest; it is refused");
            }
            return readCapped(body.byteStream(), MAX, "the update source sent more than a channel manifest can be");
        } catch (IOException e) {
            throw new BrainUnavailable("the update source cannot be reached (" + channelUrl + "): "
                    + outbound.explain(e, channelUrl.toString()));
        }
    }

    /**
     * POSTs a JSON body to {@code <base>/v1/<path>} and returns the answer's text (a signed document, checked by
     * the caller). Only for a Brain reached over http(s): an offline folder has no one to answer.
     */
    public String post(String base, String path, String json, int maxChars) {
        if (!(base.startsWith("http://") || base.startsWith("https://"))) {
            throw new BrainUnavailable("the update source is a folder (" + base + "); activation and the heartbeat need the"
                    + " vendor's Brain over the network");
        }
        HttpUrl target = checkedBase(base, "the Brain").newBuilder().addPathSegments("v1/" + path).build();
        Request request = new Request.Builder().url(target).header("Accept", "text/plain")
                .post(okhttp3.RequestBody.create(json, okhttp3.MediaType.get("application/json"))).build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() == 407) {
                throw new BrainUnavailable("the Brain cannot be reached (" + target + "): "
                        + outbound.proxyRefused(target.toString()));
            }
            if (response.code() != 200) {
                throw new BrainUnavailable("the Brain answered HTTP " + response.code() + " for " + target
                        + (response.code() >= 500 ? "; it may be down for a moment, try again later" : ""));
            }
            return readCapped(response.body().byteStream(), maxChars, "the Brain sent more than its answer can be");
        } catch (IOException e) {
            throw new BrainUnavailable("the Brain cannot be reached (" + target + "): " + outbound.explain(e, target.toString()));
        }
    }

    /** {@code base} as a URL: https, or plain http only to this machine. */
    private static HttpUrl checkedBase(String base, String what) {
        HttpUrl url = HttpUrl.parse(base);
        if (url == null) {
            throw new BrainUnavailable("'" + base + "' is not a URL");
        }
        if (!url.isHttps() && !isLoopback(url.host())) {
            throw new BrainUnavailable(what + " must use https (plain http only to this machine): " + base);
        }
        return url;
    }

    /** At most {@code max} bytes as text; more is refused without reading it all. */
    private static String readCapped(InputStream body, int max, String tooMuch) throws IOException {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new BrainUnavailable(tooMuch + "; it is refused");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * Downloads a console installer the signed channel lists into {@code folder}, streaming, and keeps it only
     * when its size and SHA-256 are those the channel signed ({@code <name>.partial} until then, deleted when
     * not). {@code source} is where the channel came from: a relative installer path is read from there.
     */
    public Path downloadInstaller(String source, Download installer, Path folder,
                                  java.util.function.LongConsumer progress) {
        Path target = folder.resolve(installer.fileName());
        Path partial = folder.resolve(installer.fileName() + ".partial");
        try {
            Files.createDirectories(folder);
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            long written = 0;
            try (InputStream in = openInstaller(source, installer);
                 java.io.OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    written += n;
                    if (written > installer.size()) {
                        throw new BrainUnavailable("the installer is larger than the channel says (" + installer.size()
                                + " bytes); the download was stopped and deleted");
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    progress.accept(written);
                }
            }
            String actual = java.util.HexFormat.of().formatHex(sha.digest());
            if (written != installer.size() || !actual.equals(installer.sha256())) {
                throw new BrainUnavailable("the downloaded installer is not the one the vendor signed (" + written
                        + " bytes, SHA-256 " + actual + "; expected " + installer.size() + " bytes, " + installer.sha256()
                        + "); it was deleted");
            }
            Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (java.io.InterruptedIOException e) {
            throw new BrainUnavailable("the installer's download stalled (" + installer.url() + "); try again");
        } catch (IOException e) {
            throw new BrainUnavailable("cannot download the installer (" + installer.url() + "): "
                    + (installer.url().contains("://") ? outbound.explain(e, installer.url()) : e.getMessage()));
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a leftover .partial is replaced by the next download
            }
        }
    }

    private InputStream openInstaller(String source, Download installer) throws IOException {
        String url = installer.url();
        boolean remoteSource = source.startsWith("http://") || source.startsWith("https://");
        if (!url.contains("://") && !remoteSource) {
            Path base = Files.isDirectory(Path.of(source)) ? Path.of(source) : Path.of(source).toAbsolutePath().getParent();
            Path file = base.resolve(url).normalize();
            if (!file.startsWith(base.normalize()) || !Files.isRegularFile(file)) {
                throw new BrainUnavailable("the installer " + url + " is not in " + base);
            }
            return Files.newInputStream(file);
        }
        HttpUrl resolved = url.contains("://") ? HttpUrl.parse(url) : HttpUrl.parse(source).newBuilder().addPathSegments(url).build();
        if (resolved == null || !resolved.isHttps() && !isLoopback(resolved.host())) {
            throw new BrainUnavailable("the installer's address must use https: " + url);
        }
        // An installer is tens of MB: no limit on the whole call, only on silence.
        Response response = http.newBuilder().callTimeout(Duration.ZERO).build()
                .newCall(new Request.Builder().url(resolved).get().build()).execute();
        if (response.code() != 200) {
            response.close();
            throw new BrainUnavailable("the update source answered HTTP " + response.code() + " for " + resolved);
        }
        return response.body().byteStream();
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
