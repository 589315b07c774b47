package org.hvdiag.ui.internal.connections;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import org.hvdiag.core.connector.ConnectorDescriptor;
import org.hvdiag.ui.internal.WidgetIds;

/** Which kind of hypervisor to connect to: one row per installed connector, as it describes itself. */
final class KindPage extends WizardPage {
    private final List<ConnectorDescriptor> kinds;
    private Table table;

    KindPage(List<ConnectorDescriptor> kinds) {
        super("kind", "Kind of connection", null);
        this.kinds = kinds;
        setDescription("Choose what to audit. Each installed connector is listed.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(6, 6).applyTo(c);
        table = WidgetIds.name(new Table(c, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION), "wizard.kinds");
        table.setHeaderVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(560, 160).applyTo(table);
        for (String[] col : new String[][] {{"Kind", "220"}, {"What it reads", "520"}}) {
            TableColumn column = new TableColumn(table, SWT.LEFT);
            column.setText(col[0]);
            column.setWidth(Integer.parseInt(col[1]));
        }
        for (ConnectorDescriptor k : kinds) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] {k.displayName(), k.summary()});
            item.setData(k);
        }
        table.addListener(SWT.Selection, e -> setPageComplete(chosen() != null));
        table.addListener(SWT.DefaultSelection, e -> getContainer().showPage(getNextPage()));
        setControl(c);
    }

    ConnectorDescriptor chosen() {
        return table == null || table.getSelectionCount() == 0 ? null : (ConnectorDescriptor) table.getSelection()[0].getData();
    }
}
