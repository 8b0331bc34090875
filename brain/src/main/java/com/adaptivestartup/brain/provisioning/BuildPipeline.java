package com.adaptivestartup.brain.provisioning;

import java.util.UUID;

/**
 * The vendor's image pipeline, asked to build a new customer's images: it returns once the build is under way, and
 * reports the images and the release to sign at {@code POST /v1/builds/{job}/complete} when done ({@link
 * BuildCallbackRoute}). GitHub Actions in production ({@link GitHubWorkflow}); images/build.sh on one machine (the demo,
 * the end-to-end test), through this same interface.
 */
public interface BuildPipeline {
    /** Starts building {@code customerKey}'s images for the provisioning job {@code jobId}; an exception is retried later. */
    void build(String customerKey, UUID jobId) throws Exception;
}
