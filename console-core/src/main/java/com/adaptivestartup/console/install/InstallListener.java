package com.adaptivestartup.console.install;

/** Progress of an install, for the CLI's output and the UI's bindings. Steps run in parallel: be thread-safe. */
public interface InstallListener {
    /** A step started or finished; {@code message} is for people. */
    void step(String step, String message);

    /** Bytes downloaded so far of one image (summed over its layers). */
    void pull(String service, long currentBytes, long totalBytes);

    /**
     * Whether the admin asked to stop. Asked before every step and during downloads; the install then
     * stops as if it had failed there (a fresh install is taken down again) and says it was cancelled.
     */
    default boolean cancelled() {
        return false;
    }

    InstallListener SILENT = new InstallListener() {
        public void step(String step, String message) {
        }

        public void pull(String service, long currentBytes, long totalBytes) {
        }
    };
}
