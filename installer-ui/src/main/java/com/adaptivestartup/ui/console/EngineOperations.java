package com.adaptivestartup.ui.console;

/** What the Engine view asks of console-core: which Docker engine the console uses, and changing it (a fake in tests). */
public interface EngineOperations {
    /** Where the choice comes from and the engine in a line, or why it cannot be reached; never throws. */
    Current current();

    /**
     * Saves an address (unix://, tcp://, ssh://) or a Docker context's name as the engine to use, once it answers;
     * returns the engine in a line, or throws with a sentence (nothing saved).
     */
    String choose(String addressOrContext);

    /** Forgets the saved engine: this machine's usual places. */
    void useThisMachine();

    /** {@code chosenBy}: "the console's setting", "DOCKER_HOST"...; {@code engine}: the engine in a line, or why not. */
    record Current(String chosenBy, String engine, boolean answers, boolean environmentDecides) {
    }
}
