package com.adaptivestartup.console.audit;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.ServerCommand;
import com.adaptivestartup.console.stack.StackDeployer;
import com.adaptivestartup.console.stack.StackPlan;
import com.adaptivestartup.console.state.AuditAnchors;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code adaptivectl audit verify}: the stack's activity log checked by its own server (every chain, with the
 * audit key the database does not hold) against the anchors this console kept outside the database. A check
 * that passes records the current heads as new anchors. Journaled, so the history shows every check.
 */
public final class AuditService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DockerEngine engine;
    private final Installations installations;
    private final AuditAnchors anchors;
    private final Journal journal;

    public AuditService(DockerEngine engine, Installations installations, AuditAnchors anchors, Journal journal) {
        this.engine = engine;
        this.installations = installations;
        this.anchors = anchors;
        this.journal = journal;
    }

    /** One organization's log: whether it holds, how many entries, what is wrong with it. */
    public record OrgResult(String orgId, boolean intact, long entries, List<String> problems, List<String> notes) {
    }

    /** The whole check: {@code ok} only when every log holds and every anchor was found. */
    public record Result(boolean ok, int anchorsChecked, List<OrgResult> organizations) {
    }

    public Result verify(String project) {
        Installations.Installation inst = installations.find(project).orElseThrow(() -> new IllegalArgumentException(
                "there is no installation '" + project + "' on this machine (see `adaptivectl status`)"));
        Journal.Operation op = journal.begin("audit-verify", project);
        try {
            List<AuditAnchors.Anchor> known = anchors.newest(project);
            InstallDirectory dir = new InstallDirectory(inst.directory());
            StackPlan plan = dir.readPlan();
            StackDeployer d = new StackDeployer(engine, project, dir.path(), inst.version());
            DockerEngine.OneOffResult r = d.runOnce(plan.migrator(), List.of("audit", "verify", "--anchors",
                    JSON.writeValueAsString(known)), List.of(), Duration.ofMinutes(30));
            JsonNode report = ServerCommand.lastJsonLine(r.output(), "organizations");
            if (report == null) {
                throw new IllegalStateException(r.output().contains("Unmatched argument") || r.output().contains("Unknown")
                        ? "release " + inst.version() + " cannot check its activity log; update to 1.2.0 or newer"
                        : "the check did not finish (exit code " + r.exitCode() + "): " + tail(r.output()));
            }
            Result result = result(report, known.size());
            if (result.ok()) {
                anchors.record(project, heads(report), "check " + op.id());
                op.record("operation", "done", result.organizations().size() + " organizations' logs hold; "
                        + known.size() + " anchors found");
            } else {
                op.record("operation", "failed", problems(result));
            }
            return result;
        } catch (IOException e) {
            op.record("operation", "failed", e.getMessage());
            throw new IllegalStateException(e.getMessage(), e);
        } catch (RuntimeException e) {
            op.record("operation", "failed", e.getMessage());
            throw e;
        }
    }

    private static Result result(JsonNode report, int anchorsChecked) {
        List<OrgResult> orgs = new ArrayList<>();
        for (JsonNode o : report.path("organizations")) {
            orgs.add(new OrgResult(o.path("orgId").asText(), o.path("intact").asBoolean(), o.path("entries").asLong(),
                    texts(o.path("problems")), texts(o.path("notes"))));
        }
        return new Result(report.path("ok").asBoolean(), anchorsChecked, List.copyOf(orgs));
    }

    /** The heads a passed check reports, as anchors to keep. */
    private static List<AuditAnchors.Anchor> heads(JsonNode report) {
        List<AuditAnchors.Anchor> out = new ArrayList<>();
        for (JsonNode o : report.path("organizations")) {
            JsonNode head = o.path("head");
            if (head.path("seq").asLong() > 0) {
                out.add(new AuditAnchors.Anchor(o.path("orgId").asText(), head.path("seq").asLong(), head.path("hash").asText()));
            }
        }
        return out;
    }

    private static String problems(Result result) {
        return String.join("; ", result.organizations().stream().flatMap(o -> o.problems().stream()
                .map(p -> "organization " + o.orgId() + ": " + p)).toList());
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

}
