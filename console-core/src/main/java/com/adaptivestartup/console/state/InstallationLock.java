package com.adaptivestartup.console.state;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The installation's operation lock: one operation that changes a stack at a time (install, update, rollback,
 * backup, restore, migration, start, stop, restart, uninstall), across processes (the desktop console, a
 * scheduled or scripted {@code adaptivectl}) and within one (two views of the console). An operation's own
 * steps re-enter it: the threads an operation starts inherit what it holds, so an update's backup and install
 * run under the update's lock, while another operation asking meanwhile is refused with a sentence that names
 * the holder ("another operation on 'acme' is running (update, process 4711)").
 */
public final class InstallationLock implements AutoCloseable {
    private static final InheritableThreadLocal<Set<String>> HELD = new InheritableThreadLocal<>() {
        @Override
        protected Set<String> initialValue() {
            return Set.of();
        }
    };
    private final OperationLock file;
    private final Set<String> before;

    private InstallationLock(OperationLock file, Set<String> before) {
        this.file = file;
        this.before = before;
    }

    /**
     * Takes the lock of {@code project} (in {@code locks}, the console's lock folder) for an operation described by
     * {@code doing}, or re-enters it when this operation already holds it; else throws {@link OperationLock.Busy}.
     */
    public static InstallationLock acquire(Path locks, String project, String doing) {
        Set<String> held = HELD.get();
        if (held.contains(project)) {
            return new InstallationLock(null, held);
        }
        OperationLock file = OperationLock.acquire(locks.resolve(project + ".lock"), "another operation on '" + project + "'",
                doing);
        Set<String> now = new HashSet<>(held);
        now.add(project);
        HELD.set(Set.copyOf(now));
        return new InstallationLock(file, held);
    }

    /** Whether this thread's operation holds the lock of {@code project}. */
    public static boolean heldHere(String project) {
        return HELD.get().contains(project);
    }

    @Override
    public void close() {
        HELD.set(before);
        if (file != null) {
            file.close();
        }
    }
}
