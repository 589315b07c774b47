package org.hvdiag.esxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.BuiltInRules;
import org.hvdiag.audit.EvidenceRule;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.RuleEngine;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.Vm;

/** Reading a seeded fleet gives exactly what the harness lists, and the ESXi rules fire on it. */
class InventoryTest {
    // More than one page of PropertyReader.PAGE, so ContinueRetrievePropertiesEx is exercised.
    static final int VMS = 1200;
    static Harness harness;
    static Inventory inventory;

    @BeforeAll
    static void read() throws Exception {
        harness = Harness.start(VMS);
        try (Session s = harness.connect()) {
            inventory = s.inventory(Progress.NONE);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void everyVmAndHostIsRead() throws Exception {
        JsonNode l = harness.listing();
        assertEquals(l.get("vms").size(), inventory.vms().size(), "VMs");
        assertEquals(VMS, inventory.vms().size());
        assertEquals(l.get("hosts").size(), inventory.hosts().size(), "hosts");
        assertTrue(inventory.errors().isEmpty(), "errors: " + inventory.errors());
    }

    @Test
    void hostsMatchTheListing() throws Exception {
        Map<String, Host> hosts = inventory.hostsById();
        for (JsonNode h : harness.listing().get("hosts")) {
            Host host = hosts.get(h.get("ID").asText());
            assertNotNull(host, h.get("ID").asText());
            assertEquals(h.get("Name").asText(), host.name());
            assertEquals("ESXi " + h.get("Version").asText(), host.productVersion());
            assertEquals(h.get("Packages").asInt(), host.cpuPackages());
            assertEquals(h.get("Cores").asInt(), host.cpuCores());
            assertEquals(h.get("Threads").asInt(), host.cpuThreads());
            assertEquals(h.get("MemoryBytes").asLong() >> 20, host.memoryMiB());
            assertNotNull(host.newestHardwareVersion(), "newest hardware of ESXi " + h.get("Version").asText());
            assertEquals(HypervisorKind.VSPHERE, host.kind());
        }
    }

    @Test
    void vmsMatchTheListing() throws Exception {
        Map<String, Vm> vms = new HashMap<>();
        inventory.vms().forEach(v -> vms.put(v.id(), v));
        for (JsonNode l : harness.listing().get("vms")) {
            String id = l.get("ID").asText();
            Vm vm = vms.get(id);
            assertNotNull(vm, id);
            assertEquals(l.get("Name").asText(), vm.name(), id);
            assertEquals(l.get("Host").asText(), vm.hostId(), id);
            assertEquals(l.get("Version").asText(), vm.hardwareVersion().toString(), id);
            assertEquals(l.get("GuestID").asText(), vm.guestOs().id(), id);
            assertEquals(l.get("Firmware").asText(), vm.firmware().name().toLowerCase(), id);
            assertEquals(l.get("PowerState").asText().equals("poweredOn"), vm.powerState() == org.hvdiag.core.model.PowerState.POWERED_ON, id);
            assertEquals(l.get("NumCPU").asInt(), vm.vcpus(), id);
            assertEquals(l.get("MemoryMB").asLong(), vm.memoryMiB(), id);
            assertEquals(l.get("CpuHotAdd").asBoolean(), vm.cpuHotAdd(), id);
            assertEquals(l.get("MemoryHotAdd").asBoolean(), vm.memoryHotAdd(), id);
            assertEquals(l.get("ToolsUpgradePolicy").asText(), vm.toolsUpgradePolicy(), id);
            assertEquals(l.get("PowerOffType").asText(), vm.raw("powerType.powerOff"), id);
            assertEquals(l.get("ToolsStatus").asText().equals("toolsOk"), vm.toolsState() == org.hvdiag.core.model.ToolsState.OK, id);
            l.get("ExtraConfig").fields().forEachRemaining(e -> assertEquals(e.getValue().asText(), vm.raw(e.getKey()), id + " " + e.getKey()));
            assertEquals(expectedControllers(l.get("UsbControllers")), controllers(vm), id);
            assertEquals(expectedDevices(l.get("UsbDevices")), devices(vm), id);
        }
    }

    /** "KEY TYPE autoconnect" per controller, EHCI as its own entry "KEY/ehci", as the model shows it. */
    private static Set<String> expectedControllers(JsonNode list) {
        Set<String> out = new TreeSet<>();
        for (JsonNode c : list) {
            String key = c.get("key").asText();
            boolean auto = c.get("autoConnect").asBoolean();
            if (c.get("type").asText().equals("xhci")) {
                out.add(key + " XHCI " + auto);
            } else {
                out.add(key + " UHCI " + auto);
                if (c.get("ehci").asBoolean()) {
                    out.add(key + "/ehci EHCI " + auto);
                }
            }
        }
        return out;
    }

    private static Set<String> controllers(Vm vm) {
        Set<String> out = new TreeSet<>();
        for (UsbController c : vm.usbControllers()) {
            out.add(c.id() + " " + c.type() + " " + c.autoConnectDevices());
        }
        return out;
    }

    private static Set<String> expectedDevices(JsonNode list) {
        Set<String> out = new TreeSet<>();
        for (JsonNode d : list) {
            String speed = d.get("speed").get(0).asText();
            String model = speed.startsWith("superSpeed") ? "USB_3_X" : speed.equals("high") ? "USB_2_0" : "USB_1_1";
            out.add(d.get("key").asText() + " on " + d.get("controllerKey").asText() + " "
                    + String.format("%04x:%04x", d.get("vendor").asInt(), d.get("product").asInt()) + " " + model
                    + " " + d.get("startConnected").asBoolean());
        }
        return out;
    }

    private static Set<String> devices(Vm vm) {
        Set<String> out = new TreeSet<>();
        for (UsbDevice d : vm.usbDevices()) {
            out.add(d.id() + " on " + d.controllerId() + " " + d.vidPid() + " " + d.speed() + " " + d.autoConnect());
        }
        return out;
    }

    @Test
    void everyVsphereRuleFiresAndMostVmsAreClean() {
        RuleEngine engine = new RuleEngine(BuiltInRules.all());
        AuditReport report = engine.audit(List.of(inventory), AuditSettings.DEFAULTS);
        Set<String> fired = new TreeSet<>();
        Set<String> vmsWithWarnings = new TreeSet<>();
        for (Finding f : report.findings()) {
            fired.add(f.ruleId());
            if (f.severity() != org.hvdiag.audit.Severity.INFO && f.vmId() != null) {
                vmsWithWarnings.add(f.vmId());
            }
        }
        List<String> missing = new ArrayList<>();
        for (var rule : BuiltInRules.all()) {
            var info = rule.info();
            // evidence rules need logs, which this audit does not read
            if (!(rule instanceof EvidenceRule) && info.appliesTo().contains(HypervisorKind.VSPHERE)
                    && !fired.contains(info.id())) {
                missing.add(info.id());
            }
        }
        assertTrue(missing.isEmpty(), "rules that apply to vSphere but fired nowhere: " + missing);
        assertTrue(vmsWithWarnings.size() < VMS / 2, vmsWithWarnings.size() + " of " + VMS + " VMs have warnings or errors");
        assertTrue(inventory.vms().stream().anyMatch(v -> v.controllerCount(UsbControllerType.XHCI) == 2));
    }
}
