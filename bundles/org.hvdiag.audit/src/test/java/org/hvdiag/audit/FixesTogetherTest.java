package org.hvdiag.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ChangePreview;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.model.Vm;

/**
 * Fixing every finding of a VM in one push, as `hvdiag fix` does with merged plans, must leave none
 * of the fixed findings and must not create findings the VM did not have.
 */
class FixesTogetherTest {
    final RuleEngine engine = new RuleEngine(BuiltInRules.all());
    final Host host = Fixture.esxHost();

    List<Finding> audit(Vm vm, Host on) {
        List<Finding> out = new ArrayList<>();
        engine.audit(List.of(vm), Map.of(on.id(), on), AuditSettings.DEFAULTS, out::add);
        return out;
    }

    static Set<String> ids(List<Finding> findings, boolean fixable) {
        Set<String> ids = new TreeSet<>();
        for (Finding f : findings) {
            if (f.fixable() == fixable) {
                ids.add(f.ruleId());
            }
        }
        return ids;
    }

    /** Returns the VM after the merged fix, having checked what the re-audit finds. */
    Vm fixAll(Vm vm, Set<String> expectedFixable) {
        return fixAll(vm, host, expectedFixable);
    }

    Vm fixAll(Vm vm, Host on, Set<String> expectedFixable) {
        List<Finding> before = audit(vm, on);
        assertEquals(expectedFixable, ids(before, true), before.toString());
        ChangePlan merged = null;
        for (Finding f : before) {
            if (f.fixable()) {
                merged = merged == null ? f.fix() : merged.merge(f.fix());
            }
        }
        assertNotNull(merged);
        Vm fixed = ChangePreview.apply(vm, merged);
        List<Finding> after = audit(fixed, on);
        Set<String> left = ids(after, true);
        left.addAll(ids(after, false));
        Set<String> allowed = ids(before, false);
        assertTrue(allowed.containsAll(left), "after the fix: " + after);
        return fixed;
    }

    @Test
    void untidyWindowsServer() {
        UsbController hotplugXhci = new UsbController("usb_xhci", UsbControllerType.XHCI, "", true);
        UsbDevice dongle = new UsbDevice("usb_xhci:5", 0x0529, 0x0001, "HASP key", UsbSpeed.USB_1_1, "usb_xhci", true);
        UsbDevice mouse = new UsbDevice("ehci:1", 0x046d, 0xc52b, "receiver", UsbSpeed.USB_2_0, "ehci", false);
        Vm vm = Fixture.windows10().toBuilder().guestOs(Fixture.WINDOWS_2022).hardwareVersion(HardwareVersion.vmx(13))
                .usbControllers(List.of(Fixture.UHCI, Fixture.EHCI, hotplugXhci))
                .usbDevices(List.of(mouse, Fixture.STICK, dongle))
                .usbFilters(List.of(Fixture.filter("usb.generic.autoconnect", "", -1, -1, true)))
                .cpuHotAdd(true).vcpus(24).powerOffBehaviour(PowerOffBehaviour.HARD).toolsUpgradePolicy("manual")
                .deviceHotplug(true).build();
        Vm fixed = fixAll(vm, Set.of("cpu-hotadd-disables-vnuma", "cpu-vcpus-exceed-host-cores", "hotplug-devices-server",
                "hw-older-than-host", "power-hard-poweroff", "tools-upgrade-manual", "usb-autoconnect-on-server",
                "usb-ehci-and-xhci-windows", "usb-filter-matches-any"));
        assertEquals(List.of(new UsbController("usb_xhci", UsbControllerType.XHCI, "", false)), fixed.usbControllers());
        assertEquals(HardwareVersion.vmx(21), fixed.hardwareVersion());
        assertEquals(16, fixed.vcpus());
    }

    @Test
    void libvirtServerWithAHostDeviceAndASpiceChannel() {
        // Four rules touch this domain's USB: their merged fix leaves the host device, made optional and no
        // longer automatic, and takes the channel and its allow-all rule away.
        Host kvm = Fixture.host(HypervisorKind.LIBVIRT);
        UsbDevice hasp = Fixture.hostDevice(0, 0x0529, 0x0001, UsbSpeed.UNKNOWN, Fixture.QEMU_XHCI.id());
        UsbFilter all = new UsbFilter("redirfilter/usbdev[0]", "usbdev allow=yes", -1, -1, "", "usbdev allow=yes", true);
        Vm vm = Fixture.withRaw(Fixture.libvirtDomain().toBuilder().guestOs(Fixture.LIBOSINFO_WIN2K22)
                        .usbDevices(List.of(hasp, Fixture.redirection(0, "spicevmc"))).usbFilters(List.of(all)).build(),
                "hostdev[0]@startupPolicy", "(none: mandatory)", "redirdev[0]@type", "spicevmc",
                "redirfilter/usbdev[0]", "usbdev allow=yes");
        Vm fixed = fixAll(vm, kvm, Set.of("usb-autoconnect-on-server", "usb-filter-matches-any",
                "usb-libvirt-hostdev-not-optional", "usb-redirection-on-server"));
        assertEquals(List.of("hostdev[0]"), fixed.usbDevices().stream().map(UsbDevice::id).toList());
        assertEquals("optional", fixed.raw("hostdev[0]@startupPolicy"));
        assertEquals(List.of(), fixed.usbFilters());
    }

