package com.adaptivestartup.licensing.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64UrlTest {

    @Test
    void roundTripsEveryLength() {
        Random random = new Random(7);
        for (int n = 0; n < 100; n++) {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            assertThat(Base64Url.decode(Base64Url.encode(bytes))).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
        }
    }

    @Test
    void refusesASecondSpellingOfTheSameBytes() {
        String canonical = Base64Url.encode(new byte[]{(byte) 0xFF}); // "_w": last char carries 4 unused bits
        assertThat(canonical).isEqualTo("_w");
        assertThat(Base64Url.decode("_w")).isPresent();
        assertThat(Base64Url.decode("_x")).as("same byte, unused bits set").isEmpty();
    }

    @Test
    void refusesPaddingForeignCharactersAndImpossibleLengths() {
        assertThat(Base64Url.decode("_w==")).isEmpty();
        assertThat(Base64Url.decode("ab+/")).isEmpty();
        assertThat(Base64Url.decode("abcde")).isEmpty();
        assertThat(Base64Url.firstInvalidCharacter("abc def")).isEqualTo(3);
    }
}
