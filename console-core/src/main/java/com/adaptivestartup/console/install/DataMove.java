package com.adaptivestartup.console.install;

import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.StackDeployer;
import com.adaptivestartup.console.stack.StackPlan;

/**
 * Data put into a new stack in place of its first admin: an installation moving from the other edition brings its
 * people and everything they made. Run once the new stack's database has its schema (and the rest of its data
 * services have started), before its server starts.
 */
@FunctionalInterface
public interface DataMove {
    /** Moves the data in; throws {@link InstallFailed} saying why not (nothing of it then stays in the new stack). */
    void into(StackDeployer deployer, StackPlan plan, InstallDirectory dir, InstallListener listener);
}
