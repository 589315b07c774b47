package org.hvdiag.hyperv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.model.Firmware;
import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervSettings;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.ObjectError;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.Vm;

/** The inventory JSON as a host prints it, read into the model: what an admin sees in hvdiag's output. */
class InventoryMappingTest {
    static final String WEB = "0b1f3c2a-5d6e-4f70-8a9b-0c1d2e3f4a5b";
    static final String OLD = "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5";

    private static Inventory read(ScriptedHost host) throws ConnectorException {
        return new HypervSession("winrm+https://admin@hv1.example", new HostScripts(host, "hv1.example"), () -> { })
                .inventory(Progress.NONE);
    }

    private static Inventory read(String stdout) throws ConnectorException {
        ScriptRunner fixed = new ScriptRunner() {
            @Override public String where() { return "hv1.example:5986"; }
            @Override public ShellResult run(PowerShellCommand c) { return new ShellResult(stdout, "", 0, List.of()); }
        };
        return new HypervSession("winrm+https://admin@hv1.example", new HostScripts(fixed, "hv1.example"), () -> { })
                .inventory(Progress.NONE);
    }

    @Test
    void hostFactsComeFromGetVmHostAndTheSupportedVersions() throws Exception {
        ScriptedHost host = new ScriptedHost();
        host.defaultVersion = "9.0";
        Host h = read(host).hosts().get(0);
        assertEquals("hv1.example", h.id(), "the host is named as the admin connected to it");
        assertEquals("HV1", h.name());
        assertEquals(HypervisorKind.HYPERV, h.kind());
        assertEquals("10.0.20348", h.productVersion());
        assertEquals(8, h.cpuCores());
        assertEquals(16, h.cpuThreads());
        assertEquals(65536, h.memoryMiB());
        assertEquals(HardwareVersion.hyperv(10, 0), h.newestHardwareVersion());
        assertEquals(HardwareVersion.hyperv(8, 0), h.oldestHardwareVersion());
        assertEquals(HardwareVersion.hyperv(9, 0), h.defaultHardwareVersion());
        assertEquals(HardwareVersion.hyperv(9, 0), h.upgradeTarget(), "Update-VMVersion goes to the default");
    }

    @Test
    void aGeneration2VmWithDynamicMemoryAndAGuestReadsAsHyperVShowsIt() throws Exception {
        ScriptedHost host = new ScriptedHost();
        ObjectNode v = host.add(ScriptedHost.vm(WEB, "web01"));
        v.put("State", "Running").put("ProcessorCount", 4).put("DynamicMemoryEnabled", true)
                .put("MemoryMinimum", 1024 * ScriptedHost.MIB).put("MemoryMaximum", 8192 * ScriptedHost.MIB)
                .put("MemoryBuffer", 25).put("AutomaticStopAction", "TurnOff").put("CheckpointCount", 3)
                .put("GuestOs", "Windows Server 2019 Datacenter");
        ((ObjectNode) v.get("IntegrationServices").get(3)).put("Enabled", false);
        Vm vm = read(host).vms().get(0);
        assertEquals(WEB, vm.id());
        assertEquals("web01", vm.name());
        assertEquals("hv1.example", vm.hostId());
        assertEquals(PowerState.POWERED_ON, vm.powerState());
        assertEquals(HardwareVersion.hyperv(9, 0), vm.hardwareVersion());
        assertEquals(Firmware.EFI, vm.firmware());
        assertEquals(4, vm.vcpus());
        assertEquals(2048, vm.memoryMiB(), "memory is the startup memory");
        assertEquals(3, vm.snapshotCount());
        assertEquals(PowerOffBehaviour.HARD, vm.powerOffBehaviour());
        assertFalse(vm.cpuHotAdd());
        GuestOs os = vm.guestOs();
        assertEquals(GuestOs.Family.WINDOWS, os.family());
        assertTrue(os.server());
        assertEquals(100, os.release());
        HypervSettings h = vm.hyperv();
        assertEquals(2, h.generation());
        assertEquals(new HypervSettings.DynamicMemory(true, 1024, 8192, 25), h.dynamicMemory());
        assertTrue(h.secureBoot());
        assertEquals("MicrosoftWindows", h.secureBootTemplate());
        assertEquals("Production", h.checkpointType());
        assertEquals(Boolean.FALSE, h.integrationService("Shutdown"));
        assertEquals(Boolean.TRUE, h.integrationService("Heartbeat"));
        assertEquals("Guest Service Interface", h.integrationServices().get(0).name(), "Hyper-V's order is kept");
        assertEquals("TurnOff", vm.raw("AutomaticStopAction"));
        assertEquals("True", vm.raw("DynamicMemoryEnabled"));
        assertEquals("False", vm.raw("IntegrationServices[Shutdown]"));
        assertEquals("9.0", vm.raw("Version"));
    }

