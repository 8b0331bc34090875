package com.adaptivestartup.console.release;

import com.adaptivestartup.licensing.signing.JsonFields;
import com.adaptivestartup.licensing.signing.MalformedDocumentException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A release as the vendor signed it: version, schema, migrations, each image's repository and content
 * digest, the minimum version it updates from, the stack template (the compose file) it runs as, and, when it
 * was built for one customer (their images carry their configuration), that customer's id.
 * {@code onlineMigrations}: the release's migrations only add (the release before it keeps working on the
 * migrated schema), so an update runs them before it stops anything. {@code editions}: the templates of the other
 * ways it can be installed, by name (from 1.2.0 {@code single}: one container on SQLite); {@code composeTemplate} is
 * the full stack's.
 */
public record ReleaseManifest(String version, String schemaVersion, List<String> migrations,
                              Map<String, ImageRef> images, String minUpdateFrom, boolean reversibleMigrations,
                              boolean onlineMigrations, String notes, String composeTemplate, String customerId,
                              Map<String, String> editions) {
    /** The edition installed when none is named, and the name of {@code composeTemplate}. */
    public static final String FULL = "full";

    public ReleaseManifest(String version, String schemaVersion, List<String> migrations, Map<String, ImageRef> images,
                           String minUpdateFrom, boolean reversibleMigrations, String notes, String composeTemplate) {
        this(version, schemaVersion, migrations, images, minUpdateFrom, reversibleMigrations, false, notes, composeTemplate,
                null, Map.of());
    }

    /** The compose template of an edition ({@value #FULL} or one of {@code editions}); empty when the release has none. */
    public java.util.Optional<String> template(String edition) {
        return FULL.equals(edition) ? java.util.Optional.of(composeTemplate) : java.util.Optional.ofNullable(editions.get(edition));
    }

    /**
     * The images a template runs: those it names as {@code ${<SERVICE>_IMAGE}}, which the console fills with each
     * image the release lists (a release's single container is not pulled for its full stack, nor the other way).
     */
    public Map<String, ImageRef> imagesOf(String template) {
        Map<String, ImageRef> used = new LinkedHashMap<>();
        images.forEach((service, ref) -> {
            if (template.contains("${" + service.toUpperCase(java.util.Locale.ROOT) + "_IMAGE")) {
                used.put(service, ref);
            }
        });
        return used;
    }
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern EDITION = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    private static final Pattern VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}\\.\\d{1,6}");

    /**
     * One image of the release, pulled as {@code <registry>/<repository>@<digest>}. {@code id}: the image's
     * content id (the digest of its config, which names every layer's content), the same on every machine;
     * with it an image loaded from an offline bundle is recognised without a registry. Null in releases made
     * before offline bundles. {@code size}: the image's unpacked size in bytes, 0 when the release does not say.
     */
    public record ImageRef(String repository, String digest, String id, long size) {
        public ImageRef(String repository, String digest, String id) {
            this(repository, digest, id, 0);
        }

        public String reference(String registry) {
            return registry + "/" + repository + "@" + digest;
        }
    }

    public static ReleaseManifest fromJson(JsonNode body) throws MalformedDocumentException {
        JsonFields root = new JsonFields(body, "");
        String version = root.matching("version", VERSION, "a version such as 1.1.0");
        Map<String, ImageRef> images = new LinkedHashMap<>();
        JsonNode imageNode = body.path("images");
        if (!imageNode.isObject() || imageNode.isEmpty()) {
            throw new MalformedDocumentException("the release lists no images", "images");
        }
        for (var entry : imageNode.properties()) {
            JsonFields image = new JsonFields(entry.getValue(), "images." + entry.getKey());
            JsonNode id = entry.getValue().path("id");
            if (!id.isMissingNode() && !(id.isTextual() && DIGEST.matcher(id.asText()).matches())) {
                throw new MalformedDocumentException("an image id is sha256:<64 hex>", "images." + entry.getKey() + ".id");
            }
            images.put(entry.getKey(), new ImageRef(image.text("repository"),
                    image.matching("digest", DIGEST, "a content digest sha256:<64 hex>"), id.isTextual() ? id.asText() : null,
                    Math.max(0, entry.getValue().path("size").asLong(0))));
        }
        List<String> migrations = new ArrayList<>();
        body.path("migrations").forEach(m -> migrations.add(m.asText()));
        JsonNode release = body.path("release");
        String minFrom = release.path("minUpdateFrom").isTextual() ? release.get("minUpdateFrom").asText() : null;
        String compose = body.path("stack").path("compose").asText("");
        if (compose.isBlank()) {
            throw new MalformedDocumentException("the release carries no stack template", "stack.compose");
        }
        Map<String, String> editions = new LinkedHashMap<>();
        for (var e : body.path("stack").path("editions").properties()) {
            if (!EDITION.matcher(e.getKey()).matches() || e.getKey().equals(FULL) || !e.getValue().isTextual()
                    || e.getValue().asText().isBlank()) {
                throw new MalformedDocumentException("an edition is a name and its compose template", "stack.editions."
                        + e.getKey());
            }
            editions.put(e.getKey(), e.getValue().asText());
        }
        JsonNode customer = body.path("customerId");
        if (!customer.isMissingNode() && !customer.isNull() && !(customer.isTextual() && !customer.asText().isBlank())) {
            throw new MalformedDocumentException("a customer id is text", "customerId");
        }
        return new ReleaseManifest(version, root.text("schemaVersion"), List.copyOf(migrations), Map.copyOf(images),
                minFrom, release.path("reversibleMigrations").asBoolean(false),
                release.path("onlineMigrations").asBoolean(false), release.path("notes").asText(""), compose,
                customer.isTextual() ? customer.asText() : null, Map.copyOf(editions));
    }
}
