package com.adaptivestartup.console.docker;

/** One way of reaching the engine that was tried, and why it did not work, with what to do about it. */
public record Attempt(String strategy, String endpoint, String problem, String advice) {
}
