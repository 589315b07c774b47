package org.hvdiag.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

import org.hvdiag.core.model.Vm;

/**
 * For benchmarks/workbench.sh only ({@link Timings}), after {@link FindingsBenchmark}: opens the
 * Inventory's largest node (the row with the most children: a host, or the biggest group of VMs
 * under it) and times it until the event loop is idle again, which is what an admin waits for.
 * It also counts the rows the tree asked the view to fill: a tree that measured every row of the
 * node would fill them all.
 */
final class InventoryBenchmark {
    private InventoryBenchmark() {
    }

    static void openLargest(Display display, Tree tree) {
        TreeItem largest = null;
        for (TreeItem host : tree.getItems()) {
            largest = larger(largest, largestUnder(host));
        }
        if (largest == null) {
            return;
        }
        // The way to it opened first and it scrolled to the top, so its rows come into view as it opens.
        for (TreeItem up = largest.getParentItem(); up != null; up = up.getParentItem()) {
            up.setExpanded(true);
        }
        largest.setExpanded(false);
        tree.setTopItem(largest);
        tree.update();
        while (display.readAndDispatch()) {
            // settle before timing
        }
        int[] filled = new int[1];
        boolean[] painted = new boolean[1];
        Listener count = e -> filled[0]++;
        Listener paint = e -> painted[0] = true;
        tree.addListener(SWT.SetData, count);
        tree.addListener(SWT.Paint, paint);
        long start = System.nanoTime();
        largest.setExpanded(true); // gtk_tree_view_expand_row, where a click on the expander ends too
        tree.update();
        // Open means its rows are on screen: the tree has been drawn (on GTK at the next frame, so an
        // idle loop alone is not the end) and whatever GTK does next for the node (measuring rows) is done.
        long end = System.currentTimeMillis() + 60_000;
        while (!painted[0] && System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                sleep();
            }
        }
        while (display.readAndDispatch() && System.currentTimeMillis() < end) {
            // drain
        }
        tree.update();
        Timings.record("inventory-open-largest-ms", (System.nanoTime() - start) / 1_000_000);
        tree.removeListener(SWT.Paint, paint);
        tree.removeListener(SWT.SetData, count);
        Timings.record("inventory-open-largest-children", largest.getItemCount());
        Timings.record("inventory-open-largest-rows-filled", filled[0]);
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The node with the most children at or below {@code item}. A node whose first child is a VM
     * holds VMs only, so it is not walked further: walking a flat host of thousands of VMs would
     * fill its rows before the timing starts.
     */
    private static TreeItem largestUnder(TreeItem item) {
        if (item.getItemCount() == 0) {
            return null;
        }
        TreeItem first = item.getItem(0);
        first.getText(); // a virtual row is filled when read
        if (first.getData() instanceof Vm) {
            return item;
        }
        TreeItem largest = item;
        for (TreeItem child : item.getItems()) {
            child.getText();
            largest = larger(largest, largestUnder(child));
        }
        return largest;
    }

    private static TreeItem larger(TreeItem a, TreeItem b) {
        if (a == null) {
            return b;
        }
        return b == null || a.getItemCount() >= b.getItemCount() ? a : b;
    }
}
