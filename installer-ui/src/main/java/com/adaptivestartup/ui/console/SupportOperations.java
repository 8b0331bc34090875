package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.support.SupportBundle;
import java.nio.file.Path;

/** What the Support view asks of console-core (a fake in tests). */
public interface SupportOperations {
    /** Everything the bundle would hold, secrets already taken out. */
    SupportBundle.Preview preview();

    /** Writes exactly the previewed entries. */
    Path save(SupportBundle.Preview preview, Path file);
}
