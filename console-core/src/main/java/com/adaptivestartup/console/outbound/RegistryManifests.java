package com.adaptivestartup.console.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * What an image name means in a registry, asked over the Docker Registry HTTP API (v2): the manifest a tag names, its
 * digest, and the image it describes (its config's digest, which is the engine's image id, so an image can be checked
 * against a signed release whatever manifest the registry made for it). Basic auth, or the token auth most registries
 * answer 401 with (a token for that repository's pull scope, asked with the same credentials). A loopback registry is
 * spoken to over HTTP, as the engine does; any other over HTTPS.
 */
public final class RegistryManifests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final String ACCEPT = "application/vnd.docker.distribution.manifest.v2+json, "
            + "application/vnd.oci.image.manifest.v1+json";
    private final OkHttpClient client;

    public RegistryManifests(OutboundHttp http) {
        this.client = http.client();
    }

    /** A manifest: its digest and its image's (config's) digest. */
    public record Manifest(String digest, String configDigest) {
    }

    /**
     * The manifest {@code reference} (a tag or a digest) names in {@code registry/repository}; credentials may be null.
     * An {@link IllegalArgumentException} with a sentence when the registry refuses, lacks it, or answers with an index.
     */
    public Manifest manifest(String registry, String repository, String reference, String username, String password) {
        HttpUrl url = HttpUrl.parse(scheme(registry) + "://" + registry + "/v2/" + repository + "/manifests/" + reference);
        if (url == null) {
            throw new IllegalArgumentException("'" + registry + "' is not a registry address (host or host:port)");
        }
        String basic = username == null ? null : Credentials.basic(username, password == null ? "" : password, StandardCharsets.UTF_8);
        try {
            String authorization = basic;
            for (int attempt = 0; attempt < 2; attempt++) {
                Request.Builder request = new Request.Builder().url(url).header("Accept", ACCEPT);
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                try (Response r = client.newCall(request.build()).execute()) {
                    String challenge = r.header("WWW-Authenticate", "");
                    if (r.code() == 401 && attempt == 0 && challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
                        authorization = "Bearer " + token(challenge, basic, registry);
                        continue;
                    }
                    byte[] body = r.body().bytes();
                    if (r.code() == 401 || r.code() == 403) {
                        throw new IllegalArgumentException("the registry " + registry + " refused the credentials for "
                                + repository + " (" + r.code() + ")");
                    }
                    if (r.code() == 404) {
                        throw new IllegalArgumentException("the registry " + registry + " has no " + repository + ":" + reference
                                + "; push the offline bundle's images there first (`adaptivectl bundle push`)");
                    }
                    if (!r.isSuccessful()) {
                        throw new IllegalArgumentException("the registry " + registry + " answered " + r.code() + " for "
                                + repository + ":" + reference);
                    }
                    JsonNode manifest = JSON.readTree(body);
                    String config = manifest.path("config").path("digest").asText("");
                    if (config.isEmpty()) {
                        throw new IllegalArgumentException(repository + ":" + reference + " in " + registry + " is not one"
                                + " image's manifest (a multi-platform index?); push it from this machine's engine");
                    }
                    String digest = r.header("Docker-Content-Digest", "sha256:" + sha256(body));
                    return new Manifest(digest, config);
                }
            }
            throw new IllegalArgumentException("the registry " + registry + " refused its own token for " + repository);
        } catch (IOException e) {
            throw new IllegalArgumentException("the registry " + registry + " could not be reached: " + e.getMessage());
        }
    }

    /** A token for the challenge's scope from its realm, asked with the same credentials. */
    private String token(String challenge, String basic, String registry) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        HttpUrl realm = HttpUrl.parse(params.getOrDefault("realm", ""));
        if (realm == null) {
            throw new IllegalArgumentException("the registry " + registry + " asked for a token without saying where from");
        }
        HttpUrl.Builder url = realm.newBuilder();
        if (params.containsKey("service")) {
            url.addQueryParameter("service", params.get("service"));
        }
        if (params.containsKey("scope")) {
            url.addQueryParameter("scope", params.get("scope"));
        }
        Request.Builder request = new Request.Builder().url(url.build());
        if (basic != null) {
            request.header("Authorization", basic);
        }
        try (Response r = client.newCall(request.build()).execute()) {
            if (!r.isSuccessful()) {
                throw new IllegalArgumentException("the registry " + registry + "'s token service refused the credentials ("
                        + r.code() + ")");
            }
            JsonNode body = JSON.readTree(r.body().bytes());
            String token = body.path("token").asText(body.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new IllegalArgumentException("the registry " + registry + "'s token service gave no token");
            }
            return token;
        }
    }

    private static String scheme(String registry) {
        String host = registry.replaceFirst(":\\d+$", "");
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") ? "http" : "https";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
