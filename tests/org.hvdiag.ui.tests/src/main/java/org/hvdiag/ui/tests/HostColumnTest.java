package org.hvdiag.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.audit.Finding;
import org.hvdiag.ui.DiagnosticsPerspective;
import org.hvdiag.ui.internal.AuditResults;

/**
 * Two folder connections: both folders' hosts have the id "local", and each folder names its own
 * host in hvdiag-host.properties. Every row shows the host of its own folder, and the Host column
 * sorts and filters by that name.
 */
class HostColumnTest {
    private static final int HOST = 3;
    private static final String LAB_HOST = "lab-workstation-01";
    private static final String BRANCH_HOST = "zeta-branch-02";

    @TempDir
    Path temp;

    /** A second site: two copies of the lab's Kiosk 01 on a smaller host of its own. */
    private Path branch() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("branch"));
        Files.writeString(folder.resolve("hvdiag-host.properties"), String.join("\n",
                "name = " + BRANCH_HOST, "product = VMware Workstation 17.5.2", "packages = 1", "cores = 4", "threads = 8",
                "memoryMiB = 16384", "newestHardwareVersion = vmx-21", ""));
        String kiosk = Files.readString(Lab.repoLab().resolve("kiosk-01/kiosk-01.vmx"));
        for (int i = 1; i <= 2; i++) {
            Path vm = Files.createDirectories(folder.resolve("branch-kiosk-" + i));
            Files.writeString(vm.resolve("branch-kiosk-" + i + ".vmx"),
                    kiosk.replace("displayName = \"Kiosk 01\"", "displayName = \"Branch Kiosk " + i + "\""));
        }
        return folder;
    }

    @Test
    void eachRowShowsTheHostOfItsOwnFolderAndSortsAndFiltersByItsName() throws Exception {
        Path lab = Lab.copyOfLab(temp.resolve("lab"));
        Path branch = branch();
        Map<String, String> hostOfFolder = Map.of(lab.toString(), LAB_HOST, branch.toString(), BRANCH_HOST);
        // "branch" is audited first, so the audit's own order is not the order of the host names.
        Lab.onlyConnections(temp.resolve("secure_storage"), Lab.folder("branch", branch), Lab.folder("lab", lab));
        WorkbenchDriver.openPerspective();
        WorkbenchDriver.showView(DiagnosticsPerspective.FINDINGS);
        AuditResults.Snapshot audited = Lab.audit();
        Table table = WorkbenchDriver.widget("findings.table", Table.class);
        WorkbenchDriver.resetFindingsFilters();
        WorkbenchDriver.pumpUntil("every finding shown", () -> table.getItemCount() == audited.report().findings().size(), 10_000);

        List<String> expected = new ArrayList<>();
        for (Finding f : audited.report().findings()) {
            assertTrue(hostOfFolder.containsKey(f.target()), "a finding of one of the two folders: " + f.target());
            assertEquals("local", f.hostId(), "both folders' hosts have the same id");
            expected.add(f.ruleId() + "|" + (f.vmName() == null ? "" : f.vmName()) + "|" + hostOfFolder.get(f.target()) + "|" + f.message());
        }
        List<String> shown = rows(table, 1, 2, HOST, 4);
        expected.sort(null);
        shown.sort(null);
        assertEquals(expected, shown, "each row names the host of the folder its finding is from");
        assertTrue(shown.stream().anyMatch(r -> r.contains("|" + LAB_HOST + "|")) && shown.stream().anyMatch(r -> r.contains("|" + BRANCH_HOST + "|")));

        TableColumn hostColumn = table.getColumn(HOST);
        // A header click toggles the direction when the column is already the sort column.
        do {
            hostColumn.notifyListeners(SWT.Selection, null);
            WorkbenchDriver.pump(20);
        } while (table.getSortColumn() != hostColumn || table.getSortDirection() != SWT.UP);
        List<String> hosts = rows(table, HOST);
        List<String> sorted = new ArrayList<>(hosts);
        sorted.sort(null);
        assertEquals(sorted, hosts, "ascending by host name");
        assertEquals(LAB_HOST, hosts.get(0));
        assertEquals(BRANCH_HOST, hosts.get(hosts.size() - 1));

        Text filter = WorkbenchDriver.widget("findings.filter", Text.class);
        filter.setText("zeta-branch");
        WorkbenchDriver.pump(50);
        long fromBranch = audited.report().findings().stream().filter(f -> f.target().equals(branch.toString())).count();
        assertTrue(fromBranch > 0);
        assertEquals(fromBranch, table.getItemCount(), "the filter matches the host name shown");
        assertTrue(rows(table, HOST).stream().allMatch(BRANCH_HOST::equals), rows(table, HOST).toString());

        // The picture: one rule that fires in both folders, sorted by host.
        filter.setText("");
        Combo rule = WorkbenchDriver.widget("findings.rule", Combo.class);
        rule.select(List.of(rule.getItems()).indexOf("power-hard-poweroff"));
        rule.notifyListeners(SWT.Selection, null);
        WorkbenchDriver.pump(50);
        List<String> both = rows(table, HOST);
        assertTrue(both.contains(LAB_HOST) && both.contains(BRANCH_HOST), both.toString());
        WorkbenchDriver.screenshot("findings-two-folders");
    }

    private static List<String> rows(Table table, int... columns) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            StringBuilder sb = new StringBuilder();
            for (int c : columns) {
                sb.append(table.getItem(i).getText(c)).append(columns.length > 1 ? "|" : "");
            }
            String r = sb.toString();
            rows.add(columns.length > 1 ? r.substring(0, r.length() - 1) : r);
        }
        return rows;
    }
}
