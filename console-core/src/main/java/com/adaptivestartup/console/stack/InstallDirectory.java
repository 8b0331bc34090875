package com.adaptivestartup.console.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The install folder: {@code docker-compose.yml} (the release's template), {@code .env} (mode 0600:
 * image digests, port, project) and {@code secrets/} (a 0700 folder; each secret a file that containers
 * mount read-only and read through {@code *_FILE}, so no password is ever in a container's environment).
 * Secrets are generated once with SecureRandom and never changed: the database was initialised with them.
 */
public final class InstallDirectory {
    public static final String COMPOSE = "docker-compose.yml";
    public static final String ENV = ".env";
    public static final String SECRETS = "secrets";
    public static final String RELEASES = "releases";
    public static final String ADMIN_PASSWORD = "admin-initial-password.txt";
    /** The optional Google Gemini API key the server's AI features use (empty: AI off). */
    public static final String AI_KEY = "gemini_api_key";
    /** The web service's certificate chain and key (empty until the installation has an address: plain HTTP). */
    public static final String TLS_CERTIFICATE = "tls_certificate";
    public static final String TLS_KEY = "tls_key";
    /** Settings the admin may give: an empty file until then, which means "not set". */
    /** The root of the company's own ACME server (step-ca), when its certificates are not publicly trusted. */
    public static final String ACME_CA_ROOT = "acme_ca_root";
    /** The mail server's password (empty: none, or no mail server). */
    public static final String SMTP_PASSWORD = "smtp_password";
    private static final Set<String> OPTIONAL_SECRETS = Set.of(AI_KEY, TLS_CERTIFICATE, TLS_KEY, ACME_CA_ROOT, SMTP_PASSWORD);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Lengths the first releases chose (S3's access key is conventionally 20 characters); any other secret 40. */
    private static final Map<String, Integer> SECRET_LENGTHS = Map.of("postgres_password", 32, "redis_password", 32,
            "s3_access_key", 20, "s3_secret_key", 40);
    private static final String ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private final Path dir;

    public InstallDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path path() {
        return dir;
    }

    public boolean isEmptyOrMissing() {
        try (var files = Files.list(dir)) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            return !Files.exists(dir);
        }
    }

    /** The stack as installed here: the compose file with this folder's .env, read the way install read it. */
    public StackPlan readPlan() {
        try {
            String compose = Files.readString(dir.resolve(COMPOSE), StandardCharsets.UTF_8);
            return ComposeTemplate.parse(ComposeTemplate.interpolate(compose, env()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the install folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The compose file this folder's stack runs with (empty when there is none yet). */
    public String composeTemplate() {
        try {
            return Files.exists(dir.resolve(COMPOSE)) ? Files.readString(dir.resolve(COMPOSE), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the install folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The .env this folder's stack runs with (empty when there is none yet). */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            if (!Files.exists(dir.resolve(ENV))) {
                return env;
            }
            for (String line : Files.readAllLines(dir.resolve(ENV), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the install folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes what a first install that failed wrote here (the caller checks it was the first): the folder too
     * when the install made it, else only what is in it, so a folder the admin gave (and may have mounted) stays.
     */
    public void deleteWhatTheInstallMade(boolean folderExistedBefore) {
        if (!folderExistedBefore) {
            deleteTree(dir);
            return;
        }
        try (var entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                deleteTree(p);
            }
        } catch (IOException e) {
            throw new FolderProblem("clear", dir, e);
        }
    }

    /** The install folder could not be read, written or cleared; the message says why in words. */
    public static final class FolderProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FolderProblem(String what, Path dir, IOException cause) {
            super("the install folder " + dir + " cannot be " + (what.equals("write") ? "written" : what.equals("clear")
                    ? "cleared" : "read") + ": " + reason(cause) + "; choose a folder you can write to, or change its"
                    + " permissions", cause);
        }

        private static String reason(IOException e) {
            String m = String.valueOf(e.getMessage());
            if (e instanceof java.nio.file.AccessDeniedException) {
                return "no permission (" + m + ")";
            }
            if (m.contains("Read-only file system")) {
                return "it is on a read-only file system";
            }
            if (m.contains("No space left")) {
                return "the disk is full";
            }
            return m;
        }
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the compose file and .env, and creates every secret the stack mounts from {@code ./secrets/}
     * that this folder does not have yet (a release can bring new ones: 1.2.0 adds the runtime role's
     * password, the audit key and the health token). Returns the .env values.
     */
    public Map<String, String> write(String composeTemplate, Map<String, String> env, StackPlan plan) {
        try {
            Files.createDirectories(dir);
            writeAtomically(dir.resolve(COMPOSE), composeTemplate, "rw-r--r--");
            StringBuilder text = new StringBuilder("# Written by the Adaptive Startup console. Secrets are in secrets/, not here.\n");
            new TreeMap<>(env).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            writeAtomically(dir.resolve(ENV), text.toString(), "rw-------");
            Path secrets = dir.resolve(SECRETS);
            Files.createDirectories(secrets);
            setMode(secrets, "rwx------");
            for (String name : secretsMounted(plan)) {
                if (OPTIONAL_SECRETS.contains(name)) {
                    ensureOptionalSecret(name);
                } else {
                    ensureSecret(name, SECRET_LENGTHS.getOrDefault(name, 40));
                }
            }
            return new LinkedHashMap<>(env);
        } catch (IOException e) {
            throw new FolderProblem("write", dir, e);
        }
    }

    /**
     * The first admin's initial password: created once, kept for the owner only (0600); a copy readable by
     * the one-off container that sets it is made in secrets/ and removed right after.
     */
    public String adminPassword() {
        Path file = dir.resolve(ADMIN_PASSWORD);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String password = random(20);
            writeAtomically(file, password + "\n", "rw-------");
            return password;
        } catch (IOException e) {
            throw new FolderProblem("write", dir, e);
        }
    }

    /** A secret file that containers can read (0644 inside the 0700 secrets folder). */
    public Path shareSecret(String name, String value) {
        try {
            Files.createDirectories(dir.resolve(SECRETS));
            setMode(dir.resolve(SECRETS), "rwx------");
            Path file = dir.resolve(SECRETS).resolve(name);
            writeAtomically(file, value, "rw-r--r--");
            return file;
        } catch (IOException e) {
            throw new FolderProblem("write", dir, e);
        }
    }

    /**
     * A secret only the console reads (0600), never mounted into a container: the local certificate authority's
     * key. Backups carry it with the others.
     */
    public void keepPrivately(String name, String value) {
        try {
            Path secrets = dir.resolve(SECRETS);
            Files.createDirectories(secrets);
            setMode(secrets, "rwx------");
            writeAtomically(secrets.resolve(name), value, "rw-------");
        } catch (IOException e) {
            throw new FolderProblem("write", dir, e);
        }
    }

    /** A secret's text, or empty when this folder has none of that name (or an empty one). */
    public java.util.Optional<String> optionalSecret(String name) {
        Path file = dir.resolve(SECRETS).resolve(name);
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            return text.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(text);
        } catch (IOException e) {
            throw new FolderProblem("read", dir, e);
        }
    }

    /**
     * Takes a secret from elsewhere (a backup being recovered onto this machine) unless this folder already
     * has one of that name: an existing secret is never replaced, the database was initialised with it.
     */
    public boolean adoptSecret(String name, String value) {
        try {
            Path secrets = dir.resolve(SECRETS);
            Files.createDirectories(secrets);
            setMode(secrets, "rwx------");
            Path file = secrets.resolve(name);
            if (Files.exists(file)) {
                return false;
            }
            writeAtomically(file, value, "rw-r--r--");
            return true;
        } catch (IOException e) {
            throw new FolderProblem("write", dir, e);
        }
    }

    /** Keeps the signed release manifest this folder was written from, so an update can come back to it. */
    public void saveRelease(String version, String signedText) {
        try {
            Files.createDirectories(dir.resolve(RELEASES));
            writeAtomically(releaseFile(version), signedText, "rw-r--r--");
        } catch (IOException e) {
            throw new FolderProblem("write", dir, e);
        }
    }

    public Path releaseFile(String version) {
        return dir.resolve(RELEASES).resolve(version + ".asr");
    }

    public void deleteSecret(String name) {
        try {
            Files.deleteIfExists(dir.resolve(SECRETS).resolve(name));
        } catch (IOException e) {
            throw new FolderProblem("write", dir, e);
        }
    }

    public String secret(String name) {
        try {
            return Files.readString(dir.resolve(SECRETS).resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FolderProblem("write", dir, e);
        }
    }

    /** The names of the secret files the stack's services (and tools) bind from {@code ./secrets/}. */
    static java.util.SortedSet<String> secretsMounted(StackPlan plan) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        java.util.stream.Stream.concat(plan.services().stream(), plan.tools().stream())
                .flatMap(s -> s.mounts().stream())
                .filter(m -> m.bind() && m.source().startsWith("./" + SECRETS + "/"))
                .map(m -> m.source().substring(SECRETS.length() + 3))
                .filter(n -> n.matches("[a-z0-9_]{1,64}"))
                .forEach(names::add);
        return names;
    }

    /** A setting the admin may give (an AI provider's key): an empty file until then, which means "not set". */
    private void ensureOptionalSecret(String name) throws IOException {
        Path file = dir.resolve(SECRETS).resolve(name);
        if (!Files.exists(file)) {
            writeAtomically(file, "", "rw-r--r--");
        }
    }

    private void ensureSecret(String name, int length) throws IOException {
        Path file = dir.resolve(SECRETS).resolve(name);
        if (!Files.exists(file)) {
            // Readable by the containers' own users; the folder above keeps everyone else on the host out.
            writeAtomically(file, random(length), "rw-r--r--");
        }
    }

    private static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return s.toString();
    }

    private static void writeAtomically(Path file, String content, String mode) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".write-", ".tmp");
        try {
            setMode(temp, mode);
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void setMode(Path path, String mode) throws IOException {
        try {
            Set<PosixFilePermission> perms = PosixFilePermissions.fromString(mode);
            Files.setPosixFilePermissions(path, perms);
        } catch (UnsupportedOperationException e) {
            // Windows: the user's profile folder is private already
        }
    }
}
