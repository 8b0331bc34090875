package com.adaptivestartup.console.docker;

import com.github.dockerjava.api.async.ResultCallback;
import java.io.IOException;

/**
 * A stream from the engine that we close ourselves (a health wait that is over, a log view left): the
 * reader's error on that close is no error. An error before it (the engine went away) ends the stream; the
 * operation that reads it finds the engine gone on its next call and says so (docker-java's own log of it is off).
 */
abstract class OwnedStream<T> extends ResultCallback.Adapter<T> {
    private volatile boolean closedByUs;

    @Override
    public void close() throws IOException {
        closedByUs = true;
        super.close();
    }

    @Override
    public void onError(Throwable throwable) {
        if (!closedByUs) {
            super.onError(throwable);
        }
    }
}
