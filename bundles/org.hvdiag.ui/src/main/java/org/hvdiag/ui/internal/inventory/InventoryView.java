package org.hvdiag.ui.internal.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.swt.layout.FillLayout;

import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.Vm;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.WidgetIds;

/**
 * Hosts, their VMs with power state and how often each stopped abnormally in the logs the audit
 * read, and each VM's USB controllers with the devices on them. VM rows are virtual (filled as they
 * scroll into view) and a VM's controllers and devices are created when it is expanded, so a host
 * with tens of thousands of VMs opens at once. Both columns sort the VMs under each host.
 */
public final class InventoryView {
    @Inject
    AuditResults results;
    @Inject
    UISynchronize ui;

    /** Marks a VM row whose USB controllers and devices are not made yet. */
    private static final String EXPANDABLE = "org.hvdiag.ui.inventory.expandable";
    private Tree tree;
    private final List<Image> images = new ArrayList<>();
    private Image hostIcon;
    private Image onIcon;
    private Image offIcon;
    private Image otherIcon;
    private Image usbIcon;
    private Image crashIcon;
    private RecentCrashes crashes = new RecentCrashes(AuditResults.Snapshot.EMPTY.report());
    private AuditResults.Snapshot shown = AuditResults.Snapshot.EMPTY;
    /** VMs under a host: the order of the inventory until a column header is clicked. */
    private TreeColumn sortColumn;
    private boolean ascending = true;

