package com.adaptivestartup.server.auth;

import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Sessions in the database's {@code sessions} table (the single container has no Redis): they outlive a restart,
 * and the server's own commands (an operator's password reset) end them as the full stack's do. Times are epoch
 * seconds of the machine's clock, as Redis's expiries are (the session's value carries its sign-in time, which
 * {@link SessionStore} checks against the maximum age). Authenticating writes only when the idle expiry has moved
 * on by a minute or more, so a busy session costs one read per request, not one write.
 */
final class SqlSessionRecords implements SessionRecords {
    private static final long TOUCH_STEP_SECONDS = 60;
    private static final TypeReference<Map<String, String>> INFO = new TypeReference<>() { };
    private final Sql sql;
    private final Clock clock;

    SqlSessionRecords(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    @Override
    public void create(UUID userId, String hash, String value, long idleSeconds, long maxAgeSeconds,
                       Map<String, String> info) {
        long now = now();
        sql.transaction(tx -> {
            tx.update("DELETE FROM sessions WHERE idle_until <= ? OR ends_at <= ?", now, now);
            return tx.update("INSERT INTO sessions (hash, user_id, value, idle_until, ends_at, info) VALUES (?, ?, ?, ?, ?, ?)",
                    hash, userId, value, now + idleSeconds, now + maxAgeSeconds, Json.write(info));
        });
    }

    @Override
    public Optional<String> touch(String hash, long idleSeconds) {
        long now = now();
        record Row(String value, long idleUntil) {
        }
        Optional<Row> row = sql.one("SELECT value, idle_until FROM sessions WHERE hash = ? AND idle_until > ? AND ends_at > ?",
                r -> new Row(r.getString(1), r.getLong(2)), hash, now, now);
        row.filter(r -> now + idleSeconds - r.idleUntil() >= TOUCH_STEP_SECONDS)
                .ifPresent(r -> sql.update("UPDATE sessions SET idle_until = ? WHERE hash = ? AND idle_until > ?",
                        now + idleSeconds, hash, now));
        return row.map(Row::value);
    }

    @Override
    public void rewrite(UUID userId, String hash, String value, long maxAgeSeconds) {
        sql.update("UPDATE sessions SET value = ? WHERE hash = ?", value, hash);
    }

    @Override
    public void shorten(String hash, long seconds) {
        sql.update("UPDATE sessions SET idle_until = min(idle_until, ?) WHERE hash = ?", now() + seconds, hash);
    }

    @Override
    public Set<String> hashesOf(UUID userId) {
        return new HashSet<>(sql.list("SELECT hash FROM sessions WHERE user_id = ? AND idle_until > ?",
                r -> r.getString(1), userId, now()));
    }

    @Override
    public boolean belongs(UUID userId, String hash) {
        return sql.one("SELECT 1 FROM sessions WHERE user_id = ? AND hash = ? AND idle_until > ?", r -> 1, userId, hash,
                now()).isPresent();
    }

    @Override
    public List<Described> describe(List<String> hashes) {
        long now = now();
        return sql.list("SELECT hash, idle_until, info FROM sessions WHERE hash IN (SELECT value FROM json_each(?))"
                        + " AND idle_until > ?",
                r -> new Described(r.getString(1), r.getLong(2) - now, info(r.getString(3))), hashes, now);
    }

    @Override
    public void putNote(String hash, String name, String value) {
        sql.update("UPDATE sessions SET info = json_set(info, ?, ?) WHERE hash = ?", "$.\"" + name + "\"", value, hash);
    }

    @Override
    public Optional<String> note(String hash, String name) {
        return sql.one("SELECT info FROM sessions WHERE hash = ?", r -> info(r.getString(1)), hash)
                .map(info -> info.get(name));
    }

    @Override
    public Set<String> live(Collection<String> hashes) {
        long now = now();
        return new HashSet<>(sql.list("SELECT hash FROM sessions WHERE hash IN (SELECT value FROM json_each(?))"
                + " AND idle_until > ? AND ends_at > ?", r -> r.getString(1), hashes, now, now));
    }

    @Override
    public void end(UUID userId, String hash) {
        sql.update("DELETE FROM sessions WHERE hash = ?", hash);
    }

    @Override
    public Set<String> endAll(UUID userId) {
        return sql.transaction(tx -> {
            Set<String> hashes = new HashSet<>(tx.list("SELECT hash FROM sessions WHERE user_id = ?", r -> r.getString(1),
                    userId));
            tx.update("DELETE FROM sessions WHERE user_id = ?", userId);
            return hashes;
        });
    }

    private static Map<String, String> info(String json) {
        try {
            return new LinkedHashMap<>(Json.MAPPER.readValue(json, INFO));
        } catch (java.io.IOException e) {
            return new LinkedHashMap<>();
        }
    }
}
