package org.hvdiag.ui.internal.connections;

import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import org.hvdiag.ui.internal.Audits;
import org.hvdiag.ui.internal.Connection;
import org.hvdiag.ui.internal.Connections;
import org.hvdiag.ui.internal.Installed;
import org.hvdiag.ui.internal.WidgetIds;

/** The admin's connections: add (a wizard page per installed connector kind), edit, remove, audit. */
public final class ConnectionsView {
    @Inject
    Connections connections;
    @Inject
    Installed installed;
    @Inject
    Audits audits;
    @Inject
    UISynchronize ui;

    private Table table;
    private final Runnable onChange = () -> ui.asyncExec(this::refresh);

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(4, 4).numColumns(4).applyTo(parent);
        button(parent, "Add...", "connections.add", this::add);
        button(parent, "Edit...", "connections.edit", this::edit);
        button(parent, "Remove", "connections.remove", this::remove);
        button(parent, "Audit", "connections.audit", this::audit);
        table = WidgetIds.name(new Table(parent, SWT.BORDER | SWT.MULTI | SWT.FULL_SELECTION), "connections.table");
        table.setHeaderVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).span(4, 1).applyTo(table);
        for (String[] c : new String[][] {{"Name", "90"}, {"Kind", "50"}, {"Target", "260"}}) {
            TableColumn col = new TableColumn(table, SWT.LEFT);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        table.addListener(SWT.DefaultSelection, e -> edit());
        connections.addListener(onChange);
        refresh();
    }

    private void button(Composite parent, String text, String id, Runnable action) {
        Button b = WidgetIds.name(new Button(parent, SWT.PUSH), id);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
    }

    private void refresh() {
        if (table.isDisposed()) {
            return;
        }
        table.removeAll();
        for (Connection c : connections.all()) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] {c.name(), c.connectorId(), (c.user().isEmpty() ? "" : c.user() + " @ ") + c.target()});
            item.setData(c);
        }
    }

    private List<Connection> selected() {
        return java.util.Arrays.stream(table.getSelection()).map(i -> (Connection) i.getData()).toList();
    }

    private void add() {
        new WizardDialog(table.getShell(), new ConnectionWizard(installed, connections, null)).open();
    }

    private void edit() {
        List<Connection> s = selected();
        if (s.size() == 1) {
            new WizardDialog(table.getShell(), new ConnectionWizard(installed, connections, s.get(0))).open();
        }
    }

    private void remove() {
        List<Connection> s = selected();
        if (!s.isEmpty() && MessageDialog.openConfirm(table.getShell(), "Remove connections",
                "Remove " + s.size() + " connection(s) and their stored passwords?")) {
            s.forEach(c -> connections.remove(c.name()));
        }
    }

    private void audit() {
        List<Connection> s = selected().isEmpty() ? connections.all() : selected();
        audits.start(s);
    }

    @Focus
    public void focus() {
        table.setFocus();
    }

    @PreDestroy
    public void dispose() {
        connections.removeListener(onChange);
    }
}
