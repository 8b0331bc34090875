package com.adaptivestartup.licensing.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519KeysTest {
    // RFC 8037, appendix A: the Ed25519 example key, its thumbprint and an example signature.
    private static final String RFC_D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    private static final String RFC_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private static final String RFC_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
    private static final String RFC_SIGNED = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    private static final String RFC_SIGNATURE =
            "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    static PrivateKey rfcPrivateKey() throws GeneralSecurityException {
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420");
        byte[] seed = Base64Url.decode(RFC_D).orElseThrow();
        byte[] der = new byte[pkcs8.length + seed.length];
        System.arraycopy(pkcs8, 0, der, 0, pkcs8.length);
        System.arraycopy(seed, 0, der, pkcs8.length, seed.length);
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    @Test
    void keyIdIsTheRfc7638ThumbprintOfTheRfc8037ExampleKey() throws Exception {
        PublicKey publicKey = Ed25519Keys.publicKeyFromRaw(Base64Url.decode(RFC_X).orElseThrow());
        assertThat(Ed25519Keys.keyId(publicKey)).isEqualTo(RFC_THUMBPRINT);
    }

    @Test
    void derivesThePublicKeyFromThePrivateSeed() throws Exception {
        PublicKey derived = Ed25519Keys.publicKeyOf(rfcPrivateKey());
        assertThat(Base64Url.encode(Ed25519Keys.rawPublicKey(derived))).isEqualTo(RFC_X);
    }

    @Test
    void signsExactlyAsTheRfcExample() throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(rfcPrivateKey());
        s.update(RFC_SIGNED.getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64Url.encode(s.sign())).isEqualTo(RFC_SIGNATURE);
    }

    @Test
    void pemRoundTrips() throws Exception {
        KeyPair pair = Ed25519Keys.generate();
        String publicPem = Ed25519Keys.toPem(pair.getPublic());
        String privatePem = Ed25519Keys.toPem(pair.getPrivate());
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(Ed25519Keys.publicKeyFromPem("comment line\n" + publicPem).getEncoded())
                .isEqualTo(pair.getPublic().getEncoded());
        PrivateKey back = Ed25519Keys.privateKeyFromPem(privatePem);
        assertThat(Ed25519Keys.keyId(Ed25519Keys.publicKeyOf(back))).isEqualTo(Ed25519Keys.keyId(pair.getPublic()));
    }

    @Test
    void aPrivateKeyIsNotAPublicKey() {
        String privatePem = Ed25519Keys.toPem(Ed25519Keys.generate().getPrivate());
        assertThatThrownBy(() -> Ed25519Keys.publicKeyFromPem(privatePem))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("no '-----BEGIN PUBLIC KEY-----' block");
    }
}
