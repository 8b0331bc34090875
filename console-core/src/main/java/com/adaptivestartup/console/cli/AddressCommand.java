package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.install.AddressService;
import com.adaptivestartup.console.tls.CertificateCheck;
import com.adaptivestartup.console.tls.CertificateRefused;
import com.adaptivestartup.console.tls.ServerCertificate;
import com.adaptivestartup.console.stack.WebAddress;
import com.adaptivestartup.console.tls.WebCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code address show|set|clear|renew|export-ca|trust-ca}: the address people use, over HTTPS. */
@Command(name = "address", mixinStandardHelpOptions = true, description = "The address people use to reach the app, and"
        + " its HTTPS certificate.", subcommands = {AddressCommand.Show.class, AddressCommand.Set.class,
        AddressCommand.Clear.class, AddressCommand.Renew.class, AddressCommand.ExportCa.class, AddressCommand.TrustCa.class})
final class AddressCommand {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);

    private AddressCommand() {
    }

    abstract static class Base extends SettingsChangeCommand {
        Base(CliContext context) {
            super(context);
        }

        AddressService service() {
            return context.core(err()).addressService();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "The address, the link to the app, and the"
            + " certificate's kind, names and end (with a warning three weeks before it).")
    static final class Show extends Base {
        @Option(names = "--json")
        boolean json;

        Show(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            AddressService.AddressView v = service().show(project);
            if (json) {
                printJson(v);
                return ExitCodes.OK;
            }
            out().println("link:         " + v.url());
            if (v.address() == null) {
                out().println("address:      none yet: the app is served over plain HTTP on the web port (set one with"
                        + " `adaptivectl address set HOST`)");
                return ExitCodes.OK;
            }
            out().println("address:      " + v.address().host() + " (HTTPS port " + v.address().httpsPort() + ")");
            if (v.waitingForUpdate()) {
                out().println("              kept for the next update: the version installed serves plain HTTP only");
            }
            var c = v.certificate();
            if (c == null) {
                out().println("certificate:  none in place; run `adaptivectl address set` again");
                return ExitCodes.NOT_OK;
            }
            out().println("certificate:  " + c.source() + ", for " + String.join(", ", c.names()) + ", issued by " + c.issuer());
            out().println("ends:         " + DAY.format(c.notAfter()) + " (" + c.daysLeft() + " days)");
            out().println("serial:       " + c.serial());
            if (c.warning() != null) {
                out().println("warning:      " + c.warning());
                return ExitCodes.NOT_OK;
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Serve the app over HTTPS on this address (a host"
            + " name such as startup.acme.local, or one of this machine's addresses) and converge the stack onto it."
            + " Without --certificate or --pfx, this installation's own authority issues the certificate.")
    static final class Set extends Base {
        @Parameters(index = "0", paramLabel = "HOST", description = "The host name or address people will type.")
        String host;
        @Mixin
        WebAddressOptions web;

        Set(CliContext context) {
            super(context);
        }

        public Integer call() {
            return change(listener -> {
                WebAddress address = web.address(host);
                ServerCertificate own = web.own(new CertificateCheck());
                return service().set(project, address, own, web.acmeCaRoot(), listener);
            });
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "No address: the app over plain HTTP on the"
            + " web port again (the certificate files are emptied; this installation's authority is kept).")
    static final class Clear extends Base {
        Clear(CliContext context) {
            super(context);
        }

        public Integer call() {
            return change(listener -> service().clear(project, listener));
        }
    }

    @Command(name = "renew", mixinStandardHelpOptions = true, description = "Issue the certificate made here again (a new"
            + " one valid " + 397 + " days) and restart the web service onto it.")
    static final class Renew extends Base {
        Renew(CliContext context) {
            super(context);
        }

        public Integer call() {
            return change(listener -> service().renew(project, listener));
        }
    }

    @Command(name = "export-ca", mixinStandardHelpOptions = true, description = "Write this installation's certificate"
            + " authority (a .crt file) for people's computers to trust, and say how.")
    static final class ExportCa extends Base {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the .crt file.")
        Path out;

        ExportCa(CliContext context) {
            super(context);
        }

        public Integer call() {
            try {
                String how = service().exportAuthority(project, out);
                out().println("wrote " + out.toAbsolutePath());
                out().println(how);
                return ExitCodes.OK;
            } catch (CertificateRefused e) {
                err().println("error: " + e.getMessage());
                return ExitCodes.NOT_OK;
            }
        }
    }

    @Command(name = "trust-ca", mixinStandardHelpOptions = true, description = "Add this installation's certificate"
            + " authority to your own trust store (with --yes; without, says what it would do).")
    static final class TrustCa extends Base {
        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        TrustCa(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            var store = context.osTrustStore();
            if (!yes) {
                err().println("error: this adds the certificate authority of '" + project + "' to " + store.where()
                        + ", so your browsers trust the certificates it makes. Add --yes to confirm.");
                return ExitCodes.USAGE;
            }
            Path file = Files.createTempFile("adaptive-ca-", ".crt");
            try {
                service().exportAuthority(project, file);
                store.add(file, "Adaptive Startup " + WebCertificates.authorityLabel(project));
                out().println("added to " + store.where() + "; restart the browser");
                return ExitCodes.OK;
            } catch (CertificateRefused e) {
                err().println("error: " + e.getMessage());
                return ExitCodes.NOT_OK;
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
