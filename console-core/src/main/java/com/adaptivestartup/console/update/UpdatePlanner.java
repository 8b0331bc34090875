package com.adaptivestartup.console.update;

import com.adaptivestartup.console.release.ReleaseManifest;
import com.adaptivestartup.console.release.Versions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The versions an update goes through, in order: from the installed version, each step the newest release
 * (up to the target) that may be installed over the current one (its {@code minUpdateFrom}), so releases
 * that require an intermediate version get it. Pure: the same answer for the check and the apply.
 */
public final class UpdatePlanner {
    private UpdatePlanner() {
    }

    /** A verified release the channel offers. */
    public record Candidate(ReleaseManifest manifest, String signedText) {
        public String version() {
            return manifest.version();
        }
    }

    /** Why no path exists; the message says what to do. */
    public static final class NoPath extends RuntimeException {
        public NoPath(String message) {
            super(message);
        }
    }

    /**
     * The newest version to offer: the pinned one if pinned, else the newest newer than installed that is
     * not skipped and that the license covers ({@code maxVersion} null: any).
     */
    public static Optional<String> newest(String installed, List<Candidate> releases, String pinned, Set<String> skipped,
                                          String maxVersion) {
        if (pinned != null) {
            return Versions.compare(pinned, installed) > 0 ? Optional.of(pinned) : Optional.empty();
        }
        return releases.stream().map(Candidate::version)
                .filter(v -> Versions.compare(v, installed) > 0 && !skipped.contains(v))
                .filter(v -> maxVersion == null || Versions.compare(v, maxVersion) <= 0)
                .max(Versions::compare);
    }

    public static List<Candidate> path(String installed, String target, List<Candidate> releases) {
        if (Versions.compare(target, installed) <= 0) {
            throw new NoPath("Adaptive Startup " + installed + " is installed; " + target + " is not newer (to go back, use"
                    + " `adaptivectl rollback`)");
        }
        if (releases.stream().noneMatch(r -> r.version().equals(target))) {
            throw new NoPath("the update channel has no release " + target);
        }
        List<Candidate> steps = new ArrayList<>();
        String current = installed;
        while (!current.equals(target)) {
            String from = current;
            Optional<Candidate> next = releases.stream()
                    .filter(r -> Versions.compare(r.version(), from) > 0 && Versions.compare(r.version(), target) <= 0)
                    .filter(r -> r.manifest().minUpdateFrom() == null || Versions.compare(from, r.manifest().minUpdateFrom()) >= 0)
                    .max(Comparator.comparing(Candidate::version, Versions::compare));
            if (next.isEmpty()) {
                Candidate t = releases.stream().filter(r -> r.version().equals(target)).findFirst().orElseThrow();
                throw new NoPath("there is no way from " + from + " to " + target + ": " + target + " needs "
                        + t.manifest().minUpdateFrom() + " or newer installed first, and the channel has no release that"
                        + " leads there");
            }
            steps.add(next.get());
            current = next.get().version();
        }
        return List.copyOf(steps);
    }
}
