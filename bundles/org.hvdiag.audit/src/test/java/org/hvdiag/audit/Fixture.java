package org.hvdiag.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ChangePreview;
import org.hvdiag.core.model.Firmware;
import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervSettings;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.ToolsState;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.model.Vm;

/**
 * A typical clean VM and its host, from which tests build the VMs that break one rule each, and the
 * calls that run one rule the way the engine does.
 */
public final class Fixture {
    public static final String HOST_ID = "host-10";

    public static final GuestOs WINDOWS_10 = new GuestOs("windows9-64", GuestOs.Family.WINDOWS, 100, false,
            "Microsoft Windows 10 (64-bit)");
    public static final GuestOs WINDOWS_8 = new GuestOs("windows8-64", GuestOs.Family.WINDOWS, 62, false,
            "Microsoft Windows 8 (64-bit)");
    public static final GuestOs WINDOWS_7 = new GuestOs("windows7-64", GuestOs.Family.WINDOWS, 61, false,
            "Microsoft Windows 7 (64-bit)");
    public static final GuestOs WINDOWS_UNKNOWN = new GuestOs("windows", GuestOs.Family.WINDOWS, -1, false,
            "Microsoft Windows");
    public static final GuestOs WINDOWS_2022 = new GuestOs("windows2019srvNext-64", GuestOs.Family.WINDOWS, 100, true,
            "Microsoft Windows Server 2022 (64-bit)");
    public static final GuestOs UBUNTU = new GuestOs("ubuntu-64", GuestOs.Family.LINUX, 500, false,
            "Ubuntu Linux (64-bit)");
    public static final GuestOs LINUX_2_6 = new GuestOs("other26xlinux-64", GuestOs.Family.LINUX, 206, false,
            "Other 2.6.x Linux (64-bit)");
    public static final GuestOs LINUX_2_4 = new GuestOs("other24xlinux", GuestOs.Family.LINUX, 204, false,
            "Other 2.4.x Linux");
    public static final GuestOs LINUX_UNKNOWN = new GuestOs("otherlinux-64", GuestOs.Family.LINUX, -1, false,
            "Other Linux (64-bit)");
    public static final GuestOs MACOS = new GuestOs("darwin19-64", GuestOs.Family.MACOS, 1015, false,
            "Apple macOS 10.15");

    public static final UsbController UHCI = new UsbController("usb", UsbControllerType.UHCI, "", false);
    public static final UsbController EHCI = new UsbController("ehci", UsbControllerType.EHCI, "", false);
    public static final UsbController XHCI = new UsbController("usb_xhci", UsbControllerType.XHCI, "", false);

    // VirtualBox as its connector maps it: controllers named by VirtualBox, guests by OS type id.
    public static final UsbController VBOX_OHCI = new UsbController("OHCI", UsbControllerType.OHCI, "", false);
    public static final UsbController VBOX_EHCI = new UsbController("EHCI", UsbControllerType.EHCI, "", false);
    public static final UsbController VBOX_XHCI = new UsbController("xHCI", UsbControllerType.XHCI, "", false);
    public static final GuestOs VBOX_WINDOWS_10 = new GuestOs("Windows10_64", GuestOs.Family.WINDOWS, 100, false,
            "Windows 10 (64-bit)");
    public static final GuestOs VBOX_WINDOWS_8 = new GuestOs("Windows8_64", GuestOs.Family.WINDOWS, 62, false,
            "Windows 8 (64-bit)");
    public static final GuestOs VBOX_WINDOWS_7 = new GuestOs("Windows7_64", GuestOs.Family.WINDOWS, 61, false,
            "Windows 7 (64-bit)");
    public static final GuestOs VBOX_WINDOWS_XP = new GuestOs("WindowsXP", GuestOs.Family.WINDOWS, 51, false,
            "Windows XP (32-bit)");
    public static final GuestOs VBOX_UBUNTU = new GuestOs("Ubuntu_64", GuestOs.Family.LINUX, -1, false,
            "Ubuntu (64-bit)");
    public static final String PACK_6_1_50 = "Oracle VM VirtualBox Extension Pack 6.1.50r161033";

