package org.hvdiag.audit.internal.rules;

import static org.hvdiag.audit.Fixture.EHCI;
import static org.hvdiag.audit.Fixture.STICK;
import static org.hvdiag.audit.Fixture.UHCI;
import static org.hvdiag.audit.Fixture.VBOX_EHCI;
import static org.hvdiag.audit.Fixture.VBOX_OHCI;
import static org.hvdiag.audit.Fixture.VBOX_XHCI;
import static org.hvdiag.audit.Fixture.XHCI;
import static org.hvdiag.audit.Fixture.assertFixClears;
import static org.hvdiag.audit.Fixture.device;
import static org.hvdiag.audit.Fixture.only;
import static org.hvdiag.audit.Fixture.run;
import static org.hvdiag.audit.Fixture.vboxHost;
import static org.hvdiag.audit.Fixture.windows10;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.Fixture;
import org.hvdiag.audit.Severity;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Precondition;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.model.Vm;

/** Rules about which USB controllers a VM has. */
class UsbControllerRulesTest {

    @Nested
    class XhciHardwareTooOld {
        final XhciOnOldHardware rule = new XhciOnOldHardware();

        @Test
        void xhciOnVmx07IsReplacedByEhci() {
            Vm vm = windows10().toBuilder().hardwareVersion(HardwareVersion.vmx(7)).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("usb-xhci-hardware-too-old", f.ruleId());
            assertEquals(Severity.ERROR, f.severity());
            assertEquals("xHCI (USB 3) controller on vmx-07, which predates xHCI (needs vmx-08 or later)", f.message());
            assertEquals("vmx-07", f.evidence().get("virtualHW.version"));
            assertEquals(List.of(new ConfigChange.RemoveUsbDevice("usb_xhci:4", "SanDisk Ultra"),
                    new ConfigChange.RemoveUsbController("usb_xhci", UsbControllerType.XHCI),
                    new ConfigChange.AddUsbController(UsbControllerType.EHCI)), f.fix().changes());
            assertFixClears(rule, vm);
        }

        @Test
        void vmx08WithXhciIsFine() {
            Vm vm = windows10().toBuilder().hardwareVersion(HardwareVersion.vmx(8)).build();
            assertTrue(run(rule, vm).isEmpty());
        }
    }

    @Nested
    class XhciGuestUnsupportedRule {
        final XhciGuestUnsupported rule = new XhciGuestUnsupported();

        @Test
        void windows7WithXhci() {
            Vm vm = windows10().toBuilder().guestOs(Fixture.WINDOWS_7).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("usb-xhci-guest-unsupported", f.ruleId());
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("xHCI (USB 3) controller usb_xhci, but guest Microsoft Windows 7 (64-bit) "
                    + "cannot use USB passthrough through xHCI (needs Windows 8 / Windows Server 2012 or later)", f.message());
            assertEquals("windows7-64", f.evidence().get("guestOS"));
            assertEquals("TRUE", f.evidence().get("usb_xhci.present"));
            assertEquals("FALSE", f.evidence().get("ehci.present"));
            assertEquals(List.of(new ConfigChange.RemoveUsbDevice("usb_xhci:4", "SanDisk Ultra"),
                    new ConfigChange.RemoveUsbController("usb_xhci", UsbControllerType.XHCI),
                    new ConfigChange.AddUsbController(UsbControllerType.EHCI)), f.fix().changes());
            assertEquals(List.of(new Precondition.FieldIs(VmField.USB_CONTROLLERS, "XHCI"),
                    new Precondition.FieldIs(VmField.USB_DEVICES, "usb_xhci:4")), f.fix().preconditions());
            Vm fixed = assertFixClears(rule, vm);
            assertTrue(fixed.hasController(UsbControllerType.EHCI));
            assertFalse(fixed.hasController(UsbControllerType.XHCI));
        }

        @Test
        void keepsAnExistingEhciAndItsDevices() {
            UsbDevice mouse = device("ehci:1", "Logitech receiver", UsbSpeed.USB_2_0, "ehci");
            Vm vm = windows10().toBuilder().guestOs(Fixture.WINDOWS_7)
                    .usbControllers(List.of(UHCI, EHCI, XHCI)).usbDevices(List.of(mouse, STICK)).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals(List.of(new ConfigChange.RemoveUsbDevice("usb_xhci:4", "SanDisk Ultra"),
                    new ConfigChange.RemoveUsbController("usb_xhci", UsbControllerType.XHCI)), f.fix().changes());
            Vm fixed = assertFixClears(rule, vm);
            assertEquals(List.of(mouse), fixed.usbDevices());
        }

