package com.adaptivestartup.console.install;

import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.console.state.Installations;

/**
 * How many server containers an installed stack runs (the web server shares the requests between them, and each
 * page's live connection stays on the one it reached): shown, and changed by converging the stack like an install of
 * the version in place. More start beside the running ones; fewer are stopped once the rest run; the app answers
 * throughout.
 */
public final class ServerReplicas {
    private final SettingsChange change;
    private final StackService stacks;

    public ServerReplicas(SettingsChange change, StackService stacks) {
        this.change = change;
        this.stacks = stacks;
    }

    /** The count chosen; {@code running}: server containers running now; {@code supported}: the release can run several. */
    public record ReplicasView(String project, int chosen, int running, boolean supported) {
    }

    public ReplicasView show(String project) {
        Installations.Installation inst = change.installation(project);
        int running = (int) stacks.status(project).services().stream()
                .filter(s -> s.service().matches(com.adaptivestartup.console.stack.StackPlan.SERVER + "(-\\d+)?")
                        && s.state().equals("running")).count();
        return new ReplicasView(project, SettingsChange.settingsOf(inst).backendReplicas(), running, supports(inst));
    }

    /** Runs {@code count} server containers; a sentence when the count, the edition or the release cannot. */
    public InstallResult set(String project, int count, InstallListener listener) {
        Installations.Installation inst = change.installation(project);
        StackSettings settings = SettingsChange.settingsOf(inst).withBackendReplicas(count);
        if (count > 1 && !supports(inst)) {
            throw new IllegalArgumentException("Adaptive Startup " + inst.version() + " runs one server container; update"
                    + " to 1.2.0 or later to run several. Nothing was changed.");
        }
        return change.converge(inst, settings, null, listener);
    }

    private static boolean supports(Installations.Installation inst) {
        return new InstallDirectory(inst.directory()).composeTemplate().contains("${" + StackSettings.REPLICAS_VARIABLE);
    }
}
