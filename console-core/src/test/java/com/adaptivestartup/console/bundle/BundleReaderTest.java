package com.adaptivestartup.console.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.licensing.license.Edition;
import com.adaptivestartup.licensing.license.License;
import com.adaptivestartup.licensing.license.RegistryAccess;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad bundle the issue names is refused by the one verifying pass, with a sentence; a good one is read. */
class BundleReaderTest {
    private static final String WEB = "sha256:" + "1".repeat(64);
    private static final String DB = "sha256:" + "2".repeat(64);
    @TempDir
    Path dir;
    private final KeyPair vendor = Ed25519Keys.generate();
    private final BundleReader reader = new BundleReader(TrustedKeys.of(vendor.getPublic()));
    private final byte[] images = new byte[3_000_000];

    {
        new java.util.Random(1).nextBytes(images);
    }

    private String release(String version, String webId) {
        ObjectNode body = new ObjectMapper().createObjectNode().put("schema", 1).put("version", version)
                .put("schemaVersion", "4");
        ObjectNode imgs = body.putObject("images");
        imgs.putObject("web").put("repository", "acme/web").put("digest", "sha256:" + "a".repeat(64)).put("id", webId);
        imgs.putObject("postgres").put("repository", "acme/postgres").put("digest", "sha256:" + "b".repeat(64)).put("id", DB);
        body.putObject("release").put("minUpdateFrom", "1.0.0");
        body.putObject("stack").put("compose", "services: {}\n");
        return new DocumentSigner(vendor.getPrivate()).sign(DocumentKind.RELEASE_MANIFEST, body).compact();
    }

