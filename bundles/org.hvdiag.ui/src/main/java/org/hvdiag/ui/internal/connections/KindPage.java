package org.hvdiag.ui.internal.connections;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

import org.hvdiag.core.connector.Connector;
import org.hvdiag.ui.internal.WidgetIds;

/** Which kind of hypervisor to connect to: one row per connector in the service registry. */
final class KindPage extends WizardPage {
    private final List<Connector> connectors;
    private Table table;

    KindPage(List<Connector> connectors) {
        super("kind", "Kind of connection", null);
        this.connectors = connectors;
        setDescription("Choose what to audit. Each installed connector is listed.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(6, 6).applyTo(c);
        table = WidgetIds.name(new Table(c, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION), "wizard.kinds");
        GridDataFactory.fillDefaults().grab(true, true).hint(400, 160).applyTo(table);
        for (Connector k : connectors) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(TargetPage.kindName(k));
            item.setData(k);
        }
        table.addListener(SWT.Selection, e -> setPageComplete(chosen() != null));
        table.addListener(SWT.DefaultSelection, e -> getContainer().showPage(getNextPage()));
        setControl(c);
    }

    Connector chosen() {
        return table == null || table.getSelectionCount() == 0 ? null : (Connector) table.getSelection()[0].getData();
    }
}
