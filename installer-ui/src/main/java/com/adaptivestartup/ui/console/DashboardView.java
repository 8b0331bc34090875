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
        super(16);
        this.model = model;
        this.text = text;
        setPadding(new Insets(24));
        Label overall = new Label();
        overall.setId("overall");
        overall.getStyleClass().add("title-2");
        overall.textProperty().bind(model.overallProperty().map(o -> text.getString("dashboard.overall." + o)));
        model.overallProperty().subscribe(o -> overall.getStyleClass().setAll("label", "title-2",
                o.equals("healthy") ? "success" : o.equals("degraded") ? "warning" : "danger"));
        Button open = new Button(text.getString("done.open"));
        open.setId("open-app");
        open.getStyleClass().add("accent");
        open.setOnAction(e -> openBrowser.accept(appUrl));
        Label problem = new Label();
        problem.setId("dashboard-problem");
        problem.getStyleClass().add("danger");
        problem.setWrapText(true);
        problem.textProperty().bind(model.problemProperty());
        model.cards().addListener((ListChangeListener<DashboardViewModel.Card>) c -> redraw());
        redraw();
        getChildren().addAll(new HBox(16, overall, open), problem, cards);
    }

    private void redraw() {
        cards.getChildren().setAll(model.cards().stream().map(this::card).toList());
    }

    private VBox card(DashboardViewModel.Card c) {
        Label name = new Label(c.service());
        name.getStyleClass().add("title-4");
        Label state = new Label(c.state() + (c.health().equals("none") ? "" : ", " + c.health()));
        state.setId("card-" + c.service() + "-state");
        state.getStyleClass().add(c.running() && !c.health().equals("unhealthy") ? "success" : "danger");
        Label detail = new Label(c.version() + "  \u00b7  " + c.uptime() + "  \u00b7  " + text.getString("dashboard.restarts")
                + " " + c.restarts());
        Button start = button(text.getString("dashboard.start"), "card-" + c.service() + "-start", c.running(),
                () -> model.start(c.service()));
        Button stop = button(text.getString("dashboard.stop"), "card-" + c.service() + "-stop", !c.running(),
                () -> model.stop(c.service()));
        Button restart = button(text.getString("dashboard.restart"), "card-" + c.service() + "-restart", false,
                () -> model.restart(c.service()));
        VBox card = new VBox(6, name, state, detail, new HBox(6, start, stop, restart));
        card.setPadding(new Insets(12));
        card.setPrefWidth(280);
        card.setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 6; -fx-background-radius: 6;");
        card.setAccessibleText(c.service() + ": " + c.state());
        return card;
    }

    private Button button(String label, String id, boolean notNow, Runnable action) {
        Button b = new Button(label);
        b.setId(id);
        b.disableProperty().bind(model.busyProperty().or(new javafx.beans.property.SimpleBooleanProperty(notNow)));
        b.setOnAction(e -> action.run());
        return b;
    }
}
