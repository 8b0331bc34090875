package com.adaptivestartup.licensing.license;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * What verifying a license found, in words a person can act on. Exactly one verdict for any input;
 * {@link #usable()} says whether the stack may be installed or keep running with it.
 */
public sealed interface LicenseVerdict {

    /** A stable machine-readable name of the verdict, for --json and the UI's resource keys. */
    String code();

    /** One or two sentences for a person: what is wrong (or right) and what to do. */
    String message();

    boolean usable();

    /** The license, when it could be read from a correctly signed document. */
    default Optional<License> readLicense() {
        return this instanceof AboutLicense about ? Optional.of(about.license()) : Optional.empty();
    }

    /** A verdict about a license that was correctly signed and could be read. */
    sealed interface AboutLicense extends LicenseVerdict {
        License license();
    }

    record Valid(License license, Instant now) implements AboutLicense {
        public String code() {
            return "valid";
        }

        public boolean usable() {
            return true;
        }

        /** Whether expiry is close enough to warn: 30 days, 7 for a trial. */
        public boolean expiresSoon() {
            long warnDays = license.edition() == Edition.TRIAL ? 7 : 30;
            return Duration.between(now, license.expiresAt()).toDays() < warnDays;
        }

        public String message() {
            Duration left = Duration.between(now, license.expiresAt());
            String base = "Valid license for " + license.customerName() + " (" + license.edition().wireName()
                    + ", " + license.seats() + " seats), expires " + Format.date(license.expiresAt());
            return expiresSoon() ? base + ", " + in(left) + ": renew it soon." : base + ".";
        }

        /** "in 12 days", and under a day the hours ("in 5 hours"), never "in 0 days". */
        private static String in(Duration left) {
            long days = left.toDays();
            if (days >= 1) {
                return "in " + days + " day" + (days == 1 ? "" : "s");
            }
            long hours = Math.max(1, left.toHours());
            return "in " + hours + " hour" + (hours == 1 ? "" : "s");
        }
    }

    record InGracePeriod(License license, Instant graceEndsAt) implements AboutLicense {
        public String code() {
            return "expired-in-grace";
        }

        public boolean usable() {
            return true;
        }

        public String message() {
            return "This license expired on " + Format.date(license.expiresAt())
                    + ". It keeps working during the grace period, until " + Format.date(graceEndsAt)
                    + ": renew it before then.";
        }
    }

    record Expired(License license, Instant graceEndedAt) implements AboutLicense {
        public String code() {
            return "expired";
        }

        public boolean usable() {
            return false;
        }

        public String message() {
            return "This license expired on " + Format.date(license.expiresAt()) + " and its grace period ended on "
                    + Format.date(graceEndedAt) + ". Ask your vendor contact for a renewed license key.";
        }
    }

    record NotYetValid(License license) implements AboutLicense {
        public String code() {
            return "not-yet-valid";
        }

        public boolean usable() {
            return false;
        }

        public String message() {
            return "This license only becomes valid on " + Format.time(license.notBefore())
                    + ". If that date has passed, check this computer's clock.";
        }
    }

    record BoundToAnotherMachine(License license, boolean thisMachineUnknown) implements AboutLicense {
        public String code() {
            return "wrong-machine";
        }

        public boolean usable() {
            return false;
        }

        public String message() {
            return thisMachineUnknown
                    ? "This license is bound to one machine, and this computer's machine id could not be read."
                    + " Ask your vendor contact for a license that is not machine-bound."
                    : "This license is bound to another machine. Send your vendor contact this machine's"
                    + " fingerprint (adaptivectl license fingerprint) for a license issued to it.";
        }
    }

    /**
     * The clock reads earlier than a time already seen, or than the license's own issue time. The license was read
     * (so a read-only check, such as asking the vendor for updates, can still confirm the time), but it is not usable.
     */
    record ClockSetBack(License license, Instant now, Instant evidence, Evidence source) implements AboutLicense {
        /** What the clock was found earlier than. */
        public enum Evidence {
            /** A time this console recorded before; the clock may be right now and have been ahead then. */
            SEEN_BEFORE,
            /** The vendor's own signature time on this license: the clock is certainly wrong. */
            LICENSE_ISSUED
        }

        public String code() {
            return "clock-set-back";
        }

        public boolean usable() {
            return false;
        }

        public String message() {
            if (source == Evidence.LICENSE_ISSUED) {
                return "This computer's clock reads " + Format.time(now) + ", earlier than the time this license was"
                        + " issued (" + Format.time(evidence) + "). Set the clock to the correct time and try again.";
            }
            return "This computer's clock reads " + Format.time(now) + ", earlier than a time this console has already"
                    + " seen (" + Format.time(evidence) + "). If the clock is wrong, set it to the correct time. If it is"
                    + " right now and was ahead before, check for updates once (the vendor's signed answer confirms the"
                    + " time) or reset the clock check (License page, or `adaptivectl license reset-clock`; the reset is"
                    + " recorded in the history).";
        }
    }

    record UnknownSigningKey(String keyId, List<String> trustedKeyIds) implements LicenseVerdict {
        public String code() {
            return "unknown-key";
        }

        public boolean usable() {
            return false;
        }

        public String message() {
            return "This license was signed by a key this console does not know (" + keyId + "). It may be for a"
                    + " newer console: update the console, or ask your vendor contact for a new key.";
        }
    }

    record Tampered(String keyId) implements LicenseVerdict {
        public String code() {
            return "tampered";
        }

        public boolean usable() {
            return false;
        }

        public String message() {
            return "This license key has been changed after it was issued (its signature does not match)."
                    + " Paste it again exactly as you received it.";
        }
    }

    record Malformed(String problem, String where) implements LicenseVerdict {
        public String code() {
            return "malformed";
        }

        public boolean usable() {
            return false;
        }

        public String message() {
            return "This is not a readable license key: " + problem + " (at " + where + ")."
                    + " Paste the whole key, or choose the .lic file you received.";
        }
    }

    /** Dates as people read them: ISO day, UTC. */
    final class Format {
        private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

        private Format() {
        }

        static String date(Instant t) {
            return DAY.format(t);
        }

        static String time(Instant t) {
            return TIME.format(t);
        }
    }
}
