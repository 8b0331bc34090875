package com.adaptivestartup.console.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class FirstFailureTest {
    @Test
    void theFirstListedFailureIsSaidEvenWhenALaterOneFailedFirstAndItsCauseIsUnwrapped() throws Exception {
        // a thread each (the common pool may have one worker on a 2-core machine)
        java.util.concurrent.Executor threads = Thread::startVirtualThread;
        CountDownLatch laterFailed = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                laterFailed.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            throw new CompletionException(new IllegalStateException("postgres did not become healthy"));
        }, threads);
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> {
            throw new IllegalArgumentException("web could not start");
        }, threads);
        second.whenComplete((v, e) -> laterFailed.countDown());
        CompletableFuture<String> fine = CompletableFuture.completedFuture("redis");

        assertThat(FirstFailure.of(List.of(fine, first, second))).get()
                .isInstanceOfSatisfying(IllegalStateException.class, e -> assertThat(e).hasMessage("postgres did not become healthy"));
        assertThat(FirstFailure.of(List.of(fine, CompletableFuture.completedFuture("web")))).isEmpty();
    }
}
