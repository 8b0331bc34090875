package com.adaptivestartup.server.auth;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where {@link SessionStore} keeps sessions: Redis in the full stack ({@link RedisSessionRecords}), the database
 * itself in the single container ({@link SqlSessionRecords}). A session is its token's hash, a value, a sliding idle
 * expiry, and what the person sees of it (its info); each user has the set of their sessions.
 */
interface SessionRecords {
    /** One of a user's sessions with the seconds left before it ends unused, and its info. */
    record Described(String hash, long secondsLeft, Map<String, String> info) {
    }

    void create(UUID userId, String hash, String value, long idleSeconds, long maxAgeSeconds, Map<String, String> info);

    /** The session's value, its idle expiry pushed {@code idleSeconds} ahead; empty when it has ended. */
    Optional<String> touch(String hash, long idleSeconds);

    /** Replaces the value of a live session, its expiry kept, and (re)lists it among the user's sessions. */
    void rewrite(UUID userId, String hash, String value, long maxAgeSeconds);

    /** The session ends unused within {@code seconds} at the latest. */
    void shorten(String hash, long seconds);

    Set<String> hashesOf(UUID userId);

    boolean belongs(UUID userId, String hash);

    /** The live ones of these sessions, with their info (ended ones left out). */
    List<Described> describe(List<String> hashes);

    void putNote(String hash, String name, String value);

    Optional<String> note(String hash, String name);

    /** Which of these sessions are still live. */
    Set<String> live(Collection<String> hashes);

    void end(UUID userId, String hash);

    /** Ends every session of the user; returns the hashes there were. */
    Set<String> endAll(UUID userId);
}
