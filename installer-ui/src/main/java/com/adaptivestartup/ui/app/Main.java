package com.adaptivestartup.ui.app;

import javafx.application.Application;

/**
 * Starts the console from a plain classpath (the jar's manifest), where the Application class cannot be the main class;
 * with {@code adaptivectl} first, runs the CLI instead, headless (how the packaged console's backup timer calls it).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("adaptivectl")) {
            com.adaptivestartup.console.cli.AdaptiveCtl.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Application.launch(ConsoleApp.class, args);
    }
}
