package com.adaptivestartup.server.venture;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What a founder tells about a venture beyond its name and hypothesis (from release 1.2.0): the short name in its
 * address, logo (an image file of the organization), founding date, industry, stage, and the canvas shown first.
 * {@code deletedAt} is set while the venture waits in the bin (restorable for {@link VentureService#RESTORE_DAYS}).
 */
public record VentureProfile(String slug, UUID logoFileId, LocalDate foundingDate, String industry, String stage,
                             UUID currentCanvasId, Instant deletedAt) {
    public static final java.util.List<String> STAGES = java.util.List.of("idea", "validation", "mvp", "growth", "scale");
}
