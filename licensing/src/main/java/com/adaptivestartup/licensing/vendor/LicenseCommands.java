package com.adaptivestartup.licensing.vendor;

import picocli.CommandLine.Command;

/** {@code adaptive-vendor license ...}: issue and inspect license keys. */
@Command(name = "license", mixinStandardHelpOptions = true, description = "Issue and inspect license keys.",
        subcommands = {IssueLicenseCommand.class, InspectLicenseCommand.class})
final class LicenseCommands {
}
