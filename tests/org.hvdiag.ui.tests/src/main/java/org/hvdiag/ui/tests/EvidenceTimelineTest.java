package org.hvdiag.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.audit.Finding;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Vm;
import org.hvdiag.ui.DiagnosticsPerspective;
import org.hvdiag.ui.internal.AuditResults;

/**
 * The lab's Win7 CAD: its Aladdin HASP dongle connects on an xHCI controller a Windows 7 guest cannot
 * drive, and seconds later the guest or its VMX dies (examples/lab/LOGS.md). The admin selects the
 * crash finding and reads the VM's timeline beside it; the Inventory marks the VMs that crashed.
 * The log period is chosen in the Findings view; the tests pin its end (hvdiag.evidence.until in
 * this bundle's pom) to 1 Dec 2026, after the lab's logs.
 */
class EvidenceTimelineTest {
    private static final String CRASH_RULE = "evidence-crash-after-usb-connect";
    private static final int RULE = 1;
    private static final int MESSAGE = 4;
    private static final int FIXABLE = 5;
    /** Timeline columns: Time, Mark, Finding, Kind, Description, Source. */
    private static final int MARK = 1;
    private static final int PLACE = 2;
    private static final int KIND = 3;
    private static final int DESCRIPTION = 4;
    private static final int SOURCE = 5;
    private static final RGB SHADE = new RGB(0xff, 0xf1, 0xb8);

    @TempDir
    Path temp;

