package com.adaptivestartup.ui;

/** A message from console-core (lower case, no full stop) as the sentence a view shows. */
public final class Sentences {
    private Sentences() {
    }

    public static String of(String s) {
        if (s == null || s.isEmpty()) {
            return "Something went wrong.";
        }
        String t = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return t.matches("(?s).*[.?!)]$") ? t : t + ".";
    }
}
