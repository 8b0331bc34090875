package com.adaptivestartup.console.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which channel manifests are believed, against a real SQLite state: the attacks the issue names, each refused. */
class ChannelTrustTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    @TempDir
    Path dir;
    private final KeyPair vendor = Ed25519Keys.generate();
    private ChannelTrust trust;
    private StateDatabase db;

    @BeforeEach
    void open() throws Exception {
        Path pub = Files.writeString(dir.resolve("vendor.pem"), Ed25519Keys.toPem(vendor.getPublic()));
        db = StateDatabase.open(dir.resolve("state"));
        trust = new ChannelTrust(TrustedKeys.fromPemFiles(pub), db, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static ObjectNode body(String channel, long sequence, Instant expires) {
        ObjectNode b = new ObjectMapper().createObjectNode().put("channel", channel).put("sequence", sequence)
                .put("issuedAt", NOW.minusSeconds(3600).toString()).put("expiresAt", expires.toString());
        b.putArray("releases");
        b.putArray("notices").addObject().put("id", "n1").put("severity", "critical").put("title", "Fix for CVE-2026-1")
                .putObject("versions").put("below", "1.1.0");
        return b;
    }

    private String signed(ObjectNode body) {
        return new DocumentSigner(vendor.getPrivate()).sign(DocumentKind.CHANNEL_MANIFEST, body).compact();
    }

    private String manifest(long sequence) {
        return signed(body("stable", sequence, NOW.plusSeconds(7 * 86400)));
    }

    @Test
    void aGoodManifestIsBelievedAndKeptForWhenTheSourceIsOutOfReach() {
        ChannelTrust.Trusted t = trust.accept("stable", manifest(3));
        assertThat(t.manifest().sequence()).isEqualTo(3);
        assertThat(t.manifest().notices()).singleElement().satisfies(n -> {
            assertThat(n.appliesTo("1.0.0", "standard", NOW)).isTrue();
            assertThat(n.appliesTo("1.1.0", "standard", NOW)).isFalse();
        });
        ChannelTrust.Trusted offline = trust.lastKnown("stable", "the update source cannot be reached");
        assertThat(offline.fromLastKnown()).isTrue();
        assertThat(offline.manifest().sequence()).isEqualTo(3);
        assertThatThrownBy(() -> trust.lastKnown("beta", "the update source cannot be reached"))
                .hasMessageContaining("no manifest of the channel 'beta' was ever received");
    }

    @Test
    void anOlderManifestReplayedIsRefusedAndANewerOneReplacesTheKeptOne() {
        trust.accept("stable", manifest(5));
        assertThatThrownBy(() -> trust.accept("stable", manifest(4))).isInstanceOf(ChannelTrust.Untrusted.class)
                .hasMessageContaining("number 4, older than number 5 already seen");
        assertThatThrownBy(() -> trust.accept("stable", signed(body("stable", 5, NOW.plusSeconds(60)))))
                .hasMessageContaining("a different manifest under the same number 5");
        assertThat(trust.accept("stable", manifest(5)).manifest().sequence()).isEqualTo(5);
        trust.accept("stable", manifest(6));
        assertThat(trust.lastKnown("stable", "offline").manifest().sequence()).isEqualTo(6);
    }

    @Test
    void anExpiredTamperedForeignOrMisdirectedManifestIsRefused() throws Exception {
        assertThatThrownBy(() -> trust.accept("stable", signed(body("stable", 1, NOW.minusSeconds(1)))))
                .hasMessageContaining("expired on 2026-11-28T11:59:59Z");
        String good = manifest(1);
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, 10) + (parts[1].charAt(10) == 'A' ? 'B' : 'A')
                + parts[1].substring(11) + "." + parts[2];
        assertThatThrownBy(() -> trust.accept("stable", tampered)).isInstanceOf(ChannelTrust.Untrusted.class);
        KeyPair stranger = Ed25519Keys.generate();
        String foreign = new DocumentSigner(stranger.getPrivate()).sign(DocumentKind.CHANNEL_MANIFEST,
                body("stable", 1, NOW.plusSeconds(60))).compact();
        assertThatThrownBy(() -> trust.accept("stable", foreign)).hasMessageContaining("does not trust");
        assertThatThrownBy(() -> trust.accept("beta", good)).hasMessageContaining("asked for the channel 'beta' but got"
                + " the manifest of 'stable'");
        assertThatThrownBy(() -> trust.accept("stable", "not a manifest at all")).isInstanceOf(ChannelTrust.Untrusted.class)
                .hasMessageContaining("not readable");
        assertThatThrownBy(() -> trust.lastKnown("stable", "offline")).hasMessageContaining("was ever received");
    }

    @Test
    void theLastKnownManifestStopsBeingTrustedOnceItExpires() throws Exception {
        trust.accept("stable", signed(body("stable", 1, NOW.plusSeconds(60))));
        Path pub = Files.writeString(dir.resolve("vendor2.pem"), Ed25519Keys.toPem(vendor.getPublic()));
        ChannelTrust later = new ChannelTrust(TrustedKeys.fromPemFiles(pub), db, Clock.fixed(NOW.plusSeconds(120), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.lastKnown("stable", "the update source cannot be reached"))
                .hasMessageContaining("expired");
    }

    @Test
    void aNextKeyAnnouncedByATrustedManifestIsTrustedFromThenOn() throws Exception {
        KeyPair next = Ed25519Keys.generate();
        ObjectNode release = new ObjectMapper().createObjectNode().put("version", "1.3.0");
        String signedByNext = new DocumentSigner(next.getPrivate()).sign(DocumentKind.RELEASE_MANIFEST, release).compact();
        com.adaptivestartup.console.wiring.ConsoleCore console = new com.adaptivestartup.console.wiring.ConsoleCore(
                java.util.Map.of(), new com.adaptivestartup.console.state.AppDirectories(dir.resolve("home")),
                Clock.fixed(NOW, ZoneOffset.UTC), () -> db, () -> TrustedKeys.of(vendor.getPublic()), () -> null);
        java.util.function.Supplier<com.adaptivestartup.licensing.signing.VerificationResult> check = () ->
                new com.adaptivestartup.licensing.signing.DocumentVerifier(console.trustedKeys())
                        .verify(signedByNext, DocumentKind.RELEASE_MANIFEST);
        assertThat(check.get()).as("not yet announced")
                .isInstanceOf(com.adaptivestartup.licensing.signing.VerificationResult.UnknownKey.class);

        // A manifest signed by a key the console does not know announces nothing.
        ObjectNode forged = body("stable", 1, NOW.plusSeconds(86400));
        forged.putObject("keys").putArray("next").add(Ed25519Keys.toPem(next.getPublic()));
        String byStranger = new DocumentSigner(next.getPrivate()).sign(DocumentKind.CHANNEL_MANIFEST, forged).compact();
        assertThatThrownBy(() -> trust.accept("stable", byStranger)).isInstanceOf(ChannelTrust.Untrusted.class);
        assertThat(check.get()).isInstanceOf(com.adaptivestartup.licensing.signing.VerificationResult.UnknownKey.class);
        // An announced key that is not a key: the manifest is refused.
        ObjectNode broken = body("stable", 1, NOW.plusSeconds(86400));
        broken.putObject("keys").putArray("next").add("-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----");
        assertThatThrownBy(() -> trust.accept("stable", signed(broken))).hasMessageContaining("keys.next[0]");

        // The vendor's own manifest announces it: documents signed by the next key verify from then on.
        ObjectNode announcing = body("stable", 2, NOW.plusSeconds(86400));
        announcing.putObject("keys").putArray("next").add(Ed25519Keys.toPem(next.getPublic()));
        assertThat(trust.accept("stable", signed(announcing)).manifest().nextKeys()).containsExactly(next.getPublic());
        assertThat(check.get()).isInstanceOf(com.adaptivestartup.licensing.signing.VerificationResult.Verified.class);
        assertThat(console.trustedKeys().keyIds()).containsExactlyInAnyOrder(Ed25519Keys.keyId(vendor.getPublic()),
                Ed25519Keys.keyId(next.getPublic()));
    }
}
