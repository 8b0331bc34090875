package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.outbound.OutboundHttp;
import com.adaptivestartup.console.outbound.TrustedCertificates;
import com.adaptivestartup.console.state.ConsoleSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code adaptivectl network}: how the console reaches the outside world (the vendor's Brain, release URLs,
 * installer downloads): the proxy, the hosts that bypass it, an extra CA bundle; and a check of one address.
 */
@Command(name = "network", mixinStandardHelpOptions = true, description = "How the console reaches the vendor: proxy and"
        + " certificates.", subcommands = {NetworkCommand.Show.class, NetworkCommand.Set.class, NetworkCommand.Check.class})
final class NetworkCommand {

    /** A proxy URL with its password hidden. */
    static String shown(Optional<URI> proxy) {
        return proxy.map(p -> p.getRawUserInfo() == null ? p.toString()
                : p.toString().replace(p.getRawUserInfo(), p.getRawUserInfo().split(":", 2)[0] + ":***")).orElse("none");
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "The proxies and certificates in use, and where"
            + " they come from (these settings, else HTTPS_PROXY, HTTP_PROXY, NO_PROXY and ADAPTIVE_CA_BUNDLE, else the"
            + " operating system's proxies).")
    static final class Show implements Callable<Integer> {
        private final CliContext context;
        @Spec
        CommandSpec spec;

        Show(CliContext context) {
            this.context = context;
        }

        public Integer call() {
            OutboundHttp.Settings s = context.core(spec.commandLine().getErr()).outbound().settings();
            PrintWriter out = spec.commandLine().getOut();
            out.println("from:           " + s.from());
            out.println("https proxy:    " + (s.systemProxies() ? "the operating system's, if any" : shown(s.httpsProxy())));
            out.println("http proxy:     " + (s.systemProxies() ? "the operating system's, if any" : shown(s.httpProxy())));
            out.println("not proxied:    " + (s.noProxy().isEmpty() ? "only this machine" : String.join(",", s.noProxy())
                    + " and this machine"));
            out.println("extra CAs:      " + s.caBundle().map(Path::toString).orElse("none (the JDK's authorities only)"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Save how the console reaches the vendor; each"
            + " value is checked first. Saved settings win over the environment's.")
    static final class Set implements Callable<Integer> {
        private final CliContext context;
        @Spec
        CommandSpec spec;
        @Option(names = "--proxy", paramLabel = "URL", description = "http://[user:password@]proxy:3128, for https and http.")
        String proxy;
        @Option(names = "--no-proxy", paramLabel = "LIST", description = "Hosts, domains and CIDR blocks reached directly,"
                + " comma-separated (this machine always is).")
        String noProxy;
        @Option(names = "--ca-bundle", paramLabel = "FILE", description = "A PEM file of extra certificate authorities to"
                + " trust (a company's TLS-inspecting proxy).")
        Path caBundle;
        @Option(names = "--clear", description = "Forget the saved settings (the environment's apply again).")
        boolean clear;

        Set(CliContext context) {
            this.context = context;
        }

        public Integer call() {
            ConsoleSettings settings = context.core(spec.commandLine().getErr()).consoleSettings();
            if (clear) {
                settings.put(ConsoleSettings.NETWORK_PROXY, null);
                settings.put(ConsoleSettings.NETWORK_NO_PROXY, null);
                settings.put(ConsoleSettings.NETWORK_CA_BUNDLE, null);
                spec.commandLine().getOut().println("The saved network settings are gone; the environment's apply.");
                return ExitCodes.OK;
            }
            if (proxy == null && noProxy == null && caBundle == null) {
                throw new CliContext.CliProblem("give --proxy, --no-proxy, --ca-bundle or --clear");
            }
            try {
                if (proxy != null) {
                    OutboundHttp.Settings.proxyUrl(Optional.of(proxy));
                }
                if (caBundle != null) {
                    TrustedCertificates.withBundle(caBundle.toAbsolutePath());
                }
            } catch (IllegalArgumentException | TrustedCertificates.BadBundle e) {
                throw new CliContext.CliProblem(e.getMessage());
            }
            if (proxy != null) {
                settings.put(ConsoleSettings.NETWORK_PROXY, proxy.strip());
            }
            if (noProxy != null) {
                settings.put(ConsoleSettings.NETWORK_NO_PROXY, noProxy.strip());
            }
            if (caBundle != null) {
                settings.put(ConsoleSettings.NETWORK_CA_BUNDLE, caBundle.toAbsolutePath().toString());
            }
            spec.commandLine().getOut().println("Saved. Check an address with: adaptivectl network check <url>");
            return ExitCodes.OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Fetch an address as the console would (the"
            + " Brain's, a release's) and say how it went and which way.")
    static final class Check implements Callable<Integer> {
        private final CliContext context;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "<url>", description = "https://...")
        String url;

        Check(CliContext context) {
            this.context = context;
        }

        public Integer call() {
            OutboundHttp outbound = context.core(spec.commandLine().getErr()).outbound();
            try {
                URI.create(url).toURL();
            } catch (IllegalArgumentException | java.net.MalformedURLException e) {
                throw new CliContext.CliProblem("'" + url + "' is not an address (https://host/path)");
            }
            try {
                OutboundHttp.Answer a = outbound.getText(url, 1024);
                spec.commandLine().getOut().println("HTTP " + a.status() + " from " + url + " (" + outbound.route(url) + ")");
                return a.status() < 400 ? ExitCodes.OK : ExitCodes.NOT_OK;
            } catch (OutboundHttp.Unreachable e) {
                spec.commandLine().getOut().println(url + " cannot be reached (" + outbound.route(url) + "): " + e.getMessage());
                return ExitCodes.NOT_OK;
            }
        }
    }
}
