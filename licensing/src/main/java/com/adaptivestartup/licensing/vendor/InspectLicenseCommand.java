package com.adaptivestartup.licensing.vendor;

import com.adaptivestartup.licensing.license.LicenseInput;
import com.adaptivestartup.licensing.signing.DocumentCodec;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.MalformedDocumentException;
import com.adaptivestartup.licensing.signing.SignedDocument;
import com.adaptivestartup.licensing.signing.StrictJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Decodes a license without checking its signature: for support, to see what a customer holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show what a license key says, WITHOUT checking its signature.")
final class InspectLicenseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<key|file>", description = "The license key, a .lic file, or - for standard input.")
    String keyOrFile;

    @Option(names = "--show-secrets", description = "Also print the registry password.")
    boolean showSecrets;

    @Override
    public Integer call() throws Exception {
        String text = LicenseInput.read(keyOrFile, System.in);
        SignedDocument document;
        try {
            document = DocumentCodec.decodeUntrusted(text, DocumentKind.LICENSE);
        } catch (MalformedDocumentException e) {
            spec.commandLine().getErr().println("not a readable license: " + e.problem() + " (at " + e.where() + ")");
            return 1;
        }
        ObjectNode out = StrictJson.mapper().createObjectNode();
        out.put("signatureChecked", false);
        out.put("keyId", document.keyId());
        ObjectNode body = document.body().deepCopy();
        if (!showSecrets && body.path("registry").isObject() && body.path("registry").has("password")) {
            ((ObjectNode) body.get("registry")).put("password", "(hidden; --show-secrets prints it)");
        }
        out.set("license", body);
        spec.commandLine().getOut().println(StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
        return 0;
    }
}
