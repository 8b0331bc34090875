package com.adaptivestartup.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console follows the OS's light or dark mode, read from what each OS's own tool prints. */
class OsThemeTest {
    @Test
    void eachOsAnswerIsRead() {
        assertThat(OsTheme.macDark("Dark\n")).isTrue();
        assertThat(OsTheme.macDark("")).isFalse();   // the key is absent in light mode
        assertThat(OsTheme.windowsDark("\nHKEY_CURRENT_USER\\...\\Personalize\n    AppsUseLightTheme    REG_DWORD    0x0\n")).isTrue();
        assertThat(OsTheme.windowsDark("    AppsUseLightTheme    REG_DWORD    0x1\n")).isFalse();
        assertThat(OsTheme.linuxDark("'prefer-dark'\n", "", "")).isTrue();
        assertThat(OsTheme.linuxDark("'default'\n", "'Adwaita-dark'\n", "")).isTrue();
        assertThat(OsTheme.linuxDark("'default'\n", "'Adwaita'\n", "")).isFalse();
        assertThat(OsTheme.linuxDark("", "", "Yaru:dark")).isTrue();
    }

    @Test
    void theAdminsChoiceWins() {
        assertThat(OsTheme.dark(Map.of("ADAPTIVE_THEME", "dark"), "Linux")).isTrue();
        assertThat(OsTheme.dark(Map.of("ADAPTIVE_THEME", "light", "GTK_THEME", "Adwaita:dark"), "Linux")).isFalse();
        assertThat(OsTheme.dark(Map.of("GTK_THEME", "Adwaita:dark"), "Linux")).isTrue();
    }
}
