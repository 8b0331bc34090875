package com.adaptivestartup.server.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single container's files on disk: whole or absent, and never outside their folder. */
class DiskObjectStoreTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsStoredWholeUnderItsKeyAndAnUploadCutShortLeavesNothing() throws Exception {
        DiskObjectStore store = new DiskObjectStore(dir.resolve("files"));
        store.ensureBucket();
        byte[] bytes = "pitch deck".getBytes(StandardCharsets.UTF_8);
        store.put("orgs/a/files/b", new ByteArrayInputStream(bytes), bytes.length, "application/pdf");
        try (InputStream in = store.get("orgs/a/files/b")) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(store.size("orgs/a/files/b")).isEqualTo(bytes.length);

        assertThatThrownBy(() -> store.put("orgs/a/files/c", new ByteArrayInputStream(bytes), bytes.length + 5, "x"))
                .hasMessageContaining("ended after 10 of 15 bytes");
        assertThat(store.size("orgs/a/files/c")).isEqualTo(-1);
        try (Stream<Path> left = Files.walk(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".partial-"));
        }
        store.delete("orgs/a/files/b");
        assertThat(store.size("orgs/a/files/b")).isEqualTo(-1);
    }

    @Test
    void aKeyThatWouldLeaveTheFolderIsRefused() {
        DiskObjectStore store = new DiskObjectStore(dir.resolve("files"));
        for (String key : new String[]{"../escape", "/etc/passwd", "a/../../b", "a\\b", ""}) {
            assertThatThrownBy(() -> store.size(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
