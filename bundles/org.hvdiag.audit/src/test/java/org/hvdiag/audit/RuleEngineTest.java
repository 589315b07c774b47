package org.hvdiag.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.hvdiag.audit.internal.rules.HardPowerOff;
import org.hvdiag.audit.internal.rules.HostMemoryOvercommit;
import org.hvdiag.audit.internal.rules.ToolsNotInstalled;
import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EventSource;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.ToolsState;
import org.hvdiag.core.model.Vm;

class RuleEngineTest {
    final RuleEngine engine = new RuleEngine(BuiltInRules.all());

    static List<String> ruleIds(List<Finding> findings) {
        List<String> ids = new ArrayList<>();
        for (Finding f : findings) {
            ids.add(f.ruleId());
        }
        return ids;
    }

    List<Finding> audit(Vm vm, Host host) {
        List<Finding> out = new ArrayList<>();
        engine.audit(List.of(vm), Map.of(host.id(), host), AuditSettings.DEFAULTS, out::add);
        return out;
    }

    @Test
    void runsOnlyTheRulesForTheVmsHypervisor() {
        Vm vmware = Fixture.windows10().toBuilder().powerOffBehaviour(PowerOffBehaviour.HARD).build();
        assertEquals(List.of("power-hard-poweroff"), ruleIds(audit(vmware, Fixture.esxHost())));
        Vm vbox = Fixture.windows10(HypervisorKind.VIRTUALBOX).toBuilder().powerOffBehaviour(PowerOffBehaviour.HARD).build();
        assertEquals(List.of(), ruleIds(audit(vbox, Fixture.host(HypervisorKind.VIRTUALBOX))),
                "powerType.powerOff is a VMware key");
        Vm vboxAnyDevice = vbox.toBuilder().usbFilters(List.of(Fixture.filter("usbfilter:All", "All", -1, -1, true))).build();
        assertEquals(List.of("usb-filter-matches-any"), ruleIds(audit(vboxAnyDevice, Fixture.host(HypervisorKind.VIRTUALBOX))));
    }

    @Test
    void rulesRunInIdOrder() {
        Vm vm = Fixture.windows10().toBuilder().powerOffBehaviour(PowerOffBehaviour.HARD).cpuHotAdd(true).vcpus(24)
                .toolsUpgradePolicy("manual").build();
        assertEquals(List.of("cpu-hotadd-disables-vnuma", "cpu-vcpus-exceed-host-cores", "power-hard-poweroff",
                "tools-upgrade-manual"), ruleIds(audit(vm, Fixture.esxHost())));
        List<String> catalog = new ArrayList<>();
        for (RuleInfo info : engine.rules()) {
            catalog.add(info.id());
        }
        List<String> sorted = new ArrayList<>(catalog);
        sorted.sort(null);
        assertEquals(sorted, catalog);
    }

