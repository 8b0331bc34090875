package com.adaptivestartup.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Opening the app's link: the desktop's own command per system, and a failure said instead of swallowed. */
class BrowserOpenerTest {
    private final List<String> failures = new ArrayList<>();
    private final List<List<String>> ran = new ArrayList<>();

    private BrowserOpener opener(String os, BrowserOpener.Launcher launcher) {
        return new BrowserOpener(os, command -> {
            ran.add(command);
            return launcher.run(command);
        }, Background.SAME_THREAD, (url, why) -> failures.add(url + " | " + why));
    }

    @Test
    void eachSystemOpensTheLinkWithItsOwnCommand() {
        assertThat(BrowserOpener.command("Windows 11", "https://a/")).containsExactly("rundll32",
                "url.dll,FileProtocolHandler", "https://a/");
        assertThat(BrowserOpener.command("Mac OS X", "https://a/")).containsExactly("open", "https://a/");
        assertThat(BrowserOpener.command("Linux", "https://a/")).containsExactly("xdg-open", "https://a/");
        opener("Linux", c -> 0).accept("https://startup.acme.local/");
        assertThat(ran).containsExactly(List.of("xdg-open", "https://startup.acme.local/"));
        assertThat(failures).as("opened: nothing to say").isEmpty();
    }

    @Test
    void aDesktopThatCannotOpenABrowserIsSaidWithTheLink() {
        opener("Linux", c -> 3).accept("https://startup.acme.local/");
        opener("Linux", c -> {
            throw new IOException("Cannot run program \"xdg-open\"");
        }).accept("https://startup.acme.local/");
        assertThat(failures).containsExactly(
                "https://startup.acme.local/ | the desktop could not open a browser here (xdg-open answered 3)",
                "https://startup.acme.local/ | this computer has no way to open a browser (xdg-open is missing)");
    }
}