        @Test
        void linux24WithXhci() {
            Vm vm = windows10().toBuilder().guestOs(Fixture.LINUX_2_4).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertTrue(f.message().contains("Other 2.4.x Linux"), f.message());
            assertTrue(f.message().endsWith("(needs Linux kernel 2.6.35 or later)"), f.message());
            assertFixClears(rule, vm);
        }

        Vm vboxWindows7(UsbController... controllers) {
            return windows10(HypervisorKind.VIRTUALBOX).toBuilder().guestOs(Fixture.VBOX_WINDOWS_7)
                    .usbControllers(List.of(controllers)).build();
        }

        @Test
        void windows7WithXhciOnVirtualBox7GetsEhci() {
            Vm vm = vboxWindows7(VBOX_XHCI);
            Host host = vboxHost("7.0.14r161095");
            Finding f = only(rule, run(rule, vm, host), vm);
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("xHCI (USB 3) controller xHCI, but VirtualBox recommends USB 3 only for Windows 8 and later, "
                    + "and guest Windows 7 (64-bit) needs a third-party xHCI driver", f.message());
            assertEquals("Windows7_64", f.evidence().get("guest OS"));
            assertEquals("xHCI (xHCI)", f.evidence().get("USB controllers"));
            assertEquals(List.of(new ConfigChange.RemoveUsbController("xHCI", UsbControllerType.XHCI),
                    new ConfigChange.AddUsbController(UsbControllerType.EHCI)), f.fix().changes());
            Vm fixed = assertFixClears(rule, vm, host, AuditSettings.DEFAULTS);
            assertTrue(run(new VirtualBoxExtensionPackMissing(), fixed, host).isEmpty());
        }

        @Test
        void onVirtualBox61WithoutPackTheFixAddsOhciNotEhci() {
            // EHCI would stop this VM from starting as xHCI does: usb-vbox-extpack-missing would fire on the result.
            Vm vm = vboxWindows7(VBOX_XHCI);
            Host host = vboxHost("6.1.50r161033");
            Finding f = only(rule, run(rule, vm, host), vm);
            assertTrue(f.message().endsWith("; OHCI replaces it, since EHCI too needs the Oracle Extension Pack this "
                    + "host lacks"), f.message());
            assertEquals("none", f.evidence().get("extension packs"));
            assertEquals("6.1.50r161033", f.evidence().get("VirtualBox version"));
            assertEquals(List.of(new ConfigChange.RemoveUsbController("xHCI", UsbControllerType.XHCI),
                    new ConfigChange.AddUsbController(UsbControllerType.OHCI)), f.fix().changes());
            Vm fixed = assertFixClears(rule, vm, host, AuditSettings.DEFAULTS);
            assertTrue(run(new VirtualBoxExtensionPackMissing(), fixed, host).isEmpty());
        }

        @Test
        void onVirtualBox61WithMatchingPackTheFixAddsEhci() {
            Vm vm = windows10(HypervisorKind.VIRTUALBOX).toBuilder().guestOs(Fixture.VBOX_WINDOWS_XP)
                    .usbControllers(List.of(VBOX_OHCI, VBOX_XHCI)).build();
            Host host = vboxHost("6.1.50r161033", Fixture.PACK_6_1_50);
            Finding f = only(rule, run(rule, vm, host), vm);
            assertEquals(List.of(new ConfigChange.RemoveUsbController("xHCI", UsbControllerType.XHCI),
                    new ConfigChange.AddUsbController(UsbControllerType.EHCI)), f.fix().changes());
            assertFalse(f.evidence().containsKey("extension packs"));
        }

