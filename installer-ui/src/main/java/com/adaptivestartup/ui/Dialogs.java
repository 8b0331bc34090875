package com.adaptivestartup.ui;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The questions a view model asks the admin: a confirmation before something that cannot be taken back, and the
 * choice of a file or a folder. View models ask through this (JabRef's {@code DialogService} is the model), so
 * confirm-then-act is tested in view-model tests with answers given in advance; the app shows real dialogs.
 */
public interface Dialogs {

    /** Says what is about to happen under {@code title}; true only when the admin pressed {@code go}. */
    boolean confirm(String title, String what, String go);

    /** A secret typed by the admin (a backup's passphrase), never shown; empty: cancelled. */
    Optional<char[]> secret(String title, String what);

    /** A file to open, of the kind described ({@code patterns} such as "*.lic"; none: any file); empty: cancelled. */
    Optional<Path> openFile(String title, String kind, String... patterns);

    /** A folder; empty: cancelled. */
    Optional<Path> folder(String title);

    /** Where to save a file, {@code suggested} as its name; empty: cancelled. */
    Optional<Path> saveFile(String title, String suggested);
}
