package com.adaptivestartup.console.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.docker.EngineInfo;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreflightRulesTest {
    private static List<CheckResult> engine(String arch, double memGb, int cpus) {
        List<CheckResult> out = new ArrayList<>();
        PreflightService.engineChecks(new EngineInfo("unix:///var/run/docker.sock", "standard socket", "27.0.1", "1.46",
                "1.46", "linux", arch, cpus, (long) (memGb * PreflightService.GB), "Docker Desktop", "/var/lib/docker", "", "", ""),
                out);
        return out;
    }

    private static CheckResult named(List<CheckResult> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void dockerDesktopMemoryIsJudgedWithTheFixSpelledOut() {
        CheckResult low = named(engine("amd64", 2.0, 4), "Memory");
        assertThat(low.level()).isEqualTo(CheckResult.Level.WARN);
        assertThat(low.found()).isEqualTo("Docker has 2.0 GB of memory");
        assertThat(low.fix()).contains("Docker Desktop -> Settings -> Resources -> Memory");
        assertThat(named(engine("amd64", 1.0, 4), "Memory").level()).isEqualTo(CheckResult.Level.FAIL);
        assertThat(named(engine("amd64", 8, 4), "Memory").level()).isEqualTo(CheckResult.Level.PASS);
        assertThat(named(engine("amd64", 8, 1), "CPUs").level()).isEqualTo(CheckResult.Level.WARN);
    }

    @Test
    void anotherPlatformFailsWithTheRosettaHint() {
        CheckResult arm = named(engine("arm64", 8, 4), "Platform");
        assertThat(arm.level()).isEqualTo(CheckResult.Level.FAIL);
        assertThat(arm.fix()).contains("Rosetta");
        assertThat(PreflightService.canInstall(engine("arm64", 8, 4))).isFalse();
        assertThat(PreflightService.canInstall(engine("amd64", 8, 4))).isTrue();
    }

    @Test
    void aTakenPortFails() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            CheckResult r = PreflightService.port(s.getLocalPort());
            assertThat(r.level()).isEqualTo(CheckResult.Level.FAIL);
            assertThat(r.found()).contains("in use");
        }
    }
}
