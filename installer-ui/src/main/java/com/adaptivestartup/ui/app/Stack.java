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
                return services.core.updateService().recoverInterrupted(project,
                        new com.adaptivestartup.console.install.InstallListener() {
                            public void step(String name, String message) {
                                step.accept(message == null || message.isBlank() ? name : message);
                            }

                            public void pull(String service, long currentBytes, long totalBytes) {
                            }
                        });
            }

            public com.adaptivestartup.console.operate.DiskUse.Report diskUse() {
                return services.core.diskUse(project);
            }

            public java.util.Map<String, com.adaptivestartup.console.docker.DockerEngine.Usage> usage() {
                return service().usage(project);
            }
        };
    }
}