    // libvirt as its connector maps a domain: controllers "usb<index>-<model>", guests by libosinfo id,
    // USB host devices "hostdev[N]" and redirection channels "redirdev[N]" with raw properties beside them.
    public static final UsbController QEMU_XHCI = new UsbController("usb0-qemu-xhci", UsbControllerType.XHCI,
            "qemu-xhci", false);
    public static final UsbController PIIX3_UHCI = new UsbController("usb0-piix3-uhci", UsbControllerType.UHCI,
            "piix3-uhci", false);
    /** What libvirt gives a q35 machine's controller without a model: ICH9 EHCI and its three UHCI companions. */
    public static final List<UsbController> ICH9 = List.of(
            new UsbController("usb0-ich9-ehci1", UsbControllerType.EHCI, "ich9-ehci1", false),
            new UsbController("usb0-ich9-uhci1", UsbControllerType.UHCI, "ich9-uhci1", false),
            new UsbController("usb0-ich9-uhci2", UsbControllerType.UHCI, "ich9-uhci2", false),
            new UsbController("usb0-ich9-uhci3", UsbControllerType.UHCI, "ich9-uhci3", false));
    public static final GuestOs LIBOSINFO_WIN10 = new GuestOs("http://microsoft.com/win/10", GuestOs.Family.WINDOWS,
            100, false, "Windows 10");
    public static final GuestOs LIBOSINFO_WIN2K22 = new GuestOs("http://microsoft.com/win/2k22", GuestOs.Family.WINDOWS,
            100, true, "Windows Server 2022");
    /** libosinfo names a distribution, not a kernel: the connector leaves the release unknown. */
    public static final GuestOs LIBOSINFO_UBUNTU = new GuestOs("http://ubuntu.com/ubuntu/22.04", GuestOs.Family.LINUX,
            -1, false, "http://ubuntu.com/ubuntu/22.04");

    /** A USB 3 stick on the xHCI controller, connected by hand. */
    public static final UsbDevice STICK = new UsbDevice("usb_xhci:4", 0x0781, 0x5581, "SanDisk Ultra", UsbSpeed.USB_3_X,
            "usb_xhci", false);

    private Fixture() {
    }

    /** ESXi 8.0 U2: 2 sockets, 16 cores, 32 threads, 128 GiB, newest hardware vmx-21. */
    public static Host esxHost() {
        return host(HypervisorKind.VSPHERE);
    }

    public static Host host(HypervisorKind kind) {
        return switch (kind) {
            case VSPHERE -> new Host(HOST_ID, "esx01", kind, "ESXi 8.0.2", 2, 16, 32, 131072,
                    HardwareVersion.vmx(21), List.of());
            case VMWARE_WORKSTATION -> new Host(HOST_ID, "ws01", kind, "Workstation 17.5", 1, 16, 32, 131072,
                    HardwareVersion.vmx(21), List.of());
            case VIRTUALBOX -> new Host(HOST_ID, "vbox01", kind, "7.1.4r165100", 1, 16, 32, 131072, null, List.of());
            case HYPERV -> hypervHost(HardwareVersion.hyperv(10, 0));
            case LIBVIRT -> new Host(HOST_ID, "kvm01", kind, "libvirt 9.0.0", 2, 16, 32, 131072, null, List.of());
        };
    }

    /** Windows Server 2022 (build 20348): configuration versions 8.0 to 10.0, new VMs at {@code defaultVersion}. */
    public static Host hypervHost(HardwareVersion defaultVersion) {
        return new Host(HOST_ID, "hv01", HypervisorKind.HYPERV, "10.0.20348", 2, 16, 32, 131072,
                HardwareVersion.hyperv(10, 0), List.of(), false, HardwareVersion.hyperv(8, 0), defaultVersion);
    }

    /**
     * Hyper-V's defaults for a new generation 2 VM: every integration service on but Guest Service
     * Interface, Secure Boot on the MicrosoftWindows template, fixed memory, production checkpoints.
     */
    public static HypervSettings hypervDefaults() {
        List<HypervSettings.IntegrationService> services = List.of(
                new HypervSettings.IntegrationService(HypervSettings.GUEST_SERVICE_INTERFACE, false),
                new HypervSettings.IntegrationService(HypervSettings.HEARTBEAT, true),
                new HypervSettings.IntegrationService(HypervSettings.KEY_VALUE_PAIR_EXCHANGE, true),
                new HypervSettings.IntegrationService(HypervSettings.SHUTDOWN, true),
                new HypervSettings.IntegrationService(HypervSettings.TIME_SYNCHRONIZATION, true),
                new HypervSettings.IntegrationService(HypervSettings.VSS, true));
        return new HypervSettings(2, new HypervSettings.DynamicMemory(false, 512, 1048576, 20), false, services, true,
                HypervSettings.TEMPLATE_WINDOWS, "Production");
    }

