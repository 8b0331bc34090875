package com.adaptivestartup.console.bundle;

import com.adaptivestartup.licensing.signing.JsonFields;
import com.adaptivestartup.licensing.signing.MalformedDocumentException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The signed table of contents of an offline bundle ({@code ASB1}, its first entry): the release's
 * version, for which customer when it was made for one, each service's image content id, and every other
 * entry with its size and SHA-256. The entries are a closed set ({@code release.asr} and
 * {@code images.tar.zst}, every image of the release saved at once so shared layers are there once), so no
 * name can point outside anything.
 */
public record BundleIndex(String version, String customerId, Instant createdAt, Map<String, String> images,
                          List<Entry> entries) {
    public static final String NAME = "bundle.asb";
    public static final String RELEASE = "release.asr";
    public static final String IMAGES = "images.tar.zst";
    private static final Pattern VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}\\.\\d{1,6}");
    private static final Pattern ENTRY = Pattern.compile("release\\.asr|images\\.tar\\.zst");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern IMAGE_ID = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,40}");

    public record Entry(String name, long size, String sha256) {
    }

    public Optional<Entry> entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The tag an image is saved and loaded under: readable, and kept by {@code docker image prune}. */
    public String tagOf(String service) {
        return "adaptive-startup/" + service + ":" + version;
    }

    public static BundleIndex fromJson(JsonNode body) throws MalformedDocumentException {
        JsonFields root = new JsonFields(body, "");
        String version = root.matching("version", VERSION, "a version such as 1.1.0");
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode n : body.path("entries")) {
            String at = "entries[" + i++ + "]";
            JsonFields f = new JsonFields(n, at);
            String name = f.text("name");
            if (!ENTRY.matcher(name).matches()) {
                throw new MalformedDocumentException("'" + name + "' is not an entry a bundle may have (release.asr,"
                        + " images.tar.zst)", at + ".name");
            }
            if (!names.add(name)) {
                throw new MalformedDocumentException("the entry " + name + " is listed twice", at + ".name");
            }
            if (!n.path("size").canConvertToLong() || n.path("size").asLong() < 0) {
                throw new MalformedDocumentException("the size is a whole number of bytes", at + ".size");
            }
            entries.add(new Entry(name, n.get("size").asLong(), f.matching("sha256", SHA256, "64 lowercase hex digits")));
        }
        if (!names.contains(RELEASE) || !names.contains(IMAGES)) {
            throw new MalformedDocumentException("the bundle must list its release manifest and its images", "entries");
        }
        Map<String, String> images = new LinkedHashMap<>();
        for (var e : body.path("images").properties()) {
            if (!SERVICE.matcher(e.getKey()).matches()) {
                throw new MalformedDocumentException("not a service name: " + e.getKey(), "images");
            }
            if (!e.getValue().isTextual() || !IMAGE_ID.matcher(e.getValue().asText()).matches()) {
                throw new MalformedDocumentException("an image id is sha256:<64 hex>", "images." + e.getKey());
            }
            images.put(e.getKey(), e.getValue().asText());
        }
        String customer = body.path("customerId").isTextual() ? body.get("customerId").asText() : null;
        Instant created;
        try {
            created = Instant.parse(root.text("createdAt"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new MalformedDocumentException("not a time (ISO-8601, UTC)", "createdAt");
        }
        return new BundleIndex(version, customer, created, java.util.Collections.unmodifiableMap(images), List.copyOf(entries));
    }

    public ObjectNode toJson() {
        ObjectNode body = new ObjectMapper().createObjectNode().put("schema", 1).put("version", version)
                .put("createdAt", createdAt.toString());
        if (customerId != null) {
            body.put("customerId", customerId);
        }
        ObjectNode ids = body.putObject("images");
        images.forEach(ids::put);
        var list = body.putArray("entries");
        for (Entry e : entries) {
            list.addObject().put("name", e.name()).put("size", e.size()).put("sha256", e.sha256());
        }
        return body;
    }
}
