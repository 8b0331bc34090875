package com.adaptivestartup.server.convex;

import java.time.Clock;
import java.util.function.Consumer;

/** Counts what an import has done and tells it at most once a second, with a rate and an estimate of what is left. */
final class Meter {
    private final Clock clock;
    private final Consumer<ConvexImport.Progress> sink;
    private final long documentBytesTotal;
    private final long fileBytesTotal;
    private final long started;
    private long told;
    private String step = "checking";
    long documents;
    long documentBytes;
    long files;
    long fileBytes;

    Meter(Clock clock, Consumer<ConvexImport.Progress> sink, long documentBytesTotal, long fileBytesTotal) {
        this.clock = clock;
        this.sink = sink;
        this.documentBytesTotal = documentBytesTotal;
        this.fileBytesTotal = fileBytesTotal;
        this.started = clock.millis();
    }

    void step(String name) {
        step = name;
        tell(true);
    }

    void document(int bytes) {
        documents++;
        documentBytes += bytes;
        tell(false);
    }

    /** Counts a document read from the export; returns its text (what the archive keeps). */
    String counted(com.fasterxml.jackson.databind.node.ObjectNode doc) {
        String raw = doc.toString();
        document(raw.length());
        return raw;
    }

    void file(long bytes) {
        files++;
        fileBytes += bytes;
        tell(false);
    }

    void tell(boolean now) {
        long at = clock.millis();
        if (!now && at - told < 1_000) {
            return;
        }
        told = at;
        double seconds = Math.max(0.001, (at - started) / 1000.0);
        double done = documentBytes + fileBytes;
        double total = documentBytesTotal + fileBytesTotal;
        Long left = done <= 0 || total <= done ? null : Math.round(seconds * (total - done) / done);
        sink.accept(new ConvexImport.Progress(step, documents, documentBytes, documentBytesTotal, files, fileBytes,
                fileBytesTotal, Math.round(documents / seconds), Math.round(fileBytes / seconds), left));
    }
}
