package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.license.VendorKeys;
import com.adaptivestartup.console.state.AppDirectories;
import com.adaptivestartup.console.state.FileTimeWitness;
import com.adaptivestartup.licensing.machine.MachineFingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Map;

/** Builds the services the commands use, from the environment; tests pass their own. */
public class CliContext {
    private final Map<String, String> env;
    private final Clock clock;

    public CliContext() {
        this(System.getenv(), Clock.systemUTC());
    }

    public CliContext(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    public InputStream stdin() {
        return System.in;
    }

    LicenseService licenseService(PrintWriter err) throws IOException, GeneralSecurityException {
        VendorKeys.Loaded keys = VendorKeys.load(env);
        if (keys.extraKeysFrom() != null) {
            err.println("note: also trusting vendor keys from " + keys.extraKeysFrom() + " ("
                    + VendorKeys.EXTRA_KEYS_VARIABLE + ")");
        }
        AppDirectories dirs = AppDirectories.resolve(System.getProperty("os.name", ""),
                System.getProperty("user.home"), env);
        return new LicenseService(keys.keys(), clock, new FileTimeWitness(dirs.stateDir().resolve("clock-witness")),
                MachineFingerprint::ofThisMachine);
    }
}
