package com.adaptivestartup.server.ai;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.http.Text;
import io.javalin.Javalin;
import java.util.Map;
import java.util.Optional;

/** {@code /api/ai/status} (is a provider configured?) and {@code /api/ai/generate} (the proxy). */
public final class AiRoutes {
    private final AccountService accounts;
    private final Optional<AiProvider> provider;

    public AiRoutes(AccountService accounts, Optional<AiProvider> provider) {
        this.accounts = accounts;
        this.provider = provider;
    }

    record Prompt(String prompt) {
    }

    public void register(Javalin app) {
        app.get("/api/ai/status", ctx -> {
            accounts.authenticate(ctx);
            ctx.json(Map.of("configured", provider.isPresent(), "provider", provider.map(AiProvider::name).orElse("none")));
        });
        app.post("/api/ai/generate", ctx -> {
            accounts.authenticateActive(ctx);
            AiProvider ai = provider.orElseThrow(() -> new ApiError(503, "ai_not_configured",
                    "no AI provider is configured for this installation; the admin can add a Gemini API key or an"
                            + " Ollama URL in the console's settings"));
            String prompt = Text.required("prompt", Json.body(ctx, Prompt.class).prompt(), 32_000);
            ctx.json(Map.of("provider", ai.name(), "text", ai.generate(prompt)));
        });
    }
}
