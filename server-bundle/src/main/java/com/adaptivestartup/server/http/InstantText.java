package com.adaptivestartup.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An instant as ISO-8601 in UTC exactly as {@code DateTimeFormatter.ISO_INSTANT} writes it (the fraction in groups
 * of three digits, none when whole), written directly: every record carries three instants, and the formatter was
 * a quarter of the time spent writing JSON. Years outside 0000-9999 go through {@link Instant#toString()}.
 */
public final class InstantText {
    private static final int SECONDS_A_DAY = 86_400;

    private InstantText() {
    }

    public static String of(Instant t) {
        long seconds = t.getEpochSecond();
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_A_DAY));
        if (day.getYear() < 0 || day.getYear() > 9999) {
            return t.toString();
        }
        int inDay = (int) Math.floorMod(seconds, SECONDS_A_DAY);
        int nano = t.getNano();
        char[] out = new char[30];
        int i = digits(out, 0, day.getYear(), 4);
        out[i++] = '-';
        i = digits(out, i, day.getMonthValue(), 2);
        out[i++] = '-';
        i = digits(out, i, day.getDayOfMonth(), 2);
        out[i++] = 'T';
        i = digits(out, i, inDay / 3600, 2);
        out[i++] = ':';
        i = digits(out, i, inDay / 60 % 60, 2);
        out[i++] = ':';
        i = digits(out, i, inDay % 60, 2);
        if (nano != 0) {
            out[i++] = '.';
            if (nano % 1_000_000 == 0) {
                i = digits(out, i, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                i = digits(out, i, nano / 1_000, 6);
            } else {
                i = digits(out, i, nano, 9);
            }
        }
        out[i++] = 'Z';
        return new String(out, 0, i);
    }

    private static int digits(char[] out, int at, int value, int width) {
        for (int k = at + width - 1; k >= at; k--) {
            out[k] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /** Jackson's module writing instants this way (registered after the Java time module, so it wins). */
    static SimpleModule module() {
        return new SimpleModule("instant-text").addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(of(value));
            }
        });
    }
}