    /** A clean Windows 10 desktop on vSphere: vmx-21, 4 vCPUs, 8 GiB, an xHCI controller with a USB 3 stick. */
    public static Vm windows10() {
        return windows10(HypervisorKind.VSPHERE);
    }

    public static Vm windows10(HypervisorKind kind) {
        HardwareVersion hw = switch (kind) {
            case VSPHERE, VMWARE_WORKSTATION -> HardwareVersion.vmx(21);
            case HYPERV -> new HardwareVersion(HardwareVersion.Family.HYPERV, 10, 0);
            case VIRTUALBOX -> new HardwareVersion(HardwareVersion.Family.VIRTUALBOX, 1, 19);
            case LIBVIRT -> new HardwareVersion(HardwareVersion.Family.LIBVIRT_MACHINE, 7, 2);
        };
        boolean usb = kind != HypervisorKind.HYPERV;
        if (kind == HypervisorKind.VIRTUALBOX) {
            // VirtualBox hands host devices to a VM through filters only: no attached devices.
            return Vm.builder("vm-101", kind)
                    .name("win10-desk")
                    .hostId(HOST_ID)
                    .source("/srv/vbox/win10-desk/win10-desk.vbox")
                    .powerState(PowerState.POWERED_ON)
                    .hardwareVersion(hw)
                    .firmware(Firmware.EFI)
                    .guestOs(VBOX_WINDOWS_10)
                    .vcpus(4)
                    .memoryMiB(8192)
                    .usbControllers(List.of(VBOX_XHCI))
                    .toolsState(ToolsState.OK)
                    .toolsVersion("7.1.4r165100")
                    .snapshotCount(0)
                    .build();
        }
        return Vm.builder("vm-101", kind)
                .name("win10-desk")
                .hostId(HOST_ID)
                .source("[ds1] win10-desk/win10-desk.vmx")
                .powerState(PowerState.POWERED_ON)
                .hardwareVersion(hw)
                .firmware(Firmware.EFI)
                .guestOs(WINDOWS_10)
                .vcpus(4)
                .memoryMiB(8192)
                .usbControllers(usb ? List.of(XHCI) : List.of())
                .usbDevices(usb ? List.of(STICK) : List.of())
                .toolsState(ToolsState.OK)
                .toolsVersion("12.3.5")
                .toolsUpgradePolicy("upgradeAtPowerCycle")
                .snapshotCount(0)
                .powerOffBehaviour(PowerOffBehaviour.SOFT)
                .hyperv(kind == HypervisorKind.HYPERV ? hypervDefaults() : null)
                .build();
    }

    /**
     * A clean Windows 10 domain on kvm01 as the libvirt connector maps it: machine pc-q35-7.2, a qemu-xhci
     * controller and no USB devices, a guest agent channel (tools state then unknown: the XML does not
     * say whether an agent answers).
     */
    public static Vm libvirtDomain() {
        return windows10(HypervisorKind.LIBVIRT).toBuilder()
                .source("/etc/libvirt/qemu/win10-desk.xml")
                .guestOs(LIBOSINFO_WIN10)
                .usbControllers(List.of(QEMU_XHCI))
                .usbDevices(List.of())
                .toolsState(ToolsState.UNKNOWN)
                .toolsVersion("")
                .toolsUpgradePolicy("")
                .powerOffBehaviour(PowerOffBehaviour.DEFAULT)
                .rawProperties(Map.of("domain@type", "kvm", "os/type@machine", "pc-q35-7.2",
                        "metadata/libosinfo/os@id", LIBOSINFO_WIN10.id(), "channel[org.qemu.guest_agent.0]", "present"))
                .build();
    }

