package com.adaptivestartup.console.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.licensing.signing.MalformedDocumentException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ReleaseManifestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    private static ObjectNode release() {
        ObjectNode body = JSON.createObjectNode().put("version", "1.2.0").put("schemaVersion", "9");
        ObjectNode images = body.putObject("images");
        for (String service : new String[] {"backend", "postgres", "single"}) {
            images.putObject(service).put("repository", "acme/" + service).put("digest", DIGEST);
        }
        body.putObject("stack").put("compose", "services: {backend: {image: ${BACKEND_IMAGE}}, postgres: {image:"
                + " ${POSTGRES_IMAGE}}}").putObject("editions").put("single", "services: {app: {image: ${SINGLE_IMAGE}}}");
        return body;
    }

    @Test
    void eachEditionHasItsTemplateAndRunsOnlyTheImagesItNames() throws Exception {
        ReleaseManifest m = ReleaseManifest.fromJson(release());
        assertThat(m.template("full")).contains(m.composeTemplate());
        assertThat(m.template("single")).hasValueSatisfying(t -> assertThat(t).contains("${SINGLE_IMAGE}"));
        assertThat(m.template("kubernetes")).isEmpty();
        assertThat(m.imagesOf(m.composeTemplate())).containsOnlyKeys("backend", "postgres");
        assertThat(m.imagesOf(m.template("single").orElseThrow())).containsOnlyKeys("single");
    }

    @Test
    void aReleaseBeforeEditionsHasOnlyTheFullStack() throws Exception {
        ObjectNode body = release();
        ((ObjectNode) body.get("stack")).remove("editions");
        ReleaseManifest m = ReleaseManifest.fromJson(body);
        assertThat(m.editions()).isEmpty();
        assertThat(m.template("single")).isEmpty();
    }

    @Test
    void anEditionThatIsNotANameAndATemplateIsRefused() {
        ObjectNode emptyTemplate = release();
        ((ObjectNode) emptyTemplate.get("stack").get("editions")).put("single", " ");
        assertThatThrownBy(() -> ReleaseManifest.fromJson(emptyTemplate)).isInstanceOf(MalformedDocumentException.class)
                .hasMessageContaining("an edition is a name and its compose template");
        ObjectNode full = release();
        ((ObjectNode) full.get("stack").get("editions")).put("full", "services: {}");
        assertThatThrownBy(() -> ReleaseManifest.fromJson(full)).isInstanceOf(MalformedDocumentException.class);
    }
}
