package com.adaptivestartup.ui.app;

import javafx.application.Application;

/** Starts the console from a plain classpath (the jar's manifest), where the Application class cannot be the main class. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Application.launch(ConsoleApp.class, args);
    }
}
