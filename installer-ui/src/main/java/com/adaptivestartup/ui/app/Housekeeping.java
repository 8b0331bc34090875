package com.adaptivestartup.ui.app;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineChoice;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.license.InstallationLicense;
import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.console.state.History;
import com.adaptivestartup.console.support.SupportBundle;
import com.adaptivestartup.console.update.ConsoleUpdates;
import com.adaptivestartup.licensing.license.LicenseVerdict;
import com.adaptivestartup.ui.console.AddressOperations;
import com.adaptivestartup.ui.console.EngineOperations;
import com.adaptivestartup.ui.console.LicenseOperations;
import com.adaptivestartup.ui.console.LogOperations;
import com.adaptivestartup.ui.console.SupportOperations;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The Logs, License, Engine, Support and History views' operations, through console-core, as `adaptivectl` does. */
final class Housekeeping {
    private Housekeeping() {
    }

    static LogOperations logs(ConsoleServices services, String project) {
        return new LogOperations() {
            private StackService stacks() {
                return services.core.stackService();
            }

            public List<String> services() {
                return stacks().status(project).services().stream().map(StackService.ServiceStatus::service).toList();
            }

            public List<String> tail(String service, int lines) {
                return stacks().logs(project, service, lines, true);
            }

            public AutoCloseable follow(String service, Consumer<String> line) {
                DockerEngine.AutoCloseableHolder stop = new DockerEngine.AutoCloseableHolder();
                StackService stacks = stacks();
                Thread.ofVirtual().name("follow-" + service).start(() -> stacks.followLogs(project, service, 0, true, line, stop));
                return stop::close;
            }
        };
    }

    static EngineOperations engine(ConsoleServices services) {
        return new EngineOperations() {
            public Current current() {
                EngineChoice choice = services.core.engineChoice(null, null);
                boolean environment = choice.source().startsWith("DOCKER_");
                String chosenBy = "Chosen by: " + choice.source() + (choice.host() != null ? " (" + choice.host() + ")"
                        : choice.context() != null ? " (context " + choice.context() + ")" : "");
                return switch (services.core.locateEngine(choice)) {
                    case EngineLocator.Outcome.Found f -> {
                        try (var engine = f.engine()) {
                            yield new Current(chosenBy, engine.info().said(), true, environment);
                        }
                    }
                    case EngineLocator.Outcome.NotFound n -> new Current(chosenBy, n.explanation(), false, environment);
                };
            }

            public String choose(String addressOrContext) {
                EngineChoice chosen = addressOrContext.contains("://")
                        ? EngineChoice.saved(addressOrContext, null).orElseThrow()
                        : EngineChoice.saved(null, addressOrContext).orElseThrow();
                return switch (services.core.saveEngine(chosen)) {
                    case EngineLocator.Outcome.Found f -> {
                        try (var engine = f.engine()) {
                            yield engine.info().said();
                        }
                    }
                    case EngineLocator.Outcome.NotFound n -> throw new IllegalStateException(n.explanation()
                            + " The setting was not changed.");
                };
            }

            public void useThisMachine() {
                services.core.forgetEngine();
            }
        };
    }

    static AddressOperations address(ConsoleServices services, String project) {
        // made when first asked, in the background: the address service reaches the engine
        return new AddressOperations() {
            private com.adaptivestartup.console.install.AddressService addresses() {
                return services.core.addressService();
            }

            private com.adaptivestartup.console.tls.OsTrustStore trust() {
                return new com.adaptivestartup.console.tls.OsTrustStore();
            }

            public com.adaptivestartup.console.install.AddressService.AddressView current() {
                return addresses().show(project);
            }

            public String set(com.adaptivestartup.console.stack.WebAddress address,
                              com.adaptivestartup.console.tls.CertificateFiles own, java.nio.file.Path acmeRoot) {
                return addresses().set(project, address, own == null ? null : own.read(new com.adaptivestartup.console.tls.CertificateCheck()),
                        acmeRoot == null ? null : com.adaptivestartup.console.tls.AcmeServer.rootFrom(acmeRoot),
                        com.adaptivestartup.console.install.InstallListener.SILENT).url();
            }

            public String clear() {
                return addresses().clear(project, com.adaptivestartup.console.install.InstallListener.SILENT).url();
            }

            public String renew() {
                return addresses().renew(project, com.adaptivestartup.console.install.InstallListener.SILENT).url();
            }

            public String exportAuthority(java.nio.file.Path file) {
                return addresses().exportAuthority(project, file);
            }

            public String trustHere() {
                java.nio.file.Path file = null;
                try {
                    file = java.nio.file.Files.createTempFile("adaptive-ca-", ".crt");
                    addresses().exportAuthority(project, file);
                    trust().add(file, "Adaptive Startup " + com.adaptivestartup.console.tls.WebCertificates.authorityLabel(project));
                    return trust().where();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot write a temporary file: " + e.getMessage(), e);
                } finally {
                    if (file != null) {
                        file.toFile().delete();
                    }
                }
            }

            public String trustStore() {
                return trust().where();
            }
        };
    }

