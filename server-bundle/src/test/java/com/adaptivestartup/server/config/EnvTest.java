package com.adaptivestartup.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Optional settings from files: the console always mounts the AI key's file, empty when there is no key. */
class EnvTest {
    @TempDir
    Path dir;

    @Test
    void anEmptySecretFileMeansTheOptionalSettingIsNotSet() throws Exception {
        Path empty = Files.writeString(dir.resolve("gemini_api_key"), "");
        Path given = Files.writeString(dir.resolve("other_key"), "AIzaSyExample\n");
        Env env = new Env(Map.of("GEMINI_API_KEY_FILE", empty.toString(), "OLLAMA_URL_FILE", given.toString()));
        assertThat(env.optional("GEMINI_API_KEY")).isNull();
        assertThat(env.optional("OLLAMA_URL")).isEqualTo("AIzaSyExample");
        assertThat(ServerConfig.Ai.from(env).geminiApiKey()).isNull();
        env.check();
    }
}
