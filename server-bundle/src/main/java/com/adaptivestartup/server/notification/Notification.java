package com.adaptivestartup.server.notification;

import java.time.Instant;
import java.util.UUID;

/** Something a person should know: what happened ({@code kind}, {@code title}), where, who did it, whether read. */
public record Notification(UUID id, UUID orgId, UUID ventureId, String kind, String title, String resource, UUID recordId,
                           UUID actorId, Instant readAt, Instant createdAt) {
}
