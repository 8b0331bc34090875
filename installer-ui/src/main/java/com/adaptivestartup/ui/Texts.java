package com.adaptivestartup.ui;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** A sentence from the resource bundle with its blanks filled ({@code {0}}, {@code {1}}: MessageFormat's rules). */
public final class Texts {
    private Texts() {
    }

    public static String say(ResourceBundle text, String key, Object... values) {
        String pattern = text.getString(key);
        return values.length == 0 ? pattern : new MessageFormat(pattern, text.getLocale()).format(values);
    }
}
