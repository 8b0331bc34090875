package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.ui.Background;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Engine view's model over a fake console-core: what it shows, what it saves, and what a refusal leaves. */
class EngineViewModelTest {
    private final List<String> saved = new ArrayList<>();
    private String setting;

    private final EngineOperations engines = new EngineOperations() {
        public Current current() {
            return setting == null
                    ? new Current("Chosen by: none (this machine's usual places)", "Docker 27.3.1 (Ubuntu), API 1.47, via standard"
                    + " socket (unix:///var/run/docker.sock)", true, false)
                    : new Current("Chosen by: the console's engine setting (" + setting + ")", "Docker 28.0.1 (Debian), API"
                    + " 1.48, via the console's engine setting (" + setting + ")", true, false);
        }

        public String choose(String addressOrContext) {
            if (addressOrContext.contains("dead")) {
                throw new IllegalStateException("The Docker engine you chose (the console's engine setting: " + addressOrContext
                        + ") could not be reached: nothing answers there. The setting was not changed.");
            }
            saved.add(addressOrContext);
            setting = addressOrContext;
            return "Docker 28.0.1 (Debian), API 1.48, via the console's engine setting (" + addressOrContext + ")";
        }

        public void useThisMachine() {
            setting = null;
        }
    };

    @Test
    void anEngineThatAnswersIsSavedAndShownAndTheAdminToldWhenItApplies() {
        EngineViewModel model = new EngineViewModel(engines, Background.SAME_THREAD, ConsoleFakes.TEXT);
        model.refresh();
        assertThat(model.chosenByProperty().get()).isEqualTo("Chosen by: none (this machine's usual places)");
        model.addressProperty().set("  ssh://admin@db1  ");
        model.choose();
        assertThat(saved).containsExactly("ssh://admin@db1");
        assertThat(model.resultProperty().get()).startsWith("Saved: Docker 28.0.1").endsWith(" The console uses it from its next start.");
        assertThat(model.engineProperty().get()).contains("ssh://admin@db1");
        assertThat(model.addressProperty().get()).isEmpty();

        model.useThisMachine();
        assertThat(model.chosenByProperty().get()).contains("usual places");
        assertThat(model.resultProperty().get()).contains("this machine's usual places");
    }

    @Test
    void anEngineThatDoesNotAnswerIsNotSavedAndTheReasonIsShown() {
        EngineViewModel model = new EngineViewModel(engines, Background.SAME_THREAD, ConsoleFakes.TEXT);
        model.addressProperty().set("tcp://dead:2376");
        model.choose();
        assertThat(saved).isEmpty();
        assertThat(model.resultProperty().get()).contains("could not be reached").endsWith("The setting was not changed.");
        assertThat(model.addressProperty().get()).as("kept, to correct it").isEqualTo("tcp://dead:2376");
        assertThat(model.busyProperty().get()).isFalse();

        model.addressProperty().set("   ");
        model.choose();
        assertThat(model.resultProperty().get()).startsWith("Type an engine's address");
    }
}
