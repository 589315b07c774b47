package org.hvdiag.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.hvdiag.core.model.Firmware;
import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
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
 * A generated fleet shaped like a real one: mostly modern, clean VMs, with a minority carrying each
 * kind of problem the rules look for, spread over hosts of different sizes. Seeded, so every run
 * audits the same fleet.
 */
public final class Fleet {
    private static final GuestOs[] GUESTS = {
        new GuestOs("windows9-64", GuestOs.Family.WINDOWS, 100, false, "Windows 10"),
        new GuestOs("windows11-64", GuestOs.Family.WINDOWS, 100, false, "Windows 11"),
        new GuestOs("windows2019srv-64", GuestOs.Family.WINDOWS, 100, true, "Windows Server 2019"),
        new GuestOs("windows2019srvNext-64", GuestOs.Family.WINDOWS, 100, true, "Windows Server 2022"),
        new GuestOs("windows7-64", GuestOs.Family.WINDOWS, 61, false, "Windows 7"),
        new GuestOs("rhel8-64", GuestOs.Family.LINUX, 400, true, "Red Hat Enterprise Linux 8"),
        new GuestOs("ubuntu-64", GuestOs.Family.LINUX, -1, false, "Ubuntu"),
        new GuestOs("darwin20-64", GuestOs.Family.MACOS, -1, false, "macOS 11"),
    };

    public final List<Host> hosts = new ArrayList<>();
    public final List<Vm> vms = new ArrayList<>();

    public Fleet(int vmCount, long seed) {
        Random r = new Random(seed);
        int hostCount = Math.max(1, vmCount / 40);
        for (int h = 0; h < hostCount; h++) {
            int cores = 8 << r.nextInt(3);
            hosts.add(new Host("host-" + h, "esx-" + h, HypervisorKind.VSPHERE, "8.0.2", 2, cores, cores * 2,
                    (128L << r.nextInt(3)) * 1024, HardwareVersion.vmx(21), List.of()));
        }
        for (int i = 0; i < vmCount; i++) {
            vms.add(vm(i, r, hosts.get(i % hostCount)));
        }
    }

    private static Vm vm(int i, Random r, Host host) {
        boolean problem = r.nextInt(10) == 0;
        GuestOs guest = GUESTS[problem ? r.nextInt(GUESTS.length) : r.nextInt(4)];
        int hw = problem ? 7 + r.nextInt(15) : 19 + r.nextInt(3);
        List<UsbController> controllers = new ArrayList<>();
        List<UsbDevice> devices = new ArrayList<>();
        List<UsbFilter> filters = new ArrayList<>();
        int usb = r.nextInt(4);
        if (usb >= 1) {
            controllers.add(new UsbController("usb_xhci", UsbControllerType.XHCI, "xhci", false));
        }
        if (usb == 3 || (problem && r.nextBoolean())) {
            controllers.add(new UsbController("usb", UsbControllerType.UHCI, "uhci", false));
            controllers.add(new UsbController("ehci", UsbControllerType.EHCI, "ehci", false));
        }
        if (usb >= 2) {
            devices.add(new UsbDevice("usb_xhci:0", 0x0781, 0x5583, "SanDisk", UsbSpeed.USB_3_X, "usb_xhci", problem));
            filters.add(new UsbFilter("usb.autoConnect.device0", "", 0x0781, 0x5583, "", "vid:0x0781 pid:0x5583", true));
        }
        if (problem && r.nextInt(4) == 0) {
            filters.add(new UsbFilter("usb.generic.autoconnect", "generic autoconnect", -1, -1, "", "TRUE", true));
        }
        int vcpus = problem ? 1 << r.nextInt(6) : 1 << r.nextInt(3);
        return Vm.builder("vm-" + i, HypervisorKind.VSPHERE)
                .name("vm-" + i).hostId(host.id()).source("vsphere://bench")
                .powerState(r.nextInt(5) == 0 ? PowerState.POWERED_OFF : PowerState.POWERED_ON)
                .hardwareVersion(HardwareVersion.vmx(hw)).firmware(Firmware.EFI).guestOs(guest)
                .vcpus(vcpus).memoryMiB(1024L << r.nextInt(5))
                .cpuHotAdd(problem && r.nextBoolean()).memoryHotAdd(r.nextBoolean())
                .deviceHotplug(!guest.server() || problem)
                .usbControllers(controllers).usbDevices(devices).usbFilters(filters)
                .toolsState(problem && r.nextBoolean() ? ToolsState.NOT_INSTALLED : ToolsState.OK)
                .toolsVersion("12.3.0").toolsUpgradePolicy(problem && r.nextBoolean() ? "manual" : "upgradeAtPowerCycle")
                .snapshotCount(0).powerOffBehaviour(problem && r.nextBoolean() ? PowerOffBehaviour.HARD : PowerOffBehaviour.SOFT)
                .rawProperties(Map.of())
                .build();
    }
}
