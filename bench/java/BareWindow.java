import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The floor a JavaFX desktop app starts from: one window with one label, on the same JVM and JavaFX as the console
 * (launched from a class that is not the Application, as the console's Main is). Prints "first window after N ms"
 * (JVM start to the window on screen), as the console does with --report-startup.
 */
public final class BareWindow {
    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            stage.setScene(new Scene(new Label("Adaptive Startup"), 1180, 720));
            stage.show();
            Platform.runLater(() -> {
                System.err.println("first window after "
                        + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() + " ms");
                if (Boolean.getBoolean("adaptive.exitAfterStartup")) {
                    Platform.exit();
                }
            });
        }
    }
}