    /** A host row's data: the VMs under it and the target they were read from. */
    private record HostVms(String target, List<Vm> vms) { }
    private final Consumer<AuditResults.Snapshot> onAudit = s -> ui.asyncExec(() -> show(s));

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new FillLayout());
        Display d = parent.getDisplay();
        hostIcon = icon(d, new Color(0x45, 0x5a, 0x64), true);
        onIcon = icon(d, new Color(0x2e, 0x7d, 0x32), false);
        offIcon = icon(d, new Color(0x9e, 0x9e, 0x9e), false);
        otherIcon = icon(d, new Color(0xf2, 0xa9, 0x00), false);
        usbIcon = icon(d, new Color(0x15, 0x65, 0xc0), true);
        crashIcon = icon(d, new Color(0xc6, 0x28, 0x28), false);
        tree = WidgetIds.name(new Tree(parent, SWT.BORDER | SWT.VIRTUAL), "inventory.tree");
        tree.setHeaderVisible(true);
        column("Host / VM", 300, "inventory.column.name");
        column("Crashes", 85, "inventory.column.crashes")
                .setToolTipText("Abnormal stops (crashes, guest stop codes, hard power-offs) in the logs the last audit read");
        tree.addListener(SWT.SetData, e -> fillVm((TreeItem) e.item, e.index));
        tree.addListener(SWT.Expand, e -> expandVm((TreeItem) e.item));
        tree.addListener(SWT.MouseHover, e -> crashTooltip(e.x, e.y));
        // The view is narrow and VM lines are long: the name column gives way so the count stays in sight.
        tree.addListener(SWT.Resize, e -> {
            int rest = tree.getClientArea().width - tree.getColumn(1).getWidth();
            tree.getColumn(0).setWidth(Math.max(160, rest));
        });
        results.addListener(onAudit);
        show(results.current());
    }

    private TreeColumn column(String title, int width, String id) {
        TreeColumn c = WidgetIds.name(new TreeColumn(tree, SWT.LEFT), id);
        c.setText(title);
        c.setWidth(width);
        c.addListener(SWT.Selection, e -> sortOn(c));
        return c;
    }

    /** A first click sorts by name A-Z or most crashes first; the next click turns the order round. */
    private void sortOn(TreeColumn c) {
        ascending = sortColumn != c || !ascending;
        sortColumn = c;
        tree.setSortColumn(c);
        // The arrow points the way the values run: names A-Z up, crash counts most-first down.
        boolean countsDown = c == tree.getColumn(1);
        tree.setSortDirection(ascending != countsDown ? SWT.UP : SWT.DOWN);
        show(shown);
    }

    private List<Vm> sorted(String target, List<Vm> vms) {
        if (sortColumn == null) {
            return vms;
        }
        List<Vm> sorted;
        if (sortColumn == tree.getColumn(1)) {
            sorted = crashes.mostFirst(target, vms);
        } else {
            sorted = new ArrayList<>(vms);
            sorted.sort(java.util.Comparator.comparing(Vm::name, String.CASE_INSENSITIVE_ORDER));
        }
        if (!ascending) {
            java.util.Collections.reverse(sorted);
        }
        return sorted;
    }

    private void crashTooltip(int x, int y) {
        TreeItem item = tree.getItem(new Point(x, y));
        String tip = null;
        if (item != null && item.getData() instanceof Vm vm && item.getParentItem() != null
                && item.getBounds(1).contains(x, y) && item.getParentItem().getData() instanceof HostVms host) {
            tip = crashes.tooltip(host.target(), vm);
        }
        tree.setToolTipText(tip);
    }

    private Image icon(Display d, Color c, boolean square) {
        Image img = new Image(d, 12, 12);
        GC gc = new GC(img);
        gc.setBackground(d.getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(0, 0, 12, 12);
        gc.setBackground(c);
        if (square) {
            gc.fillRectangle(1, 2, 10, 8);
        } else {
            gc.fillOval(1, 1, 10, 10);
        }
        gc.dispose();
        images.add(img);
        return img;
    }

    private void show(AuditResults.Snapshot s) {
        if (tree.isDisposed()) {
            return;
        }
        long t0 = System.nanoTime();
        shown = s;
        crashes = new RecentCrashes(s.report());
        tree.setRedraw(false);
        tree.removeAll();
        for (Inventory inv : s.inventories()) {
            for (Host h : inv.hosts()) {
                TreeItem host = new TreeItem(tree, SWT.NONE);
                List<Vm> vms = sorted(inv.target(), inv.vms().stream().filter(v -> v.hostId().equals(h.id())).toList());
                host.setText(h.name() + "  (" + h.kind().displayName() + (h.productVersion().isEmpty() ? "" : " " + h.productVersion())
                        + ", " + vms.size() + " VMs)");
                host.setImage(hostIcon);
                host.setData(new HostVms(inv.target(), vms));
                host.setItemCount(vms.size()); // a virtual child per VM, filled when shown
            }
        }
        // One small host opens expanded. GTK measures every child row when a node opens, which for a
        // host of thousands of VMs takes seconds, so a big host waits for the admin to open it.
        if (tree.getItemCount() == 1 && tree.getItem(0).getItemCount() <= 1000) {
            tree.getItem(0).setExpanded(true);
        }
        tree.setRedraw(true);
        org.hvdiag.ui.internal.Timings.record("inventory-view-ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /** A VM row as it scrolls into view; its USB controllers and devices wait until it is expanded. */
    private void fillVm(TreeItem item, int index) {
        TreeItem host = item.getParentItem();
        if (host == null || !(host.getData() instanceof HostVms vms) || index < 0 || index >= vms.vms().size()) {
            return;
        }
        Vm vm = vms.vms().get(index);
        // VirtualBox's web service does not tell a VM's settings version: no hardware version then, not "null".
        item.setText(vm.name() + "  (" + power(vm.powerState()) + (vm.hardwareVersion() == null ? "" : ", " + vm.hardwareVersion())
                + ", " + vm.guestOs().displayName() + ")");
        item.setImage(vm.powerState() == PowerState.POWERED_ON ? onIcon : vm.powerState().isOff() ? offIcon : otherIcon);
        item.setText(1, crashes.text(vms.target(), vm));
        item.setImage(1, crashes.count(vms.target(), vm) > 0 ? crashIcon : null);
        item.setData(vm);
        if (!vm.usbControllers().isEmpty() || !vm.usbDevices().isEmpty()) {
            item.setData(EXPANDABLE, Boolean.TRUE);
            item.setItemCount(1); // shows the expander; replaced on expand
        }
    }

    private void expandVm(TreeItem item) {
        if (item.getData() instanceof Vm vm && item.getParentItem() != null && item.getData(EXPANDABLE) != null) {
            item.setData(EXPANDABLE, null);
            item.setItemCount(0);
            fillUsb(item, vm);
        }
    }

    private void fillUsb(TreeItem item, Vm vm) {
        for (UsbController c : vm.usbControllers()) {
            TreeItem ci = new TreeItem(item, SWT.NONE);
            ci.setText(c.type().label() + " controller" + (c.autoConnectDevices() ? " (autoconnect)" : ""));
            ci.setImage(usbIcon);
            for (UsbDevice dev : vm.usbDevices()) {
                if (dev.controllerId().equals(c.id())) {
                    new TreeItem(ci, SWT.NONE).setText(device(dev));
                }
            }
        }
        for (UsbDevice dev : vm.usbDevices()) {
            if (vm.usbControllers().stream().noneMatch(c -> c.id().equals(dev.controllerId()))) {
                new TreeItem(item, SWT.NONE).setText(device(dev));
            }
        }
    }

    private static String device(UsbDevice d) {
        return "USB device " + (d.name().isEmpty() ? d.id() : d.name()) + " [" + d.vidPid() + ", " + d.speed() + "]"
                + (d.autoConnect() ? " autoconnect" : "");
    }

    private static String power(PowerState p) {
        return p.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    @Focus
    public void focus() {
        tree.setFocus();
    }

    @PreDestroy
    public void dispose() {
        results.removeListener(onAudit);
        images.forEach(Image::dispose);
    }
}
