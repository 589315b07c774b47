package org.hvdiag.audit.internal.rules;

import static org.hvdiag.audit.Fixture.assertFixClears;
import static org.hvdiag.audit.Fixture.esxHost;
import static org.hvdiag.audit.Fixture.only;
import static org.hvdiag.audit.Fixture.run;
import static org.hvdiag.audit.Fixture.runHost;
import static org.hvdiag.audit.Fixture.windows10;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.hvdiag.audit.Finding;
import org.hvdiag.audit.Fixture;
import org.hvdiag.audit.Severity;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Precondition;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.Vm;

/** CPU and memory sizing against vNUMA and the host. */
class SizingRulesTest {

    @Nested
    class CpuHotAdd {
        final CpuHotAddDisablesVnuma rule = new CpuHotAddDisablesVnuma();

        @Test
        void hotAddOnTwelveVcpus() {
            Vm vm = windows10().toBuilder().cpuHotAdd(true).vcpus(12).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("cpu-hotadd-disables-vnuma", f.ruleId());
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("CPU hot-add is on for a VM with 12 vCPUs, which turns off virtual NUMA (on by default above "
                    + "8 vCPUs)", f.message());
            assertEquals("TRUE", f.evidence().get("vcpu.hotadd"));
            assertEquals("12", f.evidence().get("numvcpus"));
            assertEquals(List.of(new ConfigChange.SetCpuHotAdd(false)), f.fix().changes());
            assertEquals(List.of(new Precondition.FieldIs(VmField.CPU_HOT_ADD, "true"),
                    new Precondition.FieldIs(VmField.VCPUS, "12")), f.fix().preconditions());
            assertFalse(assertFixClears(rule, vm).cpuHotAdd());
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, windows10().toBuilder().cpuHotAdd(true).vcpus(8).build()).isEmpty(), "8 vCPUs");
            assertTrue(run(rule, windows10().toBuilder().cpuHotAdd(false).vcpus(12).build()).isEmpty(), "no hot-add");
        }
    }

    @Nested
    class VcpusOverCores {
        final VcpusExceedHostCores rule = new VcpusExceedHostCores();

        @Test
        void twentyFourVcpusOnSixteenCores() {
            Vm vm = windows10().toBuilder().vcpus(24).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("cpu-vcpus-exceed-host-cores", f.ruleId());
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("24 vCPUs on host esx01, which has 16 physical cores", f.message());
            assertEquals("24", f.evidence().get("numvcpus"));
            assertEquals("16", f.evidence().get("host cores"));
            assertEquals("32", f.evidence().get("host threads"));
            assertEquals(List.of(new ConfigChange.SetVcpus(16)), f.fix().changes());
            assertEquals(16, assertFixClears(rule, vm).vcpus());
        }

        @Test
        void modelNamesOffVmware() {
            Vm vm = windows10(HypervisorKind.VIRTUALBOX).toBuilder().vcpus(24).build();
            Finding f = only(rule, run(rule, vm, Fixture.host(HypervisorKind.VIRTUALBOX)), vm);
            assertEquals("24", f.evidence().get("vCPUs"));
            assertFalse(f.evidence().containsKey("numvcpus"));
            assertEquals(List.of(new ConfigChange.SetVcpus(16)), f.fix().changes());
            assertEquals(16, assertFixClears(rule, vm, Fixture.host(HypervisorKind.VIRTUALBOX),
                    org.hvdiag.audit.AuditSettings.DEFAULTS).vcpus());
        }

        @Test
        void virtualBoxNearMiss() {
            Vm vm = windows10(HypervisorKind.VIRTUALBOX).toBuilder().vcpus(16).build();
            assertTrue(run(rule, vm, Fixture.host(HypervisorKind.VIRTUALBOX)).isEmpty(), "equal to cores");
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, windows10().toBuilder().vcpus(16).build()).isEmpty(), "equal to cores");
            assertTrue(run(rule, windows10().toBuilder().vcpus(24).build(), null).isEmpty(), "host unknown");
            Host noCores = new Host(Fixture.HOST_ID, "esx01", HypervisorKind.VSPHERE, "", -1, -1, -1, -1, null, List.of());
            assertTrue(run(rule, windows10().toBuilder().vcpus(24).build(), noCores).isEmpty(), "cores unknown");
        }
    }

    @Nested
    class MemoryOverHost {
        final MemoryExceedsHost rule = new MemoryExceedsHost();

        @Test
        void twiceTheHostsMemory() {
            Vm vm = windows10().toBuilder().memoryMiB(262144).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("mem-exceeds-host", f.ruleId());
            assertEquals(Severity.ERROR, f.severity());
            assertEquals("Configured memory 262144 MiB exceeds the 131072 MiB of host esx01", f.message());
            assertEquals("262144", f.evidence().get("memsize"));
            assertEquals("131072", f.evidence().get("host memory (MiB)"));
            assertNull(f.fix());
            assertFalse(rule.info().fixable());
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, windows10().toBuilder().memoryMiB(131072).build()).isEmpty(), "equal to host");
            Host noMemory = new Host(Fixture.HOST_ID, "esx01", HypervisorKind.VSPHERE, "", 2, 16, 32, -1, null, List.of());
            assertTrue(run(rule, windows10().toBuilder().memoryMiB(262144).build(), noMemory).isEmpty(), "host memory unknown");
            assertTrue(run(rule, windows10().toBuilder().memoryMiB(262144).build(), null).isEmpty(), "host unknown");
        }

        @Test
        void onVirtualBoxWithModelNames() {
            Host vbox = Fixture.vboxHost("7.0.14");
            Vm vm = windows10(HypervisorKind.VIRTUALBOX).toBuilder().memoryMiB(196608).build();
            Finding f = only(rule, run(rule, vm, vbox), vm);
            assertEquals("Configured memory 196608 MiB exceeds the 131072 MiB of host vbox01", f.message());
            assertEquals("196608", f.evidence().get("memory (MiB)"));
            assertNull(f.fix());
            assertTrue(run(rule, vm.toBuilder().memoryMiB(131072).build(), vbox).isEmpty(), "equal to host");
        }
    }

    @Nested
    class HostOvercommit {
        final HostMemoryOvercommit rule = new HostMemoryOvercommit();

        Vm vm(String id, long memory, PowerState state) {
            return Vm.builder(id, HypervisorKind.VSPHERE).name(id).hostId(Fixture.HOST_ID).memoryMiB(memory)
                    .powerState(state).build();
        }

        @Test
        void poweredOnVmsOverTheHost() {
            List<Vm> vms = List.of(vm("a", 65536, PowerState.POWERED_ON), vm("b", 65536, PowerState.POWERED_ON),
                    vm("c", 65536, PowerState.POWERED_ON), vm("d", 65536, PowerState.POWERED_OFF));
            List<Finding> found = runHost(rule, esxHost(), vms);
            assertEquals(1, found.size());
            Finding f = found.get(0);
            assertEquals("mem-host-overcommit", f.ruleId());
            assertEquals(Severity.WARNING, f.severity());
            assertNull(f.vmId());
            assertNull(f.vmName());
            assertEquals(Fixture.HOST_ID, f.hostId());
            assertEquals("3 powered-on VMs on host esx01 are given 196608 MiB of memory, more than the host's 131072 MiB",
                    f.message());
            assertEquals("131072", f.evidence().get("host memory (MiB)"));
            assertEquals("196608", f.evidence().get("total VM memory (MiB)"));
            assertEquals("3 (powered on)", f.evidence().get("VMs counted"));
            assertNull(f.fix());
        }

        @Test
        void noneRunningCountsEveryConfiguredVm() {
            List<Vm> vms = List.of(vm("a", 65536, PowerState.POWERED_OFF), vm("b", 65536, PowerState.UNKNOWN),
                    vm("c", 65536, PowerState.SUSPENDED));
            Finding f = runHost(rule, esxHost(), vms).get(0);
            assertEquals("No VM on host esx01 is powered on; if its 3 configured VMs all ran they would be given 196608 "
                    + "MiB of memory, more than the host's 131072 MiB", f.message());
            assertEquals("3 (all configured, none powered on)", f.evidence().get("VMs counted"));
        }

        @Test
        void nearMisses() {
            // Only the running VMs count when some run: the powered-off one does not tip the host over.
            assertTrue(runHost(rule, esxHost(), List.of(vm("a", 65536, PowerState.POWERED_ON),
                    vm("b", 65536, PowerState.POWERED_ON), vm("c", 65536, PowerState.POWERED_OFF))).isEmpty());
            Host noMemory = new Host(Fixture.HOST_ID, "esx01", HypervisorKind.VSPHERE, "", 2, 16, 32, -1, null, List.of());
            assertTrue(runHost(rule, noMemory, List.of(vm("a", 999999, PowerState.POWERED_ON))).isEmpty());
            assertTrue(runHost(rule, esxHost(), List.of(vm("a", -1, PowerState.POWERED_ON))).isEmpty());
        }

        @Test
        void virtualBoxHost() {
            Host vbox = Fixture.vboxHost("7.0.14");
            Vm running = windows10(HypervisorKind.VIRTUALBOX).toBuilder().memoryMiB(98304).build();
            Vm second = running.toBuilder().memoryMiB(65536).build();
            Finding f = runHost(rule, vbox, List.of(running, second)).get(0);
            assertEquals("2 powered-on VMs on host vbox01 are given 163840 MiB of memory, more than the host's 131072 MiB",
                    f.message());
            assertTrue(runHost(rule, vbox, List.of(running, second.toBuilder().powerState(PowerState.POWERED_OFF).build()))
                    .isEmpty(), "the powered-off VM does not count");
        }
    }
}
