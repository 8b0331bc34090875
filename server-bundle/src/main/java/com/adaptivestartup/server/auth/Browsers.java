package com.adaptivestartup.server.auth;

/** A User-Agent header told in a few words ("Firefox on Windows"), for a person's list of sessions. */
final class Browsers {
    private Browsers() {
    }

    static String describe(String agent) {
        if (agent == null || agent.isBlank()) {
            return "unknown browser";
        }
        String browser = agent.contains("Edg/") ? "Edge" : agent.contains("OPR/") ? "Opera"
                : agent.contains("Firefox/") ? "Firefox" : agent.contains("Chrome/") || agent.contains("Chromium/")
                ? "Chrome" : agent.contains("Safari/") ? "Safari" : agent.contains("curl/") ? "curl"
                : agent.startsWith("Java-http-client") ? "a Java program" : null;
        String system = agent.contains("Windows") ? "Windows" : agent.contains("iPhone") || agent.contains("iPad") ? "iOS"
                : agent.contains("Mac OS X") || agent.contains("Macintosh") ? "macOS" : agent.contains("Android")
                ? "Android" : agent.contains("Linux") ? "Linux" : null;
        if (browser == null) {
            return agent.length() > 60 ? agent.substring(0, 60) + "…" : agent;
        }
        return system == null ? browser : browser + " on " + system;
    }
}