    @Test
    void theCrashFindingShowsItsVmsTimelineWithTheConnectAndTheCrashInItsShadedSpan() throws Exception {
        Lab.onlyConnections(temp.resolve("secure_storage"), Lab.folder("lab", Lab.repoLab()));
        WorkbenchDriver.openPerspective();
        WorkbenchDriver.showView(DiagnosticsPerspective.FINDINGS);

        // No logs: configuration findings only, and the Details view says how to get the timeline.
        choosePeriod("Logs: not read");
        AuditResults.Snapshot configOnly = Lab.audit();
        assertFalse(configOnly.report().hasEvidence());
        assertTrue(configOnly.report().findings().stream().noneMatch(f -> f.ruleId().startsWith("evidence-")));
        assertEquals("Logs not read in this audit: configuration only.", WorkbenchDriver.widget("findings.logs", Label.class).getText());

        choosePeriod("Logs: last 7 days");
        AuditResults.Snapshot audited = Lab.audit();
        assertTrue(audited.report().hasEvidence());
        assertEquals(Instant.parse("2026-11-24T00:00:00Z"), audited.report().evidence().window().from());
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), audited.report().evidence().window().to());
        assertTrue(WorkbenchDriver.widget("findings.logs", Label.class).getText()
                .startsWith("Logs read from 2026-11-24 00:00 to 2026-12-01 00:00 UTC: 24 VMs, "),
                WorkbenchDriver.widget("findings.logs", Label.class).getText());

        Table findings = WorkbenchDriver.widget("findings.table", Table.class);
        WorkbenchDriver.resetFindingsFilters();
        WorkbenchDriver.pumpUntil("every finding shown", () -> findings.getItemCount() == audited.report().findings().size(), 10_000);
        int row = -1;
        for (int i = 0; i < findings.getItemCount() && row < 0; i++) {
            TableItem item = findings.getItem(i);
            if (item.getText(RULE).equals(CRASH_RULE) && item.getText(MESSAGE).contains("the VMX process died")) {
                row = i;
            }
        }
        assertTrue(row >= 0, "a crash-after-USB-connect finding for the VMX that died: " + rowsOf(findings));
        assertEquals("Win7 CAD", findings.getItem(row).getText(2));
        assertEquals("no", findings.getItem(row).getText(FIXABLE), "a crash is evidence, nothing to push");
        String message = findings.getItem(row).getText(MESSAGE);
        Finding crash = audited.report().findings().stream()
                .filter(f -> f.ruleId().equals(CRASH_RULE) && f.message().equals(message)).findFirst().orElseThrow();
        VmEvidence win7 = audited.report().evidence().of(crash.target(), crash.vmId());
        assertNotNull(win7, "Win7 CAD's logs were read");

        WorkbenchDriver.select(findings, row);
        Table timeline = WorkbenchDriver.widget("details.timeline", Table.class);
        Label heading = WorkbenchDriver.widget("details.timeline.heading", Label.class);
        WorkbenchDriver.pumpUntil("Win7 CAD's timeline", () -> heading.getText().startsWith("Timeline of Win7 CAD: "), 5_000);
        assertEquals(win7.events().size(), timeline.getItemCount(), "one row per event read");

        // The span, worked out here from the finding's own events: first..last time.
        Instant first = crash.events().stream().map(VmEvent::instant).min(Instant::compareTo).orElseThrow();
        Instant last = crash.events().stream().map(VmEvent::instant).max(Instant::compareTo).orElseThrow();
        assertTrue(first.isBefore(last));
        int connectRow = -1;
        int crashRow = -1;
        for (int i = 0; i < timeline.getItemCount(); i++) {
            TableItem item = timeline.getItem(i);
            VmEvent e = win7.events().get(i);
            boolean inSpan = !e.instant().isBefore(first) && !e.instant().isAfter(last);
            assertEquals(e.kind().label(), item.getText(KIND), "row " + i + " is the event read at that place");
            assertEquals(e.source().toString(), Path.of(e.source().location()).getParent().resolve(item.getText(SOURCE)).toString(),
                    "the file and line, in the VM's folder");
            assertEquals(inSpan, SHADE.equals(item.getBackground().getRGB()), "row " + i + " shaded when in the span: " + e);
            assertEquals(inSpan, !item.getText(PLACE).isEmpty(), "row " + i + " says so in words too");
            if (e.kind().isUsb()) {
                assertEquals("USB", item.getText(MARK), "row " + i);
                assertNotNull(item.getImage(MARK));
            }
            if (e.kind().isAbnormalStop()) {
                assertTrue(List.of("crash", "power-off").contains(item.getText(MARK)), "row " + i + ": " + item.getText(MARK));
                assertNotNull(item.getImage(MARK));
            }
            if (crash.events().contains(e)) {
                assertEquals("event", item.getText(PLACE));
                assertTrue((item.getFont().getFontData()[0].getStyle() & SWT.BOLD) != 0, "the finding's own events are bold");
                if (e.kind().isUsb() && connectRow < 0) {
                    connectRow = i;
                }
                if (e.kind().isAbnormalStop()) {
                    crashRow = i;
                }
            }
        }
        assertTrue(connectRow >= 0 && crashRow > connectRow, "the dongle's connect, then the crash: " + connectRow + ", " + crashRow);
        assertEquals("USB connected", timeline.getItem(connectRow).getText(KIND));
        assertTrue(timeline.getItem(connectRow).getText(DESCRIPTION).contains("Aladdin"),
                timeline.getItem(connectRow).getText(DESCRIPTION));
        assertEquals("crash", timeline.getItem(crashRow).getText(MARK));
        assertTrue(Arrays.stream(timeline.getItems()).anyMatch(i -> i.getText(PLACE).isEmpty()),
                "the VM's other runs are outside the span");
        assertTrue(heading.getText().contains("Shaded: this finding's events, " + spanText(first) + " to " + spanText(last)), heading.getText());

        // The crash row's raw log line, to grep for.
        WorkbenchDriver.select(timeline, crashRow);
        Text raw = WorkbenchDriver.widget("details.timeline.raw", Text.class);
        VmEvent crashEvent = win7.events().get(crashRow);
        assertEquals(crashEvent.source() + "  " + crashEvent.rawLine(), raw.getText());
        assertTrue(raw.getText().contains("vmware.log:"), raw.getText());

        // The Inventory marks the VMs that stopped abnormally, with the count worked out here.
        WorkbenchDriver.showView(DiagnosticsPerspective.INVENTORY);
        Tree inventory = WorkbenchDriver.widget("inventory.tree", Tree.class);
        WorkbenchDriver.pumpUntil("the lab's host", () -> inventory.getItemCount() == 1, 5_000);
        TreeItem host = inventory.getItem(0);
        int win7Stops = stops(win7);
        assertTrue(win7Stops >= 2, "a guest stop code on 26 Nov, the VMX dying on 27 Nov: " + win7Stops);
        TreeItem win7Row = vmRow(host, "Win7 CAD");
        assertEquals(Integer.toString(win7Stops), win7Row.getText(1));
        assertNotNull(win7Row.getImage(1), "a red mark beside the count");
        Vm kioskVm = vm(audited, "Kiosk 01");
        int kioskStops = stops(audited.report().evidence().of(crash.target(), kioskVm.id()));
        assertEquals(4, kioskStops, "Kiosk 01's four hard power-offs (LOGS.md)");
        assertEquals("4", vmRow(host, "Kiosk 01").getText(1));
        assertEquals("0", vmRow(host, "Web 01").getText(1), "read, shut down normally");
        assertNull(vmRow(host, "Web 01").getImage(1));
        assertEquals("", vmRow(host, "SQL 2016").getText(1), "no log beside it: no count, not zero");

        // Sorted by the column: most crashes first.
        inventory.getColumn(1).notifyListeners(SWT.Selection, null);
        WorkbenchDriver.pump(50);
        TreeItem sortedHost = inventory.getItem(0);
        List<Integer> counts = new ArrayList<>();
        for (TreeItem vm : sortedHost.getItems()) {
            counts.add(vm.getText(1).isEmpty() ? -1 : Integer.parseInt(vm.getText(1)));
        }
        List<Integer> descending = new ArrayList<>(counts);
        descending.sort(java.util.Comparator.reverseOrder());
        assertEquals(descending, counts, "most crashes first");
        assertEquals(Math.max(win7Stops, kioskStops), counts.get(0));
        WorkbenchDriver.screenshot("inventory-recent-crashes");

        // A VM without a log (SQL 2016 has none in the lab): its timeline is empty and the note says why.
        WorkbenchDriver.showView(DiagnosticsPerspective.FINDINGS);
        Vm sql = vm(audited, "SQL 2016");
        VmEvidence sqlRead = audited.report().evidence().of(crash.target(), sql.id());
        assertTrue(sqlRead.events().isEmpty());
        assertTrue(sqlRead.notes().stream().anyMatch(n -> n.contains("no vmware.log")), sqlRead.notes().toString());
        WorkbenchDriver.select(findings, firstRowOf(findings, "SQL 2016"));
        WorkbenchDriver.pumpUntil("SQL 2016's timeline", () -> heading.getText().startsWith("Timeline of SQL 2016: 0 events"), 5_000);
        assertEquals(0, timeline.getItemCount());
        String notes = WorkbenchDriver.widget("details.timeline.notes", Text.class).getText();
        for (String note : sqlRead.notes()) {
            assertTrue(notes.contains(note), notes);
        }
        assertFalse(heading.getText().contains("Shaded"), "a configuration finding has no span: " + heading.getText());

        // The picture: the crash finding selected, its timeline beside the details.
        WorkbenchDriver.select(findings, row);
        findings.showSelection();
        WorkbenchDriver.pumpUntil("Win7 CAD's timeline again", () -> heading.getText().startsWith("Timeline of Win7 CAD: "), 5_000);
        WorkbenchDriver.select(timeline, crashRow);
        WorkbenchDriver.showView(DiagnosticsPerspective.DETAILS);
        // Maximized and the sash dragged towards the details, as an admin reading a timeline would.
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        IViewReference details = page.findViewReference(DiagnosticsPerspective.DETAILS);
        Control side = timeline;
        while (!(side.getParent() instanceof SashForm)) {
            side = side.getParent();
        }
        SashForm sash = (SashForm) side.getParent();
        int[] weights = sash.getWeights();
        page.setPartState(details, IWorkbenchPage.STATE_MAXIMIZED);
        try {
            sash.setWeights(new int[] {2, 3});
            WorkbenchDriver.pump(200);
            timeline.setTopIndex(0);
            WorkbenchDriver.screenshot("evidence-timeline");
        } finally {
            sash.setWeights(weights);
            page.setPartState(details, IWorkbenchPage.STATE_RESTORED);
        }
    }

    private static void choosePeriod(String label) {
        Combo period = WorkbenchDriver.widget("findings.logPeriod", Combo.class);
        int index = Arrays.asList(period.getItems()).indexOf(label);
        assertTrue(index >= 0, label + " among " + Arrays.toString(period.getItems()));
        period.select(index);
        period.notifyListeners(SWT.Selection, null);
        WorkbenchDriver.pump(20);
    }

    private static String spanText(Instant t) {
        return t.toString().substring(0, 19).replace('T', ' ');
    }

    private static int stops(VmEvidence read) {
        return (int) read.events().stream().filter(e -> e.kind().isAbnormalStop()).count();
    }

    private static Vm vm(AuditResults.Snapshot audited, String name) {
        return audited.inventories().get(0).vms().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no VM " + name + " in the lab"));
    }

    private static TreeItem vmRow(TreeItem host, String name) {
        return Stream.of(host.getItems()).filter(i -> i.getText().startsWith(name + "  (")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name));
    }

    private static int firstRowOf(Table findings, String vmName) {
        for (int i = 0; i < findings.getItemCount(); i++) {
            if (findings.getItem(i).getText(2).equals(vmName)) {
                return i;
            }
        }
        throw new AssertionError("no finding on " + vmName);
    }

    private static List<String> rowsOf(Table table) {
        List<String> rows = new ArrayList<>();
        for (TableItem i : table.getItems()) {
            rows.add(i.getText(RULE) + "|" + i.getText(2) + "|" + i.getText(MESSAGE));
        }
        return rows;
    }
}
