package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.cloudimport.CloudImportService;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** What the Cloud import view asks of console-core for the installation (a fake in tests). Each throws with a sentence. */
public interface ImportOperations {
    /** Imports (or tries) the export, telling progress from the stack's backend as it goes (on a background thread). */
    CloudImportService.Outcome run(Path export, CloudImportService.Options options,
                                   Consumer<CloudImportService.Progress> progress);

    /** The reports kept with the installation, newest first. */
    List<CloudImportService.Saved> history();
}
