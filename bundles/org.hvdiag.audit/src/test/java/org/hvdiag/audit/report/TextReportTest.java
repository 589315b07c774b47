package org.hvdiag.audit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TextReportTest {
    private final String text = Written.by(new TextReport(), SampleReport.sample()).text();
    private final List<String> lines = text.lines().toList();

    @Test
    void endsWithTheSummaryLine() {
        assertEquals("5 VMs, 3 hosts audited: 1 errors, 2 warnings, 1 info (1 fixable)", lines.get(lines.size() - 1));
        assertEquals("0 VMs, 0 hosts audited: 0 errors, 0 warnings, 0 info (0 fixable)",
                Written.by(new TextReport(), SampleReport.empty()).text().strip());
    }

    @Test
    void groupsFindingsByVmAndHost() {
        assertTrue(lines.contains("VM web, \"prod\"\\nnode (/vms/web prod/web.vmx) on localhost  [/vms]"), text);
        assertTrue(lines.contains("VM " + SampleReport.SCRIPT_NAME + " (vm-42) on host-12  [vcenter.lab]"), text);
        assertTrue(lines.contains("Host vbox-host  [vbox-host]"), text);
        int vm = lines.indexOf("VM web, \"prod\"\\nnode (/vms/web prod/web.vmx) on localhost  [/vms]");
        assertEquals("  ERROR    usb-xhci-hardware-too-old  xHCI (USB 3) controller on vmx-07, which predates xHCI "
                + "(needs vmx-08 or later)  [fix available]", lines.get(vm + 1));
        int host = lines.indexOf("Host vbox-host  [vbox-host]");
        assertEquals("  INFO     host-extension-pack-mismatch  " + SampleReport.UNICODE_MESSAGE, lines.get(host + 1));
    }

    @Test
    void controlCharactersCannotForgeLinesOrDriveTheTerminal() {
        assertFalse(text.contains("web, \"prod\"\nnode"));
        assertEquals("a\\u001b[2Jb\\nc", TerminalText.of("a\u001b[2Jb\nc"));
        assertEquals("\\u009b", TerminalText.of("\u009b"));
        assertEquals("plain ✓", TerminalText.of("plain ✓"));
    }

    @Test
    void listsUnreadableObjects() {
        int at = lines.indexOf("Unreadable objects:");
        assertTrue(at > 0, text);
        assertEquals("  " + SampleReport.BROKEN, lines.get(at + 1));
    }

    @Test
    void singleTargetReportsLeaveTheTargetOut() {
        String single = Written.by(new TextReport(), SampleReport.large(3)).text();
        assertTrue(single.contains("VM vm \"0\", <b> (/vms/vm-0/vm-0.vmx) on localhost" + System.lineSeparator()), single);
    }
}
