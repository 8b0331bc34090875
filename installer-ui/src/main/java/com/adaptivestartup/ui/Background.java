package com.adaptivestartup.ui;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where view models send slow work (anything that touches a file, the network, the engine or a signature)
 * so the JavaFX thread never waits. The result comes back on the UI thread. Tests use {@link #SAME_THREAD}.
 */
public interface Background {

    <T> void run(Supplier<T> work, Consumer<T> onResult, Consumer<Throwable> onFailure);

    /** A consumer that work in the background may call, delivering on the UI thread (progress, log lines). */
    <T> Consumer<T> onUiThread(Consumer<T> consumer);

    /** For view-model tests: the work runs at once, on the caller's thread. */
    Background SAME_THREAD = new Background() {
        @Override
        public <T> void run(Supplier<T> work, Consumer<T> onResult, Consumer<Throwable> onFailure) {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                onFailure.accept(e);
                return;
            }
            onResult.accept(result);
        }

        @Override
        public <T> Consumer<T> onUiThread(Consumer<T> consumer) {
            return consumer;
        }
    };
}
