package com.adaptivestartup.console.cli;

import com.adaptivestartup.licensing.license.License;
import com.adaptivestartup.licensing.license.LicenseJson;
import com.adaptivestartup.licensing.license.LicenseVerdict;
import com.adaptivestartup.licensing.signing.StrictJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/** The license verdict as the CLI prints it; the registry password is never printed. */
final class VerdictJson {
    private VerdictJson() {
    }

    static String write(LicenseVerdict verdict) throws JsonProcessingException {
        ObjectNode root = StrictJson.mapper().createObjectNode();
        root.put("usable", verdict.usable());
        root.put("verdict", verdict.code());
        root.put("message", verdict.message());
        if (verdict instanceof LicenseVerdict.Valid valid) {
            root.put("expiresSoon", valid.expiresSoon());
        }
        if (verdict instanceof LicenseVerdict.Malformed malformed) {
            root.put("problem", malformed.problem());
            root.put("where", malformed.where());
        }
        verdict.readLicense().ifPresent(license -> {
            ObjectNode body = LicenseJson.toJson(license);
            ((ObjectNode) body.get("registry")).put("password", "(hidden)");
            root.set("license", body);
        });
        return StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    static void describe(License l, PrintWriter out) {
        out.println("  license:   " + l.licenseId());
        out.println("  customer:  " + l.customerName() + " (" + l.customerId() + ")");
        out.println("  edition:   " + l.edition().wireName() + ", " + l.seats() + " seats");
        out.println("  features:  " + (l.features().isEmpty() ? "(none)" : String.join(", ", l.features().stream().sorted().toList())));
        out.println("  valid:     " + l.notBefore() + " to " + l.expiresAt() + " (+" + l.graceDays() + " days grace)");
        out.println("  updates:   channel " + l.updateChannel()
                + (l.maxVersion() == null ? "" : ", up to version " + l.maxVersion())
                + (l.updatesUntil() == null ? "" : ", releases until " + l.updatesUntil()));
        out.println("  registry:  " + l.registry().username() + "@" + l.registry().url() + "/" + l.registry().namespace());
        if (l.isMachineBound()) {
            out.println("  machine:   " + l.machineBinding());
        }
    }
}