    @Test
    void generation1HasBiosAndNoSecureBootAndAnOffVmHasNoKnownGuest() throws Exception {
        ScriptedHost host = new ScriptedHost();
        host.add(ScriptedHost.vm(OLD, "legacy")).put("Generation", 1).put("Version", "5.0").putNull("SecureBoot")
                .putNull("SecureBootTemplate").put("AutomaticStopAction", "Save");
        Vm vm = read(host).vms().get(0);
        assertEquals(Firmware.BIOS, vm.firmware());
        assertFalse(vm.hyperv().secureBoot());
        assertEquals("", vm.hyperv().secureBootTemplate());
        assertEquals("", vm.raw("SecureBootTemplate"), "no template to show as evidence");
        assertEquals(GuestOs.UNKNOWN, vm.guestOs());
        assertEquals(PowerOffBehaviour.SAVE, vm.powerOffBehaviour());
        assertEquals(HardwareVersion.hyperv(5, 0), vm.hardwareVersion());
    }

    @ParameterizedTest
    @CsvSource({"Off,POWERED_OFF", "Running,POWERED_ON", "Saved,SUSPENDED", "Paused,PAUSED", "Starting,UNKNOWN",
        "Saving,UNKNOWN", "FastSaved,UNKNOWN"})
    void statesMapToPowerStates(String state, PowerState expected) throws Exception {
        ScriptedHost host = new ScriptedHost();
        host.add(ScriptedHost.vm(WEB, "web01")).put("State", state);
        Vm vm = read(host).vms().get(0);
        assertEquals(expected, vm.powerState());
        assertEquals(state, vm.raw("State"));
    }

    @Test
    void stateWrittenAsANumberIsReadForRunningAndOff() throws Exception {
        ScriptedHost host = new ScriptedHost();
        host.add(ScriptedHost.vm(WEB, "a")).put("State", 2);
        host.add(ScriptedHost.vm(OLD, "b")).put("State", 3);
        List<Vm> vms = read(host).vms();
        assertEquals(PowerState.POWERED_ON, vms.get(0).powerState());
        assertEquals(PowerState.POWERED_OFF, vms.get(1).powerState());
    }

    @Test
    void aSingleVmAndSingleServiceLeftUnwrappedByConvertToJsonStillRead() throws Exception {
        ScriptedHost host = new ScriptedHost();
        ObjectNode v = ScriptedHost.vm(WEB, "solo");
        v.set("IntegrationServices", v.get("IntegrationServices").get(3));
        ObjectNode root = (ObjectNode) ScriptedHost.JSON.readTree(host.inventoryJson());
        root.set("VMs", v);
        Inventory inv = read(root.toString());
        assertEquals(List.of(), inv.errors());
        assertEquals(1, inv.vms().size());
        assertEquals(Boolean.TRUE, inv.vms().get(0).hyperv().integrationService("Shutdown"));
    }

