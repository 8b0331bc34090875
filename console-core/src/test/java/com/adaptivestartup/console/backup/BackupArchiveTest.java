package com.adaptivestartup.console.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup file format on its own: a round trip (and GNU tar, a real peer, lists it), then every kind
 * of bad archive the issue names, each refused by the reader with a sentence, before any byte reaches a
 * caller's staging folder.
 */
class BackupArchiveTest {
    @TempDir
    Path dir;
    private static final BackupManifest HEADER = new BackupManifest(1, "acme", "1.1.0", "5",
            Instant.parse("2026-11-28T03:00:00Z"), "manual", "before the demo", List.of());

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve("parts").resolve(name.replace('/', '_'));
        Files.createDirectories(p.getParent());
        return Files.write(p, content);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A volume's tar, zstd-compressed, with the given members (name -> content; content null = directory). */
    private static byte[] volumeTar(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new ZstdOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var m : members.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(m.getKey(), true); // keep an absolute name as it is
                if (m.getValue() != null) {
                    e.setSize(m.getValue().length);
                }
                tar.putArchiveEntry(e);
                if (m.getValue() != null) {
                    tar.write(m.getValue());
                }
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] volumeTarWithLink(String name, String target, byte type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new ZstdOutputStream(out))) {
            TarArchiveEntry e = new TarArchiveEntry(name, type);
            e.setLinkName(target);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    private Path goodArchive(char[] passphrase) throws IOException {
        var files = new java.util.LinkedHashMap<String, byte[]>();
        files.put("objects/adaptive-files/a.bin", random(300_000, 1));
        files.put("objects/adaptive-files/notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        List<BackupArchive.Part> parts = List.of(
                new BackupArchive.Part(BackupLayout.DATABASE, file("db", random(200_000, 2))),
                new BackupArchive.Part("volumes/storage-data.tar.zst", file("vol", volumeTar(files))),
                new BackupArchive.Part("config/.env", file("env", "HTTP_PORT=8080\n".getBytes(StandardCharsets.UTF_8))),
                new BackupArchive.Part("config/secrets/postgres_password", file("pw", "s3cret".getBytes(StandardCharsets.UTF_8))));
        return BackupArchive.write(dir.resolve("backup.tar"), HEADER, parts, passphrase).file();
    }

    private static BackupArchive.Checked verify(Path file, char[] passphrase) {
        return BackupArchive.read(file, passphrase, name -> null);
    }

    @Test
    void aBackupReadsBackWholeAndGnuTarListsIt() throws Exception {
        Path archive = goodArchive(null);
        Map<String, byte[]> extracted = new HashMap<>();
        BackupArchive.Checked checked = BackupArchive.read(archive, null, name -> new ByteArrayOutputStream() {
            @Override
            public void close() {
                extracted.put(name, toByteArray());
            }
        });
        assertThat(checked.manifest().appVersion()).isEqualTo("1.1.0");
        assertThat(checked.manifest().schemaVersion()).isEqualTo("5");
        assertThat(checked.manifest().note()).isEqualTo("before the demo");
        assertThat(checked.manifest().entries()).extracting(BackupManifest.Entry::name).containsExactly(
                "database.dump", "volumes/storage-data.tar.zst", "config/.env", "config/secrets/postgres_password");
        assertThat(extracted.get("database.dump")).isEqualTo(random(200_000, 2));
        assertThat(new String(extracted.get("config/secrets/postgres_password"), StandardCharsets.UTF_8)).isEqualTo("s3cret");
        assertThat(checked.sha256()).isEqualTo(BackupArchive.sha256(archive));
        assertThat(dir.resolve("backup.tar.partial")).doesNotExist();

        Process tar = new ProcessBuilder("tar", "-tvf", archive.toString()).redirectErrorStream(true).start();
        String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as(listing).isZero();
        assertThat(listing.lines().findFirst().orElseThrow()).endsWith("manifest.json");
        assertThat(listing).contains("database.dump", "volumes/storage-data.tar.zst", "config/secrets/postgres_password");
    }

    @Test
    void theKernelCopiedArchiveIsByteForByteTheTarCommonsCompressWrites() throws Exception {
        Path archive = goodArchive(null);
        BackupManifest manifest = verify(archive, null).manifest();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(expected)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            // the manifest in the room kept for its longest form, padded with spaces
            byte[] exact = manifest.toJson();
            int room = manifest.longestJson(manifest.entries().stream().map(BackupManifest.Entry::name).toList());
            assertThat(room).isGreaterThan(exact.length);
            byte[] json = java.util.Arrays.copyOf(exact, room);
            java.util.Arrays.fill(json, exact.length, room, (byte) ' ');
            List<String> names = new ArrayList<>(List.of(BackupManifest.NAME));
            List<byte[]> bodies = new ArrayList<>(List.of(json));
            for (String part : List.of("db", "vol", "env", "pw")) {
                bodies.add(Files.readAllBytes(dir.resolve("parts").resolve(part)));
            }
            names.addAll(manifest.entries().stream().map(BackupManifest.Entry::name).toList());
            for (int i = 0; i < names.size(); i++) {
                TarArchiveEntry e = new TarArchiveEntry(names.get(i));
                e.setSize(bodies.get(i).length);
                e.setMode(0600);
                e.setModTime(HEADER.createdAt().toEpochMilli());
                tar.putArchiveEntry(e);
                tar.write(bodies.get(i));
                tar.closeArchiveEntry();
            }
        }
        byte[] written = Files.readAllBytes(archive);
        byte[] want = expected.toByteArray();
        assertThat(java.util.Arrays.mismatch(written, want)).as("first differing byte of %s written, %s expected",
                written.length, want.length).isEqualTo(-1);
    }

    @Test
    void aLongNameAndASizeBeyondEightGibibytesGetTheirPaxHeader() throws Exception {
        String name = "volumes/" + "a-volume-with-a-very-long-name-".repeat(4) + ".tar.zst";
        long size = 9L << 30;
        byte[] header = PlainArchiveWriter.header(name, size, HEADER.createdAt().toEpochMilli());
        assertThat(header.length % 512).isZero();
        assertThat(header.length).isGreaterThan(512);
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new java.io.ByteArrayInputStream(java.util.Arrays.copyOf(header, header.length + 1024)))) {
            TarArchiveEntry e = in.getNextEntry();
            assertThat(e.getName()).isEqualTo(name);
            assertThat(e.getSize()).isEqualTo(size);
        }
    }

    @Test
    void aPartsHashGivenByItsWriterIsTheOneTheManifestKeeps() throws Exception {
        Path db = file("db", random(100_000, 3));
        String wrong = "0".repeat(64);
        Path archive = BackupArchive.write(dir.resolve("given.tar"), HEADER,
                List.of(new BackupArchive.Part(BackupLayout.DATABASE, db, wrong)), null).file();
        assertThat(BackupArchive.peekManifest(archive, null).entries().get(0).sha256()).isEqualTo(wrong);
        assertThatThrownBy(() -> verify(archive, null)).isInstanceOf(BackupProblem.class)
                .hasMessageContaining("does not match its checksum");
        Path right = BackupArchive.write(dir.resolve("right.tar"), HEADER,
                List.of(new BackupArchive.Part(BackupLayout.DATABASE, db, BackupArchive.sha256(db))), null).file();
        assertThat(verify(right, null).manifest().entries()).hasSize(1);
    }

    @Test
    void aFlippedByteIsCaughtByTheEntrysChecksum() throws Exception {
        Path archive = goodArchive(null);
        long offset = Files.size(archive) / 2;
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x01);
        }
        assertThatThrownBy(() -> verify(archive, null)).isInstanceOf(BackupProblem.class)
                .hasMessageMatching("(?s).*(does not match its checksum|damaged).*");
    }

    @Test
    void aTruncatedArchiveIsRefused() throws Exception {
        Path archive = goodArchive(null);
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.setLength(f.length() * 2 / 3);
        }
        assertThatThrownBy(() -> verify(archive, null)).isInstanceOf(BackupProblem.class)
                .hasMessageMatching("(?s).*(truncated|incomplete|ends too early|damaged).*");
    }

    /** Writes a tar whose manifest lists {@code listed} and which holds {@code entries}, each as given. */
    private Path craft(List<BackupManifest.Entry> listed, List<Object[]> entries) throws IOException {
        BackupManifest m = new BackupManifest(1, "acme", "1.1.0", "5", HEADER.createdAt(), "manual", null, listed);
        Path out = dir.resolve("crafted-" + System.nanoTime() + ".tar");
        try (OutputStream file = Files.newOutputStream(out); TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            byte[] json = m.toJson();
            TarArchiveEntry me = new TarArchiveEntry(BackupManifest.NAME);
            me.setSize(json.length);
            tar.putArchiveEntry(me);
            tar.write(json);
            tar.closeArchiveEntry();
            for (Object[] e : entries) {
                String name = (String) e[0];
                byte[] content = (byte[]) e[1];
                byte type = e.length > 2 ? (byte) e[2] : TarConstants.LF_NORMAL;
                TarArchiveEntry te = new TarArchiveEntry(name, type, true);
                if (type == TarConstants.LF_SYMLINK || type == TarConstants.LF_LINK) {
                    te.setLinkName("../../etc/passwd");
                } else {
                    te.setSize(content.length);
                }
                tar.putArchiveEntry(te);
                if (te.isFile()) {
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
        }
        return out;
    }

    private static BackupManifest.Entry listed(String name, byte[] content) {
        var sha = BackupArchive.digest();
        return new BackupManifest.Entry(name, content.length, java.util.HexFormat.of().formatHex(sha.digest(content)));
    }

    private static final byte[] DUMP = "PGDMP-not-really".getBytes(StandardCharsets.UTF_8);

    @Test
    void entriesThatClimbOutOrAreAbsoluteAreRefused() throws Exception {
        byte[] evil = "evil".getBytes(StandardCharsets.UTF_8);
        for (String name : List.of("../../etc/cron.d/evil", "/etc/passwd", "config/../../evil", "config/secrets/../../../x",
                "volumes/../../x.tar.zst", "C:\\Windows\\evil")) {
            Path archive = craft(List.of(listed("database.dump", DUMP)),
                    List.of(new Object[]{"database.dump", DUMP}, new Object[]{name, evil}));
            assertThatThrownBy(() -> verify(archive, null)).as(name).isInstanceOf(BackupProblem.class)
                    .hasMessageContaining("not part of an Adaptive Startup backup");
        }
    }

    @Test
    void linksAndSpecialFilesAreRefused() throws Exception {
        for (byte type : new byte[]{TarConstants.LF_SYMLINK, TarConstants.LF_LINK}) {
            Path archive = craft(List.of(listed("database.dump", DUMP)),
                    List.of(new Object[]{"database.dump", DUMP}, new Object[]{"config/secrets/x", new byte[0], type}));
            assertThatThrownBy(() -> verify(archive, null)).isInstanceOf(BackupProblem.class)
                    .hasMessageContaining("is a link or a special file");
        }
    }

    @Test
    void aManifestThatLiesAboutASizeIsCaught() throws Exception {
        BackupManifest.Entry lie = new BackupManifest.Entry("database.dump", DUMP.length + 10, listed("database.dump", DUMP).sha256());
        Path archive = craft(List.of(lie), List.<Object[]>of(new Object[]{"database.dump", DUMP}));
        assertThatThrownBy(() -> verify(archive, null)).isInstanceOf(BackupProblem.class)
                .hasMessageContaining("is " + DUMP.length + " bytes but its manifest says " + (DUMP.length + 10));
    }

    @Test
    void aHugeDeclaredSizeIsRefusedBeforeReading() throws Exception {
        BackupManifest.Entry huge = new BackupManifest.Entry("database.dump", 5L << 40, listed("database.dump", DUMP).sha256());
        Path archive = craft(List.of(huge), List.<Object[]>of(new Object[]{"database.dump", DUMP}));
        assertThatThrownBy(() -> verify(archive, null)).isInstanceOf(BackupProblem.class)
                .hasMessageContaining("declares 5497558138880 bytes of content in a file of");
    }

    @Test
    void missingAndUnlistedEntriesAreRefused() throws Exception {
        byte[] env = "A=1".getBytes(StandardCharsets.UTF_8);
        Path missing = craft(List.of(listed("database.dump", DUMP), listed("config/.env", env)),
                List.<Object[]>of(new Object[]{"database.dump", DUMP}));
        assertThatThrownBy(() -> verify(missing, null)).hasMessageContaining("incomplete: config/.env is missing");
        Path extra = craft(List.of(listed("database.dump", DUMP)),
                List.of(new Object[]{"database.dump", DUMP}, new Object[]{"config/.env", env}));
        assertThatThrownBy(() -> verify(extra, null)).hasMessageContaining("config/.env, which its manifest does not list");
    }

    @Test
    void aVolumeWhoseMembersEscapeIsRefused() throws Exception {
        List<byte[]> bad = new ArrayList<>();
        bad.add(volumeTar(Map.of("../../../etc/cron.d/x", "x".getBytes(StandardCharsets.UTF_8))));
        bad.add(volumeTar(Map.of("/etc/passwd", "x".getBytes(StandardCharsets.UTF_8))));
        bad.add(volumeTarWithLink("./link", "/etc", TarConstants.LF_SYMLINK));
        bad.add(volumeTarWithLink("./a/link", "../../outside", TarConstants.LF_SYMLINK));
        bad.add(volumeTarWithLink("./hard", "../outside", TarConstants.LF_LINK));
        bad.add(volumeTarWithLink("./dev", "", TarConstants.LF_CHR));
        for (int i = 0; i < bad.size(); i++) {
            byte[] vol = bad.get(i);
            Path archive = craft(List.of(listed("database.dump", DUMP), listed("volumes/storage-data.tar.zst", vol)),
                    List.of(new Object[]{"database.dump", DUMP}, new Object[]{"volumes/storage-data.tar.zst", vol}));
            assertThatThrownBy(() -> verify(archive, null)).as("bad volume #" + i).isInstanceOf(BackupProblem.class)
                    .hasMessageMatching("(?s).*(absolute path|climbs out|leading out|device or special file).*");
        }
        byte[] fine = volumeTarWithLink("./a/link", "../b", TarConstants.LF_SYMLINK);
        Path ok = craft(List.of(listed("database.dump", DUMP), listed("volumes/storage-data.tar.zst", fine)),
                List.of(new Object[]{"database.dump", DUMP}, new Object[]{"volumes/storage-data.tar.zst", fine}));
        assertThat(verify(ok, null).manifest().entries()).hasSize(2);
    }

    @Test
    void aVolumeThatWouldExpandLikeABombIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ZstdOutputStream zstd = new ZstdOutputStream(out);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(zstd);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        TarArchiveEntry e = new TarArchiveEntry("./zeros");
        e.setSize(4L << 40);
        tar.putArchiveEntry(e); // the header only: the reader must refuse on it, before 4 TiB of zeros
        tar.flush();
        zstd.close();
        byte[] bomb = out.toByteArray();
        Path archive = craft(List.of(listed("database.dump", DUMP), listed("volumes/storage-data.tar.zst", bomb)),
                List.of(new Object[]{"database.dump", DUMP}, new Object[]{"volumes/storage-data.tar.zst", bomb}));
        assertThatThrownBy(() -> verify(archive, null)).isInstanceOf(BackupProblem.class)
                .hasMessageContaining("looks like a decompression bomb");
    }

    @Test
    void notABackupAtAll() throws Exception {
        Path junk = Files.write(dir.resolve("junk.tar"), random(10_000, 9));
        assertThatThrownBy(() -> verify(junk, null)).isInstanceOf(BackupProblem.class);
        Path empty = Files.write(dir.resolve("empty.tar"), new byte[0]);
        assertThatThrownBy(() -> verify(empty, null)).isInstanceOf(BackupProblem.class)
                .hasMessageContaining("not an Adaptive Startup backup");
    }

    @Test
    void anEncryptedBackupNeedsItsPassphraseAndCatchesTampering() throws Exception {
        char[] pass = "correct horse battery staple".toCharArray();
        Path archive = goodArchive(pass);
        assertThat(new String(Files.readAllBytes(archive), StandardCharsets.ISO_8859_1)).doesNotContain("s3cret", "manifest.json");
        assertThat(verify(archive, pass).manifest().entries()).hasSize(4);
        assertThatThrownBy(() -> verify(archive, null)).hasMessageContaining("encrypted: give its passphrase");
        assertThatThrownBy(() -> verify(archive, "wrong".toCharArray())).hasMessageContaining("passphrase does not open");

        Path cut = Files.copy(archive, dir.resolve("cut.tar"));
        try (RandomAccessFile f = new RandomAccessFile(cut.toFile(), "rw")) {
            f.setLength(f.length() - 100_000); // whole chunks gone, the rest authentic
        }
        assertThatThrownBy(() -> verify(cut, pass)).isInstanceOf(BackupProblem.class)
                .hasMessageMatching("(?s).*(damaged or truncated|truncated|incomplete).*");
        Path flipped = Files.copy(archive, dir.resolve("flipped.tar"));
        try (RandomAccessFile f = new RandomAccessFile(flipped.toFile(), "rw")) {
            f.seek(200_000);
            int b = f.read();
            f.seek(200_000);
            f.write(b ^ 0x80);
        }
        assertThatThrownBy(() -> verify(flipped, pass)).isInstanceOf(BackupProblem.class)
                .hasMessageContaining("damaged or truncated");
    }
}
