package com.adaptivestartup.console.backup;

import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.stack.Edition;
import com.adaptivestartup.console.stack.MailServer;
import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.console.install.InstallResult;
import com.adaptivestartup.console.install.InstallService;
import com.adaptivestartup.console.release.ReleaseSource;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.state.InstallationLock;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.OperationLock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Install from nothing with a backup's data (a new machine after the old one died). The backup is checked
 * whole and against the release before anything is installed; the install takes the backup's secrets (so
 * the recovered install keeps the old passwords); then the backup is restored into it, migrated forward
 * when the release is newer. The fresh install's initial admin password goes: the accounts are the backup's.
 */
public final class DisasterRecovery {
    private static final int MAX_SECRET = 64 * 1024;
    private final InstallService installer;
    private final ReleaseSource releases;
    private final Installations installations;
    private final BackupService backups;
    private final Journal journal;

    public DisasterRecovery(InstallService installer, ReleaseSource releases, Installations installations, BackupService backups,
                            Journal journal) {
        this.journal = journal;
        this.installer = installer;
        this.releases = releases;
        this.installations = installations;
        this.backups = backups;
    }

    /**
     * {@code listed}: the backups the recovered install lists (the one it came from, copied into its backups folder,
     * and any the folder held already); {@code listingProblem}: why the one it came from could not be listed, or null.
     */
    public record Recovered(InstallResult install, BackupManifest backup, java.util.List<BackupCatalogue.Backup> listed,
                            String listingProblem) {
    }

    public Recovered install(InstallRequest request, Path backupFile, char[] passphrase, InstallListener listener) {
        try (InstallationLock lock = journal.lock(request.project(), "recovery from a backup")) {
            return recover(request, backupFile, passphrase, listener);
        } catch (OperationLock.Busy e) {
            throw new BackupProblem(e.getMessage());
        }
    }

    private Recovered recover(InstallRequest request, Path backupFile, char[] passphrase, InstallListener listener) {
        if (installations.find(request.project()).isPresent()) {
            throw new BackupProblem("there is already an installation '" + request.project() + "' on this machine; to put a"
                    + " backup's data into it use `adaptivectl backup restore`");
        }
        if (!new InstallDirectory(request.directory()).isEmptyOrMissing()) {
            throw new BackupProblem("the install folder " + request.directory() + " is not empty; recover into a new folder");
        }
        listener.step("check backup", "started");
        Map<String, ByteArrayOutputStream> secrets = new TreeMap<>();
        ByteArrayOutputStream env = new BoundedBuffer(BackupLayout.CONFIG + InstallDirectory.ENV);
        BackupArchive.Checked checked = BackupArchive.read(backupFile, passphrase, name -> {
            if (name.equals(BackupLayout.CONFIG + InstallDirectory.ENV)) {
                return env;
            }
            if (name.startsWith(BackupLayout.CONFIG + InstallDirectory.SECRETS + "/")) {
                ByteArrayOutputStream b = new BoundedBuffer(name);
                secrets.put(name.substring(name.lastIndexOf('/') + 1), b);
                return b;
            }
            return null;
        });
        BackupService.checkRestorable(checked.manifest(), releases.load(request.release()).version());
        listener.step("check backup", "done");
        InstallDirectory dir = new InstallDirectory(request.directory());
        secrets.forEach((name, value) -> dir.adoptSecret(name, value.toString(StandardCharsets.UTF_8)));
        request = withBackedUpMail(request, env.toString(StandardCharsets.UTF_8));
        request = ofTheBackupsEdition(request, checked.manifest());
        InstallResult installed = installer.install(request, listener);
        try {
            backups.restore(request.project(), backupFile.toString(), passphrase, false, listener::step);
        } catch (RuntimeException e) {
            throw new BackupProblem("the stack is installed but the backup's data could not be put into it: " + e.getMessage()
                    + "\nThe new install holds no data yet; once that is fixed, run `adaptivectl backup restore "
                    + backupFile + " --yes --project " + request.project() + "`.", e);
        }
        try {
            Files.deleteIfExists(dir.path().resolve(InstallDirectory.ADMIN_PASSWORD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        listener.step("list backups", "started");
        String problem = null;
        try {
            backups.store().importFile(request.project(), backupFile, passphrase);
        } catch (RuntimeException e) {
            // the data is in; a backup that could not be copied into the folder is said, not fatal
            problem = e.getMessage();
        }
        java.util.List<BackupCatalogue.Backup> listed = backups.store().list(request.project());
        listener.step("list backups", "done");
        return new Recovered(installed, checked.manifest(), listed, problem);
    }

    /** A recovery installs the edition the backup is of: the single container's holds its SQLite database. */
    static InstallRequest ofTheBackupsEdition(InstallRequest request, BackupManifest manifest) {
        Edition edition = manifest.entries().stream().anyMatch(e -> e.name().equals(BackupLayout.SQLITE))
                ? Edition.SINGLE : Edition.FULL;
        StackSettings asked = request.settings();
        if (asked == null ? edition == Edition.FULL : asked.edition() == edition) {
            return request;
        }
        return request.withSettings((asked == null ? StackSettings.DEFAULTS : asked).withEdition(edition));
    }

    /**
     * The mail server the backed-up installation sent through (its {@code .env}), unless the recovery names one: the
     * password came back with the secrets, so mail works again as it did.
     */
    static InstallRequest withBackedUpMail(InstallRequest request, String envText) {
        StackSettings chosen = request.settings() == null ? StackSettings.DEFAULTS : request.settings();
        if (chosen.mail() != null) {
            return request;
        }
        Map<String, String> env = new TreeMap<>();
        envText.lines().filter(l -> !l.startsWith("#") && l.contains("="))
                .forEach(l -> env.put(l.substring(0, l.indexOf('=')).strip(), l.substring(l.indexOf('=') + 1).strip()));
        if (env.getOrDefault("SMTP_HOST", "").isEmpty()) {
            return request;
        }
        try {
            return request.withSettings(chosen.withMail(new MailServer(env.get("SMTP_HOST"),
                    Integer.parseInt(env.getOrDefault("SMTP_PORT", "0")),
                    MailServer.Security.parse(env.getOrDefault("SMTP_SECURITY", "starttls")), env.get("SMTP_USERNAME"),
                    env.get("MAIL_FROM"))));
        } catch (IllegalArgumentException e) {
            return request;   // an edited .env: recovered without mail, which `adaptivectl mail set` adds back
        }
    }

    /** A secret is a short file; a huge one is refused rather than held in memory. */
    private static final class BoundedBuffer extends ByteArrayOutputStream {
        private final String name;

        BoundedBuffer(String name) {
            this.name = name;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (count + len > MAX_SECRET) {
                throw new BackupProblem("the backup's " + name + " is larger than a secret can be; the backup is refused");
            }
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }
}
