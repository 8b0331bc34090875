package com.adaptivestartup.ui.console;

import java.util.ResourceBundle;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Docker engine the console uses, where that choice comes from, and choosing another. */
public final class EngineView extends VBox {

    public EngineView(EngineViewModel model, ResourceBundle text) {
        super(10);
        setPadding(new Insets(24));
        Label engine = BoundLabels.verdict("engine-current", model.engineProperty(), model.answersProperty());
        Label chosenBy = BoundLabels.wrapped("engine-chosen-by", model.chosenByProperty());
        Label environment = new Label(text.getString("engine.environment"));
        environment.setId("engine-environment");
        environment.setWrapText(true);
        environment.visibleProperty().bind(model.environmentDecidesProperty());
        environment.managedProperty().bind(model.environmentDecidesProperty());
        TextField address = new TextField();
        address.setId("engine-address");
        address.setPromptText(text.getString("engine.address.prompt"));
        address.setAccessibleText(text.getString("engine.address.prompt"));
        address.textProperty().bindBidirectional(model.addressProperty());
        HBox.setHgrow(address, Priority.ALWAYS);
        Button choose = new Button(text.getString("engine.choose"));
        choose.setId("engine-choose");
        choose.setDefaultButton(true);
        choose.disableProperty().bind(model.busyProperty());
        choose.setOnAction(e -> model.choose());
        address.setOnAction(e -> model.choose());
        Button local = new Button(text.getString("engine.local"));
        local.setId("engine-local");
        local.disableProperty().bind(model.busyProperty());
        local.setOnAction(e -> model.useThisMachine());
        Label help = new Label(text.getString("engine.help"));
        help.setWrapText(true);
        getChildren().addAll(engine, chosenBy, environment, new Label(text.getString("engine.other")),
                new HBox(8, address, choose), local, BoundLabels.wrapped("engine-result", model.resultProperty()), help);
    }
}
