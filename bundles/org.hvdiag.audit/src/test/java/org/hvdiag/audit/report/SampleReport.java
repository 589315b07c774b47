package org.hvdiag.audit.report;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.audit.Severity;
import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Precondition;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.ObjectError;
import org.hvdiag.core.model.UsbControllerType;

/**
 * A small report with the awkward cases every format must survive: a VM name with comma, quote and
 * newline, one that is markup, one that is a spreadsheet formula, non-ASCII text, a host-level
 * finding, a fix plan and an unreadable object.
 */
final class SampleReport {
    static final Instant NOW = Instant.parse("2025-03-01T09:30:00.123Z");

    static final String NASTY_NAME = "web, \"prod\"\nnode";
    static final String SCRIPT_NAME = "<script>alert('x')</script>";
    static final String FORMULA_NAME = "=HYPERLINK(\"http://evil.example\",\"click\")";
    static final String UNICODE_MESSAGE = "Erweiterungspaket 7.0.10 passt nicht zu VirtualBox 7.0.14 (Überprüfung: 日本語 ✓)";

    static final RuleInfo XHCI = new RuleInfo("usb-xhci-hardware-too-old", "xHCI controller on hardware older than vmx-08",
            Severity.ERROR, EnumSet.of(HypervisorKind.VSPHERE, HypervisorKind.VMWARE_WORKSTATION),
            "Older virtual hardware has no xHCI to emulate.", "vSphere API reference, VirtualUSBXHCIController", true);
    static final RuleInfo HOT_ADD = new RuleInfo("cpu-hot-add-disables-vnuma", "CPU hot-add turns vNUMA off",
            Severity.WARNING, EnumSet.of(HypervisorKind.VSPHERE), "With CPU hot-add on, the guest sees one NUMA node.",
            "vSphere Resource Management, vNUMA", false);
    static final RuleInfo EXT_PACK = new RuleInfo("host-extension-pack-mismatch", "Extension pack differs from VirtualBox",
            Severity.INFO, EnumSet.of(HypervisorKind.VIRTUALBOX), "A mismatched extension pack disables USB 2/3.",
            "VirtualBox User Manual, Installing VirtualBox and Extension Packs", false);
    static final RuleInfo QUIET = new RuleInfo("snapshot-chain-too-long", "Long snapshot chain", Severity.WARNING,
            EnumSet.allOf(HypervisorKind.class), "Long chains slow every disk read.", "VMware KB 1025279", false);

    static final ObjectError BROKEN = new ObjectError("/vms/broken/broken.vmx", "line 12",
            "expected key = \"value\", found 'usb.present TRUE'");

    private SampleReport() {
    }

    static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    static ChangePlan xhciPlan() {
        return new ChangePlan("/vms/web prod/web.vmx", NASTY_NAME, List.of(XHCI.id()),
                List.of(new Precondition.FieldIs(VmField.HARDWARE_VERSION, "vmx-07")),
                List.of(new ConfigChange.RemoveUsbController("usb_xhci", UsbControllerType.XHCI),
                        new ConfigChange.AddUsbController(UsbControllerType.EHCI)));
    }

    static List<Finding> findings() {
        return List.of(
                new Finding(XHCI.id(), Severity.ERROR, "/vms", "localhost", "/vms/web prod/web.vmx", NASTY_NAME,
                        "xHCI (USB 3) controller on vmx-07, which predates xHCI (needs vmx-08 or later)",
                        ordered("virtualHW.version", "7", "controller", "USB 3.x (xHCI)"), xhciPlan()),
                new Finding(HOT_ADD.id(), Severity.WARNING, "vcenter.lab", "host-12", "vm-42", SCRIPT_NAME,
                        "CPU hot-add is on, so vNUMA is off for 16 vCPUs",
                        ordered("vcpu.hotadd", "TRUE", "numvcpus", "16"), null),
                new Finding(EXT_PACK.id(), Severity.INFO, "vbox-host", "vbox-host", null, null, UNICODE_MESSAGE,
                        ordered("extension pack", "7.0.10", "VirtualBox", "7.0.14"), null),
                new Finding(HOT_ADD.id(), Severity.WARNING, "C:\\VMs", "ws-host", "C:\\VMs\\Ünïcode VM\\x.vmx",
                        FORMULA_NAME, "CPU hot-add is on, so vNUMA is off for 8 vCPUs", Map.of(), null));
    }

    static AuditReport sample() {
        return new AuditReport(List.of("/vms", "vcenter.lab", "vbox-host", "C:\\VMs"),
                List.of(HOT_ADD, EXT_PACK, QUIET, XHCI), findings(), List.of(BROKEN), 5, 3);
    }

    static AuditReport empty() {
        return new AuditReport(List.of("/vms"), List.of(QUIET), List.of(), List.of(), 0, 0);
    }

    /** {@code n} findings over the sample rules, every tenth with a fix plan. */
    static AuditReport large(int n) {
        List<RuleInfo> rules = List.of(HOT_ADD, EXT_PACK, XHCI);
        ChangePlan plan = xhciPlan();
        List<Finding> findings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RuleInfo r = rules.get(i % rules.size());
            String vmId = "/vms/vm-" + i + "/vm-" + i + ".vmx";
            findings.add(new Finding(r.id(), r.severity(), "/vms", "localhost", vmId, "vm \"" + i + "\", <b>",
                    "finding " + i, ordered("key", String.valueOf(i)), i % 10 == 0 ? plan : null));
        }
        return new AuditReport(List.of("/vms"), rules, findings, List.of(BROKEN), n, 1);
    }

    static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
