package com.adaptivestartup.licensing.vendor;

import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.SignedDocument;
import com.adaptivestartup.licensing.signing.StrictJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Signs a JSON document (a release manifest, a channel manifest, a bundle index) with a vendor key. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign a JSON document as a release manifest, channel manifest or bundle index.")
final class SignCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--kind", required = true, converter = DocumentKindArgument.class,
            description = "release-manifest, channel-manifest, bundle-index or license.")
    DocumentKind kind;
    @Option(names = "--key", required = true, description = "Vendor private key (PEM).")
    Path key;
    @Option(names = "--in", required = true, description = "The JSON body to sign.")
    Path in;
    @Option(names = "--out", description = "Write the signed document here (default: standard output).")
    Path out;

    @Override
    public Integer call() throws Exception {
        var body = StrictJson.parse(Files.readAllBytes(in), in.toString());
        if (!body.isObject()) {
            throw new ParameterException(spec.commandLine(), in + " must hold a JSON object");
        }
        var signer = new DocumentSigner(Ed25519Keys.privateKeyFromPem(Files.readString(key, StandardCharsets.US_ASCII)));
        SignedDocument doc = signer.sign(kind, body);
        String text = doc.armored(List.of("Adaptive Startup " + kind.displayName() + ", signed by key " + doc.keyId()));
        if (out == null) {
            spec.commandLine().getOut().print(text);
        } else {
            Files.writeString(out, text, StandardCharsets.US_ASCII);
        }
        return 0;
    }

}
