package com.adaptivestartup.ui;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Opens a link in the computer's browser the way its desktop does ({@code open} on macOS, the URL handler on
 * Windows, {@code xdg-open} elsewhere), off the JavaFX thread, and says when it could not: JavaFX's
 * {@code showDocument} fails silently where the desktop cannot open a browser (a server with no desktop, a
 * minimal Linux), leaving the admin clicking a button that does nothing. On failure {@code failed} gets the link
 * and why, to show them with a way to copy it.
 */
public final class BrowserOpener implements Consumer<String> {
    /** Starts a command and waits for it; its exit code, or an exception. */
    public interface Launcher {
        int run(List<String> command) throws IOException, InterruptedException;
    }

    /** The operating system's own launcher: the process's exit code within ten seconds. */
    public static final Launcher SYSTEM = command -> {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            return 0;   // still running: a browser that stays attached has opened the link
        }
        return p.exitValue();
    };

    private final String osName;
    private final Launcher launcher;
    private final Background background;
    private final BiConsumer<String, String> failed;

    public BrowserOpener(String osName, Launcher launcher, Background background, BiConsumer<String, String> failed) {
        this.osName = osName;
        this.launcher = launcher;
        this.background = background;
        this.failed = failed;
    }

    /** The command that opens {@code url} on this operating system. */
    static List<String> command(String osName, String url) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return List.of("rundll32", "url.dll,FileProtocolHandler", url);
        }
        if (os.contains("mac")) {
            return List.of("open", url);
        }
        return List.of("xdg-open", url);
    }

    @Override
    public void accept(String url) {
        background.run(() -> problem(url), why -> why.ifPresent(w -> failed.accept(url, w)),
                e -> failed.accept(url, String.valueOf(e.getMessage())));
    }

    private Optional<String> problem(String url) {
        List<String> command = command(osName, url);
        try {
            int code = launcher.run(command);
            return code == 0 ? Optional.empty() : Optional.of("the desktop could not open a browser here ("
                    + command.getFirst() + " answered " + code + ")");
        } catch (IOException e) {
            return Optional.of("this computer has no way to open a browser (" + command.getFirst() + " is missing)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("opening the browser was interrupted");
        }
    }
}
