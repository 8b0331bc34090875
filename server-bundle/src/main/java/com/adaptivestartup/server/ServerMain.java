package com.adaptivestartup.server;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.PasswordHasher;
import com.adaptivestartup.server.config.ConfigException;
import com.adaptivestartup.server.config.Env;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.db.Database;
import com.adaptivestartup.server.db.Migrator;
import com.adaptivestartup.server.db.RuntimeRole;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.release.Release;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The server jar's commands, which the console runs as containers: {@code serve}, and one-off
 * {@code migrate}, {@code create-admin} and {@code version}. Configuration comes from the environment.
 */
@Command(name = "adaptive-server", mixinStandardHelpOptions = true, versionProvider = ServerMain.Version.class,
        subcommands = {ServerMain.Serve.class, ServerMain.Migrate.class, ServerMain.CreateAdmin.class, ServerMain.Setup.class,
                ServerMain.PrintVersion.class, ServerMain.Train.class, AuditCommand.class, AccountCommands.ResetPassword.class,
                AccountCommands.MailCommand.class, ImportCommand.class, DatabaseCommand.class})
public final class ServerMain {
    static final int CONFIG_ERROR = 2;

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new ServerMain(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    return type.getDeclaredConstructor(Map.class).newInstance(env);
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(type);
                }
            }
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return e instanceof ConfigException || e instanceof ApiError ? CONFIG_ERROR : 1;
        });
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        public String[] getVersion() {
            return new String[]{"adaptive-server " + Release.current().version()};
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the HTTP API and WebSocket server.")
    static final class Serve implements Callable<Integer> {
        private final Map<String, String> env;

        Serve(Map<String, String> env) {
            this.env = env;
        }

        public Integer call() throws InterruptedException {
            ServerConfig.All config = ServerConfig.All.from(env);
            // Alone on SQLite the database is prepared here (schema, first account) while the server is put together
            // beside it (both mostly loading classes, on two cores); it listens only once the database is ready.
            java.util.concurrent.CompletableFuture<Void> prepared = new java.util.concurrent.CompletableFuture<>();
            if (config.single()) {
                Thread.ofPlatform().name("prepare-database").start(() -> {
                    try {
                        SingleStart.prepare(config, env, Release.current(), Clock.systemUTC());
                        prepared.complete(null);
                    } catch (Throwable e) {
                        prepared.completeExceptionally(e);
                    }
                });
            } else {
                prepared.complete(null);
            }
            AdaptiveServer server = new AdaptiveServer(config, Release.current(), Clock.systemUTC());
            try {
                prepared.join();
            } catch (java.util.concurrent.CompletionException e) {
                server.close();
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            // the stack's certificate from an ACME server, when the installation chose one (decision 0016)
            var acme = com.adaptivestartup.server.acme.AcmeRenewal.Settings.from(env)
                    .map(s -> new com.adaptivestartup.server.acme.AcmeRenewal(s, Clock.systemUTC()));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                acme.ifPresent(com.adaptivestartup.server.acme.AcmeRenewal::close);
                server.close();
                stopped.countDown();
            }, "shutdown"));
            int port = server.start(config.http().port());
            acme.ifPresent(com.adaptivestartup.server.acme.AcmeRenewal::start);
            org.slf4j.LoggerFactory.getLogger(ServerMain.class).info("Adaptive Startup server {} listening on port {}",
                    Release.current().version(), port);
            stopped.await();
            return 0;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Bring the database schema to this release. Prints JSON; exit 0 only on success.")
    static final class Migrate implements Callable<Integer> {
        private final Map<String, String> env;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Option(names = "--wait-for-database", paramLabel = "SECONDS", defaultValue = "0",
                description = "Wait up to this long for the database to accept connections (it may still be starting).")
        int waitSeconds;
        @CommandLine.Option(names = "--down-to", paramLabel = "VERSION",
                description = "Run migrations down to this schema version instead (for a rollback to an older release).")
        String downTo;

        Migrate(Map<String, String> env) {
            this.env = env;
        }

        public Integer call() {
            Env vars = new Env(env);
            ServerConfig.Database db = ServerConfig.Database.from(vars);
            vars.check();
            PrintWriter out = spec.commandLine().getOut();
            Optional<String> unreachable = Database.awaitReachable(db, Duration.ofSeconds(waitSeconds));
            try (var pool = Database.pool(db, 2)) {
                Migrator.Report report = unreachable.isPresent()
                        ? Migrator.Report.failed(Release.current(), "the database did not answer within " + waitSeconds
                                + " s: " + unreachable.get())
                        : downTo != null ? new Migrator(pool, Release.current()).migrateDown(downTo)
                        : grantRuntimeRole(pool, db, new Migrator(pool, Release.current()).migrate());
                out.println(Json.write(report));
                out.flush();
                return report.ok() ? 0 : 1;
            }
        }
    }

    /** After a good migration, the runtime role (when the stack names one) is made and granted what it may do. */
    static Migrator.Report grantRuntimeRole(javax.sql.DataSource owner, ServerConfig.Database db, Migrator.Report report) {
        if (!report.ok() || !db.hasAppRole()) {
            return report;
        }
        try {
            RuntimeRole.grant(owner, db.appUser(), db.appPassword());
            return report;
        } catch (RuntimeException e) {
            return report.failing("the schema migrated, but granting the runtime role " + db.appUser() + " failed: "
                    + e.getMessage());
        }
    }

    @Command(name = "create-admin", mixinStandardHelpOptions = true, description = "Create the first admin (founder of a new organization).")
    static final class CreateAdmin implements Callable<Integer> {
        static final String DEFAULT_NAME = "Administrator";
        static final String DEFAULT_ORG = "My Organization";
        private final Map<String, String> env;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--email", required = true)
        String email;
        @Option(names = "--password-file", required = true, description = "File holding the initial password.")
        Path passwordFile;
        @Option(names = "--name", defaultValue = DEFAULT_NAME)
        String name;
        @Option(names = "--org", defaultValue = DEFAULT_ORG, description = "Name of the first organization.")
        String org;

        CreateAdmin(Map<String, String> env) {
            this.env = env;
        }

        public Integer call() throws Exception {
            Env vars = new Env(env);
            ServerConfig.Database db = ServerConfig.Database.from(vars);
            vars.check();
            String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            try (var pool = Database.pool(db, 2)) {
                var created = AccountService.createAdmin(Database.sql(pool), new PasswordHasher(), Clock.systemUTC(),
                        email, name, password, org);
                spec.commandLine().getOut().println(Json.write(created));
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
    }

    /**
     * What the console runs on each install, in one process (one JVM start fewer on a small machine):
     * {@code migrate}, then, when it succeeded, {@code create-admin}. Prints the migration's JSON report and,
     * after it, the admin's JSON line; exit 0 only when both succeeded.
     */
    @Command(name = "setup", mixinStandardHelpOptions = true, description = "Migrate, then create the first admin if there is none. Prints two JSON lines.")
    static final class Setup implements Callable<Integer> {
        private final Map<String, String> env;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--wait-for-database", paramLabel = "SECONDS", defaultValue = "0",
                description = "Wait up to this long for the database to accept connections (it may still be starting).")
        int waitSeconds;
        @Option(names = "--admin-email", required = true)
        String email;
        @Option(names = "--admin-password-file", required = true, description = "File holding the initial password.")
        Path passwordFile;

        Setup(Map<String, String> env) {
            this.env = env;
        }

        public Integer call() throws Exception {
            Migrate migrate = new Migrate(env);
            migrate.spec = spec;
            migrate.waitSeconds = waitSeconds;
            if (migrate.call() != 0) {
                return 1;
            }
            CreateAdmin admin = new CreateAdmin(env);
            admin.spec = spec;
            admin.email = email;
            admin.passwordFile = passwordFile;
            admin.name = CreateAdmin.DEFAULT_NAME;
            admin.org = CreateAdmin.DEFAULT_ORG;
            return admin.call();
        }
    }

    /**
     * The image build's training run for the JVM's ahead-of-time cache: loads what serve, migrate and
     * create-admin load (no database needed), then exits, so every later start of the image is faster.
     */
    @Command(name = "train", hidden = true, mixinStandardHelpOptions = true)
    static final class Train implements Callable<Integer> {
        public Integer call() {
            new PasswordHasher().hash("training-run");
            org.flywaydb.core.Flyway.configure().dataSource("jdbc:postgresql://127.0.0.1:1/none", "u", "p")
                    .locations(Migrator.LOCATION).load();
            var config = ServerConfig.All.from(Map.of("POSTGRES_HOST", "127.0.0.1", "POSTGRES_PORT", "1",
                    "POSTGRES_PASSWORD", "training", "REDIS_HOST", "127.0.0.1", "REDIS_PORT", "1",
                    "S3_ENDPOINT", "http://127.0.0.1:1", "S3_ACCESS_KEY", "training", "S3_SECRET_KEY", "training"));
            try (AdaptiveServer server = new AdaptiveServer(config, Release.current(), Clock.systemUTC())) {
                int port = server.start(0);
                var http = java.net.http.HttpClient.newHttpClient();
                for (String path : List.of("/healthz", "/version", "/api/orgs", "/api/auth/login")) {
                    try {
                        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                                .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        // a training request; its answer does not matter
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "version", mixinStandardHelpOptions = true, description = "Print this release and the schema version it expects, as JSON.")
    static final class PrintVersion implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        public Integer call() {
            Release r = Release.current();
            spec.commandLine().getOut().println(Json.write(Map.of("version", r.version(),
                    "schemaVersion", String.valueOf(r.schemaTarget()))));
            return 0;
        }
    }
}
