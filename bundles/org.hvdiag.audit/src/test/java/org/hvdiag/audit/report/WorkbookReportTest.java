package org.hvdiag.audit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.model.Vm;

/** The xlsx workbook, read back with the JDK's zip and StAX readers (see {@link XlsxParts}). No timing is asserted. */
class WorkbookReportTest {
    private static final Instant READ_AT = Instant.parse("2025-03-01T09:30:00Z");

    @TempDir
    Path dir;
    private int written;

    @Test
    void hasTheSheetsAdminsExpectEachWithAFrozenHeaderAndFilters() throws Exception {
        XlsxParts xlsx = written(SampleReport.sample(), List.of(inventory()));
        assertEquals(List.of("Findings", "VMs", "USB", "Hosts", "Not read"), xlsx.sheetNames());
        for (String name : xlsx.sheetNames()) {
            XlsxParts.Sheet sheet = xlsx.sheet(name);
            assertEquals("A2", sheet.frozenTopLeft(), name + ": rows scroll under the header");
            assertEquals("frozen", sheet.paneState(), name);
            int columns = sheet.rows().get(0).size();
            String lastColumn = String.valueOf((char) ('A' + columns - 1));
            assertEquals("A1:" + lastColumn + sheet.rows().size(), sheet.autoFilter(), name + ": filters over every row");
            assertEquals(0, sheet.formulas(), name + " holds a formula");
        }
        assertEquals(List.of("severity", "ruleId", "target", "hostId", "hostName", "vmId", "vmName", "message", "fixable",
                "evidence"), texts(xlsx.sheet("Findings").rows().get(0)));
    }

    @Test
    void aNameThatLooksLikeAFormulaStaysText() throws Exception {
        XlsxParts.Sheet findings = written(SampleReport.sample(), List.of()).sheet("Findings");
        Map<String, XlsxParts.Cell> row = findings.rows().get(4);
        assertEquals(new XlsxParts.Cell("inlineStr", SampleReport.FORMULA_NAME, null), row.get("G"));
        assertEquals(SampleReport.NASTY_NAME, findings.rows().get(1).get("G").text(), "comma, quotes and a line break kept");
        assertEquals(SampleReport.UNICODE_MESSAGE, findings.rows().get(3).get("H").text());
        assertEquals(new XlsxParts.Cell("b", "1", null), findings.rows().get(1).get("I"), "fixable is a boolean");
        assertEquals(new XlsxParts.Cell("b", "0", null), findings.rows().get(2).get("I"));
        assertEquals("virtualHW.version=7; controller=USB 3.x (xHCI)", findings.rows().get(1).get("J").text());
        assertNull(findings.rows().get(3).get("F"), "a host finding has no VM: the cell is empty");
    }

    @Test
    void inventoryCellsAreTyped() throws Exception {
        XlsxParts xlsx = written(SampleReport.sample(), List.of(inventory()));
        XlsxParts.Sheet vms = xlsx.sheet("VMs");
        List<String> header = texts(vms.rows().get(0));
        assertEquals(InventoryRows.Table.VMS.columns, header, "the inventory CSV's columns");
        Map<String, XlsxParts.Cell> vm = vms.rows().get(1);
        assertEquals(new XlsxParts.Cell("n", "4", null), cell(vm, header, "vcpus"));
        assertEquals(new XlsxParts.Cell("n", "8192", null), cell(vm, header, "memoryMiB"));
        assertEquals(new XlsxParts.Cell("n", "1", null), cell(vm, header, "usbDevices"));
        assertEquals(new XlsxParts.Cell("b", "1", null), cell(vm, header, "cpuHotAdd"));
        assertNull(cell(vm, header, "snapshots"), "a count the hypervisor did not report is an empty cell, not -1");

        XlsxParts.Sheet usb = xlsx.sheet("USB");
        List<String> usbHeader = texts(usb.rows().get(0));
        assertEquals(List.of("controller", "device", "filter"), usb.rows().subList(1, 4).stream()
                .map(r -> cell(r, usbHeader, "kind").text()).toList());
        assertEquals(new XlsxParts.Cell("inlineStr", "0781", null), cell(usb.rows().get(2), usbHeader, "vendorId"),
                "USB ids stay text with their leading zero");

        XlsxParts.Sheet hosts = xlsx.sheet("Hosts");
        List<String> hostHeader = texts(hosts.rows().get(0));
        assertEquals(new XlsxParts.Cell("n", "16", null), cell(hosts.rows().get(1), hostHeader, "cpuCores"));
        assertEquals(new XlsxParts.Cell("n", "65536", null), cell(hosts.rows().get(1), hostHeader, "memoryMiB"));
        assertEquals(InventoryRows.Table.HOSTS.columns, hostHeader.subList(0, hostHeader.size() - 1));
        XlsxParts.Cell readAt = cell(hosts.rows().get(1), hostHeader, "readAtUtc");
        assertEquals("n", readAt.type());
        // 2025-03-01 09:30 UTC as a spreadsheet serial date: days since 1899-12-30.
        assertEquals(45717.395833, Double.parseDouble(readAt.text()), 1e-6);
        assertTrue(readAt.style() != null && !readAt.style().equals("0"), "the date has a date format");
    }

