package com.adaptivestartup.console.backup;

import com.adaptivestartup.console.docker.ContainerStatus;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.stack.StackDeployer;
import com.adaptivestartup.console.stack.StackPlan;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Redis's documented way to back up its append-only files while it runs: no log rewrite may start
 * ({@code auto-aof-rewrite-percentage 0}) and none may be running while the files are copied; the files themselves only
 * grow, and a copy read to its end is a state Redis loads (a command cut at the end is dropped, as
 * {@code aof-load-truncated} does after a crash). Closing gives Redis its setting back. A Redis that is not running
 * writes nothing and is not asked; one that runs and does not answer fails the backup in words rather than letting it
 * copy files that a rewrite could replace half way.
 */
final class RedisRewriteHold implements AutoCloseable {
    private static final Duration LONGEST = Duration.ofMinutes(2);
    private static final String AUTH = "if [ -n \"${REDIS_PASSWORD_FILE:-}\" ]; then export REDISCLI_AUTH=\"$(cat \"$REDIS_PASSWORD_FILE\")\";"
            + " elif [ -n \"${REDIS_PASSWORD:-}\" ]; then export REDISCLI_AUTH=\"$REDIS_PASSWORD\"; fi;"
            + " cli() { redis-cli --no-auth-warning -h 127.0.0.1 \"$@\"; };";
    /** Holds rewrites, waits for a running or scheduled one to end, and says the setting it replaced. */
    private static final String HOLD = AUTH
            + " before=$(cli CONFIG GET auto-aof-rewrite-percentage | sed -n 2p) || exit 3;"
            + " [ -n \"$before\" ] || { echo 'Redis did not say its auto-aof-rewrite-percentage'; exit 3; };"
            + " [ \"$(cli CONFIG SET auto-aof-rewrite-percentage 0)\" = OK ] || exit 3;"
            + " for i in $(seq 1 1100); do info=$(cli INFO persistence);"
            + "   case \"$info\" in *aof_rewrite_in_progress:1*|*aof_rewrite_scheduled:1*) sleep 0.1 ;;"
            + "     *aof_rewrite_in_progress:0*) echo \"HELD $before\"; exit 0 ;; *) echo \"$info\"; exit 3 ;; esac;"
            + " done; cli CONFIG SET auto-aof-rewrite-percentage \"$before\" >/dev/null;"
            + " echo 'a rewrite of its log was still running after 110 s'; exit 4";

    private final DockerEngine engine;
    private final String containerId;
    private final String before;

    private RedisRewriteHold(DockerEngine engine, String containerId, String before) {
        this.engine = engine;
        this.containerId = containerId;
        this.before = before;
    }

    /** Holds the rewrites of the stack's running Redis; nothing to hold when the stack has none or it is stopped. */
    static RedisRewriteHold begin(DockerEngine engine, StackDeployer d, StackPlan plan) {
        if (plan.services().stream().noneMatch(s -> s.name().equals(StackPlan.REDIS))) {
            return new RedisRewriteHold(engine, null, null);
        }
        Optional<ContainerStatus> redis = d.current(StackPlan.REDIS).filter(ContainerStatus::running);
        if (redis.isEmpty()) {
            return new RedisRewriteHold(engine, null, null);
        }
        DockerEngine.OneOffResult r = engine.exec(redis.get().id(), List.of("bash", "-c", HOLD), LONGEST);
        String said = r.output().lines().filter(l -> l.startsWith("HELD ")).findFirst().orElse(null);
        if (r.exitCode() != 0 || said == null) {
            throw new BackupProblem("Redis could not be readied for its copy (it must not rewrite its log meanwhile): "
                    + (r.exitCode() == -1 ? "it did not answer within " + LONGEST.toSeconds() + " s"
                    : HelperContainer.tail(r.output())) + "; nothing was backed up, try again once Redis is healthy");
        }
        return new RedisRewriteHold(engine, redis.get().id(), said.substring("HELD ".length()).strip());
    }

    /** Whether rewrites are held (a running Redis of the stack was asked). */
    boolean holding() {
        return containerId != null;
    }

    @Override
    public void close() {
        if (containerId == null) {
            return;
        }
        // Best effort: a Redis restarted meanwhile has its setting back from its configuration file anyway.
        try {
            engine.exec(containerId, List.of("bash", "-c", AUTH + " cli CONFIG SET auto-aof-rewrite-percentage '"
                    + before.replaceAll("[^0-9]", "") + "'"), Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            // the container is gone: its next start reads its configuration file, which was never changed
        }
    }
}
