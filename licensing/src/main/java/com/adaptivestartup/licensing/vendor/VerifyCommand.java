package com.adaptivestartup.licensing.vendor;

import com.adaptivestartup.licensing.license.LicenseInput;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentVerifier;
import com.adaptivestartup.licensing.signing.StrictJson;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import com.adaptivestartup.licensing.signing.VerificationResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks a signed document against public keys and prints its body: exit 0 only when it verifies. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a signed document against trusted public keys; print its JSON body when it verifies.")
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--kind", required = true, converter = DocumentKindArgument.class)
    DocumentKind kind;
    @Option(names = "--trust", required = true, description = "A public key (PEM) or a folder of them.")
    Path trust;
    @Parameters(paramLabel = "<file>", description = "The signed document, or - for standard input.")
    String file;

    @Override
    public Integer call() throws Exception {
        var result = new DocumentVerifier(TrustedKeys.fromPemFiles(trust))
                .verify(LicenseInput.read(file, System.in), kind);
        var err = spec.commandLine().getErr();
        switch (result) {
            case VerificationResult.Verified v -> {
                spec.commandLine().getOut().println(
                        StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(v.document().body()));
                return 0;
            }
            case VerificationResult.Malformed m -> err.println("not a valid " + kind.displayName() + ": " + m.problem()
                    + " (at " + m.where() + ")");
            case VerificationResult.UnknownKey u -> err.println("signed by an untrusted key: " + u.keyId());
            case VerificationResult.SignatureMismatch s -> err.println("the signature does not match: the "
                    + kind.displayName() + " was changed after signing");
        }
        return 1;
    }
}
