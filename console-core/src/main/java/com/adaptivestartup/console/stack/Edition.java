package com.adaptivestartup.console.stack;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a release is installed. {@link #FULL}: the whole stack (PostgreSQL, Redis, the object store, the server and
 * the web server in their own containers). {@link #SINGLE}: the small business's one container (nginx and the
 * server on SQLite, every byte of data in one volume), from release 1.2.0. A release carries a compose template for
 * each edition it can be installed as; an installation keeps its edition through updates and rollbacks.
 */
public enum Edition {
    FULL("full", "Full stack", "web"),
    SINGLE("single", "Small business: one container", "app");

    private final String key;
    private final String title;
    private final String webService;

    Edition(String key, String title, String webService) {
        this.key = key;
        this.title = title;
        this.webService = webService;
    }

    /** The service that publishes the web port. */
    public String webService() {
        return webService;
    }

    /** The word for it in commands, the release manifest and the state database. */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    /** From a command's or the state's word; an {@link IllegalArgumentException} with a sentence when it is none. */
    public static Edition parse(String word) {
        String w = word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(e -> e.key.equals(w)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("'" + word + "' is not an edition: choose "
                        + Arrays.stream(values()).map(e -> e.key + " (" + e.title.toLowerCase(Locale.ROOT) + ")")
                        .collect(Collectors.joining(" or "))));
    }
}
