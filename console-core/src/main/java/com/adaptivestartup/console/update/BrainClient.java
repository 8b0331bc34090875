package com.adaptivestartup.console.update;

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
    private final OkHttpClient http;

    public BrainClient() {
        this(Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public BrainClient(Duration connectTimeout, Duration callTimeout) {
        this.http = new OkHttpClient.Builder().connectTimeout(connectTimeout).readTimeout(callTimeout)
                .callTimeout(callTimeout).followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(true)
                .build();
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
        HttpUrl url = HttpUrl.parse(base);
        if (url == null) {
            throw new BrainUnavailable("'" + base + "' is not a URL");
        }
        if (!url.isHttps() && !isLoopback(url.host())) {
            throw new BrainUnavailable("the update source must use https (plain http only to this machine): " + base);
        }
        HttpUrl channelUrl = url.newBuilder().addPathSegments("v1/channels").addPathSegment(channel).build();
        Request request = new Request.Builder().url(channelUrl).header("Accept", "text/plain").get().build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() == 404) {
                throw new BrainUnavailable("the update source has no channel '" + channel + "' (" + channelUrl + ")");
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
            try (InputStream in = body.byteStream()) {
                byte[] bytes = in.readNBytes(MAX + 1);
                if (bytes.length > MAX) {
                    throw new BrainUnavailable("the update source sent more than a channel manifest can be; it is refused");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (java.io.InterruptedIOException e) {
            throw new BrainUnavailable("the update source did not answer in time (" + channelUrl + ")");
        } catch (IOException e) {
            throw new BrainUnavailable("the update source cannot be reached (" + channelUrl + "): " + e.getMessage());
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
