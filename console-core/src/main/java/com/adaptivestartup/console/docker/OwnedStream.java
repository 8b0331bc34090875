package com.adaptivestartup.console.docker;

import com.github.dockerjava.api.async.ResultCallback;
import java.io.IOException;

/**
 * A stream from the engine that we close ourselves (a health wait that is over, a log view left): the
 * reader's error on that close is no error. Errors before it (the engine went away) are logged as usual.
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
