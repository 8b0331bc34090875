package com.adaptivestartup.console.stack;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The first failure among work done side by side (a stack's services started as their dependencies allow),
 * in the order the work was listed, not the order it failed: what a person is told is the first step of the
 * plan that went wrong, with the cause unwrapped from the futures' wrapping.
 */
public final class FirstFailure {
    private FirstFailure() {
    }

    /** Waits for all of {@code work}, then returns the cause of the first listed one that failed, if any. */
    public static Optional<Throwable> of(Collection<? extends CompletableFuture<?>> work) {
        try {
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            // found below, in the listed order
        }
        for (CompletableFuture<?> f : work) {
            if (f.isCompletedExceptionally()) {
                try {
                    f.join();
                } catch (CompletionException e) {
                    Throwable cause = e.getCause();
                    while (cause instanceof CompletionException && cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    return Optional.of(cause);
                } catch (java.util.concurrent.CancellationException e) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }
}
