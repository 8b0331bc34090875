package com.adaptivestartup.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What the console says, from the resource bundle: a sentence with its blanks filled ({@code {0}}, {@code {1}}:
 * MessageFormat's rules), and a message from console-core (lower case, no full stop) turned into a sentence.
 * View models hold one; every user-facing word comes through it, so a second language needs no code.
 */
public final class Texts {
    private final ResourceBundle bundle;

    public Texts(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    public String say(String key, Object... values) {
        return say(bundle, key, values);
    }

    public static String say(ResourceBundle text, String key, Object... values) {
        String pattern = text.getString(key);
        return values.length == 0 ? pattern : new MessageFormat(pattern, text.getLocale()).format(values);
    }

    /** A message from console-core as the sentence a view shows: capitalized, ended; the bundle's words if empty. */
    public String sentence(String message) {
        String s = clause(message);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A message from console-core as the end of a sentence ("Restore failed: {0}"): as it is, with its full stop. */
    public String clause(String message) {
        if (message == null || message.isBlank()) {
            return say("sentence.fallback");
        }
        String s = message.strip();
        return s.matches("(?s).*[.?!]\\)?$") ? s : s + ".";
    }

    /**
     * The locale dates and numbers are written in: the bundle's; for the English texts (the bundle's root), this
     * desktop's own when it is English too (a British desktop writes 30 Nov 2026), otherwise plain English.
     */
    public Locale locale() {
        if (!bundle.getLocale().getLanguage().isEmpty()) {
            return bundle.getLocale();
        }
        Locale desktop = Locale.getDefault(Locale.Category.FORMAT);
        return desktop.getLanguage().equals("en") ? desktop : Locale.ENGLISH;
    }

    public ResourceBundle bundle() {
        return bundle;
    }
}
