package com.adaptivestartup.console.bundle;

import com.adaptivestartup.console.release.Versions;
import com.adaptivestartup.licensing.license.License;

/** What a license and an installation allow of a verified bundle; each refusal says so and that nothing changed. */
public final class OfflineBundles {
    /** The license feature that allows installing and updating from files, without the registry. */
    public static final String FEATURE = License.FEATURE_AIRGAP;

    private OfflineBundles() {
    }

    public static void checkLicense(BundleReader.Verified bundle, License license) {
        if (!license.hasFeature(FEATURE)) {
            throw new BundleProblem("this license does not include installing from an offline bundle (the '" + FEATURE
                    + "' feature); ask Adaptive Startup for an air-gapped license. Nothing was changed");
        }
        String customer = bundle.index().customerId();
        if (customer != null && !customer.equals(license.customerId())) {
            throw new BundleProblem("this bundle was made for another customer (" + customer + "), not for this license's ("
                    + license.customerId() + "); it is refused. Nothing was changed");
        }
        if (license.maxVersion() != null && Versions.compare(bundle.index().version(), license.maxVersion()) > 0) {
            throw new BundleProblem("this license covers versions up to " + license.maxVersion() + "; the bundle holds "
                    + bundle.index().version() + ", which needs a renewed license. Nothing was changed");
        }
    }

    public static void checkUpdate(BundleReader.Verified bundle, String installed) {
        String version = bundle.index().version();
        int order = Versions.compare(version, installed);
        if (order == 0) {
            throw new BundleProblem("Adaptive Startup " + installed + " is already installed; the bundle holds the same"
                    + " version. Nothing was changed");
        }
        if (order < 0) {
            throw new BundleProblem("the bundle holds " + version + ", older than the installed " + installed + "; an update"
                    + " never goes back (to return to the version before the last update: adaptivectl rollback)."
                    + " Nothing was changed");
        }
        String min = bundle.release().minUpdateFrom();
        if (min != null && Versions.compare(installed, min) < 0) {
            throw new BundleProblem(version + " updates from " + min + " or newer; install the bundle of " + min + " first."
                    + " Nothing was changed");
        }
    }
}
