package com.adaptivestartup.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console speaks English and German: every text in both, with the same blanks ({0}, {version}...), each a
 * sentence MessageFormat can fill; a German desktop gets the German texts.
 */
class MessagesTest {
    /** A blank's name or index, with or without a format ({0}, {version}, {1,number,#}, {1,choice,...}). */
    private static final Pattern BLANK = Pattern.compile("\\{([a-z0-9]+)[,}]");

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/com/adaptivestartup/ui/" + name)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Set<String> blanks(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = BLANK.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void everyTextIsInEnglishAndGermanWithTheSameBlanks() throws IOException {
        Properties english = load("messages.properties");
        Properties german = load("messages_de.properties");
        assertThat(german.stringPropertyNames()).as("the German texts' keys").isEqualTo(english.stringPropertyNames());
        for (String key : english.stringPropertyNames()) {
            String en = english.getProperty(key);
            String de = german.getProperty(key);
            assertThat(de).as(key).isNotBlank();
            assertThat(blanks(de)).as("the blanks of " + key).isEqualTo(blanks(en));
            if (!blanks(en).isEmpty() && blanks(en).stream().allMatch(b -> b.matches("\\d+"))) {
                for (String pattern : List.of(en, de)) {
                    assertFilled(key, pattern);
                }
            }
        }
    }

    /**
     * Every blank filled: a text for a plain blank (no quote swallowed it), a number for a formatted one; and an
     * apostrophe written twice, as MessageFormat needs ("the console''s"), or it disappears from the sentence shown.
     */
    private static void assertFilled(String key, String pattern) {
        assertThat(pattern.replace("''", "")).as("a lone apostrophe in " + key + " (write it twice)").doesNotContain("'");
        java.text.MessageFormat format = new java.text.MessageFormat(pattern, Locale.GERMAN);
        java.text.Format[] formats = format.getFormatsByArgumentIndex();
        Object[] values = new Object[formats.length];
        for (int i = 0; i < formats.length; i++) {
            values[i] = formats[i] == null ? "<" + i + ">" : (Object) 7;
        }
        String filled = format.format(values);
        for (Object v : values) {
            if (v instanceof String text) {
                assertThat(filled).as("every blank of " + key + " filled: " + pattern).contains(text);
            }
        }
        assertThat(filled).as(key).doesNotContain("{");
    }

    @Test
    void aGermanDesktopGetsTheGermanTexts() {
        ResourceBundle german = ResourceBundle.getBundle("com.adaptivestartup.ui.messages", Locale.GERMANY);
        assertThat(german.getString("console.dashboard")).isEqualTo("Übersicht");
        assertThat(Texts.say(german, "dashboard.failed.stop", "postgres", "Die Engine antwortet nicht."))
                .isEqualTo("postgres konnte nicht angehalten werden. Die Engine antwortet nicht.");
        ResourceBundle english = ResourceBundle.getBundle("com.adaptivestartup.ui.messages", Locale.ROOT);
        assertThat(english.getString("console.dashboard")).isEqualTo("Dashboard");
    }
}
