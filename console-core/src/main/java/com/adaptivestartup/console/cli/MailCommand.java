package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.accounts.MailService;
import com.adaptivestartup.console.stack.MailServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mail show|set|clear|test|outbox}: the mail server the stack sends invitations and password resets through. */
@Command(name = "mail", mixinStandardHelpOptions = true, description = "The mail server the stack sends through"
        + " (invitations, password resets).", subcommands = {MailCommand.Show.class, MailCommand.Set.class,
        MailCommand.Clear.class, MailCommand.Test.class, MailCommand.Outbox.class})
final class MailCommand {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneOffset.UTC);

    private MailCommand() {
    }

    abstract static class Base extends SettingsChangeCommand {
        Base(CliContext context) {
            super(context);
        }

        MailService service() {
            return context.core(err()).mailService();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "The mail server, if any.")
    static final class Show extends Base {
        @Option(names = "--json")
        boolean json;

        Show(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            MailService.MailView v = service().show(project);
            if (json) {
                printJson(v);
                return ExitCodes.OK;
            }
            if (v.server() == null) {
                out().println("mail:      none: invitations are copied by hand and passwords reset by an admin (set one"
                        + " with `adaptivectl mail set HOST --from ADDRESS`)");
                return ExitCodes.OK;
            }
            out().println("mail:      " + v.server().describe());
            out().println("password:  " + (v.hasPassword() ? "kept (secrets/smtp_password)" : "none"));
            if (v.waitingForUpdate()) {
                out().println("           kept for the next update: the version installed sends no mail");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Send through this mail server and converge the"
            + " stack onto it. Try it afterwards with `adaptivectl mail test --to you@acme.com`.")
    static final class Set extends Base {
        @Parameters(index = "0", paramLabel = "HOST", description = "The mail server, such as smtp.acme.com.")
        String host;
        @Option(names = "--port", description = "Its port (default: 587 for starttls, 465 for tls, 25 for none).")
        int port;
        @Option(names = "--security", defaultValue = "starttls", description = "starttls (default), tls or none.")
        String security;
        @Option(names = "--username", description = "The user name, when the mail server asks for one.")
        String username;
        @Option(names = "--password-file", paramLabel = "FILE", description = "A file holding its password (kept as a"
                + " secret file, never in settings). Without: the password kept before, if any.")
        Path passwordFile;
        @Option(names = "--no-password", description = "The mail server asks for no password (forget the one kept).")
        boolean noPassword;
        @Option(names = "--from", required = true, description = "The sender, such as adaptive@acme.com or"
                + " \"Adaptive Startup <adaptive@acme.com>\".")
        String from;

        Set(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            String password = noPassword ? "" : null;
            if (passwordFile != null) {
                if (!Files.isReadable(passwordFile)) {
                    err().println("error: cannot read the password file " + passwordFile);
                    return ExitCodes.USAGE;
                }
                password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            }
            String chosen = password;
            return change(listener -> service().set(project, new MailServer(host, port, MailServer.Security.parse(security),
                    username, from), chosen, listener));
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "No mail server: the stack sends no mail.")
    static final class Clear extends Base {
        Clear(CliContext context) {
            super(context);
        }

        public Integer call() {
            return change(listener -> service().clear(project, listener));
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true, description = "Send a test mail from the stack now and say"
            + " what the mail server answered.")
    static final class Test extends Base {
        @Option(names = "--to", required = true, description = "Who gets the test mail.")
        String to;

        Test(CliContext context) {
            super(context);
        }

        public Integer call() {
            try {
                MailService.TestResult r = service().test(project, to);
                (r.ok() ? out() : err()).println((r.ok() ? "" : "error: ") + r.message());
                return r.ok() ? ExitCodes.OK : ExitCodes.NOT_OK;
            } catch (IllegalArgumentException e) {
                err().println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            } catch (IllegalStateException e) {
                err().println("error: " + e.getMessage());
                return ExitCodes.NOT_OK;
            }
        }
    }

    @Command(name = "outbox", mixinStandardHelpOptions = true, description = "The mail the stack sent or is still trying"
            + " to send, with the last error of each.")
    static final class Outbox extends Base {
        @Option(names = "--json")
        boolean json;

        Outbox(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            try {
                MailService.Outbox o = service().outbox(project);
                if (json) {
                    printJson(o);
                    return ExitCodes.OK;
                }
                out().println("waiting: " + o.waiting() + "   given up: " + o.failed() + "   sent in the last day: "
                        + o.sentLastDay());
                if (o.lastError() != null) {
                    out().println("last error: " + o.lastError());
                }
                for (MailService.Mail m : o.newest()) {
                    out().println(WHEN.format(m.createdAt()) + "  " + String.format("%-8s", m.status()) + " " + m.recipient()
                            + "  " + m.subject() + (m.lastError() == null ? "" : "  (" + m.lastError() + ")"));
                }
                return o.failed() > 0 ? ExitCodes.NOT_OK : ExitCodes.OK;
            } catch (IllegalStateException | IllegalArgumentException e) {
                err().println("error: " + e.getMessage());
                return ExitCodes.NOT_OK;
            }
        }
    }
}
