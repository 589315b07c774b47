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
 * read, and each VM's USB controllers with the devices on them. A big host's VMs come in groups by
 * power state and pages by name ({@link VmGroups}), so an admin can find a VM among thousands and
 * no row opens onto more than a few hundred. Rows are virtual (filled as they scroll into view) and
 * a VM's controllers and devices are created when it is expanded. Both columns sort the VMs under
 * each host, within and among its groups; a group's Crashes cell sums its VMs'.
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
    private Image groupIcon;
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

    /** A host row's data: the rows under it and the target its VMs were read from. */
    private record HostVms(String target, VmGroups.Group rows) { }
    private final Consumer<AuditResults.Snapshot> onAudit = s -> ui.asyncExec(() -> show(s));

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new FillLayout());
        Display d = parent.getDisplay();
        hostIcon = icon(d, new Color(0x45, 0x5a, 0x64), true);
        groupIcon = icon(d, new Color(0xb0, 0xbe, 0xc5), true);
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
        tree.addListener(SWT.SetData, e -> fill((TreeItem) e.item, e.index));
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

    private VmGroups.Order order() {
        return sortColumn == null ? VmGroups.Order.INVENTORY
                : sortColumn == tree.getColumn(1) ? VmGroups.Order.CRASHES : VmGroups.Order.NAME;
    }

    private void crashTooltip(int x, int y) {
        TreeItem item = tree.getItem(new Point(x, y));
        String tip = null;
        if (item != null && item.getParentItem() != null && item.getBounds(1).contains(x, y)) {
            if (item.getData() instanceof Vm vm) {
                tip = crashes.tooltip(target(item), vm);
            } else if (item.getData() instanceof VmGroups.Group g) {
                tip = g.crashes() < 0 ? "No logs of these VMs were read" : "Abnormal stops of these " + g.vmCount() + " VMs, added up";
            }
        }
        tree.setToolTipText(tip);
    }

    /** The target a row's VMs were read from: its host's. */
    private static String target(TreeItem item) {
        TreeItem host = item;
        while (host.getParentItem() != null) {
            host = host.getParentItem();
        }
        return host.getData() instanceof HostVms h ? h.target() : "";
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
                VmGroups.Group rows = VmGroups.of(vms, order(), !ascending, vm -> crashes.count(inv.target(), vm));
                host.setData(new HostVms(inv.target(), rows));
                host.setItemCount(rows.size()); // a virtual child per group or VM, filled when shown
            }
        }
        // A lone host opens expanded: it opens onto its VMs or, when big, a few power-state groups.
        if (tree.getItemCount() == 1) {
            tree.getItem(0).setExpanded(true);
        }
        tree.setRedraw(true);
        org.hvdiag.ui.internal.Timings.record("inventory-view-ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /** A group or VM row as it scrolls into view. */
    private void fill(TreeItem item, int index) {
        TreeItem parent = item.getParentItem();
        VmGroups.Group rows = parent == null ? null
                : parent.getData() instanceof HostVms host ? host.rows() : parent.getData() instanceof VmGroups.Group g ? g : null;
        if (rows == null || index < 0 || index >= rows.size()) {
            return;
        }
        if (index < rows.groups().size()) {
            VmGroups.Group group = rows.groups().get(index);
            item.setText(group.label());
            item.setImage(groupIcon);
            item.setText(1, group.crashes() < 0 ? "" : Integer.toString(group.crashes()));
            item.setImage(1, group.crashes() > 0 ? crashIcon : null);
            item.setData(group);
            item.setItemCount(group.size());
        } else {
            fillVm(item, rows.vms().get(index - rows.groups().size()), target(item));
        }
    }

    /** A VM row; its USB controllers and devices wait until it is expanded. */
    private void fillVm(TreeItem item, Vm vm, String target) {
        // VirtualBox's web service does not tell a VM's settings version: no hardware version then, not "null".
        item.setText(vm.name() + "  (" + power(vm.powerState()) + (vm.hardwareVersion() == null ? "" : ", " + vm.hardwareVersion())
                + ", " + vm.guestOs().displayName() + ")");
        item.setImage(vm.powerState() == PowerState.POWERED_ON ? onIcon : vm.powerState().isOff() ? offIcon : otherIcon);
        item.setText(1, crashes.text(target, vm));
        item.setImage(1, crashes.count(target, vm) > 0 ? crashIcon : null);
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
