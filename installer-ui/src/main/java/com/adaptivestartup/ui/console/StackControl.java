package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.operate.StackService;

/** What the dashboard asks of console-core about one installation (StackService in the app, a fake in tests). */
public interface StackControl {
    StackService.StackStatus status();

    /** Starts one service, or every service when {@code service} is null. */
    void start(String service);

    /** Stops one service, or the whole stack (the front first, the data last) when {@code service} is null. */
    void stop(String service);

    void restart(String service);

    /**
     * Finishes or undoes an update that was cut short, telling its steps to {@code step}; what it did, in a sentence,
     * or empty when no update was interrupted.
     */
    java.util.Optional<String> recoverInterruptedUpdate(java.util.function.Consumer<String> step);

    /** What the installation's volumes and its backups folder take, and what is free there (walks them all). */
    com.adaptivestartup.console.operate.DiskUse.Report diskUse();

    /** Each running service's CPU and memory now (takes about a second). */
    java.util.Map<String, com.adaptivestartup.console.docker.DockerEngine.Usage> usage();

    /** How many server containers the installation runs (chosen, running) and whether its release can run several. */
    com.adaptivestartup.console.install.ServerReplicas.ReplicasView replicas();

    /** Runs {@code count} server containers, telling each step to {@code step}; throws with a sentence when it cannot. */
    void setReplicas(int count, java.util.function.Consumer<String> step);
}