    @Test
    void hostRulesSeeTheVmsOfTheirHost() {
        Host host = Fixture.esxHost();
        Host other = new Host("host-11", "esx02", HypervisorKind.VSPHERE, "ESXi 8.0.2", 2, 16, 32, 131072, null, List.of());
        List<Vm> vms = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            vms.add(Fixture.windows10().toBuilder().name("big" + i).memoryMiB(65536).build());
            vms.add(Vm.builder("vm-o" + i, HypervisorKind.VSPHERE).hostId("host-11").memoryMiB(8192)
                    .powerState(PowerState.POWERED_ON).build());
        }
        vms.add(Vm.builder("vm-orphan", HypervisorKind.VSPHERE).hostId("host-gone").memoryMiB(999999)
                .powerState(PowerState.POWERED_ON).build());
        List<Finding> out = new ArrayList<>();
        engine.audit(vms, Map.of(host.id(), host, other.id(), other), AuditSettings.DEFAULTS, out::add);
        List<Finding> overcommit = new ArrayList<>();
        for (Finding f : out) {
            if (f.ruleId().equals("mem-host-overcommit")) {
                overcommit.add(f);
            }
        }
        assertEquals(1, overcommit.size(), out.toString());
        assertEquals("host-10", overcommit.get(0).hostId());
        assertEquals("196608", overcommit.get(0).evidence().get("total VM memory (MiB)"));
    }

    @Test
    void hostRulesAreFilteredByTheHostsHypervisor() {
        List<String> seen = new ArrayList<>();
        HostRule vsphereOnly = new HostRule() {
            final RuleInfo info = new RuleInfo("test-vsphere-hosts", "test", Severity.INFO,
                    java.util.EnumSet.of(HypervisorKind.VSPHERE), "test rule", "none", false);

            public RuleInfo info() {
                return info;
            }

            public void evaluate(Host host, List<Vm> vms, AuditSettings settings, FindingSink findings) {
                seen.add(host.id() + ":" + vms.size());
            }
        };
        RuleEngine e = new RuleEngine(List.of(vsphereOnly));
        Host hv = Fixture.host(HypervisorKind.HYPERV);
        e.audit(List.of(Fixture.windows10(HypervisorKind.HYPERV)), Map.of(hv.id(), hv), AuditSettings.DEFAULTS, f -> { });
        assertEquals(List.of(), seen, "a vSphere host rule ran for a Hyper-V host");
        e.audit(List.of(Fixture.windows10(), Fixture.windows10().toBuilder().name("second").build()),
                Map.of(Fixture.HOST_ID, Fixture.esxHost()), AuditSettings.DEFAULTS, f -> { });
        assertEquals(List.of("host-10:2"), seen);
    }

    @Test
    void duplicateIdsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RuleEngine(List.of(new HardPowerOff(), new ToolsNotInstalled(), new HardPowerOff())));
        assertTrue(e.getMessage().contains("power-hard-poweroff"), e.getMessage());
    }

    @Test
    void reportCarriesTheTargetOfEachInventory() {
        Vm noTools = Fixture.windows10().toBuilder().toolsState(ToolsState.NOT_INSTALLED).build();
        Vm hard = Fixture.windows10(HypervisorKind.VMWARE_WORKSTATION).toBuilder()
                .powerOffBehaviour(PowerOffBehaviour.HARD).build();
        Inventory a = new Inventory("vsphere://admin@vc01", Instant.EPOCH, List.of(Fixture.esxHost()), List.of(noTools),
                List.of());
        Inventory b = new Inventory("/srv/vms", Instant.EPOCH, List.of(Fixture.host(HypervisorKind.VMWARE_WORKSTATION)),
                List.of(hard), List.of(new org.hvdiag.core.model.ObjectError("/srv/vms/bad.vmx", "line 3", "no '='")));
        AuditReport report = engine.audit(List.of(a, b), AuditSettings.DEFAULTS);
        assertEquals(List.of("vsphere://admin@vc01", "/srv/vms"), report.targets());
        assertEquals(2, report.findings().size());
        assertEquals("tools-not-installed", report.findings().get(0).ruleId());
        assertEquals("vsphere://admin@vc01", report.findings().get(0).target());
        assertEquals("power-hard-poweroff", report.findings().get(1).ruleId());
        assertEquals("/srv/vms", report.findings().get(1).target());
        // Both hosts have the same id; each target names its own.
        assertEquals(report.findings().get(0).hostId(), report.findings().get(1).hostId());
        assertEquals("esx01", report.hostName(report.findings().get(0)));
        assertEquals("ws01", report.hostName(report.findings().get(1)));
        assertEquals(2, report.vmCount());
        assertEquals(2, report.hostCount());
        assertEquals(1, report.errors().size());
        assertEquals(BuiltInRules.all().size(), report.rules().size());
        assertEquals(2, report.countBySeverity().get(Severity.WARNING));
        assertEquals(0, report.countBySeverity().get(Severity.ERROR));
    }

    @Test
    void evidenceRulesRunOnlyWithEvidenceAndSeeTheVmsConfigurationFindings() {
        Vm hard = Fixture.windows10(HypervisorKind.VMWARE_WORKSTATION).toBuilder()
                .powerOffBehaviour(PowerOffBehaviour.HARD).build();
        Inventory inv = new Inventory("/srv/vms", Instant.EPOCH, List.of(Fixture.host(HypervisorKind.VMWARE_WORKSTATION)),
                List.of(hard), List.of());
        OffsetDateTime t = OffsetDateTime.parse("2026-11-28T09:00:00Z");
        VmEvent off = new VmEvent(t, hard.id(), hard.name(), new EventKind.HardPowerOff("the admin"),
                new EventSource("vmware.log", 12, -1), "raw");
        EvidenceWindow window = new EvidenceWindow(t.toInstant().minusSeconds(3600), t.toInstant(), 1024);
        FleetEvidence evidence = new FleetEvidence.Builder(window)
                .add("/srv/vms", List.of(new VmEvidence(hard.id(), hard.name(), List.of(off), List.of(), 100))).build();

        assertEquals(List.of("power-hard-poweroff"), ruleIds(engine.audit(List.of(inv), AuditSettings.DEFAULTS).findings()));
        AuditReport report = engine.audit(List.of(inv), AuditSettings.DEFAULTS, evidence);
        assertEquals(List.of("power-hard-poweroff", "evidence-abnormal-stops"), ruleIds(report.findings()));
        Finding stops = report.findings().get(1);
        assertEquals("/srv/vms", stops.target());
        assertEquals("power-hard-poweroff", stops.evidence().get("configuration findings on this VM"));
        assertEquals(List.of(off), stops.events());
        assertTrue(report.hasEvidence());
    }
}
