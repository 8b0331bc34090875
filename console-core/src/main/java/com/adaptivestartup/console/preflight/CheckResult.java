package com.adaptivestartup.console.preflight;

/** One preflight check: pass, warn or fail, what was found, and (unless it passed) how to fix it. */
public record CheckResult(String name, Level level, String found, String fix) {
    public enum Level { PASS, WARN, FAIL }

    public static CheckResult pass(String name, String found) {
        return new CheckResult(name, Level.PASS, found, "");
    }

    public static CheckResult warn(String name, String found, String fix) {
        return new CheckResult(name, Level.WARN, found, fix);
    }

    public static CheckResult fail(String name, String found, String fix) {
        return new CheckResult(name, Level.FAIL, found, fix);
    }
}
