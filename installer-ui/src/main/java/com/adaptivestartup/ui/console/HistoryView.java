package com.adaptivestartup.ui.console;

import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The journal of operations as a table; those that failed or did not finish stand out. */
public final class HistoryView extends VBox {

    public HistoryView(HistoryViewModel model, ResourceBundle text) {
        super(12);
        setPadding(new Insets(24));
        TableView<HistoryViewModel.Row> table = new TableView<>(model.rows());
        table.setId("history");
        table.setAccessibleText(text.getString("history.table"));
        table.getColumns().add(column(text.getString("history.when"), HistoryViewModel.Row::when));
        table.getColumns().add(column(text.getString("history.operation"), HistoryViewModel.Row::operation));
        TableColumn<HistoryViewModel.Row, String> outcome = column(text.getString("history.outcome"), HistoryViewModel.Row::outcome);
        outcome.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                // Anything but done stands out, in the theme's colour for danger.
                setStyle(empty || "done".equals(value) ? "" : "-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;");
            }
        });
        table.getColumns().add(outcome);
        table.getColumns().add(column(text.getString("history.detail"), HistoryViewModel.Row::detail));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(text.getString("history.empty")));
        VBox.setVgrow(table, Priority.ALWAYS);
        Button refresh = new Button(text.getString("history.refresh"));
        refresh.setId("history-refresh");
        refresh.setOnAction(e -> model.refresh());
        Label problem = new Label();
        problem.getStyleClass().add("danger");
        problem.textProperty().bind(model.problemProperty());
        getChildren().addAll(refresh, problem, table);
    }

    private static TableColumn<HistoryViewModel.Row, String> column(String name, Function<HistoryViewModel.Row, String> value) {
        TableColumn<HistoryViewModel.Row, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }
}
