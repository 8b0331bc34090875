package com.adaptivestartup.licensing.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads typed fields out of a signed document's JSON body, so that a wrong field is reported by its
 * path and in words ("'seats' must be a whole number from 1 to 1000000"), never as a parser error.
 */
public final class JsonFields {
    private static final int MAX_TEXT = 512;
    private final JsonNode node;
    private final String path;

    public JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    public JsonFields object(String name) throws MalformedDocumentException {
        JsonNode value = require(name);
        if (!value.isObject()) {
            throw wrong(name, "must be an object");
        }
        return new JsonFields(value, where(name));
    }

    public String text(String name) throws MalformedDocumentException {
        String value = optionalText(name);
        if (value == null) {
            throw new MalformedDocumentException("field '" + where(name) + "' is missing", where(name));
        }
        return value;
    }

    /** The text, or {@code null} when the field is absent or JSON null. */
    public String optionalText(String name) throws MalformedDocumentException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > MAX_TEXT) {
            throw wrong(name, "must be a non-empty text of at most " + MAX_TEXT + " characters");
        }
        return value.textValue();
    }

    public String matching(String name, Pattern pattern, String description) throws MalformedDocumentException {
        String value = text(name);
        if (!pattern.matcher(value).matches()) {
            throw wrong(name, "must be " + description);
        }
        return value;
    }

    public int wholeNumber(String name, int min, int max) throws MalformedDocumentException {
        JsonNode value = require(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw wrong(name, "must be a whole number from " + min + " to " + max);
        }
        return value.intValue();
    }

    public Instant instant(String name) throws MalformedDocumentException {
        String value = text(name);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw wrong(name, "must be a UTC time such as 2027-01-31T00:00:00Z");
        }
    }

    public LocalDate optionalDate(String name) throws MalformedDocumentException {
        String value = optionalText(name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw wrong(name, "must be a date such as 2027-01-31");
        }
    }

    public List<String> textList(String name, Pattern each, int maxItems) throws MalformedDocumentException {
        JsonNode value = require(name);
        if (!value.isArray() || value.size() > maxItems) {
            throw wrong(name, "must be a list of at most " + maxItems + " entries");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || !each.matcher(item.textValue()).matches()) {
                throw wrong(name, "has an entry that is not a valid name: " + item);
            }
            out.add(item.textValue());
        }
        return out;
    }

    public MalformedDocumentException wrong(String name, String rule) {
        return new MalformedDocumentException("field '" + where(name) + "' " + rule, where(name));
    }

    private JsonNode require(String name) throws MalformedDocumentException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new MalformedDocumentException("field '" + where(name) + "' is missing", where(name));
        }
        return value;
    }

    private String where(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
