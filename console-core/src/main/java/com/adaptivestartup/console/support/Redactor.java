package com.adaptivestartup.console.support;

import com.adaptivestartup.console.stack.InstallDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Takes secrets out of text bound for a support bundle: every value of the install's secret files wherever
 * it appears, the values of settings whose names say they are secret, tokens after {@code Bearer},
 * {@code password=...}-like pairs, and every email address (the people's: PostgreSQL names them in a
 * conflict's {@code DETAIL} line, for one). What is taken out reads {@code [redacted]} or {@code [email]}.
 */
public final class Redactor {
    static final String MARK = "[redacted]";
    private static final Pattern SECRET_SETTING = Pattern.compile("(?im)^([A-Z0-9_]*(PASSWORD|SECRET|KEY|TOKEN)[A-Z0-9_]*)=(.+)$");
    private static final Pattern PAIRS = Pattern.compile("(?i)(password|passwd|secret|token|api[_-]?key)(\"?\\s*[:=]\\s*\"?)([^\\s\",&]+)");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}");
    static final String EMAIL_MARK = "[email]";
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})+");
    private final List<String> secrets;

    Redactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s.length() >= 4).sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** Knows the values of every file in the install's {@code secrets/} folder. */
    public static Redactor forInstall(InstallDirectory dir) {
        List<String> values = new ArrayList<>();
        Path folder = dir.path().resolve(InstallDirectory.SECRETS);
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    values.add(Files.readString(f).strip());
                }
            } catch (IOException e) {
                // unreadable secrets cannot leak through us either; the patterns still apply
            }
        }
        Path admin = dir.path().resolve(InstallDirectory.ADMIN_PASSWORD);
        try {
            if (Files.isRegularFile(admin)) {
                values.add(Files.readString(admin).strip());
            }
        } catch (IOException e) {
            // as above
        }
        return new Redactor(values);
    }

    public String redact(String text) {
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MARK);
        }
        out = BEARER.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MARK));
        out = EMAIL.matcher(out).replaceAll(Matcher.quoteReplacement(EMAIL_MARK));
        return PAIRS.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + MARK));
    }

    /** A settings file with the values of secret-named settings taken out (names kept: they help support). */
    static String settingsOnly(String env) {
        return SECRET_SETTING.matcher(env).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "=" + MARK));
    }
}
