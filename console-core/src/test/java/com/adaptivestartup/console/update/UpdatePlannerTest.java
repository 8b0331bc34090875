package com.adaptivestartup.console.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.release.ReleaseManifest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpdatePlannerTest {
    private static UpdatePlanner.Candidate release(String version, String minFrom) {
        return new UpdatePlanner.Candidate(new ReleaseManifest(version, "5", List.of(), Map.of(), minFrom, false, "", "x"), "signed");
    }

    private static final List<UpdatePlanner.Candidate> CHANNEL = List.of(release("1.0.0", null), release("1.1.0", "1.0.0"),
            release("1.2.0", "1.0.0"), release("2.0.0", "1.2.0"), release("2.1.0", "2.0.0"));

    private static List<String> path(String from, String to) {
        return UpdatePlanner.path(from, to, CHANNEL).stream().map(UpdatePlanner.Candidate::version).toList();
    }

    @Test
    void goesStraightWhenItMayAndThroughTheRequiredVersionsWhenItMayNot() {
        assertThat(path("1.0.0", "1.2.0")).containsExactly("1.2.0");
        assertThat(path("1.0.0", "2.1.0")).containsExactly("1.2.0", "2.0.0", "2.1.0");
        assertThat(path("1.1.0", "2.0.0")).containsExactly("1.2.0", "2.0.0");
    }

    @Test
    void saysWhyThereIsNoWay() {
        var gap = List.of(release("1.0.0", null), release("3.0.0", "2.0.0"));
        assertThatThrownBy(() -> UpdatePlanner.path("1.0.0", "3.0.0", gap))
                .hasMessage("there is no way from 1.0.0 to 3.0.0: 3.0.0 needs 2.0.0 or newer installed first, and the channel"
                        + " has no release that leads there");
        assertThatThrownBy(() -> path("1.2.0", "1.1.0")).hasMessageContaining("is not newer").hasMessageContaining("rollback");
        assertThatThrownBy(() -> path("1.0.0", "9.9.9")).hasMessage("the update channel has no release 9.9.9");
    }

    @Test
    void theNewestOnOfferRespectsPinsSkipsAndTheLicense() {
        assertThat(UpdatePlanner.newest("1.0.0", CHANNEL, null, Set.of(), null)).contains("2.1.0");
        assertThat(UpdatePlanner.newest("1.0.0", CHANNEL, null, Set.of("2.1.0"), null)).contains("2.0.0");
        assertThat(UpdatePlanner.newest("1.0.0", CHANNEL, "1.2.0", Set.of(), null)).contains("1.2.0");
        assertThat(UpdatePlanner.newest("1.0.0", CHANNEL, null, Set.of(), "1.9.9")).contains("1.2.0");
        assertThat(UpdatePlanner.newest("2.1.0", CHANNEL, null, Set.of(), null)).isEmpty();
        assertThat(UpdatePlanner.newest("1.2.0", CHANNEL, "1.2.0", Set.of(), null)).isEmpty();
    }
}
