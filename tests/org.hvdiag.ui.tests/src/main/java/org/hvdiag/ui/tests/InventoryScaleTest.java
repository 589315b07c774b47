package org.hvdiag.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.ui.DiagnosticsPerspective;
import org.hvdiag.ui.internal.inventory.VmGroups;

/** The Inventory of a host with 16,000 VMs: groups an admin can open, none with more than a few hundred rows. */
class InventoryScaleTest {
    private static final int SIZE = 16_000;
    private static final String[] KINDS = {"kiosk", "pos-till", "signage", "web"};
    @TempDir
    Path temp;

    /**
     * Copies of the lab's Kiosk 01 on one host: every fifth one running (its .vmx.lck folder, as
     * Workstation leaves it), and 3 in 50 with Kiosk 01's logs, so they have 4 hard power-offs each.
     */
    private static Path fleet(Path folder) throws IOException {
        Path kiosk = Lab.repoLab().resolve("kiosk-01");
        String vmx = Files.readString(kiosk.resolve("kiosk-01.vmx"));
        Files.createDirectories(folder);
        Files.copy(Lab.repoLab().resolve("hvdiag-host.properties"), folder.resolve("hvdiag-host.properties"));
        for (int i = 0; i < SIZE; i++) {
            String name = name(i);
            Path vm = Files.createDirectories(folder.resolve(name));
            Files.writeString(vm.resolve(name + ".vmx"), vmx.replace("displayName = \"Kiosk 01\"", "displayName = \"" + name + "\""));
            if (i % 5 == 0) {
                Files.createDirectories(vm.resolve(name + ".vmx.lck"));
            }
            if (hasLogs(i)) {
                for (String log : new String[] {"vmware.log", "vmware-0.log", "vmware-1.log", "vmware-2.log"}) {
                    Files.copy(kiosk.resolve(log), vm.resolve(log));
                }
            }
        }
        return folder;
    }

    /** One running VM in 50 and two powered-off ones. */
    private static boolean hasLogs(int i) {
        return i % 50 == 0 || i % 50 == 7 || i % 50 == 13;
    }

    private static int crashesOf(boolean running) {
        return 4 * (int) java.util.stream.IntStream.range(0, SIZE).filter(i -> hasLogs(i) && (i % 5 == 0) == running).count();
    }

    private static String name(int i) {
        return KINDS[i % KINDS.length] + "-" + String.format("%05d", i);
    }

    @Test
    void aHostOf16000VmsOpensOntoGroupsThatHoldEveryVmOnce() throws Exception {
        Lab.onlyConnections(temp.resolve("secure_storage"), Lab.folder("store fleet", fleet(temp.resolve("fleet"))));
        IWorkbenchPage page = WorkbenchDriver.openPerspective();
        Lab.audit();
        Tree tree = WorkbenchDriver.widget("inventory.tree", Tree.class);
        WorkbenchDriver.pumpUntil("the fleet's host", () -> tree.getItemCount() == 1, 10_000);
        sortByName(tree); // the view keeps the order a test before chose
        TreeItem host = tree.getItem(0);
        assertTrue(host.getText().contains(SIZE + " VMs"), host.getText());
        assertTrue(host.getExpanded(), "a lone host opens onto its groups");
        assertEquals(List.of("Powered on  (3200)", "Powered off  (12800)"), texts(host));

        // Every row that opens holds at most a few hundred rows, and every VM is under exactly one.
        Map<String, Integer> seen = new HashMap<>();
        List<TreeItem> groups = new ArrayList<>();
        groups.add(host);
        walk(host, seen, groups);
        for (TreeItem g : groups) {
            assertTrue(g.getItemCount() <= VmGroups.MOST_CHILDREN, g.getText() + " opens onto " + g.getItemCount() + " rows");
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < SIZE; i++) {
            expected.add(name(i));
        }
        assertEquals(expected, seen.keySet(), "every VM reachable");
        assertTrue(seen.values().stream().allMatch(n -> n == 1), "and each only once");

        // Pages in name order, named by the names they start and end with.
        TreeItem on = host.getItem(0);
        TreeItem firstPage = on.getItem(0);
        List<String> names = texts(firstPage).stream().map(InventoryScaleTest::vmName).toList();
        assertEquals(names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), names);
        assertTrue(firstPage.getText().startsWith(names.get(0) + " – "), firstPage.getText() + " starts at " + names.get(0));
        String last = names.get(names.size() - 1);
        String next = vmName(on.getItem(1).getItem(0).getText());
        String end = firstPage.getText().substring(firstPage.getText().indexOf(" – ") + 3, firstPage.getText().indexOf("  ("));
        assertTrue(last.startsWith(end) && !next.startsWith(end), "'" + end + "' ends the page at " + last + ", before " + next);

