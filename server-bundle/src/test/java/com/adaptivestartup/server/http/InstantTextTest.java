package com.adaptivestartup.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Instants written directly read exactly as the JDK's ISO_INSTANT formatter writes them, whatever the instant. */
class InstantTextTest {

    @Test
    void writesWhatIsoInstantWritesForAnyInstant() {
        SplittableRandom random = new SplittableRandom(42);
        long lowest = Instant.parse("-0200-01-01T00:00:00Z").getEpochSecond();
        long highest = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        for (int n = 0; n < 200_000; n++) {
            int nano = switch (n % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(random.nextLong(lowest, highest), nano);
            assertThat(InstantText.of(t)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(t));
        }
        for (String edge : new String[]{"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.000001Z", "2024-02-29T12:00:00.100Z", "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"}) {
            Instant t = Instant.parse(edge);
            assertThat(InstantText.of(t)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(t));
        }
    }

    @Test
    void theApisJsonWritesInstantsThisWay() throws Exception {
        Instant t = Instant.parse("2026-12-01T23:04:10.123456Z");
        assertThat(Json.MAPPER.writeValueAsString(java.util.Map.of("at", t))).isEqualTo("{\"at\":\"2026-12-01T23:04:10.123456Z\"}");
    }
}
