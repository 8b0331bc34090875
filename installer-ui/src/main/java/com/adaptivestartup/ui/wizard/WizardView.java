package com.adaptivestartup.ui.wizard;

import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The wizard's frame: the steps on the left, the current step in the middle, Back and Next below. */
public final class WizardView extends BorderPane {
    private final ResourceBundle text;
    private final Consumer<String> openBrowser;

    public WizardView(WizardViewModel model, ResourceBundle text, Consumer<String> openBrowser) {
        this.text = text;
        this.openBrowser = openBrowser;
        VBox steps = new VBox(6);
        steps.setPadding(new Insets(24, 16, 24, 16));
        steps.getStyleClass().add("wizard-steps");
        for (WizardViewModel.Step s : model.steps()) {
            Label l = new Label(title(s));
            l.setId("step-" + s.name().toLowerCase(java.util.Locale.ROOT));
            l.styleProperty().bind(javafx.beans.binding.Bindings.when(model.currentProperty().isEqualTo(s))
                    .then("-fx-font-weight: bold;").otherwise("-fx-opacity: 0.6;"));
            steps.getChildren().add(l);
        }
        setLeft(steps);

        Label heading = new Label();
        heading.setId("step-title");
        heading.getStyleClass().add("title-2");
        heading.textProperty().bind(model.currentProperty().map(this::title));
        VBox center = new VBox(16, heading);
        center.setPadding(new Insets(24));
        model.currentProperty().subscribe(s -> {
            if (center.getChildren().size() > 1) {
                center.getChildren().remove(1);
            }
            center.getChildren().add(content(s, model));
        });
        // A step taller than the window scrolls; Back and Next stay in view.
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(center);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);

        Button back = new Button(text.getString("wizard.back"));
        back.setId("back");
        back.disableProperty().bind(model.canGoBackProperty().not());
        back.setOnAction(e -> model.back());
        Button next = new Button(text.getString("wizard.next"));
        next.setId("next");
        next.setDefaultButton(true);
        next.getStyleClass().add("accent");
        next.disableProperty().bind(model.canGoNextProperty().not());
        next.textProperty().bind(javafx.beans.binding.Bindings.when(model.currentProperty().isEqualTo(WizardViewModel.Step.DONE))
                .then(text.getString("wizard.finish")).otherwise(text.getString("wizard.next")));
        next.setOnAction(e -> model.next());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, spacer, back, next);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(12, 24, 24, 24));
        setBottom(buttons);
    }

    private String title(WizardViewModel.Step s) {
        return text.getString("step." + s.name().toLowerCase(java.util.Locale.ROOT));
    }

    private Node content(WizardViewModel.Step s, WizardViewModel model) {
        return switch (s) {
            case LICENSE -> new LicenseStepView(model.license(), text);
            case CHECKS -> new SystemCheckView(model.checks(), text);
            case SETTINGS -> new SettingsView(model.settings(), text);
            case INSTALL -> new InstallView(model.install(), text);
            case DONE -> new DoneView(model.install().resultProperty().get(), text, openBrowser);
        };
    }
}