    static com.adaptivestartup.ui.console.ImportOperations cloudImport(ConsoleServices services, String project) {
        return new com.adaptivestartup.ui.console.ImportOperations() {
            private com.adaptivestartup.console.cloudimport.CloudImportService imports() {
                return services.core.cloudImport();
            }

            public com.adaptivestartup.console.cloudimport.CloudImportService.Outcome run(java.nio.file.Path export,
                    com.adaptivestartup.console.cloudimport.CloudImportService.Options options,
                    java.util.function.Consumer<com.adaptivestartup.console.cloudimport.CloudImportService.Progress> progress) {
                return imports().run(project, export, options, new com.adaptivestartup.console.cloudimport.CloudImportService.Listener() {
                    @Override
                    public void progress(com.adaptivestartup.console.cloudimport.CloudImportService.Progress p) {
                        progress.accept(p);
                    }
                });
            }

            public java.util.List<com.adaptivestartup.console.cloudimport.CloudImportService.Saved> history() {
                return imports().history(project);
            }
        };
    }

    static com.adaptivestartup.ui.console.MailOperations mail(ConsoleServices services, String project) {
        return new com.adaptivestartup.ui.console.MailOperations() {
            private com.adaptivestartup.console.accounts.MailService mail() {
                return services.core.mailService();   // made when asked, in the background: it reaches the engine
            }

            public com.adaptivestartup.console.accounts.MailService.MailView current() {
                return mail().show(project);
            }

            public String set(com.adaptivestartup.console.stack.MailServer server, String password) {
                return mail().set(project, server, password, com.adaptivestartup.console.install.InstallListener.SILENT).url();
            }

            public String clear() {
                return mail().clear(project, com.adaptivestartup.console.install.InstallListener.SILENT).url();
            }

            public com.adaptivestartup.console.accounts.MailService.TestResult test(String to) {
                return mail().test(project, to);
            }

            public com.adaptivestartup.console.accounts.MailService.Outbox outbox() {
                return mail().outbox(project);
            }
        };
    }

    static LicenseOperations license(ConsoleServices services, String project) {
        InstallationLicense license = new InstallationLicense(services.licenses, services.core.installations());
        return new LicenseOperations() {
            public LicenseVerdict current() {
                return license.current(project);
            }

            public LicenseVerdict replace(String keyText) {
                return license.replace(project, keyText);
            }

            public LicenseVerdict resetClock() {
                license.resetClock(project, services.core.clockWitness());
                return license.current(project);
            }

            public Heartbeat heartbeat() {
                com.adaptivestartup.console.license.Heartbeat hb = services.core.heartbeat();
                var record = hb.state(project);
                return new Heartbeat(hb.offered(project), record.enabled(),
                        record.standing().map(s -> "The license is " + s.describe() + ".").orElse(null));
            }

            public Heartbeat heartbeat(boolean on) {
                services.core.heartbeat().enable(project, on);
                return heartbeat();
            }

            public Heartbeat sendHeartbeat() {
                services.core.heartbeat().send(project);
                return heartbeat();
            }

            public Heartbeat sendHeartbeatIfDue() {
                services.core.heartbeat().sendIfDue(project, java.time.Duration.ofHours(23));
                return heartbeat();
            }
        };
    }

    static SupportOperations support(ConsoleServices services, String project) {
        return new SupportOperations() {
            public SupportBundle.Preview preview() {
                return new SupportBundle(services.core.installations(), services.core.journal(), services::engine, services.clock)
                        .preview(project, ConsoleUpdates.runningVersion());
            }

            public Path save(SupportBundle.Preview preview, Path file) {
                return SupportBundle.save(preview, file);
            }
        };
    }

    static Supplier<List<History.Operation>> history(ConsoleServices services, String project) {
        return () -> History.of(services.core.journal().entries(project, 5000));
    }
}
