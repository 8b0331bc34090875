package com.adaptivestartup.console.license;

import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.console.outbound.BrainClient;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.licensing.license.License;
import com.adaptivestartup.licensing.license.LicenseVerdict;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Activation and the opt-in heartbeat (docs/brain-api.md): only when the license includes {@code heartbeat}
 * and the admin turned it on. The first call activates this installation ({@code POST /v1/activations});
 * each later one sends a health summary ({@code POST /v1/heartbeats}): versions and each service's state,
 * never customer data. Both are answered with the license's signed standing ({@link LicenseStandings}).
 */
public final class Heartbeat {
    public static final String FEATURE = "heartbeat";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BrainClient brain;
    private final java.util.function.Function<String, String> brainOf;
    private final String consoleVersion;
    private final LicenseStandings standings;
    private final Installations installations;
    private final LicenseService licenses;
    private final StackService stacks;
    private final Clock clock;

    /**
     * {@code brainOf}: where an installation's Brain is (its update source, else the vendor's), null when nowhere;
     * {@code consoleVersion}: this console's version, sent in the summary.
     */
    public Heartbeat(BrainClient brain, java.util.function.Function<String, String> brainOf, String consoleVersion,
                     LicenseStandings standings, Installations installations, LicenseService licenses, StackService stacks,
                     Clock clock) {
        this.brain = brain;
        this.brainOf = brainOf;
        this.consoleVersion = consoleVersion;
        this.standings = standings;
        this.installations = installations;
        this.licenses = licenses;
        this.stacks = stacks;
        this.clock = clock;
    }

    /** Not possible as asked; the message says why. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    public LicenseStandings.Record state(String project) {
        return standings.record(project);
    }

    /** Turns the heartbeat on (only when the license includes it) or off. */
    public LicenseStandings.Record enable(String project, boolean on) {
        if (on && !license(project).hasFeature(FEATURE)) {
            throw new Refused("this license does not include the heartbeat to the vendor; nothing is sent");
        }
        standings.setEnabled(project, on);
        return standings.record(project);
    }

    /** Activates first if needed, then sends the health summary; returns the standing the Brain signed. */
    public LicenseStandings.Standing send(String project) {
        LicenseStandings.Record record = standings.record(project);
        if (!record.enabled()) {
            throw new Refused("the heartbeat is off for '" + project + "'; turn it on first (`adaptivectl heartbeat on`)");
        }
        License license = license(project);
        if (!license.hasFeature(FEATURE)) {
            throw new Refused("this license does not include the heartbeat to the vendor; nothing is sent");
        }
        String source = brainOf.apply(project);
        if (source == null) {
            throw new Refused("no Brain is set: `adaptivectl update settings --source <url>`");
        }
        Map<String, Object> summary = summary(project, license, record.instanceId());
        int max = DocumentKind.LICENSE_STANDING.maxEncodedChars();
        if (record.activatedAt() == null) {
            String answer = brain.post(source, "activations", write(activation(summary)), max);
            standings.accept(project, license.licenseId(), answer);
            standings.markActivated(project);
        }
        LicenseStandings.Standing standing = standings.accept(project, license.licenseId(),
                brain.post(source, "heartbeats", write(summary), max));
        standings.markSent(project);
        return standing;
    }

    /**
     * Sends when the heartbeat is on, the license includes it, and the last one is older than {@code every}
     * (for a scheduler: the desktop console once a day); empty when nothing was due.
     */
    public java.util.Optional<LicenseStandings.Standing> sendIfDue(String project, java.time.Duration every) {
        LicenseStandings.Record record = standings.record(project);
        if (!record.enabled() || !license(project).hasFeature(FEATURE)
                || record.lastSentAt() != null && record.lastSentAt().plus(every).isAfter(clock.instant())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(send(project));
    }

    /** Whether this installation's license includes the heartbeat. */
    public boolean offered(String project) {
        return license(project).hasFeature(FEATURE);
    }

    /**
     * What a heartbeat says, all of it: which license and installation, the versions, and each service's
     * state. No names, emails, addresses or data of the customer's people.
     */
    Map<String, Object> summary(String project, License license, String instanceId) {
        StackService.StackStatus status = stacks.status(project);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("licenseId", license.licenseId());
        out.put("instanceId", instanceId);
        out.put("consoleVersion", consoleVersion);
        out.put("appVersion", installations.find(project).orElseThrow().version());
        out.put("overall", status.overall());
        List<Map<String, String>> services = status.services().stream().map(s -> {
            Map<String, String> one = new LinkedHashMap<>();
            one.put("service", s.service());
            one.put("state", s.state());
            one.put("health", s.health());
            return one;
        }).toList();
        out.put("services", services);
        out.put("sentAt", clock.instant().toString());
        return out;
    }

    private static Map<String, Object> activation(Map<String, Object> summary) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : List.of("licenseId", "instanceId", "consoleVersion", "appVersion", "sentAt")) {
            out.put(key, summary.get(key));
        }
        return out;
    }

    private License license(String project) {
        LicenseVerdict verdict;
        try {
            verdict = new InstallationLicense(licenses, installations).current(project);
        } catch (RuntimeException e) {
            throw new Refused(e.getMessage());
        }
        return verdict.readLicense().orElseThrow(() -> new Refused("the license cannot be read: " + verdict.message()));
    }

    private static String write(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
