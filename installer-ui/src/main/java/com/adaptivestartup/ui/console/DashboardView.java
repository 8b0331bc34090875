package com.adaptivestartup.ui.console;

import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The overall state, a card per service with its actions, and Open Adaptive Startup. */
public final class DashboardView extends VBox {
    private final DashboardViewModel model;
    private final ResourceBundle text;
    private final FlowPane cards = new FlowPane(12, 12);

    public DashboardView(DashboardViewModel model, ResourceBundle text, String appUrl, Consumer<String> openBrowser) {
        this(model, text, new javafx.beans.property.SimpleStringProperty(appUrl), null, null, openBrowser);
    }

    /**
     * One plain banner while the Docker engine does not answer: what it means, Retry, and the details folded away;
     * it goes by itself when the engine answers again (the dashboard keeps refreshing).
     */
    private static VBox engineBanner(DashboardViewModel model, ResourceBundle text) {
        Label headline = new Label(text.getString("dashboard.engine.down"));
        headline.getStyleClass().add("title-4");
        Label advice = new Label(text.getString("dashboard.engine.advice"));
        advice.setWrapText(true);
        Button retry = new Button(text.getString("dashboard.engine.retry"));
        retry.setId("engine-retry");
        retry.setOnAction(e -> model.refresh());
        Label details = new Label();
        details.setWrapText(true);
        details.textProperty().bind(model.unreachableProperty());
        javafx.scene.control.TitledPane more = new javafx.scene.control.TitledPane(text.getString("dashboard.engine.details"),
                details);
        more.setExpanded(false);
        Button startDocker = new Button(text.getString("dashboard.engine.start"));
        startDocker.setId("engine-start");
        startDocker.visibleProperty().bind(model.engineStartableProperty());
        startDocker.managedProperty().bind(startDocker.visibleProperty());
        startDocker.setOnAction(e -> model.startEngine());
        Label starting = BoundLabels.wrapped("engine-starting", model.engineStartProperty());
        VBox banner = new VBox(6, headline, advice, new HBox(8, startDocker, retry), starting, more);
        banner.setId("engine-banner");
        banner.getStyleClass().add("engine-banner");
        banner.setStyle("-fx-padding: 12; -fx-background-color: -color-warning-subtle; -fx-background-radius: 6;");
        banner.visibleProperty().bind(model.unreachableProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    /**
     * With the address people use shown under the overall state ({@code address}: its link, copy, warning) and the
     * console's summary under it (the last backup, updates, the license); either may be null.
     */
    public DashboardView(DashboardViewModel model, ResourceBundle text, javafx.beans.value.ObservableValue<String> appUrl,
                         javafx.scene.Node address, javafx.scene.Node summary, Consumer<String> openBrowser) {
        super(16);
        this.model = model;
        this.text = text;
        setPadding(new Insets(24));
        Label overall = new Label();
        overall.setId("overall");
        overall.getStyleClass().add("title-2");
        overall.textProperty().bind(model.overallProperty().map(o -> text.getString("dashboard.overall." + o)));
        // "Checking…" (not known yet, or the engine does not answer) is neutral, never red
        model.overallProperty().subscribe(o -> overall.getStyleClass().setAll("label", "title-2",
                o.equals("healthy") ? "success" : o.equals("degraded") ? "warning" : o.equals("down") ? "danger" : "text-muted"));
        Button open = new Button(text.getString("done.open"));
        open.setId("open-app");
        open.getStyleClass().add("accent");
        open.setOnAction(e -> openBrowser.accept(appUrl.getValue()));
        Button startAll = new Button(text.getString("dashboard.startAll"));
        startAll.setId("start-all");
        startAll.disableProperty().bind(model.busyProperty());
        startAll.setOnAction(e -> model.startAll());
        Button stopAll = new Button(text.getString("dashboard.stopAll"));
        stopAll.setId("stop-all");
        stopAll.disableProperty().bind(model.busyProperty());
        stopAll.setOnAction(e -> model.askToStopAll());
        Label recovery = BoundLabels.wrapped("dashboard-recovery", model.recoveryProperty());
        recovery.managedProperty().bind(recovery.textProperty().isNotEmpty());
        Label problem = new Label();
        problem.setId("dashboard-problem");
        problem.getStyleClass().add("danger");
        problem.setWrapText(true);
        problem.textProperty().bind(model.problemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        model.cards().addListener((ListChangeListener<DashboardViewModel.Card>) c -> redraw());
        redraw();
        Label passwordNote = new Label();
        passwordNote.setId("dashboard-password-note");
        passwordNote.setWrapText(true);
        passwordNote.textProperty().bind(model.passwordNoteProperty());
        passwordNote.managedProperty().bind(passwordNote.textProperty().isNotEmpty());
        HBox top = new HBox(16, overall, open, startAll, stopAll);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(top, engineBanner(model, text), recovery, problem, passwordNote, replicas(model, text), cards);
        if (summary != null) {
            getChildren().add(1, summary);
        }
        if (address != null) {
            getChildren().add(1, address);
        }
    }

    /**
     * How many server containers share the work: a count from 1 to 5 and Apply (while the release can run several and
     * nothing else runs), what the change is doing, and a line on what the count means.
     */
    private static VBox replicas(DashboardViewModel model, ResourceBundle text) {
        javafx.scene.control.Spinner<Integer> count = new javafx.scene.control.Spinner<>(1, 5, 1);
        count.setId("replicas-count");
        count.setPrefWidth(80);
        model.replicasProperty().subscribe(n -> count.getValueFactory().setValue(n.intValue()));
        count.disableProperty().bind(model.busyProperty().or(model.replicasSupportedProperty().not()));
        Button apply = new Button(text.getString("dashboard.replicas.apply"));
        apply.setId("replicas-apply");
        apply.disableProperty().bind(count.disableProperty().or(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> count.getValue() == model.replicasProperty().get(), count.valueProperty(), model.replicasProperty())));
        apply.setOnAction(e -> model.applyReplicas(count.getValue()));
        Label label = new Label(text.getString("dashboard.replicas"));
        label.setLabelFor(count);
        HBox row = new HBox(8, label, count, apply);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label help = new Label(text.getString("dashboard.replicas.help"));
        help.setWrapText(true);
        help.getStyleClass().add("text-muted");
        Label note = BoundLabels.wrapped("replicas-note", model.replicasNoteProperty());
        note.managedProperty().bind(note.textProperty().isNotEmpty());
        return new VBox(4, row, note, help);
    }

    /** Cards are kept and updated in place (a click never lands on a card being replaced); new services get one. */
    private void redraw() {
        java.util.List<javafx.scene.Node> shown = new java.util.ArrayList<>();
        for (DashboardViewModel.Card c : model.cards()) {
            shown.add(byService.computeIfAbsent(c.service(), ServiceCard::new).show(c));
        }
        if (!cards.getChildren().equals(shown)) {
            cards.getChildren().setAll(shown);
        }
    }

    /** One service's card: its labels and buttons made once, their text and state set from each new Card. */
    private final class ServiceCard extends VBox {
        private final Label state = new Label();
        private final Label detail = new Label();
        private final Label use = new Label();
        private final javafx.scene.layout.StackPane chart = new javafx.scene.layout.StackPane();
        private final Button start;
        private final Button stop;
        private final Button restart;
        private final javafx.beans.property.BooleanProperty running = new javafx.beans.property.SimpleBooleanProperty();

        ServiceCard(String service) {
            super(6);
            Label name = new Label(service);
            name.getStyleClass().add("title-4");
            state.setId("card-" + service + "-state");
            use.setId("card-" + service + "-use");
            use.getStyleClass().add("text-muted");
            start = button(text.getString("dashboard.start"), "card-" + service + "-start", running, () -> model.start(service));
            stop = button(text.getString("dashboard.stop"), "card-" + service + "-stop", running.not(), () -> model.askToStop(service));
            restart = button(text.getString("dashboard.restart"), "card-" + service + "-restart",
                    new javafx.beans.property.SimpleBooleanProperty(false), () -> model.restart(service));
            getChildren().addAll(name, state, detail, use, chart, new HBox(6, start, stop, restart));
            setPadding(new Insets(12));
            setPrefWidth(280);
            setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 6; -fx-background-radius: 6;");
        }

        ServiceCard show(DashboardViewModel.Card c) {
            running.set(c.running());
            state.setText(c.state() + (c.health().equals("none") ? "" : ", " + c.health()));
            state.getStyleClass().setAll("label", c.running() && !c.health().equals("unhealthy") ? "success" : "danger");
            detail.setText(c.version() + "  \u00b7  " + c.uptime() + "  \u00b7  " + text.getString("dashboard.restarts") + " "
                    + c.restarts());
            use.setText(c.use());
            chart.getChildren().setAll(sparkline(c.cpuHistory(), text));
            setAccessibleText(c.service() + ": " + c.state());
            return this;
        }
    }

    private final java.util.Map<String, ServiceCard> byService = new java.util.HashMap<>();

    /**
     * The last five minutes of CPU as a line, the newest at the right, scaled to the busiest moment (at least one full
     * core), with its scale: the top's percentage and the span.
     */
    static javafx.scene.Node sparkline(java.util.List<Double> cpu, ResourceBundle text) {
        double width = 220;
        double height = 28;
        javafx.scene.shape.Polyline line = new javafx.scene.shape.Polyline();
        double top = Math.max(100, cpu.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        for (int i = 0; i < cpu.size(); i++) {
            // the newest at the right edge, older ones to its left: the chart fills from the right as samples come
            double x = width - (cpu.size() - 1 - i) * width / (DashboardViewModel.HISTORY - 1);
            line.getPoints().addAll(x, height - cpu.get(i) / top * height);
        }
        line.setStyle("-fx-stroke: -color-accent-emphasis; -fx-stroke-width: 1.5;");
        // the scale: the top of the chart (one full core, or the busiest moment above it), and the time it spans
        Label scale = new Label(String.format(java.util.Locale.ROOT, "%.0f%%", top));
        scale.setId("cpu-scale");
        scale.setStyle("-fx-font-size: 0.75em;");
        scale.getStyleClass().add("text-muted");
        scale.setLayoutX(width + 4);
        scale.setLayoutY(-4);
        Label span = new Label(text.getString("dashboard.cpu.span"));
        span.setStyle("-fx-font-size: 0.75em;");
        span.getStyleClass().add("text-muted");
        span.setLayoutX(width + 4);
        span.setLayoutY(height - 10);
        javafx.scene.layout.Pane pane = new javafx.scene.layout.Pane(line, scale, span);
        pane.setPrefSize(width, height);
        pane.setMinSize(width, height);
        pane.setStyle("-fx-border-color: transparent transparent -color-border-muted transparent;");
        pane.setAccessibleText(String.format(java.util.Locale.ROOT, "CPU over the last five minutes, up to %.0f%%", top));
        return pane;
    }

    private Button button(String label, String id, javafx.beans.value.ObservableBooleanValue notNow, Runnable action) {
        Button b = new Button(label);
        b.setId(id);
        b.disableProperty().bind(model.busyProperty().or(notNow));
        b.setOnAction(e -> action.run());
        return b;
    }
}
