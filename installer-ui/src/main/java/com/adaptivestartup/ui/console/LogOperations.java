package com.adaptivestartup.ui.console;

import java.util.List;
import java.util.function.Consumer;

/** What the Logs view asks of console-core (the stack's services and their logs; a fake in tests). */
public interface LogOperations {
    List<String> services();

    /** The last lines, each beginning with its time from the engine (RFC 3339, UTC) and a space where it has one. */
    List<String> tail(String service, int lines);

    /**
     * Starts following a service's new lines (from a thread of its own; {@code line} may be called from it)
     * until the returned handle is closed.
     */
    AutoCloseable follow(String service, Consumer<String> line);
}
