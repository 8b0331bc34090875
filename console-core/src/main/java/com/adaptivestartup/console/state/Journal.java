package com.adaptivestartup.console.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The append-only journal of every operation and its steps, written before and after each step runs,
 * so an interrupted operation can be found, explained, and finished or undone.
 */
public final class Journal {
    private final StateDatabase db;
    private final Clock clock;

    public Journal(StateDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * The installation's operation lock, for an operation that changes the stack ({@code doing} names it for the
     * one refused meanwhile); re-entered by the operation's own steps. Throws {@link OperationLock.Busy}.
     */
    public InstallationLock lock(String project, String doing) {
        return InstallationLock.acquire(db.locksFolder(), project, doing);
    }

    public record Entry(long id, String operationId, String operation, String project, String step, String status,
                        String detail, String at) {
    }

    /** One operation being recorded. */
    public final class Operation {
        private final String id;
        private final String name;
        private final String project;

        private Operation(String id, String name, String project) {
            this.id = id;
            this.name = name;
            this.project = project;
        }

        public String id() {
            return id;
        }

        public void record(String step, String status, String detail) {
            append(id, name, project, step, status, detail);
        }

        /** Runs one step, journaled before and after (with the failure's message), and told to {@code progress}. */
        public <T, E extends Exception> T step(String step, Progress progress, Work<T, E> work) throws E {
            record(step, "started", null);
            progress.step(step, "started");
            try {
                T result = work.run();
                record(step, "done", null);
                progress.step(step, "done");
                return result;
            } catch (Exception e) {
                record(step, "failed", e.getMessage());
                throw e;
            }
        }
    }

    /** A step's work. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** Who hears of steps as they start and end (the CLI's progress lines, the UI's view models). */
    @FunctionalInterface
    public interface Progress {
        void step(String step, String status);
    }

    public Operation begin(String operation, String project) {
        Operation op = new Operation(UUID.randomUUID().toString(), operation, project);
        op.record("operation", "started", null);
        return op;
    }

    /** Goes on recording an operation found unfinished (by the one who finishes or undoes it). */
    public Operation resume(Entry started) {
        return new Operation(started.operationId(), started.operation(), started.project());
    }

    /** The newest operation of this kind on the project, its entries oldest first; empty when there was none. */
    public List<Entry> lastOperation(String project, String operation) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT id, operation_id, operation, project, step, status, detail, at FROM journal WHERE operation_id ="
                        + " (SELECT operation_id FROM journal WHERE project = ? AND operation = ? ORDER BY id DESC LIMIT 1)"
                        + " ORDER BY id")) {
            s.setString(1, project);
            s.setString(2, operation);
            return read(s);
        } catch (SQLException e) {
            throw new IllegalStateException("the journal cannot be read: " + e.getMessage(), e);
        }
    }

    public List<Entry> entries(String project, int limit) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT id, operation_id, operation, project, step, status, detail, at FROM journal"
                        + " WHERE project = ? ORDER BY id DESC LIMIT ?")) {
            s.setString(1, project);
            s.setInt(2, limit);
            return read(s);
        } catch (SQLException e) {
            throw new IllegalStateException("the journal cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<Entry> read(PreparedStatement s) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new Entry(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getString(7), r.getString(8)));
            }
        }
        return out;
    }

    private void append(String operationId, String operation, String project, String step, String status, String detail) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO journal (operation_id, operation, project, step, status, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, operationId);
            s.setString(2, operation);
            s.setString(3, project);
            s.setString(4, step);
            s.setString(5, status);
            s.setString(6, detail);
            s.setString(7, clock.instant().toString());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the journal cannot be written: " + e.getMessage(), e);
        }
        CrashPoint.after(operation, step, status);
    }
}