        @Test
        void virtualBoxNearMisses() {
            Host host = vboxHost("7.0.14");
            assertTrue(run(rule, vboxWindows7(VBOX_XHCI).toBuilder().guestOs(Fixture.VBOX_WINDOWS_8).build(), host)
                    .isEmpty(), "Windows 8");
            assertTrue(run(rule, windows10(HypervisorKind.VIRTUALBOX), host).isEmpty(), "Windows 10");
            assertTrue(run(rule, vboxWindows7(VBOX_XHCI).toBuilder().guestOs(Fixture.VBOX_UBUNTU).build(), host)
                    .isEmpty(), "Linux");
            // VirtualBox's table speaks of Windows only; the VMware kernel minimum is not applied to it.
            assertTrue(run(rule, vboxWindows7(VBOX_XHCI).toBuilder().guestOs(Fixture.LINUX_2_4).build(), host)
                    .isEmpty(), "Linux 2.4 on VirtualBox");
            assertTrue(run(rule, vboxWindows7(VBOX_OHCI, VBOX_EHCI), host).isEmpty(), "no xHCI");
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, windows10().toBuilder().guestOs(Fixture.WINDOWS_8).build()).isEmpty(), "Windows 8");
            assertTrue(run(rule, windows10()).isEmpty(), "Windows 10");
            // 2.6 covers 2.6.0 to 2.6.39: the model cannot tell 2.6.32 from 2.6.35.
            assertTrue(run(rule, windows10().toBuilder().guestOs(Fixture.LINUX_2_6).build()).isEmpty(), "Linux 2.6");
            assertTrue(run(rule, windows10().toBuilder().guestOs(Fixture.LINUX_UNKNOWN).build()).isEmpty(), "Linux ?");
            assertTrue(run(rule, windows10().toBuilder().guestOs(Fixture.WINDOWS_UNKNOWN).build()).isEmpty(), "Windows ?");
            assertTrue(run(rule, windows10().toBuilder().guestOs(Fixture.WINDOWS_7)
                    .usbControllers(List.of(UHCI, EHCI)).usbDevices(List.of()).build()).isEmpty(), "no xHCI");
        }
    }

    @Nested
    class MacosEhci {
        final MacosNeedsEhci rule = new MacosNeedsEhci();

        @Test
        void macosWithXhciOnly() {
            Vm vm = windows10().toBuilder().guestOs(Fixture.MACOS).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("usb-macos-needs-ehci", f.ruleId());
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("macOS guest Apple macOS 10.15 has no EHCI (USB 2.0) controller (controllers: "
                    + "xHCI (usb_xhci)); macOS needs EHCI+UHCI for its keyboard and mouse", f.message());
            assertEquals("darwin19-64", f.evidence().get("guestOS"));
            assertEquals("FALSE", f.evidence().get("ehci.present"));
            assertEquals(List.of(new ConfigChange.AddUsbController(UsbControllerType.EHCI)), f.fix().changes());
            assertFixClears(rule, vm);
        }

        @Test
        void macosWithoutAnyController() {
            Vm vm = windows10().toBuilder().guestOs(Fixture.MACOS).usbControllers(List.of()).usbDevices(List.of()).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertTrue(f.message().contains("(controllers: none)"), f.message());
            assertFixClears(rule, vm);
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, windows10().toBuilder().guestOs(Fixture.MACOS)
                    .usbControllers(List.of(UHCI, EHCI, XHCI)).build()).isEmpty(), "macOS with EHCI");
            assertTrue(run(rule, windows10()).isEmpty(), "Windows without EHCI");
        }
    }

    @Nested
    class DuplicateController {
        final DuplicateUsbController rule = new DuplicateUsbController();
        final UsbController secondXhci = new UsbController("usb_xhci1", UsbControllerType.XHCI, "", false);

        @Test
        void twoXhciControllers() {
            UsbDevice onSecond = device("usb_xhci1:2", "YubiKey", UsbSpeed.USB_2_0, "usb_xhci1");
            Vm vm = windows10().toBuilder().usbControllers(List.of(XHCI, secondXhci))
                    .usbDevices(List.of(STICK, onSecond)).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("usb-duplicate-controller", f.ruleId());
            assertEquals(Severity.ERROR, f.severity());
            assertEquals("More than one USB controller of one type (xHCI (usb_xhci), xHCI (usb_xhci1)); a VM can have "
                    + "only one of each type, so xHCI usb_xhci1 should go", f.message());
            assertEquals("xHCI (usb_xhci), xHCI (usb_xhci1)", f.evidence().get("USB controllers"));
            assertEquals("xHCI usb_xhci1", f.evidence().get("extra controllers"));
            assertEquals(List.of(new ConfigChange.RemoveUsbDevice("usb_xhci1:2", "YubiKey"),
                    new ConfigChange.RemoveUsbController("usb_xhci1", UsbControllerType.XHCI)), f.fix().changes());
            Vm fixed = assertFixClears(rule, vm);
            assertEquals(List.of(XHCI), fixed.usbControllers());
            assertEquals(List.of(STICK), fixed.usbDevices());
        }

        @Test
        void twoTypesDuplicatedGiveOneFinding() {
            UsbController secondEhci = new UsbController("ehci1", UsbControllerType.EHCI, "", false);
            Vm vm = windows10().toBuilder().usbControllers(List.of(EHCI, XHCI, secondEhci, secondXhci)).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("EHCI ehci1, xHCI usb_xhci1", f.evidence().get("extra controllers"));
            assertEquals(List.of(new ConfigChange.RemoveUsbController("ehci1", UsbControllerType.EHCI),
                    new ConfigChange.RemoveUsbController("usb_xhci1", UsbControllerType.XHCI)), f.fix().changes());
            assertFixClears(rule, vm);
        }

        @Test
        void twoXhciOnVirtualBox() {
            UsbController second = new UsbController("xHCI-1", UsbControllerType.XHCI, "", false);
            Vm vm = windows10(HypervisorKind.VIRTUALBOX).toBuilder().usbControllers(List.of(VBOX_OHCI, VBOX_XHCI, second))
                    .build();
            Host host = vboxHost("7.0.14");
            Finding f = only(rule, run(rule, vm, host), vm);
            assertEquals(Severity.ERROR, f.severity());
            assertEquals("OHCI (OHCI), xHCI (xHCI), xHCI (xHCI-1)", f.evidence().get("USB controllers"));
            assertEquals("xHCI xHCI-1", f.evidence().get("extra controllers"));
            assertEquals(List.of(new ConfigChange.RemoveUsbController("xHCI-1", UsbControllerType.XHCI)), f.fix().changes());
            assertEquals(List.of(VBOX_OHCI, VBOX_XHCI), assertFixClears(rule, vm, host, AuditSettings.DEFAULTS)
                    .usbControllers());
        }

        @Test
        void oneOfEachTypeOnVirtualBoxIsFine() {
            assertTrue(run(rule, windows10(HypervisorKind.VIRTUALBOX).toBuilder()
                    .usbControllers(List.of(VBOX_OHCI, VBOX_EHCI, VBOX_XHCI)).build(), vboxHost("7.0.14")).isEmpty());
        }

        @Test
        void oneOfEachTypeIsFine() {
            assertTrue(run(rule, windows10().toBuilder().usbControllers(List.of(UHCI, EHCI, XHCI)).build()).isEmpty());
            assertTrue(run(rule, windows10()).isEmpty());
        }

        @Test
        void libvirtCompanionControllersAreNotJudged() {
            // ich9-ehci1 with ich9-uhci1..3 is libvirt's normal USB 2 set-up.
            assertFalse(rule.info().appliesTo().contains(HypervisorKind.LIBVIRT));
            assertTrue(rule.info().appliesTo().contains(HypervisorKind.VSPHERE));
            assertTrue(rule.info().appliesTo().contains(HypervisorKind.VIRTUALBOX));
        }
    }

    @Nested
    class EhciAndXhciWindows {
        final EhciAndXhciOnWindows rule = new EhciAndXhciOnWindows();
        final UsbDevice mouse = device("ehci:1", "Logitech receiver", UsbSpeed.USB_2_0, "ehci");

        @Test
        void windows10WithBoth() {
            Vm vm = windows10().toBuilder().usbControllers(List.of(UHCI, EHCI, XHCI)).usbDevices(List.of(mouse, STICK)).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("usb-ehci-and-xhci-windows", f.ruleId());
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("Microsoft Windows 10 (64-bit) guest has both EHCI (USB 2.0) and xHCI (USB 3) "
                    + "controllers (UHCI (usb), EHCI (ehci), xHCI (usb_xhci)); Windows guests have shown USB problems "
                    + "with both present", f.message());
            assertEquals("TRUE", f.evidence().get("ehci.present"));
            assertEquals("TRUE", f.evidence().get("usb_xhci.present"));
            assertEquals(List.of(new ConfigChange.RemoveUsbDevice("ehci:1", "Logitech receiver"),
                    new ConfigChange.RemoveUsbController("usb", UsbControllerType.UHCI),
                    new ConfigChange.RemoveUsbController("ehci", UsbControllerType.EHCI)), f.fix().changes());
            Vm fixed = assertFixClears(rule, vm);
            assertEquals(List.of(XHCI), fixed.usbControllers());
            assertEquals(List.of(STICK), fixed.usbDevices());
        }

        @Test
        void onVirtualBoxTooWithModelNames() {
            Vm vm = windows10(HypervisorKind.VIRTUALBOX).toBuilder().usbControllers(List.of(
                    new UsbController("OHCI", UsbControllerType.OHCI, "", false),
                    new UsbController("EHCI", UsbControllerType.EHCI, "", false),
                    new UsbController("XHCI", UsbControllerType.XHCI, "", false))).usbDevices(List.of()).build();
            Finding f = only(rule, run(rule, vm, Fixture.host(HypervisorKind.VIRTUALBOX)), vm);
            assertEquals("OHCI (OHCI), EHCI (EHCI), xHCI (XHCI)", f.evidence().get("USB controllers"));
            assertEquals("Windows10_64", f.evidence().get("guest OS"));
            assertEquals(List.of(new ConfigChange.RemoveUsbController("EHCI", UsbControllerType.EHCI)), f.fix().changes());
        }

        @Test
        void windows7GetsNoFix() {
            Vm vm = windows10().toBuilder().guestOs(Fixture.WINDOWS_7).usbControllers(List.of(UHCI, EHCI, XHCI)).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertNull(f.fix());
            assertTrue(f.message().endsWith("no automatic fix: the guest release predates Windows 8, so it may need "
                    + "EHCI rather than xHCI"), f.message());
        }

        @Test
        void unknownWindowsReleaseGetsNoFix() {
            Vm vm = windows10().toBuilder().guestOs(Fixture.WINDOWS_UNKNOWN).usbControllers(List.of(EHCI, XHCI)).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertNull(f.fix());
            assertTrue(f.message().contains("guest release is unknown"), f.message());
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, windows10()).isEmpty(), "xHCI only");
            assertTrue(run(rule, windows10().toBuilder().usbControllers(List.of(UHCI, EHCI)).usbDevices(List.of())
                    .build()).isEmpty(), "EHCI only");
            assertTrue(run(rule, windows10().toBuilder().guestOs(Fixture.UBUNTU).usbControllers(List.of(UHCI, EHCI, XHCI))
                    .build()).isEmpty(), "Linux");
            // On vmx-07 the xHCI cannot work at all; usb-xhci-hardware-too-old removes it.
            assertTrue(run(rule, windows10().toBuilder().hardwareVersion(HardwareVersion.vmx(7))
                    .usbControllers(List.of(UHCI, EHCI, XHCI)).build()).isEmpty(), "vmx-07");
        }
    }

    @Nested
    class NoXhciForUsb3Devices {
        final NoXhciForUsb3 rule = new NoXhciForUsb3();
        final UsbDevice stickOnEhci = new UsbDevice("ehci:3", 0x0781, 0x5581, "SanDisk Ultra", UsbSpeed.USB_3_X, "ehci", false);

        Vm usb2Only() {
            return windows10().toBuilder().hardwareVersion(HardwareVersion.vmx(19))
                    .usbControllers(List.of(UHCI, EHCI)).usbDevices(List.of(stickOnEhci)).build();
        }

        @Test
        void windowsUsb3DeviceOnEhci() {
            Vm vm = usb2Only();
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("usb-no-xhci-for-usb3", f.ruleId());
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("1 USB 3 device but no xHCI (USB 3) controller, although vmx-19 and guest Microsoft Windows 10 "
                    + "(64-bit) support xHCI: USB 3 devices run at USB 2.0 speed or less", f.message());
            assertEquals("vmx-19", f.evidence().get("virtualHW.version"));
            assertEquals("FALSE", f.evidence().get("usb_xhci.present"));
            assertEquals("SanDisk Ultra (0781:5581)", f.evidence().get("USB 3 devices"));
            assertEquals("0", f.evidence().get("active autoconnect rules"));
            assertEquals(List.of(new ConfigChange.RemoveUsbDevice("ehci:3", "SanDisk Ultra"),
                    new ConfigChange.RemoveUsbController("usb", UsbControllerType.UHCI),
                    new ConfigChange.RemoveUsbController("ehci", UsbControllerType.EHCI),
                    new ConfigChange.AddUsbController(UsbControllerType.XHCI)), f.fix().changes());
            Vm fixed = assertFixClears(rule, vm);
            assertTrue(run(new EhciAndXhciOnWindows(), fixed).isEmpty(), "the fix must not make the EHCI+xHCI rule fire");
        }

        @Test
        void linuxWithAnAutoconnectRuleKeepsEhci() {
            Vm vm = usb2Only().toBuilder().guestOs(Fixture.UBUNTU)
                    .usbDevices(List.of(device("ehci:1", "Logitech receiver", UsbSpeed.USB_2_0, "ehci")))
                    .usbFilters(List.of(Fixture.filter("usb.autoConnect.device0", "", 0x0781, 0x5581, true))).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertTrue(f.message().startsWith("1 active autoconnect rule but no xHCI"), f.message());
            assertEquals("none", f.evidence().get("USB 3 devices"));
            assertEquals("1", f.evidence().get("active autoconnect rules"));
            assertEquals(List.of(new ConfigChange.AddUsbController(UsbControllerType.XHCI)), f.fix().changes());
            assertFixClears(rule, vm);
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, usb2Only().toBuilder().hardwareVersion(HardwareVersion.vmx(7)).build()).isEmpty(), "vmx-07");
            assertTrue(run(rule, usb2Only().toBuilder().guestOs(Fixture.WINDOWS_7).build()).isEmpty(), "Windows 7");
            assertTrue(run(rule, usb2Only().toBuilder().guestOs(Fixture.LINUX_2_6).build()).isEmpty(), "Linux 2.6");
            assertTrue(run(rule, usb2Only().toBuilder().guestOs(Fixture.MACOS).build()).isEmpty(), "macOS");
            assertTrue(run(rule, usb2Only().toBuilder().usbControllers(List.of(UHCI, EHCI, XHCI)).build()).isEmpty(),
                    "has xHCI");
            assertTrue(run(rule, usb2Only().toBuilder()
                    .usbDevices(List.of(device("ehci:1", "Logitech receiver", UsbSpeed.USB_2_0, "ehci")))
                    .usbFilters(List.of(Fixture.filter("f0", "off", 0x0781, 0x5581, false))).build()).isEmpty(),
                    "USB 2 device and an inactive rule only");
        }
    }

    @Nested
    class TooManyDevices {
        final TooManyUsbDevices rule = new TooManyUsbDevices();

        Vm withDevices(int onXhci, int onEhci) {
            List<UsbDevice> ds = new java.util.ArrayList<>();
            for (int i = 0; i < onXhci; i++) {
                ds.add(device("usb_xhci:" + i, "Token " + i, UsbSpeed.USB_2_0, "usb_xhci"));
            }
            for (int i = 0; i < onEhci; i++) {
                ds.add(device("ehci:" + i, "Dongle " + i, UsbSpeed.USB_2_0, "ehci"));
            }
            return windows10().toBuilder().usbControllers(List.of(UHCI, EHCI, XHCI)).usbDevices(ds).build();
        }

        @Test
        void twentyOneOnOneController() {
            Vm vm = withDevices(21, 0);
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("usb-too-many-devices", f.ruleId());
            assertEquals(Severity.ERROR, f.severity());
            assertEquals("21 USB devices on xHCI controller usb_xhci; a virtual USB controller supports up to 20 devices",
                    f.message());
            assertEquals("xHCI (usb_xhci)", f.evidence().get("controller"));
            assertEquals("21", f.evidence().get("devices on controller"));
            assertEquals("20", f.evidence().get("limit"));
            assertNull(f.fix());
            assertFalse(rule.info().fixable());
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, withDevices(20, 0)).isEmpty(), "20 on one");
            assertTrue(run(rule, withDevices(11, 10)).isEmpty(), "21 over two");
        }
    }

    @Nested
    class VirtualBoxExtensionPack {
        final VirtualBoxExtensionPackMissing rule = new VirtualBoxExtensionPackMissing();

        Vm withControllers(UsbController... controllers) {
            return windows10(HypervisorKind.VIRTUALBOX).toBuilder().usbControllers(List.of(controllers)).build();
        }

        @Test
        void ehciOnVirtualBox61WithoutAnyPack() {
            Vm vm = withControllers(VBOX_OHCI, VBOX_EHCI);
            Host host = vboxHost("6.1.50r161033");
            Finding f = only(rule, run(rule, vm, host), vm);
            assertEquals("usb-vbox-extpack-missing", f.ruleId());
            assertEquals(Severity.ERROR, f.severity());
            assertEquals("USB 2.0 (EHCI) controller EHCI needs the Oracle Extension Pack on VirtualBox 6.1.50r161033, "
                    + "and the host has none: the VM does not start (\"Implementation of the USB 2.0 controller not "
                    + "found\")", f.message());
            assertEquals("OHCI (OHCI), EHCI (EHCI)", f.evidence().get("USB controllers"));
            assertEquals("USB 2.0 (EHCI) controller EHCI", f.evidence().get("needing the pack"));
            assertEquals("6.1.50r161033", f.evidence().get("VirtualBox version"));
            assertEquals("none", f.evidence().get("extension packs"));
            // OHCI is there already: taking EHCI away is enough for the VM to start.
            assertEquals(List.of(new ConfigChange.RemoveUsbController("EHCI", UsbControllerType.EHCI)), f.fix().changes());
            Vm fixed = assertFixClears(rule, vm, host, AuditSettings.DEFAULTS);
            assertEquals(List.of(VBOX_OHCI), fixed.usbControllers());
        }

        @Test
        void xhciWithAPackOfAnotherVersion() {
            Vm vm = withControllers(VBOX_XHCI);
            Host host = vboxHost("6.1.50", "Oracle VM VirtualBox Extension Pack 6.1.48r159471");
            Finding f = only(rule, run(rule, vm, host), vm);
            assertEquals(Severity.ERROR, f.severity());
            assertEquals("USB 3.x (xHCI) controller xHCI needs the Oracle Extension Pack of VirtualBox's own version "
                    + "6.1.50, and the host has Oracle VM VirtualBox Extension Pack 6.1.48r159471: the VM does not start "
                    + "(\"Implementation of the USB 2.0 controller not found\")", f.message());
            assertEquals("Oracle VM VirtualBox Extension Pack 6.1.48r159471", f.evidence().get("extension packs"));
            // No OHCI to fall back on: one is added, so the VM keeps USB 1.1.
            assertEquals(List.of(new ConfigChange.RemoveUsbController("xHCI", UsbControllerType.XHCI),
                    new ConfigChange.AddUsbController(UsbControllerType.OHCI)), f.fix().changes());
            assertEquals(List.of(new Precondition.FieldIs(VmField.USB_CONTROLLERS, "XHCI"),
                    new Precondition.FieldIs(VmField.USB_DEVICES, "")), f.fix().preconditions());
            Vm fixed = assertFixClears(rule, vm, host, AuditSettings.DEFAULTS);
            assertEquals(List.of(UsbControllerType.OHCI), fixed.usbControllers().stream().map(UsbController::type).toList());
        }

        @Test
        void bothControllersNamedAndBothRemoved() {
            Vm vm = withControllers(VBOX_EHCI, VBOX_XHCI);
            Finding f = only(rule, run(rule, vm, vboxHost("5.2.44")), vm);
            assertTrue(f.message().startsWith("USB 2.0 (EHCI) controller EHCI and USB 3.x (xHCI) controller xHCI need "),
                    f.message());
            assertEquals(List.of(new ConfigChange.RemoveUsbController("EHCI", UsbControllerType.EHCI),
                    new ConfigChange.RemoveUsbController("xHCI", UsbControllerType.XHCI),
                    new ConfigChange.AddUsbController(UsbControllerType.OHCI)), f.fix().changes());
        }

        @Test
        void nearMisses() {
            Vm usb2 = withControllers(VBOX_OHCI, VBOX_EHCI);
            assertTrue(run(rule, usb2, vboxHost("7.0.14r161095")).isEmpty(), "7.0 without pack: EHCI is built in");
            assertTrue(run(rule, usb2, vboxHost("6.1.50r161033", Fixture.PACK_6_1_50)).isEmpty(), "matching pack");
            assertTrue(run(rule, usb2, vboxHost("6.1.50_Ubuntu r161033", "Oracle VM VirtualBox Extension Pack 6.1.50"))
                    .isEmpty(), "a distribution's suffix on the version");
            assertTrue(run(rule, withControllers(VBOX_OHCI), vboxHost("6.1.50")).isEmpty(), "OHCI only");
            assertTrue(run(rule, usb2, Fixture.vboxHostPacksUnknown("6.1.50")).isEmpty(), "packs unknown");
            assertTrue(run(rule, usb2, vboxHost("")).isEmpty(), "version unknown");
            assertTrue(run(rule, usb2, null).isEmpty(), "host unknown");
            assertTrue(run(rule, usb2, vboxHost("6.1.50", "Oracle VM VirtualBox Extension Pack")).isEmpty(),
                    "pack of unknown version");
        }

        @Test
        void versionsCompareAsMajorMinorPatch() {
            assertEquals(VirtualBoxVersion.parse("6.1.50"), VirtualBoxVersion.parse("6.1.50r161033"));
            assertEquals(VirtualBoxVersion.parse("6.1.50"), VirtualBoxVersion.parse("pack 6.1.50", 5));
            assertNotEquals(VirtualBoxVersion.parse("6.1.48"), VirtualBoxVersion.parse("6.1.50"));
            assertNotEquals(VirtualBoxVersion.parse("6.1.5"), VirtualBoxVersion.parse("6.1.50"));
            assertEquals(6, VirtualBoxVersion.major(VirtualBoxVersion.parse("6.1.50r161033")));
            assertEquals(10, VirtualBoxVersion.major(VirtualBoxVersion.parse("10.0.2")));
            assertEquals("6.1.50", VirtualBoxVersion.text(VirtualBoxVersion.parse("6.1.50r161033")));
            for (String unknown : List.of("", "6.1", "6", "VirtualBox 6.1.50", "6..1", "6.1.x", "123456.1.1")) {
                assertEquals(VirtualBoxVersion.UNKNOWN, VirtualBoxVersion.parse(unknown), unknown);
            }
        }

        @Test
        void bothNamesOfTheOraclePackCount() {
            assertEquals(ExtensionPackStatus.MATCHING, ExtensionPackStatus.of(vboxHost("6.1.50", Fixture.PACK_6_1_50)));
            assertEquals(ExtensionPackStatus.MATCHING,
                    ExtensionPackStatus.of(vboxHost("6.1.50", "VNC 6.1.50", "Oracle VirtualBox Extension Pack 6.1.50")));
            assertEquals(ExtensionPackStatus.MISSING, ExtensionPackStatus.of(vboxHost("6.1.50", "VNC 6.1.50")));
            assertEquals(ExtensionPackStatus.MISSING,
                    ExtensionPackStatus.of(vboxHost("6.1.50", "Oracle VM VirtualBox Extension Packaging 6.1.50")));
        }
    }

    @Nested
    class LibvirtXhci {
        final LibvirtPreferXhci rule = new LibvirtPreferXhci();
        final org.hvdiag.core.model.Host kvm = Fixture.host(HypervisorKind.LIBVIRT);

        @Test
        void linuxOnPiix3Uhci() {
            Vm vm = windows10(HypervisorKind.LIBVIRT).toBuilder().guestOs(Fixture.UBUNTU)
                    .usbControllers(List.of(new UsbController("usb0", UsbControllerType.UHCI, "piix3-uhci", false)))
                    .usbDevices(List.of()).build();
            Finding f = only(rule, run(rule, vm, kvm), vm);
            assertEquals("usb-libvirt-prefer-xhci", f.ruleId());
            assertEquals(Severity.INFO, f.severity());
            assertEquals("USB controllers UHCI (usb0) but no xHCI, which QEMU recommends for guest Ubuntu Linux "
                    + "(64-bit) as cheaper to emulate", f.message());
            assertEquals("ubuntu-64", f.evidence().get("guest OS"));
            assertEquals(List.of(new ConfigChange.AddUsbController(UsbControllerType.XHCI)), f.fix().changes());
            assertFixClears(rule, vm, kvm, org.hvdiag.audit.AuditSettings.DEFAULTS);
        }

        @Test
        void windowsOnIch9LosesEhciAndCompanions() {
            List<UsbController> ich9 = List.of(new UsbController("usb0", UsbControllerType.EHCI, "ich9-ehci1", false),
                    new UsbController("usb0.1", UsbControllerType.UHCI, "ich9-uhci1", false),
                    new UsbController("usb0.2", UsbControllerType.UHCI, "ich9-uhci2", false),
                    new UsbController("usb0.3", UsbControllerType.UHCI, "ich9-uhci3", false));
            Vm vm = windows10(HypervisorKind.LIBVIRT).toBuilder().usbControllers(ich9)
                    .usbDevices(List.of(device("hostdev0", "Logitech receiver", UsbSpeed.USB_2_0, "usb0"))).build();
            Finding f = only(rule, run(rule, vm, kvm), vm);
            assertEquals(List.of(new ConfigChange.RemoveUsbDevice("hostdev0", "Logitech receiver"),
                    new ConfigChange.RemoveUsbController("usb0", UsbControllerType.EHCI),
                    new ConfigChange.RemoveUsbController("usb0.1", UsbControllerType.UHCI),
                    new ConfigChange.RemoveUsbController("usb0.2", UsbControllerType.UHCI),
                    new ConfigChange.RemoveUsbController("usb0.3", UsbControllerType.UHCI),
                    new ConfigChange.AddUsbController(UsbControllerType.XHCI)), f.fix().changes());
            Vm fixed = assertFixClears(rule, vm, kvm, org.hvdiag.audit.AuditSettings.DEFAULTS);
            assertTrue(run(new EhciAndXhciOnWindows(), fixed, kvm).isEmpty());
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, windows10(HypervisorKind.LIBVIRT), kvm).isEmpty(), "has xHCI");
            assertTrue(run(rule, windows10(HypervisorKind.LIBVIRT).toBuilder().usbControllers(List.of())
                    .usbDevices(List.of()).build(), kvm).isEmpty(), "no USB at all");
            assertTrue(run(rule, windows10(HypervisorKind.LIBVIRT).toBuilder().guestOs(Fixture.WINDOWS_7)
                    .usbControllers(List.of(EHCI)).usbDevices(List.of()).build(), kvm).isEmpty(), "Windows 7");
        }
    }
}
