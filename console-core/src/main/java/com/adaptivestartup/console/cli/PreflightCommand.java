package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.preflight.CheckResult;
import com.adaptivestartup.console.preflight.PreflightService;
import com.adaptivestartup.licensing.license.LicenseInput;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code adaptivectl preflight}: can this machine run the stack? Exit 0 when nothing fails. */
@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = "Check this machine before installing: each check passes, warns or fails, with the fix.")
final class PreflightCommand implements Callable<Integer> {
    private final CliContext context;
    @Spec
    CommandSpec spec;
    @Option(names = "--license", description = "The license key or .lic file to check too.")
    String license;
    @Option(names = "--dir", defaultValue = ".", description = "Where the stack would be installed.")
    Path dir;
    @Option(names = "--http-port", defaultValue = "8080")
    int httpPort;
    @Option(names = "--https-port", defaultValue = "0", description = "The HTTPS port, for an install with an address"
            + " (such as 443).")
    int httpsPort;
    @Option(names = "--json")
    boolean json;

    PreflightCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        String licenseText = license == null ? null : LicenseInput.read(license, context.stdin());
        var service = context.core(err).preflight(context::locateEngine);
        List<CheckResult> results = service.run(new PreflightService.Request(licenseText, dir, httpPort, httpsPort));
        boolean ok = PreflightService.canInstall(results);
        if (json) {
            spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Map.of("canInstall", ok, "checks", results)));
        } else {
            for (CheckResult r : results) {
                spec.commandLine().getOut().printf("%-4s %-14s %s%n", r.level(), r.name(), r.found());
                if (!r.fix().isEmpty()) {
                    spec.commandLine().getOut().println("     fix: " + r.fix().replace("\n", "\n          "));
                }
            }
            spec.commandLine().getOut().println(ok ? "This machine can run the stack." : "Fix the failed checks first.");
        }
        return ok ? ExitCodes.OK : ExitCodes.NOT_OK;
    }
}
