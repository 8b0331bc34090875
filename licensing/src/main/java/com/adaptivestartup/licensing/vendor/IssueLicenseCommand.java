package com.adaptivestartup.licensing.vendor;

import com.adaptivestartup.licensing.files.PrivateFiles;
import com.adaptivestartup.licensing.license.Edition;
import com.adaptivestartup.licensing.license.License;
import com.adaptivestartup.licensing.license.LicenseIssuer;
import com.adaptivestartup.licensing.license.RegistryAccess;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.SignedDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Signs a license with a vendor private key; prints the key string or writes a .lic file. */
@Command(name = "issue", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Issue a signed license. Prints the license key, or writes a .lic file with --out.")
final class IssueLicenseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--key", required = true, description = "Vendor private key (PEM) to sign with.")
    Path key;
    @Option(names = "--license-id", description = "License id (default: a new random one).")
    String licenseId;
    @Option(names = "--customer-id", required = true)
    String customerId;
    @Option(names = "--customer-name", required = true)
    String customerName;
    @Option(names = "--edition", defaultValue = "standard", description = "trial, standard or enterprise.")
    String edition;
    @Option(names = "--seats", defaultValue = "10")
    int seats;
    @Option(names = "--feature", description = "An entitlement (repeat for several), e.g. airgap, ai, heartbeat.")
    List<String> features = List.of();
    @Option(names = "--not-before", converter = TimeArgument.class, description = "Default: now.")
    Instant notBefore;
    @ArgGroup(exclusive = true)
    Expiry expiry = new Expiry();
    @Option(names = "--grace-days", defaultValue = "14")
    int graceDays;
    @Option(names = "--channel", defaultValue = "stable", description = "Update channel.")
    String channel;
    @Option(names = "--max-version", description = "Newest version it may install.")
    String maxVersion;
    @Option(names = "--updates-until", description = "Releases after this date are not covered (2027-01-31).")
    LocalDate updatesUntil;
    @Option(names = "--registry-url", required = true)
    String registryUrl;
    @Option(names = "--registry-namespace", description = "Default: the customer id.")
    String registryNamespace;
    @Option(names = "--registry-username", required = true)
    String registryUsername;
    @ArgGroup(exclusive = true, multiplicity = "1")
    RegistryPassword registryPassword;
    @Option(names = "--machine", description = "Bind to this machine fingerprint (adaptivectl license fingerprint).")
    String machine;
    @Option(names = "--out", description = "Write a .lic file here instead of printing the key.")
    Path out;

    static final class Expiry {
        @Option(names = "--expires", converter = TimeArgument.class, description = "Expiry date or time.")
        Instant expires;
        @Option(names = "--days", description = "Days from --not-before until expiry (default 365).")
        Integer days;
    }

    static final class RegistryPassword {
        @Option(names = "--registry-password", description = "Pull password (prefer --registry-password-file).")
        String value;
        @Option(names = "--registry-password-file", description = "File holding the pull password.")
        Path file;
    }

    @Override
    public Integer call() throws Exception {
        Edition chosenEdition = Edition.fromWireName(edition).orElseThrow(() -> new ParameterException(
                spec.commandLine(), "--edition must be trial, standard or enterprise, not '" + edition + "'"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = notBefore == null ? now : notBefore;
        Instant expires = expiry.expires != null ? expiry.expires
                : start.plus(Duration.ofDays(expiry.days == null ? 365 : expiry.days));
        String password = registryPassword.value != null ? registryPassword.value
                : Files.readString(registryPassword.file, StandardCharsets.UTF_8).strip();
        License license = new License(
                licenseId != null ? licenseId : "lic-" + UUID.randomUUID(),
                customerId, customerName, chosenEdition, seats, new LinkedHashSet<>(features),
                now, start, expires, graceDays, channel, maxVersion, updatesUntil,
                new RegistryAccess(registryUrl, registryNamespace != null ? registryNamespace : customerId,
                        registryUsername, password),
                machine);
        var privateKey = Ed25519Keys.privateKeyFromPem(Files.readString(key, StandardCharsets.US_ASCII));
        SignedDocument document;
        try {
            document = new LicenseIssuer(new DocumentSigner(privateKey)).issue(license);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (out == null) {
            spec.commandLine().getOut().println(document.compact());
        } else {
            // A license holds the customer's registry password: the owner's alone, like a key.
            PrivateFiles.write(out, LicenseIssuer.licenseFileText(document, license), StandardCharsets.UTF_8);
            spec.commandLine().getErr().println("wrote " + out + " (license " + license.licenseId() + ")");
        }
        return 0;
    }
}