    @Test
    void withoutInventoriesTheFleetSheetsHaveTheirHeadersOnly() throws Exception {
        XlsxParts xlsx = written(SampleReport.empty(), List.of());
        assertEquals(List.of("Findings", "VMs", "USB", "Hosts"), xlsx.sheetNames(), "no 'Not read' sheet when all was read");
        for (String name : xlsx.sheetNames()) {
            assertEquals(1, xlsx.sheet(name).rows().size(), name);
        }
    }

    @Test
    void fiftyThousandFindingsComeOutWhole() throws Exception {
        int n = 50_000;
        XlsxParts.Sheet findings = written(SampleReport.large(n), List.of()).sheet("Findings");
        assertEquals(n + 1, findings.rows().size());
        assertEquals("A1:J" + (n + 1), findings.autoFilter());
        assertEquals("finding 49999", findings.rows().get(n).get("H").text());
        assertEquals("vm \"49999\", <b>", findings.rows().get(n).get("G").text());
    }

    private XlsxParts written(AuditReport report, List<Inventory> inventories) throws Exception {
        Path file = dir.resolve("report-" + (++written) + ".xlsx");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            new WorkbookReport().write(report, inventories, out);
        }
        assertFalse(Files.size(file) == 0);
        return new XlsxParts(file);
    }

    private static Inventory inventory() {
        Vm vm = Vm.builder("/vms/w10/w10.vmx", HypervisorKind.VMWARE_WORKSTATION).name("=1+1").hostId("local")
                .powerState(PowerState.POWERED_OFF).hardwareVersion(HardwareVersion.vmx(14)).vcpus(4).memoryMiB(8192)
                .cpuHotAdd(true)
                .usbControllers(List.of(new UsbController("usb_xhci", UsbControllerType.XHCI, "", true)))
                .usbDevices(List.of(new UsbDevice("usb_xhci:0", 0x0781, 0x5567, "SanDisk", UsbSpeed.USB_3_X, "usb_xhci", true)))
                .usbFilters(List.of(new UsbFilter("autoconnect0", "", 0x0781, 0x5567, "", "vid:0x0781 pid:0x5567", true)))
                .build();
        Host host = new Host("local", "lab-01", HypervisorKind.VMWARE_WORKSTATION, "17.5", 1, 16, 32, 65536,
                HardwareVersion.vmx(21), List.of());
        return new Inventory("/vms", READ_AT, List.of(host), List.of(vm), List.of());
    }

    private static List<String> texts(Map<String, XlsxParts.Cell> row) {
        return row.values().stream().map(XlsxParts.Cell::text).toList();
    }

    private static XlsxParts.Cell cell(Map<String, XlsxParts.Cell> row, List<String> header, String column) {
        int i = header.indexOf(column);
        assertTrue(i >= 0, column + " not in " + header);
        return row.get(String.valueOf((char) ('A' + i)));
    }
}
