package com.adaptivestartup.brain.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The vendor's image pipeline, told to build a customer's images: GitHub's REST API, {@code workflow_dispatch} of the
 * {@code build_docker_image} workflow with the customer and the job to call back about. Anything but GitHub's 204 is an
 * error with GitHub's words, and the job tries again later.
 */
public final class GitHubWorkflow implements BuildPipeline {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI api;
    private final String repository;
    private final String workflow;
    private final String ref;
    private final String token;

    /** {@code api}: https://api.github.com (or a GitHub Enterprise's); {@code repository}: owner/name. */
    public GitHubWorkflow(URI api, String repository, String workflow, String ref, String token) {
        if (!repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("the pipeline's repository must be owner/name, not '" + repository + "'");
        }
        this.api = api;
        this.repository = repository;
        this.workflow = workflow;
        this.ref = ref;
        this.token = token;
    }

    /** Asks for the customer's images; returns once GitHub took the request. */
    @Override
    public void build(String customerKey, UUID jobId) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("ref", ref, "inputs", Map.of("customer_id", customerKey,
                "job_id", jobId.toString())));
        HttpRequest request = HttpRequest.newBuilder(api.resolve("/repos/" + repository + "/actions/workflows/" + workflow
                        + "/dispatches"))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json")
                .header("Authorization", "Bearer " + token)
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new IOException("GitHub answered " + r.statusCode() + " to the build of " + customerKey + ": "
                    + r.body().substring(0, Math.min(r.body().length(), 300)));
        }
    }
}
