package com.adaptivestartup.ui.app;

import com.adaptivestartup.ui.Background;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Virtual threads for the work; the result handed back on the JavaFX thread. The one place that does so. */
public final class FxBackground implements Background, AutoCloseable {
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    @Override
    public <T> void run(Supplier<T> work, Consumer<T> onResult, Consumer<Throwable> onFailure) {
        try {
            pool.submit(() -> {
                try {
                    T result = work.get();
                    Platform.runLater(() -> onResult.accept(result));
                } catch (Throwable e) {
                    // an Error too (a class missing, memory): said like any failure, so the view that waits is freed
                    Platform.runLater(() -> onFailure.accept(e));
                }
            });
        } catch (RejectedExecutionException closing) {
            // the console is closing: a timer's last tick (the dashboard's refresh) has nowhere to go, and no need to
        }
    }

    @Override
    public <T> Consumer<T> onUiThread(Consumer<T> consumer) {
        return value -> Platform.runLater(() -> consumer.accept(value));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
