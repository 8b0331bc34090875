package com.adaptivestartup.server.config;

import java.util.List;

/** The configuration cannot be used; the message lists every problem, one per line. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(List<String> problems) {
        super("the server's configuration is incomplete:\n  - " + String.join("\n  - ", problems));
    }
}
