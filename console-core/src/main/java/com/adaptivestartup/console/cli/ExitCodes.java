package com.adaptivestartup.console.cli;

/** What {@code adaptivectl}'s exit status means, for scripts. */
final class ExitCodes {
    /** Done, and the result is good (e.g. the license is usable). */
    static final int OK = 0;
    /** Done, and the result is bad (e.g. the license is expired): the output says why. */
    static final int NOT_OK = 1;
    /** The command could not run: wrong arguments, unreadable file, missing configuration. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
