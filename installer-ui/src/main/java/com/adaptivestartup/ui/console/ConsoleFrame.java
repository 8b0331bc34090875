package com.adaptivestartup.ui.console;

import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The operator console's window: a header (the product, the installed version, the app's address, the license and
 * the engine), a sidebar of sections, the chosen section, and a status line (when the dashboard last heard from
 * the engine). A section's view is made the first time it is chosen (the first window only needs the dashboard) and
 * its view model asked again each time. Keyboard: the sidebar takes the arrows, Ctrl+1 to Ctrl+9 choose a section.
 */
public final class ConsoleFrame extends BorderPane {

    /** One entry of the sidebar: its title, its view (made when first shown), what to ask when it is shown. */
    public record Section(String id, String title, Supplier<Node> view, Runnable onShow) {
        @Override
        public String toString() {
            return title;
        }
    }

    /** What the header and the status line show, all following view models that are refreshed elsewhere. */
    public record Header(ConsoleSummary summary, ObservableValue<String> address, ObservableValue<String> license,
                         ObservableValue<String> status, Consumer<String> openBrowser) {
    }

    private final ListView<Section> sidebar;
    private final StackPane content = new StackPane();
    private final java.util.Map<Section, Node> made = new java.util.HashMap<>();

    public ConsoleFrame(List<Section> sections, Header header, ResourceBundle text) {
        sidebar = new ListView<>(javafx.collections.FXCollections.observableArrayList(sections));
        sidebar.setId("sidebar");
        sidebar.setAccessibleText(text.getString("console.sections"));
        sidebar.setPrefWidth(190);
        sidebar.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Section s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.title());
                setId(empty || s == null ? null : "section-" + s.id());
            }
        });
        sidebar.getSelectionModel().selectedItemProperty().subscribe(this::show);
        setTop(header(header, text));
        setLeft(sidebar);
        content.setMinSize(0, 0);   // a tall section never pushes the status line out of the window
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        clip.widthProperty().bind(content.widthProperty());
        clip.heightProperty().bind(content.heightProperty());
        content.setClip(clip);
        setCenter(content);
        setBottom(statusLine(header.status()));
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode().isDigitKey()) {
                int n = e.getCode().ordinal() - (e.getCode().isKeypadKey() ? KeyCode.NUMPAD1.ordinal()
                        : KeyCode.DIGIT1.ordinal());
                if (n >= 0 && n < sections.size()) {
                    choose(sections.get(n).id());
                    e.consume();
                }
            }
        });
        sidebar.getSelectionModel().selectFirst();
    }

    /** Shows the section with this id, as a click in the sidebar would. */
    public void choose(String id) {
        sidebar.getItems().stream().filter(s -> s.id().equals(id)).findFirst()
                .ifPresent(s -> sidebar.getSelectionModel().select(s));
    }

    /** The section shown now (its id). */
    public String shown() {
        Section s = sidebar.getSelectionModel().getSelectedItem();
        return s == null ? null : s.id();
    }

    private void show(Section s) {
        if (s == null) {
            return;
        }
        content.getChildren().setAll(made.computeIfAbsent(s, k -> k.view().get()));
        s.onShow().run();
    }

    private static Node header(Header h, ResourceBundle text) {
        Label product = new Label(text.getString("app.product"));
        product.getStyleClass().add("title-3");
        product.setMinWidth(Region.USE_PREF_SIZE);
        Label version = label("header-version", h.summary().versionProperty());
        Hyperlink address = new Hyperlink();
        address.setId("header-address");
        address.textProperty().bind(h.address());
        address.setOnAction(e -> h.openBrowser().accept(address.getText()));
        address.visibleProperty().bind(address.textProperty().isNotEmpty());
        address.setMinWidth(Region.USE_PREF_SIZE);
        Label updates = label("header-updates", h.summary().updatesProperty());
        h.summary().updateWaitingProperty().subscribe(waiting -> updates.getStyleClass().setAll("label",
                waiting ? "accent" : "text-muted"));
        Label license = label("header-license", h.license());
        Label engine = label("header-engine", h.summary().engineProperty());
        engine.getStyleClass().add("text-muted");
        engine.setMinWidth(0);   // the engine gives way first; its whole description is in its tooltip
        javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        whole.textProperty().bind(h.summary().engineDetailProperty());
        engine.setTooltip(whole);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(14, product, version, address, gap, updates, license, engine);
        bar.setId("header");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10, 16, 10, 16));
        bar.setStyle("-fx-border-color: transparent transparent -color-border-default transparent;");
        return bar;
    }

    private static Node statusLine(ObservableValue<String> status) {
        Label line = label("status-line", status);
        line.getStyleClass().add("text-muted");
        HBox bar = new HBox(line);
        bar.setPadding(new Insets(4, 16, 4, 16));
        bar.setStyle("-fx-border-color: -color-border-default transparent transparent transparent;");
        return bar;
    }

    private static Label label(String id, ObservableValue<String> value) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(value);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
