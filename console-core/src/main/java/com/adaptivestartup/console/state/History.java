package com.adaptivestartup.console.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal read as operations: each install, backup, update... with when it started and ended, its
 * outcome ({@code done}, {@code failed}, or {@code unfinished} when nothing recorded its end: still running,
 * or cut short and left to recovery) and its last word.
 */
public final class History {
    private History() {
    }

    /** One operation; {@code steps} oldest first. */
    public record Operation(String id, String name, String started, String ended, String outcome, String detail,
                            List<Journal.Entry> steps) {
    }

    /** Groups journal entries (any order) into operations, newest first. */
    public static List<Operation> of(List<Journal.Entry> entries) {
        Map<String, List<Journal.Entry>> byOperation = new LinkedHashMap<>();
        entries.stream().sorted((a, b) -> Long.compare(a.id(), b.id()))
                .forEach(e -> byOperation.computeIfAbsent(e.operationId(), k -> new ArrayList<>()).add(e));
        List<Operation> out = new ArrayList<>();
        byOperation.forEach((id, steps) -> {
            Journal.Entry first = steps.get(0);
            Journal.Entry end = steps.stream().filter(s -> s.step().equals("operation")
                    && (s.status().equals("done") || s.status().equals("failed"))).reduce((a, b) -> b).orElse(null);
            Journal.Entry last = steps.get(steps.size() - 1);
            out.add(new Operation(id, first.operation(), first.at(), end == null ? null : end.at(),
                    end == null ? "unfinished" : end.status(), end != null ? nullToEmpty(end.detail())
                    : last.step() + " " + last.status(), List.copyOf(steps)));
        });
        return out.reversed();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
