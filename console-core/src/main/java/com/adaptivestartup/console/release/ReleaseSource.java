package com.adaptivestartup.console.release;

import com.adaptivestartup.console.outbound.OutboundHttp;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentVerifier;
import com.adaptivestartup.licensing.signing.MalformedDocumentException;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import com.adaptivestartup.licensing.signing.VerificationResult;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Fetches a signed release manifest from a file or a URL and checks it against the vendor keys before
 * anything is downloaded. (The Brain's signed channel takes over finding releases in the updates issue.)
 */
public final class ReleaseSource {
    private final DocumentVerifier verifier;
    private final OutboundHttp outbound;

    /** Release URLs fetched straight out (no proxy): for tests and tools; the consoles pass their {@link OutboundHttp}. */
    public ReleaseSource(TrustedKeys trustedKeys) {
        this(trustedKeys, OutboundHttp.direct());
    }

    public ReleaseSource(TrustedKeys trustedKeys, OutboundHttp outbound) {
        this.verifier = new DocumentVerifier(trustedKeys);
        this.outbound = outbound;
    }

    /** A verified release and the signed text it came from (kept, so the install can go back to it). */
    public record Loaded(ReleaseManifest manifest, String signedText) {
    }

    /** The verified release, or a {@link ReleaseProblem} saying why not. */
    public ReleaseManifest load(String fileOrUrl) {
        return fetch(fileOrUrl).manifest();
    }

    public Loaded fetch(String fileOrUrl) {
        String text = read(fileOrUrl);
        return new Loaded(verify(text, fileOrUrl), text);
    }

    /** Checks a signed release manifest's text ({@code origin} names it in messages). */
    public ReleaseManifest verify(String text, String origin) {
        VerificationResult result = verifier.verify(text.strip(), DocumentKind.RELEASE_MANIFEST);
        try {
            return switch (result) {
                case VerificationResult.Verified v -> ReleaseManifest.fromJson(v.document().body());
                case VerificationResult.Malformed m -> throw new ReleaseProblem("the release file " + origin + " is damaged"
                        + " or is not a signed release manifest (" + plain(m.problem()) + "); download it again from your"
                        + " vendor, or give the .asr file that came with the release");
                case VerificationResult.UnknownKey u -> throw new ReleaseProblem("the release manifest is signed by a key"
                        + " this console does not trust (" + u.keyId() + ")");
                case VerificationResult.SignatureMismatch s -> throw new ReleaseProblem("the release manifest was changed"
                        + " after the vendor signed it; it is refused");
            };
        } catch (MalformedDocumentException e) {
            throw new ReleaseProblem("the release manifest is signed but incomplete: " + e.problem());
        }
    }

    /** What is wrong, without a parser's own words (which name characters and codes, not the problem). */
    private static String plain(String problem) {
        return problem.startsWith("not valid JSON") ? "its signed content is garbled" : problem;
    }

    private String read(String fileOrUrl) {
        try {
            if (fileOrUrl.startsWith("http://") || fileOrUrl.startsWith("https://")) {
                URI uri = URI.create(fileOrUrl);
                if (uri.getScheme().equals("http") && !isLoopback(uri.getHost())) {
                    throw new ReleaseProblem("release manifests are fetched over https (plain http only on this machine)");
                }
                OutboundHttp.Answer r;
                try {
                    r = outbound.getText(fileOrUrl, DocumentKind.RELEASE_MANIFEST.maxEncodedChars());
                } catch (OutboundHttp.Unreachable e) {
                    throw new ReleaseProblem("the release manifest at " + fileOrUrl + " could not be fetched (" + e.getMessage()
                            + "); check the address and the network, or download the release file and give its path"
                            + " instead");
                }
                if (r.status() == 404) {
                    throw new ReleaseProblem("there is no release manifest at " + fileOrUrl + " (HTTP 404); check the"
                            + " address your vendor gave, or download the release file and give its path instead");
                }
                if (r.status() != 200) {
                    throw new ReleaseProblem("the release manifest at " + fileOrUrl + " could not be fetched (HTTP "
                            + r.status() + "); try again later, or download the release file and give its path instead");
                }
                return r.body();
            }
            Path path = Path.of(fileOrUrl);
            if (!Files.isRegularFile(path)) {
                throw new ReleaseProblem("there is no release manifest file " + fileOrUrl);
            }
            if (Files.size(path) > DocumentKind.RELEASE_MANIFEST.maxEncodedChars()) {
                throw new ReleaseProblem(fileOrUrl + " is far larger than any release manifest");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReleaseProblem("the release manifest " + fileOrUrl + " cannot be read: " + e.getMessage());
        }
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    /** The release cannot be used; the message says why. */
    public static final class ReleaseProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ReleaseProblem(String message) {
            super(message);
        }
    }
}
