package com.adaptivestartup.console.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StepTimesTest {
    @Test
    void eachStepsDurationAndTheWindowBetweenTwoStepsAreTimedAndEveryStepIsPassedOn() {
        AtomicLong clock = new AtomicLong();
        List<String> heard = new ArrayList<>();
        StepTimes times = new StepTimes((step, status) -> heard.add(step + " " + status), clock::get);
        times.step("check", "started");
        clock.addAndGet(12_345_000_000L);
        times.step("check", "done");
        times.step("stop", "started");
        clock.addAndGet(1_000_000_000L);
        times.step("stop", "done");
        times.step("start", "started");
        times.step("tidy", "started");
        clock.addAndGet(2_500_000_000L);
        times.step("start", "done");
        times.step("tidy", "failed");

        assertThat(times.steps()).containsExactly(new StepTimes.Step("check", 12.345), new StepTimes.Step("stop", 1.0),
                new StepTimes.Step("start", 2.5));
        assertThat(times.between("stop", "start")).isEqualTo(3.5);
        assertThat(times.ended("tidy")).isFalse();
        assertThat(times.between("stop", "migrate")).isEqualTo(-1);
        assertThat(heard).hasSize(8).startsWith("check started").endsWith("tidy failed");
    }
}