        // Sorted by crashes: the power state with most first, and within it the VMs that crashed first.
        tree.getColumn(1).notifyListeners(SWT.Selection, null);
        WorkbenchDriver.pump(100);
        host = tree.getItem(0);
        assertEquals(List.of("Powered off|" + crashesOf(false), "Powered on|" + crashesOf(true)),
                List.of(host.getItem(0).getText().replaceAll("  \\(.*", "") + "|" + host.getItem(0).getText(1),
                        host.getItem(1).getText().replaceAll("  \\(.*", "") + "|" + host.getItem(1).getText(1)),
                "each power state's Crashes cell adds its VMs' up");
        TreeItem worst = host.getItem(0).getItem(0);
        assertTrue(worst.getText().startsWith("4 crashes, "), worst.getText());
        assertEquals("4", worst.getItem(0).getText(1));

        // By name again, with the view maximised so it can be read: the powered-off VMs' pages, and
        // the one where the kiosks end and the point-of-sale tills begin opened.
        sortByName(tree);
        host = tree.getItem(0);
        var inventory = page.findViewReference(DiagnosticsPerspective.INVENTORY);
        try {
            page.setPartState(inventory, IWorkbenchPage.STATE_MAXIMIZED);
            TreeItem off = host.getItem(1);
            off.setExpanded(true);
            TreeItem opened = java.util.Arrays.stream(off.getItems()).filter(p -> p.getText().startsWith("kiosk-") && p.getText().contains(" – pos-till-"))
                    .findFirst().orElseThrow(() -> new AssertionError("a page from kiosks to tills among " + texts(off)));
            opened.setExpanded(true);
            assertTrue(opened.getItemCount() > 0 && opened.getItemCount() <= VmGroups.MOST_CHILDREN, opened.getText());
            tree.setTopItem(host);
            WorkbenchDriver.screenshot("inventory-16000");
        } finally {
            page.setPartState(inventory, IWorkbenchPage.STATE_RESTORED);
        }
    }

    /** Clicks the name column until the VMs run A to Z. */
    private static void sortByName(Tree tree) {
        for (int i = 0; i < 2 && !(tree.getSortColumn() == tree.getColumn(0) && tree.getSortDirection() == SWT.UP); i++) {
            tree.getColumn(0).notifyListeners(SWT.Selection, null);
            WorkbenchDriver.pump(100);
        }
        assertTrue(tree.getSortColumn() == tree.getColumn(0) && tree.getSortDirection() == SWT.UP, "sorted by name, A to Z");
    }

    /** Reads every row under {@code item}: groups into {@code groups}, VMs counted by name. */
    private static void walk(TreeItem item, Map<String, Integer> seen, List<TreeItem> groups) {
        for (TreeItem child : item.getItems()) {
            child.getText(); // a virtual row is filled when read
            if (child.getData() instanceof VmGroups.Group) {
                groups.add(child);
                walk(child, seen, groups);
            } else {
                seen.merge(vmName(child.getText()), 1, Integer::sum);
            }
        }
    }

    private static List<String> texts(TreeItem item) {
        return java.util.Arrays.stream(item.getItems()).map(TreeItem::getText).toList();
    }

    private static String vmName(String row) {
        return row.substring(0, row.indexOf("  ("));
    }
}
