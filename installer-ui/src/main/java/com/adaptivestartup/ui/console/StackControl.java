package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.operate.StackService;

/** What the dashboard asks of console-core about one installation (StackService in the app, a fake in tests). */
public interface StackControl {
    StackService.StackStatus status();

    void start(String service);

    void stop(String service);

    void restart(String service);

    /** Each running service's CPU and memory now (takes about a second). */
    java.util.Map<String, com.adaptivestartup.console.docker.DockerEngine.Usage> usage();
}