    @Test
    void aMalformedVmIsAnErrorNamingItAndTheFieldWhileTheOthersAreRead() throws Exception {
        ScriptedHost host = new ScriptedHost();
        host.add(ScriptedHost.vm(WEB, "web01"));
        host.add(ScriptedHost.vm(OLD, "broken")).remove("ProcessorCount");
        host.add(ScriptedHost.vm("2d3e4f5a-6b7c-4d8e-9fa0-b1c2d3e4f5a6", "numbers")).put("AutomaticStopAction", 2);
        host.add(ScriptedHost.vm("3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7", "badversion")).put("Version", "nine");
        Inventory inv = read(host);
        assertEquals(List.of("web01"), inv.vms().stream().map(Vm::name).toList());
        assertEquals(3, inv.errors().size(), inv.errors().toString());
        ObjectError missing = inv.errors().get(0);
        assertEquals("VM 'broken' (" + OLD + ")", missing.object());
        assertEquals("ProcessorCount", missing.location());
        assertTrue(missing.message().contains("missing; expected a whole number"), missing.message());
        ObjectError number = inv.errors().get(1);
        assertEquals("AutomaticStopAction", number.location());
        assertTrue(number.message().contains("the number 2") && number.message().contains("[string]"), number.message());
        ObjectError version = inv.errors().get(2);
        assertEquals("VM 'badversion' (3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7)", version.object());
        assertEquals("Version", version.location());
        assertTrue(version.message().contains("expected e.g. 9.0"), version.message());
    }

    @Test
    void aVmWithoutNameOrIdIsNamedByItsPlaceInTheList() throws Exception {
        ScriptedHost host = new ScriptedHost();
        host.add(ScriptedHost.vm(WEB, "web01"));
        ObjectNode root = (ObjectNode) ScriptedHost.JSON.readTree(host.inventoryJson());
        ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("VMs")).add("not a VM");
        Inventory inv = read(root.toString());
        assertEquals(1, inv.vms().size());
        assertEquals("VM #2 of hv1.example:5986", inv.errors().get(0).object());
        assertTrue(inv.errors().get(0).message().contains("expected a VM object"), inv.errors().get(0).message());
    }

    @Test
    void outputThatIsNotJsonNamesTheHostAndQuotesIt() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> read("WARNING: module not loaded"));
        assertTrue(e.getMessage().contains("hv1.example:5986") && e.getMessage().contains("not JSON")
                && e.getMessage().contains("WARNING: module not loaded"), e.getMessage());
    }

    @Test
    void aHostWithoutSupportedVersionsIsAnErrorNamingTheField() throws Exception {
        ObjectNode root = (ObjectNode) ScriptedHost.JSON.readTree(new ScriptedHost().inventoryJson());
        root.remove("SupportedVersions");
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(root.toString()));
        assertTrue(e.getMessage().contains("host hv1.example:5986: SupportedVersions: missing"), e.getMessage());
    }

    @Test
    void aFailedInventoryQuotesTheFirstLineOfStderr() {
        ScriptRunner failing = new ScriptRunner() {
            @Override public String where() { return "hv1.example:5986"; }
            @Override public ShellResult run(PowerShellCommand c) {
                return new ShellResult("", "Get-VMHost : You do not have the required permission to complete this task.\r\n"
                        + "At line:44 char:11\r\n    + CategoryInfo          : PermissionDenied\r\n", 1, List.of());
            }
        };
        ConnectorException e = assertThrows(ConnectorException.class, () -> new HypervSession("t",
                new HostScripts(failing, "hv1.example"), () -> { }).inventory(Progress.NONE));
        assertEquals("the inventory script failed on hv1.example:5986 (exit code 1): Get-VMHost : You do not have the "
                + "required permission to complete this task.", e.getMessage());
    }

    @Test
    void stderrInClixmlIsReadToo() {
        String clixml = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                + "<S S=\"Error\">Get-VM : Hyper-V was unable to find a virtual machine with id &apos;x&apos;._x000D__x000A_</S>"
                + "<S S=\"Error\">    + CategoryInfo : InvalidArgument_x000D__x000A_</S></Objs>";
        assertEquals("Get-VM : Hyper-V was unable to find a virtual machine with id 'x'.", PowerShellErrors.firstLine(clixml));
    }
}
