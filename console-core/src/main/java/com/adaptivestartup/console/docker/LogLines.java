package com.adaptivestartup.console.docker;

import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Turns the engine's log frames (which split lines anywhere) into whole lines. */
final class LogLines extends OwnedStream<Frame> {
    private final StringBuilder partial = new StringBuilder();
    private final Consumer<String> line;

    LogLines(Consumer<String> line) {
        this.line = line;
    }

    @Override
    public void onNext(Frame frame) {
        partial.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            line.accept(partial.substring(0, nl));
            partial.delete(0, nl + 1);
        }
    }

    /** The last line, when the log did not end with a line break. */
    void flush() {
        if (!partial.isEmpty()) {
            line.accept(partial.toString());
            partial.setLength(0);
        }
    }
}