    @Test
    void libvirtWindows10WithAUsb3StickOnIch9() {
        // usb-libvirt-prefer-xhci and usb-no-xhci-for-usb3 offer the same change; merged it is made once.
        Host kvm = Fixture.host(HypervisorKind.LIBVIRT);
        UsbDevice stick = Fixture.hostDevice(0, 0x0781, 0x5581, UsbSpeed.USB_3_X, Fixture.ICH9.get(0).id());
        Vm vm = Fixture.withRaw(Fixture.libvirtDomain().toBuilder().usbControllers(Fixture.ICH9)
                .usbDevices(List.of(stick)).build(), "hostdev[0]@startupPolicy", "optional");
        Vm fixed = fixAll(vm, kvm, Set.of("usb-libvirt-prefer-xhci", "usb-no-xhci-for-usb3"));
        assertEquals(List.of(UsbControllerType.XHCI), fixed.usbControllers().stream().map(UsbController::type).toList());
    }

    @Test
    void windows7OnAncientHardware() {
        Vm vm = Fixture.windows10().toBuilder().guestOs(Fixture.WINDOWS_7).hardwareVersion(HardwareVersion.vmx(7)).build();
        Vm fixed = fixAll(vm, Set.of("hw-below-floor", "hw-older-than-host", "usb-xhci-guest-unsupported",
                "usb-xhci-hardware-too-old"));
        assertTrue(fixed.hasController(UsbControllerType.EHCI));
        assertEquals(HardwareVersion.vmx(21), fixed.hardwareVersion());
    }

    @Test
    void windows10WithUsb3StickOnEhci() {
        UsbDevice stickOnEhci = new UsbDevice("ehci:3", 0x0781, 0x5581, "SanDisk Ultra", UsbSpeed.USB_3_X, "ehci", false);
        Vm vm = Fixture.windows10().toBuilder().hardwareVersion(HardwareVersion.vmx(19))
                .usbControllers(List.of(Fixture.UHCI, Fixture.EHCI)).usbDevices(List.of(stickOnEhci)).build();
        Vm fixed = fixAll(vm, Set.of("hw-older-than-host", "usb-no-xhci-for-usb3"));
        assertEquals(List.of(UsbControllerType.XHCI), List.of(fixed.usbControllers().get(0).type()));
    }

    @Test
    void macosWithXhciOnly() {
        Vm vm = Fixture.windows10().toBuilder().guestOs(Fixture.MACOS).build();
        Vm fixed = fixAll(vm, Set.of("usb-macos-needs-ehci"));
        assertTrue(fixed.hasController(UsbControllerType.XHCI));
        assertTrue(fixed.hasController(UsbControllerType.EHCI));
    }

    @Test
    void windows7OnVirtualBox61WithoutPackEndsOnOhci() {
        // Three rules touch this VM's USB; their merged fix must leave a VM that starts: OHCI, no EHCI.
        Host vbox61 = Fixture.vboxHost("6.1.50r161033");
        Vm vm = Fixture.windows10(HypervisorKind.VIRTUALBOX).toBuilder().guestOs(Fixture.VBOX_WINDOWS_7)
                .usbControllers(List.of(Fixture.VBOX_XHCI))
                .usbFilters(List.of(Fixture.filter("usbfilter:All", "All", -1, -1, true))).build();
        Vm fixed = fixAll(vm, vbox61, Set.of("usb-filter-matches-any", "usb-vbox-extpack-missing",
                "usb-xhci-guest-unsupported"));
        assertEquals(List.of(UsbControllerType.OHCI), fixed.usbControllers().stream().map(UsbController::type).toList());
        assertEquals(List.of(Fixture.filter("usbfilter:All", "All", -1, -1, false)), fixed.usbFilters());
    }

    @Test
    void windows10OnVirtualBox61WithoutPackLosesEhciAndXhci() {
        Host vbox61 = Fixture.vboxHost("6.1.50r161033");
        Vm vm = Fixture.windows10(HypervisorKind.VIRTUALBOX).toBuilder()
                .usbControllers(List.of(Fixture.VBOX_OHCI, Fixture.VBOX_EHCI, Fixture.VBOX_XHCI)).build();
        Vm fixed = fixAll(vm, vbox61, Set.of("usb-ehci-and-xhci-windows", "usb-vbox-extpack-missing"));
        assertEquals(List.of(Fixture.VBOX_OHCI), fixed.usbControllers());
    }
}
