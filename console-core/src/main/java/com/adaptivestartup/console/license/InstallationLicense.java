package com.adaptivestartup.console.license;

import com.adaptivestartup.console.state.ClockWitness;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.licensing.license.LicenseVerdict;

/**
 * The license an installation runs under (kept with it, so updates and bundles need nothing typed): its
 * verdict today, and replacing it with a renewed key. A new key must be usable and for the same customer;
 * anything else is refused and the kept one stays.
 */
public final class InstallationLicense {
    private final LicenseService licenses;
    private final Installations installations;

    public InstallationLicense(LicenseService licenses, Installations installations) {
        this.licenses = licenses;
        this.installations = installations;
    }

    public LicenseVerdict current(String project) {
        Installations.Installation inst = installation(project);
        if (inst.licenseText() == null) {
            throw new IllegalStateException("this installation was made by an older console that did not keep its license;"
                    + " replace it with your current key");
        }
        return licenses.verify(inst.licenseText());
    }

    /** Verifies {@code text} and keeps it for the installation; returns its verdict. */
    public LicenseVerdict replace(String project, String text) {
        Installations.Installation inst = installation(project);
        LicenseVerdict verdict = licenses.verify(text.strip());
        if (!verdict.usable()) {
            throw new IllegalArgumentException("this key cannot be used: " + verdict.message() + ". The current license is kept");
        }
        String newCustomer = verdict.readLicense().orElseThrow().customerId();
        if (inst.licenseText() != null) {
            licenses.verify(inst.licenseText()).readLicense().map(l -> l.customerId()).filter(c -> !c.equals(newCustomer))
                    .ifPresent(c -> {
                        throw new IllegalArgumentException("this key is for the customer " + newCustomer + ", but this"
                                + " installation is " + c + "'s. The current license is kept");
                    });
        }
        installations.save(new Installations.Installation(inst.project(), inst.directory(), inst.version(), inst.httpPort(),
                inst.adminEmail(), inst.registry(), text.strip(), inst.settingsJson()));
        return verdict;
    }

    /**
     * The admin's way out of a clock check that ran ahead (the clock was once wrong the other way): the check moves
     * back to this computer's clock, journaled, only when the installation's license verifies at the clock's time.
     */
    public ClockWitness.Recovered resetClock(String project, ClockWitness witness) {
        Installations.Installation inst = installation(project);
        if (witness.ahead().isEmpty()) {
            throw new IllegalStateException("The clock check agrees with this computer's clock; there is nothing to reset.");
        }
        if (inst.licenseText() == null) {
            throw new IllegalStateException("this installation was made by an older console that did not keep its license;"
                    + " replace it with your current key first");
        }
        LicenseVerdict verdict = licenses.verifyIgnoringTimesSeen(inst.licenseText());
        if (!verdict.usable()) {
            throw new IllegalArgumentException("The clock check is kept: at this computer's time the license is not usable."
                    + " " + verdict.message());
        }
        return witness.reset(project).orElseThrow(() -> new IllegalStateException(
                "The clock check agrees with this computer's clock; there is nothing to reset."));
    }

    private Installations.Installation installation(String project) {
        return installations.find(project).orElseThrow(() -> new IllegalArgumentException("there is no installation '"
                + project + "' on this machine"));
    }
}
