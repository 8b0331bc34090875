package com.adaptivestartup.ui.app;

import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.ui.console.StackControl;

/** The dashboard's view of one installation, through console-core's StackService. */
final class Stack {
    private Stack() {
    }

    static StackControl control(ConsoleServices services, String project) {
        return new StackControl() {
            private StackService service() {
                return services.core.stackService();
            }

            public StackService.StackStatus status() {
                return service().status(project);
            }

            public void start(String service) {
                service().start(project, service);
            }

            public void stop(String service) {
                service().stop(project, service);
            }

            public void restart(String service) {
                service().restart(project, service);
            }

            public java.util.Optional<String> recoverInterruptedUpdate(java.util.function.Consumer<String> step) {
                if (!com.adaptivestartup.console.update.UpdateRecovery.mayBeInterrupted(services.core.journal(), project)) {
                    return java.util.Optional.empty();   // the usual start: asked of the journal alone
                }
                return services.core.updateService().recoverInterrupted(project, listener(step));
            }

            public com.adaptivestartup.console.operate.DiskUse.Report diskUse() {
                return services.core.diskUse(project);
            }

            public java.util.Map<String, com.adaptivestartup.console.docker.DockerEngine.Usage> usage() {
                return service().usage(project);
            }

            public com.adaptivestartup.console.install.ServerReplicas.ReplicasView replicas() {
                return services.core.serverReplicas().show(project);
            }

            public void setReplicas(int count, java.util.function.Consumer<String> step) {
                services.core.serverReplicas().set(project, count, listener(step));
            }
        };
    }

    /** An install's steps told as one line each: the message, or the step's name when it has none. */
    private static com.adaptivestartup.console.install.InstallListener listener(java.util.function.Consumer<String> step) {
        return new com.adaptivestartup.console.install.InstallListener() {
            public void step(String name, String message) {
                step.accept(message == null || message.isBlank() ? name : message);
            }

            public void pull(String service, long currentBytes, long totalBytes) {
            }
        };
    }
}
