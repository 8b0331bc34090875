package com.adaptivestartup.ui.console;

/** Tells the admin something outside the window (a desktop notification in the app; a list in tests). */
public interface Notifier {
    void warn(String title, String text);
}
