package org.hvdiag.esxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.BuiltInRules;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.FixSelection;
import org.hvdiag.audit.RuleEngine;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalReader;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.Vm;

/** For each fixable ESXi rule: fix one VM, re-audit (the finding is gone), undo (the VM is as before). */
class FixAndUndoTest {
    static final String[] FIXABLE = {"cpu-hotadd-disables-vnuma", "cpu-vcpus-exceed-host-cores", "hotplug-devices-server",
        "hw-below-floor", "hw-older-than-host", "power-hard-poweroff", "tools-upgrade-manual", "usb-autoconnect-on-server",
        "usb-duplicate-controller", "usb-ehci-and-xhci-windows", "usb-filter-matches-any", "usb-macos-needs-ehci",
        "usb-no-xhci-for-usb3", "usb-xhci-guest-unsupported", "usb-xhci-hardware-too-old"};

    static Harness harness;
    static final RuleEngine ENGINE = new RuleEngine(BuiltInRules.all());
    /** Each test fixes a VM of its own, so the tests do not depend on one another's order. */
    static final Set<String> USED = new HashSet<>();
    static Path journals;

    @BeforeAll
    static void start() throws Exception {
        harness = Harness.start(200);
        journals = Files.createTempDirectory("hvdiag-esxi-journals");
    }

    @AfterAll
    static void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theListCoversEveryFixableVsphereRule() {
        Set<String> expected = new TreeSet<>();
        for (RuleInfo r : ENGINE.rules()) {
            if (r.fixable() && r.appliesTo().contains(HypervisorKind.VSPHERE)) {
                expected.add(r.id());
            }
        }
        assertEquals(expected, new TreeSet<>(List.of(FIXABLE)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu-hotadd-disables-vnuma", "cpu-vcpus-exceed-host-cores", "hotplug-devices-server",
        "hw-below-floor", "hw-older-than-host", "power-hard-poweroff", "tools-upgrade-manual", "usb-autoconnect-on-server",
        "usb-duplicate-controller", "usb-ehci-and-xhci-windows", "usb-filter-matches-any", "usb-macos-needs-ehci",
        "usb-no-xhci-for-usb3", "usb-xhci-guest-unsupported", "usb-xhci-hardware-too-old"})
    void fixReauditUndo(String rule) throws Exception {
        try (Session session = harness.connect()) {
            Inventory before = session.inventory(Progress.NONE);
            ChangePlan plan = planFor(rule, before);
            Vm vmBefore = vm(before, plan.vmId());
            Path file = journals.resolve(rule + ".jsonl");
            List<ApplyResult> results;
            try (Journal journal = Journal.create(file, "vsphere", harness.target())) {
                results = session.apply(List.of(plan), journal, Progress.NONE);
            }
            assertEquals(1, results.size());
            assertEquals(ApplyResult.Outcome.APPLIED, results.get(0).outcome(), results.get(0).detail());

            Inventory after = session.inventory(Progress.NONE);
            for (Finding f : audit(after).findings()) {
                assertFalse(f.ruleId().equals(rule) && plan.vmId().equals(f.vmId()), "still found after the fix: " + f.message());
            }

            List<ApplyResult> undone = session.undo(JournalReader.read(file).entries(), Progress.NONE);
            assertEquals(1, undone.size());
            boolean upgraded = plan.changes().stream().anyMatch(c -> c instanceof ConfigChange.UpgradeHardwareVersion);
            boolean onlyUpgrade = plan.changes().stream().allMatch(c -> c instanceof ConfigChange.UpgradeHardwareVersion);
            if (onlyUpgrade) {
                assertEquals(ApplyResult.Outcome.SKIPPED, undone.get(0).outcome(), undone.get(0).detail());
                assertTrue(undone.get(0).detail().contains("one-way"), undone.get(0).detail());
            } else {
                assertEquals(ApplyResult.Outcome.APPLIED, undone.get(0).outcome(), undone.get(0).detail());
            }
            Vm restored = vm(session.inventory(Progress.NONE), plan.vmId());
            for (VmField f : VmField.values()) {
                if (f == VmField.HARDWARE_VERSION && upgraded) {
                    continue;
                }
                if (f == VmField.USB_DEVICES) {
                    // Re-added devices get new keys from the server: compare what they are.
                    assertEquals(devices(vmBefore), devices(restored), rule + ": USB devices after undo");
                    continue;
                }
                assertEquals(f.read(vmBefore), f.read(restored), rule + ": " + f.label() + " after undo");
            }
            assertEquals(vmBefore.rawProperties(), restored.rawProperties(), rule + ": advanced settings after undo");
        }
    }

    private static AuditReport audit(Inventory inventory) {
        return ENGINE.audit(List.of(inventory), AuditSettings.DEFAULTS);
    }

    /**
     * A plan for one powered-off VM with the rule's finding. A hardware upgrade is only picked when its
     * target is vmx-13: the simulator upgrades every VM to vmx-13 whatever was asked.
     */
    private static ChangePlan planFor(String rule, Inventory inventory) {
        Map<String, Vm> vms = new java.util.HashMap<>();
        inventory.vms().forEach(v -> vms.put(v.id(), v));
        for (Finding f : audit(inventory).findings()) {
            if (!f.ruleId().equals(rule) || f.fix() == null || f.vmId() == null) {
                continue;
            }
            Vm vm = vms.get(f.vmId());
            boolean upgradeElsewhere = f.fix().changes().stream().anyMatch(c -> c instanceof ConfigChange.UpgradeHardwareVersion
                    && !((ConfigChange.UpgradeHardwareVersion) c).to().equals(HardwareVersion.vmx(13)));
            synchronized (USED) {
                if (!vm.powerState().isOff() || upgradeElsewhere || USED.contains(vm.id())) {
                    continue;
                }
                USED.add(vm.id());
            }
            FixSelection selection = FixSelection.of(List.of(f), ENGINE.rules(), Set.of(rule), null);
            assertEquals(1, selection.plans().size(), rule + " on " + vm.name());
            return selection.plans().get(0);
        }
        throw new AssertionError("no powered-off VM with a fixable " + rule + " finding in the seeded fleet");
    }

    private static Vm vm(Inventory inventory, String id) {
        for (Vm v : inventory.vms()) {
            if (v.id().equals(id)) {
                return v;
            }
        }
        throw new AssertionError("VM " + id + " is gone");
    }

    private static List<String> devices(Vm vm) {
        List<String> out = new ArrayList<>();
        for (UsbDevice d : vm.usbDevices()) {
            out.add(d.vidPid() + " " + d.speed() + " autoconnect=" + d.autoConnect());
        }
        out.sort(null);
        assertNotNull(out);
        return out;
    }
}
