package com.adaptivestartup.server;

import com.adaptivestartup.server.auth.PasswordHasher;
import com.adaptivestartup.server.auth.PasswordRecovery;
import com.adaptivestartup.server.auth.SessionStore;
import com.adaptivestartup.server.config.Env;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.db.Database;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.mail.Letters;
import com.adaptivestartup.server.mail.MailFailure;
import com.adaptivestartup.server.mail.Mailer;
import com.adaptivestartup.server.mail.Outbox;
import com.adaptivestartup.server.release.Release;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What the installation's owner does to accounts and mail from the console, which runs these as one-off containers
 * of the backend (its database role, Redis and mail settings): {@code reset-password} (a one-time password for any
 * account, every session ended), {@code mail test} (one mail sent at once, the mail server's answer told) and
 * {@code mail status} (how the outbox stands). Each prints one JSON line.
 */
final class AccountCommands {
    private AccountCommands() {
    }

    private static void print(CommandLine.Model.CommandSpec spec, Object value) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.write(value));
        out.flush();
    }

    private static void requireAccounts() {
        if (!Release.current().has(Release.Feature.ACCOUNTS)) {
            throw new ApiError(404, "not_available", "this needs server 1.2.0 or newer");
        }
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = "Give an account a one-time password (to be replaced at its next sign-in) and end its sessions."
                    + " Prints JSON with the password.")
    static final class ResetPassword implements Callable<Integer> {
        private final Map<String, String> env;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--email", required = true)
        String email;

        ResetPassword(Map<String, String> env) {
            this.env = env;
        }

        public Integer call() {
            Env vars = new Env(env);
            ServerConfig.Database db = ServerConfig.Database.from(vars);
            // alone on SQLite, sessions are in the database; in the stack, in Redis
            ServerConfig.Redis redisConfig = db.isSqlite() ? null : ServerConfig.Redis.from(vars);
            ServerConfig.Mail mail = ServerConfig.Mail.from(vars);
            ServerConfig.Http http = ServerConfig.Http.from(vars);
            vars.check();
            requireAccounts();
            try (var pool = Database.pool(db.runtime(), 2);
                 JedisPooled redis = redisConfig == null ? null : new JedisPooled(new HostAndPort(redisConfig.host(),
                         redisConfig.port()), DefaultJedisClientConfig.builder().password(redisConfig.password())
                         .timeoutMillis(5_000).build())) {
                var sql = Database.sql(pool);
                var reset = PasswordRecovery.ownerReset(sql, new PasswordHasher(),
                        new Outbox(sql, Clock.systemUTC(), mail.configured()), Clock.systemUTC(), email);
                Duration idle = Duration.ofHours(http.sessionHours());
                Duration maxAge = Duration.ofDays(http.sessionMaxAgeDays());
                int ended = (redis == null ? SessionStore.inDatabase(sql, idle, maxAge, Clock.systemUTC())
                        : new SessionStore(redis, idle, maxAge, Clock.systemUTC())).closeAll(reset.userId());
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("email", reset.email());
                out.put("oneTimePassword", reset.oneTimePassword());
                out.put("sessionsEnded", ended);
                print(spec, out);
                return 0;
            }
        }
    }

    @Command(name = "mail", description = "The stack's mail.", mixinStandardHelpOptions = true,
            subcommands = {MailTest.class, MailStatus.class, NotifyAdmins.class})
    static final class MailCommand {
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Send one mail now through the configured mail server. Prints JSON {ok, message}; exit 0 only"
                    + " when the mail server took it.")
    static final class MailTest implements Callable<Integer> {
        private final Map<String, String> env;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--to", required = true)
        String to;

        MailTest(Map<String, String> env) {
            this.env = env;
        }

        public Integer call() {
            Env vars = new Env(env);
            ServerConfig.Mail mail = ServerConfig.Mail.from(vars);
            vars.check();
            if (!mail.configured()) {
                print(spec, Map.of("ok", false, "message", "no mail server is set for this installation"));
                return 1;
            }
            Mailer mailer = new Mailer(mail);
            try {
                String where = env.getOrDefault("PUBLIC_URL", "");
                mailer.send(to, Letters.test(where.isBlank() ? "(no address set yet)" : where));
                print(spec, Map.of("ok", true, "message", "the mail server " + mailer.describe() + " took the test mail"
                        + " for " + to + "; check that mailbox (and its spam folder)"));
                return 0;
            } catch (MailFailure f) {
                print(spec, Map.of("ok", false, "message", f.getMessage()));
                return 1;
            }
        }
    }

    @Command(name = "notify-admins", mixinStandardHelpOptions = true,
            description = "Queue a notice about the installation for the admins who asked for them (once a day per"
                    + " notice). Prints JSON {queued}.")
    static final class NotifyAdmins implements Callable<Integer> {
        private final Map<String, String> env;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--kind", required = true, description = "backup, health, update or certificate")
        String kind;
        @Option(names = "--subject", required = true)
        String subject;
        @Option(names = "--text", required = true)
        String text;

        NotifyAdmins(Map<String, String> env) {
            this.env = env;
        }

        public Integer call() {
            Env vars = new Env(env);
            ServerConfig.Database db = ServerConfig.Database.from(vars);
            ServerConfig.Mail mail = ServerConfig.Mail.from(vars);
            vars.check();
            requireAccounts();
            if (!java.util.Set.of("backup", "health", "update", "certificate").contains(kind)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--kind is backup, health, update or"
                        + " certificate; not '" + kind + "'");
            }
            try (var pool = Database.pool(db.runtime(), 2)) {
                Outbox outbox = new Outbox(Database.sql(pool), Clock.systemUTC(), mail.configured());
                String address = env.getOrDefault("PUBLIC_URL", "");
                int queued = outbox.noticeToAdmins(kind, Letters.installationNotice(subject, text,
                        address.isBlank() ? null : address));
                print(spec, Map.of("queued", queued, "configured", mail.configured()));
                return 0;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "How the outbox stands: waiting, failed, sent in the last day, the newest mails. Prints JSON.")
    static final class MailStatus implements Callable<Integer> {
        private final Map<String, String> env;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        MailStatus(Map<String, String> env) {
            this.env = env;
        }

        public Integer call() {
            Env vars = new Env(env);
            ServerConfig.Database db = ServerConfig.Database.from(vars);
            ServerConfig.Mail mail = ServerConfig.Mail.from(vars);
            vars.check();
            requireAccounts();
            try (var pool = Database.pool(db.runtime(), 2)) {
                Outbox outbox = new Outbox(Database.sql(pool), Clock.systemUTC(), mail.configured());
                Outbox.Summary summary = outbox.summary();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("configured", mail.configured());
                out.put("waiting", summary.waiting());
                out.put("failed", summary.failed());
                out.put("sentLastDay", summary.sentLastDay());
                out.put("lastError", summary.lastError().orElse(null));
                out.put("newest", outbox.newest(20));
                print(spec, out);
                return 0;
            }
        }
    }
}
