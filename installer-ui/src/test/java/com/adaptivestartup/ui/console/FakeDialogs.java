package com.adaptivestartup.ui.console;

import com.adaptivestartup.ui.Dialogs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The admin's answers given in advance: what was asked is recorded; yes unless told no; a file or folder when set. */
public final class FakeDialogs implements Dialogs {
    public final List<String> asked = new ArrayList<>();
    public boolean answer = true;
    public Path chosen;
    /** The secret typed when asked for one; null: cancelled. */
    public String secret;

    @Override
    public boolean confirm(String title, String what, String go) {
        asked.add(title + " | " + what + " | " + go);
        return answer;
    }

    @Override
    public Optional<char[]> secret(String title, String what) {
        asked.add(title + " | " + what);
        return Optional.ofNullable(secret).map(String::toCharArray);
    }

    @Override
    public Optional<Path> openFile(String title, String kind, String... patterns) {
        asked.add(title);
        return Optional.ofNullable(chosen);
    }

    @Override
    public Optional<Path> folder(String title) {
        asked.add(title);
        return Optional.ofNullable(chosen);
    }

    @Override
    public Optional<Path> saveFile(String title, String suggested) {
        asked.add(title);
        return Optional.ofNullable(chosen);
    }
}