    /** The index of a good bundle of {@code version}; tests change it before it is signed. */
    private ObjectNode index(String version, byte[] release, byte[] images) throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("web", WEB);
        ids.put("postgres", DB);
        return new BundleIndex(version, "acme", Instant.parse("2026-11-28T00:00:00Z"), ids, java.util.List.of(
                new BundleIndex.Entry(BundleIndex.RELEASE, release.length, sha(release)),
                new BundleIndex.Entry(BundleIndex.IMAGES, images.length, sha(images)))).toJson();
    }

    private Path bundle(String version, Consumer<ObjectNode> changeIndex, KeyPair signer, TarWriter extra) throws Exception {
        byte[] rel = release(version, WEB).getBytes(StandardCharsets.US_ASCII);
        ObjectNode idx = index(version, rel, images);
        changeIndex.accept(idx);
        byte[] signed = new DocumentSigner(signer.getPrivate()).sign(DocumentKind.BUNDLE_INDEX, idx).compact()
                .getBytes(StandardCharsets.US_ASCII);
        Path file = Files.createTempFile(dir, "bundle-", ".bundle");
        try (OutputStream out = Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            put(tar, BundleIndex.NAME, signed);
            put(tar, BundleIndex.RELEASE, rel);
            put(tar, BundleIndex.IMAGES, images);
            extra.write(tar);
        }
        return file;
    }

    private Path good(String version) throws Exception {
        return bundle(version, i -> { }, vendor, t -> { });
    }

    interface TarWriter {
        void write(TarArchiveOutputStream tar) throws Exception;
    }

    static void put(TarArchiveOutputStream tar, String name, byte[] content) throws Exception {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    static String sha(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aGoodBundleIsReadWholeWithItsReleaseAndImages() throws Exception {
        BundleReader.Verified v = reader.verify(good("1.1.0"), BundleReader.Progress.SILENT);
        assertThat(v.index().version()).isEqualTo("1.1.0");
        assertThat(v.index().customerId()).isEqualTo("acme");
        assertThat(v.index().images()).containsEntry("web", WEB).containsEntry("postgres", DB);
        assertThat(v.release().version()).isEqualTo("1.1.0");
        assertThat(v.index().tagOf("web")).isEqualTo("adaptive-startup/web:1.1.0");
    }

    @Test
    void aFlippedByteOrACutCopyIsRefused() throws Exception {
        Path file = good("1.1.0");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x20;
        Path flipped = Files.write(dir.resolve("flipped.bundle"), bytes);
        assertThatThrownBy(() -> reader.verify(flipped, BundleReader.Progress.SILENT)).isInstanceOf(BundleProblem.class)
                .hasMessage("the bundle's entry images.tar.zst is damaged (its SHA-256 is not the signed one); copy the bundle"
                        + " again. Nothing was changed");
        Path cut = Files.write(dir.resolve("cut.bundle"), java.util.Arrays.copyOf(Files.readAllBytes(file), 1_500_000));
        assertThatThrownBy(() -> reader.verify(cut, BundleReader.Progress.SILENT)).isInstanceOf(BundleProblem.class)
                .hasMessageContaining("cut short while copying; copy it again");
        Path notABundle = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> reader.verify(notABundle, BundleReader.Progress.SILENT))
                .hasMessageContaining("is not an Adaptive Startup offline bundle");
    }

    @Test
    void aMissingImageOrOneThatIsNotTheReleasesIsRefused() throws Exception {
        Path missing = bundle("1.1.0", i -> ((ObjectNode) i.get("images")).remove("web"), vendor, t -> { });
        assertThatThrownBy(() -> reader.verify(missing, BundleReader.Progress.SILENT))
                .hasMessage("the bundle has no image for web, which release 1.1.0 needs; it is refused");
        String other = "sha256:" + "9".repeat(64);
        Path wrong = bundle("1.1.0", i -> ((ObjectNode) i.get("images")).put("web", other), vendor, t -> { });
        assertThatThrownBy(() -> reader.verify(wrong, BundleReader.Progress.SILENT))
                .hasMessage("the bundle's image for web (" + other + ") is not the one the signed release names (" + WEB
                        + "); it is refused");
        Path extra = bundle("1.1.0", i -> ((ObjectNode) i.get("images")).put("miner", other), vendor, t -> { });
        assertThatThrownBy(() -> reader.verify(extra, BundleReader.Progress.SILENT))
                .hasMessageContaining("has an image for miner, which release 1.1.0 does not have");
        Path lying = bundle("1.1.0", i -> i.put("version", "1.2.0"), vendor, t -> { });
        assertThatThrownBy(() -> reader.verify(lying, BundleReader.Progress.SILENT))
                .hasMessage("the bundle says 1.2.0 but holds the release manifest of 1.1.0; it is refused");
    }

    @Test
    void entriesThatCouldEscapeOrAreNotListedAreRefused() throws Exception {
        Path escaping = bundle("1.1.0", i -> { }, vendor, t -> put(t, "../../etc/cron.d/evil", "x".getBytes()));
        assertThatThrownBy(() -> reader.verify(escaping, BundleReader.Progress.SILENT))
                .hasMessage("the bundle holds an entry its signed index does not list (../../etc/cron.d/evil); it is refused");
        Path listedEscaping = bundle("1.1.0", i -> ((ObjectNode) i.withArray("entries").get(0)).put("name", "../release.asr"),
                vendor, t -> { });
        assertThatThrownBy(() -> reader.verify(listedEscaping, BundleReader.Progress.SILENT))
                .hasMessageContaining("'../release.asr' is not an entry a bundle may have");
        Path link = bundle("1.1.0", i -> { }, vendor, t -> {
            TarArchiveEntry e = new TarArchiveEntry(BundleIndex.RELEASE, TarArchiveEntry.LF_SYMLINK);
            e.setLinkName("/etc/passwd");
            t.putArchiveEntry(e);
            t.closeArchiveEntry();
        });
        assertThatThrownBy(() -> reader.verify(link, BundleReader.Progress.SILENT))
                .hasMessageContaining("is not a plain file, or appears twice");
    }

    @Test
    void aBundleSignedByAnotherKeyOrChangedAfterSigningIsRefused() throws Exception {
        Path foreign = bundle("1.1.0", i -> { }, Ed25519Keys.generate(), t -> { });
        assertThatThrownBy(() -> reader.verify(foreign, BundleReader.Progress.SILENT))
                .hasMessageContaining("signed by a key this console does not trust");
    }

    private static License license(String customer, Set<String> features, String maxVersion) {
        Instant now = Instant.parse("2026-11-01T00:00:00Z");
        return new License("lic-1", customer, customer, Edition.STANDARD, 10, features, now, now, now.plusSeconds(86400 * 365),
                0, "stable", maxVersion, null, new RegistryAccess("127.0.0.1:5000", customer, customer, "pw"), null);
    }

    @Test
    void theLicenseAndTheInstalledVersionDecideWhatABundleMayDo() throws Exception {
        BundleReader.Verified v = reader.verify(good("1.1.0"), BundleReader.Progress.SILENT);
        OfflineBundles.checkLicense(v, license("acme", Set.of("airgap"), null));
        assertThatThrownBy(() -> OfflineBundles.checkLicense(v, license("acme", Set.of(), null)))
                .hasMessageStartingWith("this license does not include installing from an offline bundle");
        assertThatThrownBy(() -> OfflineBundles.checkLicense(v, license("globex", Set.of("airgap"), null)))
                .hasMessage("this bundle was made for another customer (acme), not for this license's (globex); it is"
                        + " refused. Nothing was changed");
        assertThatThrownBy(() -> OfflineBundles.checkLicense(v, license("acme", Set.of("airgap"), "1.0.9")))
                .hasMessageContaining("covers versions up to 1.0.9");
        OfflineBundles.checkUpdate(v, "1.0.0");
        assertThatThrownBy(() -> OfflineBundles.checkUpdate(v, "1.1.0")).hasMessageContaining("is already installed");
        assertThatThrownBy(() -> OfflineBundles.checkUpdate(v, "1.2.0"))
                .hasMessageStartingWith("the bundle holds 1.1.0, older than the installed 1.2.0; an update never goes back");
        assertThatThrownBy(() -> OfflineBundles.checkUpdate(v, "0.9.0"))
                .hasMessageContaining("1.1.0 updates from 1.0.0 or newer; install the bundle of 1.0.0 first");
    }

    @Test
    void aBundlesImagesArePushedIntoTheCustomersOwnRegistryAndTheTemporaryTagsGo() throws Exception {
        BundleReader.Verified v = reader.verify(good("1.2.0"), BundleReader.Progress.SILENT);
        var engine = com.adaptivestartup.console.testing.InMemoryEngine.local().withImage(WEB).withImage(DB);
        Map<String, String> pushed = BundlePush.push(v, engine, "registry.acme.internal:5000/adaptive", null,
                BundleReader.Progress.SILENT);
        assertThat(pushed).containsOnlyKeys("web", "postgres");
        assertThat(pushed.get("web")).matches("registry\\.acme\\.internal:5000/adaptive/acme/web@sha256:[0-9a-f]{64}");
        assertThat(engine.calls()).contains("push registry.acme.internal:5000/adaptive/acme/web:1.2.0",
                "push registry.acme.internal:5000/adaptive/acme/postgres:1.2.0");
        assertThat(engine.imageReferences()).noneMatch(r -> r.startsWith("registry.acme.internal"))
                .contains("adaptive-startup/web:1.2.0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BundlePush.push(v, engine, "https://registry.acme.internal/",
                null, BundleReader.Progress.SILENT)).isInstanceOf(BundleProblem.class)
                .hasMessageContaining("is not a registry address");
    }
}
