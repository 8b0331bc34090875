package com.adaptivestartup.ui.console;

import com.adaptivestartup.licensing.license.LicenseVerdict;

/** What the License view asks of console-core for the installation (a fake in tests). */
public interface LicenseOperations {
    LicenseVerdict current();

    /** Verifies the key and keeps it for the installation; throws with a sentence when it is refused. */
    LicenseVerdict replace(String keyText);
}
