package com.adaptivestartup.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads configuration from environment variables, with the {@code *_FILE} convention of the official
 * database images: {@code X_FILE=/run/secrets/x} means "the value of X is in that file", so no secret
 * needs to sit in a container's environment. Problems are collected, so one run names them all.
 */
public final class Env {
    private final Map<String, String> vars;
    private final List<String> problems = new ArrayList<>();

    public Env(Map<String, String> vars) {
        this.vars = vars;
    }

    /** The names of the variables set. */
    public java.util.Set<String> names() {
        return vars.keySet();
    }

    public String text(String name, String fallback) {
        String value = lookup(name);
        return value == null ? fallback : value;
    }

    public String required(String name) {
        String value = lookup(name);
        if (value == null) {
            problems.add(name + " (or " + name + "_FILE) is not set");
            return "";
        }
        return value;
    }

    /** Like {@link #text} but null when unset: for optional features. */
    public String optional(String name) {
        return lookup(name);
    }

    public int number(String name, int fallback, int min, int max) {
        String value = lookup(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
        return fallback;
    }

    /** Records a problem found by the caller (a value present but not usable), to be named with the rest. */
    public void problem(String sentence) {
        problems.add(sentence);
    }

    /** Throws one exception naming every problem found, if any. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private String lookup(String name) {
        String file = vars.get(name + "_FILE");
        if (file != null && !file.isBlank()) {
            try {
                String value = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
                return value.isEmpty() ? null : value;   // an empty file: the optional thing is not set
            } catch (IOException e) {
                problems.add(name + "_FILE names " + file + ", which cannot be read (" + e.getClass().getSimpleName() + ")");
                return null;
            }
        }
        String value = vars.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
