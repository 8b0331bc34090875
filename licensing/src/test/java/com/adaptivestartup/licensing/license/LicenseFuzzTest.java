package com.adaptivestartup.licensing.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.adaptivestartup.licensing.clock.InMemoryTimeWitness;
import com.adaptivestartup.licensing.machine.MachineFingerprint;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds 100,000 random mutations and truncations of a valid key and a valid .lic file to the
 * verifier: none may be accepted, and none may escape as an exception.
 */
class LicenseFuzzTest {
    private static final int MUTANTS = 100_000;
    private static final String ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+/=!{}\"\\:,é€\u0000";

    enum Mutation { FLIP_BIT, REPLACE_CHAR, DELETE_CHAR, INSERT_CHAR, TRUNCATE, DUPLICATE_SPAN, SWAP_CHARS }

    @Test
    void noMutantIsAcceptedAndNoneThrows() {
        KeyPair vendor = LicenseFixtures.vendorKey();
        License license = LicenseFixtures.license();
        var doc = LicenseFixtures.sign(vendor, license);
        String[] originals = {doc.compact(), LicenseIssuer.licenseFileText(doc, license)};
        var verifier = new LicenseVerifier(TrustedKeys.of(vendor.getPublic()),
                Clock.fixed(LicenseFixtures.ISSUED.plus(Duration.ofDays(1)), ZoneOffset.UTC), new InMemoryTimeWitness(),
                () -> Optional.of(MachineFingerprint.fromMachineId("0123456789abcdef0123456789abcdef")),
                Duration.ofHours(2));
        for (String original : originals) {
            assertThat(verifier.verify(original).usable()).as("the unmutated input").isTrue();
        }

        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        Map<Mutation, Integer> counts = new EnumMap<>(Mutation.class);
        int unchanged = 0;
        for (int i = 0; i < MUTANTS; i++) {
            String original = originals[i % 2];
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            String mutant = mutate(original, mutation, random, i % 2 == 1);
            if (withoutWhitespace(mutant).equals(withoutWhitespace(original))) {
                // e.g. a line break deleted inside the .lic block: the same signed text, rightly accepted
                unchanged++;
                continue;
            }
            counts.merge(mutation, 1, Integer::sum);
            LicenseVerdict verdict;
            try {
                verdict = verifier.verify(mutant);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ", mutant " + i + " (" + mutation + ") threw: " + mutant, e);
            }
            if (verdict.usable() && withoutWhitespace(mutant).contains(doc.compact())) {
                // a character typed just before or after the key, as in "key:ASL1...": the signed text is intact
                continue;
            }
            if (verdict.usable()) {
                fail("seed %d, mutant %d (%s) was accepted: %s", seed, i, mutation, mutant);
            }
            assertThat(verdict.message()).isNotBlank();
        }
        assertThat(unchanged).isLessThan(MUTANTS / 100);
        assertThat(counts).hasSize(Mutation.values().length);
    }

    /** Mutates the signed text only: in a .lic file, inside the BEGIN/END block. */
    private static String mutate(String text, Mutation mutation, Random r, boolean armored) {
        int from = 0;
        int to = text.length();
        if (armored) {
            from = text.indexOf("-----\n", text.indexOf("-----BEGIN")) + 6;
            to = text.indexOf("-----END");
        }
        int at = from + r.nextInt(to - from);
        char c = text.charAt(at);
        return switch (mutation) {
            case FLIP_BIT -> replace(text, at, (char) (c ^ (1 << r.nextInt(7))));
            case REPLACE_CHAR -> replace(text, at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            case DELETE_CHAR -> text.substring(0, at) + text.substring(at + 1);
            case INSERT_CHAR -> text.substring(0, at) + ALPHABET.charAt(r.nextInt(ALPHABET.length())) + text.substring(at);
            case TRUNCATE -> text.substring(0, at);
            case DUPLICATE_SPAN -> {
                int end = Math.min(to, at + 1 + r.nextInt(40));
                yield text.substring(0, end) + text.substring(at, end) + text.substring(end);
            }
            case SWAP_CHARS -> {
                int other = from + r.nextInt(to - from);
                char[] chars = text.toCharArray();
                chars[at] = text.charAt(other);
                chars[other] = c;
                yield new String(chars);
            }
        };
    }

    private static String withoutWhitespace(String s) {
        return s.replaceAll("\\s", "");
    }

    /** Replacing a character with whitespace would only be a deletion in disguise; keep it visible. */
    private static String replace(String text, int at, char c) {
        char visible = Character.isWhitespace(c) || Character.isSpaceChar(c) ? '~' : c;
        return text.substring(0, at) + visible + text.substring(at + 1);
    }
}
