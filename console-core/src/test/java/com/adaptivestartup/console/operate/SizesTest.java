package com.adaptivestartup.console.operate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void sizesReadAsPeopleSayThem() {
        assertThat(Sizes.human(512)).isEqualTo("512 B");
        assertThat(Sizes.human(45_000)).as("a small backup is not 0.0 MB").isEqualTo("44 KB");
        assertThat(Sizes.human(3_400_000)).isEqualTo("3.2 MB");
        assertThat(Sizes.human(1L << 30)).isEqualTo("1.0 GB");
        assertThat(Sizes.human(300L << 30)).isEqualTo("300 GB");
    }
}
