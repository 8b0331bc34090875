package com.adaptivestartup.console.install;

import java.util.List;

/** An install stopped: which step, why, and the last log lines that explain it (if any). */
public final class InstallFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String step;
    private final List<String> lastLogLines;

    public InstallFailed(String step, String reason, List<String> lastLogLines) {
        super(reason);
        this.step = step;
        this.lastLogLines = List.copyOf(lastLogLines);
    }

    public InstallFailed(String step, String reason) {
        this(step, reason, List.of());
    }

    public String step() {
        return step;
    }

    public List<String> lastLogLines() {
        return lastLogLines;
    }
}
