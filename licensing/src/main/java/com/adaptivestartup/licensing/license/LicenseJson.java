package com.adaptivestartup.licensing.license;

import com.adaptivestartup.licensing.signing.JsonFields;
import com.adaptivestartup.licensing.signing.MalformedDocumentException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.regex.Pattern;

/**
 * The JSON body of a license document, schema 1. Unknown fields are ignored so the vendor can add
 * informational ones; a change in meaning raises {@code schema}, which older consoles refuse with a
 * message to update first.
 */
public final class LicenseJson {
    public static final int SCHEMA = 1;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern FEATURE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}\\.\\d{1,6}");
    private static final Pattern FINGERPRINT = Pattern.compile("mfp1-[0-9a-f]{32}");

    private LicenseJson() {
    }

    public static ObjectNode toJson(License license) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("schema", SCHEMA);
        root.put("licenseId", license.licenseId());
        root.putObject("customer").put("id", license.customerId()).put("name", license.customerName());
        root.put("edition", license.edition().wireName());
        root.put("seats", license.seats());
        ArrayNode features = root.putArray("features");
        license.features().stream().sorted().forEach(features::add);
        root.put("issuedAt", license.issuedAt().toString());
        root.put("notBefore", license.notBefore().toString());
        root.put("expiresAt", license.expiresAt().toString());
        root.put("graceDays", license.graceDays());
        ObjectNode updates = root.putObject("updates").put("channel", license.updateChannel());
        if (license.maxVersion() != null) {
            updates.put("maxVersion", license.maxVersion());
        }
        if (license.updatesUntil() != null) {
            updates.put("until", license.updatesUntil().toString());
        }
        RegistryAccess r = license.registry();
        root.putObject("registry").put("url", r.url()).put("namespace", r.namespace())
                .put("username", r.username()).put("password", r.password());
        if (license.machineBinding() != null) {
            root.put("machine", license.machineBinding());
        }
        return root;
    }

    public static License fromJson(JsonNode body) throws MalformedDocumentException {
        JsonFields root = new JsonFields(body, "");
        int schema = root.wholeNumber("schema", 1, Integer.MAX_VALUE);
        if (schema > SCHEMA) {
            throw new MalformedDocumentException("this license uses format " + schema
                    + ", newer than this console understands (" + SCHEMA + "): update the console first", "schema");
        }
        JsonFields customer = root.object("customer");
        String editionName = root.text("edition");
        Edition edition = Edition.fromWireName(editionName)
                .orElseThrow(() -> root.wrong("edition", "must be trial, standard or enterprise"));
        JsonFields updates = root.object("updates");
        JsonFields registry = root.object("registry");
        String machine = root.optionalText("machine");
        if (machine != null && !FINGERPRINT.matcher(machine).matches()) {
            throw root.wrong("machine", "must be a machine fingerprint such as mfp1-0123...");
        }
        String maxVersion = updates.optionalText("maxVersion");
        if (maxVersion != null && !VERSION.matcher(maxVersion).matches()) {
            throw updates.wrong("maxVersion", "must be a version such as 1.4.0");
        }
        License license = new License(
                root.matching("licenseId", ID, "letters, digits and . _ : -"),
                customer.matching("id", ID, "letters, digits and . _ : -"),
                customer.text("name"),
                edition,
                root.wholeNumber("seats", 1, 1_000_000),
                new LinkedHashSet<>(root.textList("features", FEATURE, 64)),
                root.instant("issuedAt"),
                root.instant("notBefore"),
                root.instant("expiresAt"),
                root.wholeNumber("graceDays", 0, 365),
                updates.matching("channel", CHANNEL, "a channel name such as stable"),
                maxVersion,
                updates.optionalDate("until"),
                new RegistryAccess(registry.text("url"), registry.text("namespace"),
                        registry.text("username"), registry.text("password")),
                machine);
        if (license.expiresAt().isBefore(license.notBefore())) {
            throw root.wrong("expiresAt", "is before notBefore");
        }
        return license;
    }
}
