package com.adaptivestartup.console.install;

import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.tls.ServerCertificate;

/**
 * A change to how an installed stack runs (its address, its mail server): an install of the version in place with
 * the new settings, so it is journaled, checks ports before anything changes, and converges the way installs and
 * updates do.
 */
public final class SettingsChange {
    private final Installations installations;
    private final InstallService installs;

    public SettingsChange(Installations installations, InstallService installs) {
        this.installations = installations;
        this.installs = installs;
    }

    /** The installation of this name, or a sentence saying there is none. */
    public Installations.Installation installation(String project) {
        return installations.find(project).orElseThrow(() -> new IllegalArgumentException("there is no installation '"
                + project + "' on this machine (see `adaptivectl status`)"));
    }

    public static StackSettings settingsOf(Installations.Installation inst) {
        return StackSettings.fromJson(inst.settingsJson());
    }

    /** Converges the installation onto these settings (and the company's own certificate, when one is given). */
    public InstallResult converge(Installations.Installation inst, StackSettings settings, ServerCertificate own,
                                  InstallListener listener) {
        if (inst.licenseText() == null) {
            throw new IllegalArgumentException("this installation was made by an older console that did not keep its"
                    + " license; run `adaptivectl install` once more with --license, then change its settings");
        }
        InstallDirectory dir = new InstallDirectory(inst.directory());
        InstallRequest request = new InstallRequest(inst.licenseText(), dir.path(), inst.project(), inst.httpPort(),
                inst.adminEmail(), inst.registry(), dir.releaseFile(inst.version()).toString())
                .withSettings(settings).withCertificate(own);
        return installs.install(request, listener);
    }
}
