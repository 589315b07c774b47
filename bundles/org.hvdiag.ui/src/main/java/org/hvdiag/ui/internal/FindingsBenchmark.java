package org.hvdiag.ui.internal;

import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.PlatformUI;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * For benchmarks/workbench.sh only ({@link Timings}): once an audit with findings is published, it
 * times the Findings view showing it, then sorting it by VM and filtering it by text through the
 * view's own widgets, as an admin would; then opens the Inventory's largest node
 * ({@link InventoryBenchmark}) and closes the workbench. Without -Dhvdiag.timings it
 * does nothing, and the view knows nothing of it.
 */
@Component(immediate = true)
public final class FindingsBenchmark {
    private final AuditResults results;
    private final Consumer<AuditResults.Snapshot> onAudit = this::audited;

    @Activate
    public FindingsBenchmark(@Reference AuditResults results) {
        this.results = results;
        if (Timings.enabled()) {
            results.addListener(onAudit);
        }
    }

    @Deactivate
    void stop() {
        results.removeListener(onAudit);
    }

    private void audited(AuditResults.Snapshot s) {
        if (s.report().findings().isEmpty() || !PlatformUI.isWorkbenchRunning()) {
            return;
        }
        long published = System.nanoTime();
        Display display = PlatformUI.getWorkbench().getDisplay();
        display.asyncExec(() -> {
            Timings.record("findings-view-queued-ms", millisSince(published));
            whenShown(display, s, published);
        });
    }

    /** The view gets the audit through its own listener; this waits its turn on the UI thread until the rows are there. */
    private void whenShown(Display display, AuditResults.Snapshot s, long published) {
        Table table = widget(display, "findings.table", Table.class);
        if (table == null || table.getItemCount() != s.report().findings().size()) {
            display.asyncExec(() -> whenShown(display, s, published));
            return;
        }
        table.update();
        Timings.record("findings-view-rows", s.report().findings().size());
        Timings.record("findings-view-ms", millisSince(published));
        long sortStart = System.nanoTime();
        for (TableColumn c : table.getColumns()) {
            if ("findings.column.vm".equals(c.getData(WidgetIds.KEY))) {
                c.notifyListeners(SWT.Selection, null);
            }
        }
        table.update();
        Timings.record("findings-sort-ms", millisSince(sortStart));
        long filterStart = System.nanoTime();
        widget(display, "findings.filter", Text.class).setText("kiosk-0001");
        table.update();
        Timings.record("findings-filter-ms", millisSince(filterStart));
        display.asyncExec(() -> inventoryShown(display, s));
    }

    /** The Inventory gets the audit through its own listener too: once it lists the hosts, its largest node is opened. */
    private void inventoryShown(Display display, AuditResults.Snapshot s) {
        Tree tree = widget(display, "inventory.tree", Tree.class);
        if (tree != null && tree.getItemCount() == 0 && s.inventories().stream().anyMatch(i -> !i.hosts().isEmpty())) {
            display.asyncExec(() -> inventoryShown(display, s));
            return;
        }
        if (tree != null) {
            InventoryBenchmark.openLargest(display, tree);
        }
        PlatformUI.getWorkbench().close();
    }

    private static <W> W widget(Display display, String id, Class<W> type) {
        for (Shell shell : display.getShells()) {
            W w = WidgetIds.find(shell, id, type);
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
