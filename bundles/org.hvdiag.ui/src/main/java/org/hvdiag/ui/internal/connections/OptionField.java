package org.hvdiag.ui.internal.connections;

import java.util.Locale;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.ui.internal.WidgetIds;

/**
 * One connector option on a connection page: labelled from its name, its help as the tooltip, its
 * value checked by the option's type. A secret option is typed like a password and, left empty
 * while editing, keeps the value in secure storage.
 */
final class OptionField {
    private final ConnectorOption option;
    private final Text text;

    /** Adds a label and a text field across the first two of {@code parent}'s three columns. */
    OptionField(Composite parent, ConnectorOption option) {
        this.option = option;
        Label label = new Label(parent, SWT.NONE);
        label.setText(label(option.name()) + ":");
        label.setToolTipText(option.help());
        text = WidgetIds.name(new Text(parent, SWT.BORDER | (option.secret() ? SWT.PASSWORD : SWT.NONE)), "wizard.option." + option.name());
        text.setToolTipText(option.help());
        text.setMessage(option.secret() ? "kept in secure storage" : "optional, " + option.type().placeholder());
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(text);
        new Label(parent, SWT.NONE);
    }

    /** "host-cores" as a field label: "Host cores". */
    static String label(String name) {
        String words = name.replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    ConnectorOption option() {
        return option;
    }

    Text text() {
        return text;
    }

    boolean isEmpty() {
        return text.getText().isBlank();
    }

    /** What is wrong with the typed value, or null; an empty field is no value, not an error. */
    String problem() {
        if (isEmpty()) {
            return null;
        }
        try {
            option.type().canonical(text.getText());
            return null;
        } catch (IllegalArgumentException e) {
            return label(option.name()) + ": " + e.getMessage();
        }
    }

    /** The typed value in the option type's canonical form; only for a field without a {@link #problem()}. */
    String value() {
        return option.type().canonical(text.getText());
    }

    void setValue(String value) {
        text.setText(value == null ? "" : value);
    }
}
