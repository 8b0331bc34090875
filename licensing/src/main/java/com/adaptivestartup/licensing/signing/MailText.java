package com.adaptivestartup.licensing.signing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A key as it often arrives: pasted out of an email. Quote marks at each line's start ({@code > }, nested
 * {@code >> }) are taken off, and around a bare key the mail's own words (a greeting, "On ... wrote:", a
 * {@code -- } signature) are left out: the key is the run of lines that starts at its prefix and holds only a
 * key's characters. An armored key needs no more: its BEGIN and END lines already bound it.
 */
final class MailText {
    private static final Pattern QUOTE = Pattern.compile("(?m)^[ \\t]*(?:>[ \\t]?)+");
    private static final Pattern KEY_LINE = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private MailText() {
    }

    /** The text without mail quoting; unchanged when no line is quoted. */
    static String unquote(String text) {
        return QUOTE.matcher(text).find() ? QUOTE.matcher(text).replaceAll("") : text;
    }

    /**
     * The compact key, whitespace (invisible kinds included) removed. Text that holds nothing but a key's
     * characters is the key; in other text, the key runs from {@code prefix.} (where it starts a word) to the
     * last line that holds nothing but key characters. Text without the prefix comes back squeezed, for the
     * caller to say what is wrong with it.
     */
    static String bareKey(String text, String prefix) {
        String squeezed = DocumentCodec.withoutWhitespace(text);
        if (KEY_LINE.matcher(squeezed).matches()) {
            return squeezed;
        }
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int at = line.indexOf(prefix + ".");
            while (at > 0 && KEY_LINE.matcher(line.substring(at - 1, at)).matches()) {
                at = line.indexOf(prefix + ".", at + 1);   // inside a word: not where a key starts
            }
            if (at < 0) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            String first = line.substring(at).strip();
            int space = first.indexOf(' ');
            parts.add(DocumentCodec.withoutWhitespace(space < 0 ? first : first.substring(0, space)));
            for (int j = i + 1; j < lines.size() && space < 0; j++) {
                String next = DocumentCodec.withoutWhitespace(lines.get(j));
                if (next.isEmpty() || next.equals("--") || !KEY_LINE.matcher(next).matches()) {
                    break;
                }
                parts.add(next);
            }
            return String.join("", parts);
        }
        return squeezed;
    }
}