    /** USB host device hostdev[n] as the connector names it: by vendor and product as libvirt writes them. */
    public static UsbDevice hostDevice(int n, int vendorId, int productId, UsbSpeed speed, String controllerId) {
        return new UsbDevice("hostdev[" + n + "]", vendorId, productId,
                String.format("host USB device 0x%04x:0x%04x", vendorId, productId), speed, controllerId, true);
    }

    /** USB redirection channel redirdev[n]: no device of its own until a client hands one over. */
    public static UsbDevice redirection(int n, String type) {
        return new UsbDevice("redirdev[" + n + "]", -1, -1, "USB redirection channel (" + type + ")", UsbSpeed.UNKNOWN,
                "", false);
    }

    /** {@code vm} with these raw properties added to its own (keys and values alternating). */
    public static Vm withRaw(Vm vm, String... keysAndValues) {
        Map<String, String> raw = new LinkedHashMap<>(vm.rawProperties());
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            raw.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return vm.toBuilder().rawProperties(raw).build();
    }

    /** A VirtualBox host of {@code version} whose packs are known: {@code packs}, possibly none. */
    public static Host vboxHost(String version, String... packs) {
        return new Host(HOST_ID, "vbox01", HypervisorKind.VIRTUALBOX, version, 1, 16, 32, 131072, null, List.of(packs),
                true);
    }

    /** A VirtualBox host reached over the web service, which does not show extension packs. */
    public static Host vboxHostPacksUnknown(String version) {
        return new Host(HOST_ID, "vbox01", HypervisorKind.VIRTUALBOX, version, 1, 16, 32, 131072, null, List.of(),
                false);
    }

    public static UsbDevice device(String id, String name, UsbSpeed speed, String controllerId) {
        return new UsbDevice(id, 0x046d, 0xc52b, name, speed, controllerId, false);
    }

    public static UsbFilter filter(String id, String name, int vendorId, int productId, boolean active) {
        return new UsbFilter(id, name, vendorId, productId, "", "", active);
    }

    public static List<Finding> run(Rule rule, Vm vm) {
        return run(rule, vm, esxHost(), AuditSettings.DEFAULTS);
    }

    public static List<Finding> run(Rule rule, Vm vm, Host host) {
        return run(rule, vm, host, AuditSettings.DEFAULTS);
    }

    public static List<Finding> run(Rule rule, Vm vm, Host host, AuditSettings settings) {
        List<Finding> out = new ArrayList<>();
        ((VmRule) rule).evaluate(vm, host, settings, out::add);
        return out;
    }

    public static List<Finding> runHost(Rule rule, Host host, List<Vm> vms) {
        List<Finding> out = new ArrayList<>();
        ((HostRule) rule).evaluate(host, vms, AuditSettings.DEFAULTS, out::add);
        return out;
    }

    /** The one finding a rule made, checked for the fields every VM finding must carry. */
    public static Finding only(Rule rule, List<Finding> findings, Vm vm) {
        assertEquals(1, findings.size(), () -> "expected one finding, got " + findings);
        Finding f = findings.get(0);
        assertEquals(rule.info().id(), f.ruleId());
        assertEquals(rule.info().severity(), f.severity());
        assertEquals(vm.id(), f.vmId());
        assertEquals(vm.name(), f.vmName());
        assertEquals(vm.hostId(), f.hostId());
        assertTrue(f.fix() == null || rule.info().fixable(), "a rule that says it is not fixable offered a fix");
        if (f.fix() != null) {
            assertEquals(List.of(rule.info().id()), f.fix().ruleIds());
            assertEquals(vm.id(), f.fix().vmId());
        }
        return f;
    }

    /** Applies the fix of the rule's one finding to the model and checks the rule no longer fires. */
    public static Vm assertFixClears(Rule rule, Vm vm, Host host, AuditSettings settings) {
        Finding f = only(rule, run(rule, vm, host, settings), vm);
        ChangePlan fix = f.fix();
        assertNotNull(fix, "no fix offered");
        Vm fixed = ChangePreview.apply(vm, fix);
        List<Finding> after = run(rule, fixed, host, settings);
        assertTrue(after.isEmpty(), () -> "still fires after its own fix: " + after);
        return fixed;
    }

    public static Vm assertFixClears(Rule rule, Vm vm) {
        return assertFixClears(rule, vm, esxHost(), AuditSettings.DEFAULTS);
    }
}
