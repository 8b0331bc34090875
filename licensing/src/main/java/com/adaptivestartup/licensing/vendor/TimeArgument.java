package com.adaptivestartup.licensing.vendor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts {@code 2027-01-31} (midnight UTC) or a full UTC time {@code 2027-01-31T12:00:00Z}. */
final class TimeArgument implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            return value.contains("T") ? Instant.parse(value)
                    : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a date (2027-01-31) or UTC time (2027-01-31T12:00:00Z)");
        }
    }
}
