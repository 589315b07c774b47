package org.hvdiag.audit.internal.rules;

import static org.hvdiag.audit.Fixture.ICH9;
import static org.hvdiag.audit.Fixture.LIBOSINFO_UBUNTU;
import static org.hvdiag.audit.Fixture.LIBOSINFO_WIN2K22;
import static org.hvdiag.audit.Fixture.PIIX3_UHCI;
import static org.hvdiag.audit.Fixture.QEMU_XHCI;
import static org.hvdiag.audit.Fixture.assertFixClears;
import static org.hvdiag.audit.Fixture.hostDevice;
import static org.hvdiag.audit.Fixture.libvirtDomain;
import static org.hvdiag.audit.Fixture.only;
import static org.hvdiag.audit.Fixture.redirection;
import static org.hvdiag.audit.Fixture.run;
import static org.hvdiag.audit.Fixture.withRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.Fixture;
import org.hvdiag.audit.Rule;
import org.hvdiag.audit.Severity;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Precondition;
import org.hvdiag.core.change.Verification;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.ToolsState;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.model.Vm;

/**
 * The rules on libvirt domains shaped as the libvirt connector maps them (Fixture.libvirtDomain): host
 * devices hostdev[N] with their startupPolicy as a raw property, redirection channels redirdev[N],
 * redirfilter allow rules as USB filters that are active only while the domain has a channel.
 */
class LibvirtRulesTest {
    static final Host KVM = Fixture.host(HypervisorKind.LIBVIRT);
    static final UsbDevice HASP = hostDevice(0, 0x0529, 0x0001, UsbSpeed.UNKNOWN, QEMU_XHCI.id());
    static final UsbDevice RECEIVER = hostDevice(1, 0x046d, 0xc52b, UsbSpeed.UNKNOWN, QEMU_XHCI.id());
    static final UsbDevice STICK = hostDevice(2, 0x0781, 0x5581, UsbSpeed.UNKNOWN, QEMU_XHCI.id());

    /** A redirfilter allow rule as the connector maps it: its written form is its name. */
    static UsbFilter allowRule(int n, String written, int vendorId, int productId, boolean channel) {
        return new UsbFilter("redirfilter/usbdev[" + n + "]", written, vendorId, productId, "", written, channel, "");
    }

    static List<Finding> audit(Rule rule, Vm vm) {
        return run(rule, vm, KVM);
    }

    @Nested
    class HostdevNotOptional {
        final LibvirtHostdevNotOptional rule = new LibvirtHostdevNotOptional();

        Vm withHostDevices(String policy0, String policy1, String policy2) {
            return withRaw(libvirtDomain().toBuilder().usbDevices(List.of(HASP, RECEIVER, STICK)).build(),
                    "hostdev[0]@startupPolicy", policy0, "hostdev[1]@startupPolicy", policy1,
                    "hostdev[2]@startupPolicy", policy2);
        }

        @Test
        void absentAndRequisitePoliciesBecomeOptional() {
            Vm vm = withHostDevices("(none: mandatory)", "optional", "requisite");
            Finding f = only(rule, audit(rule, vm), vm);
            assertEquals("usb-libvirt-hostdev-not-optional", f.ruleId());
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("2 USB host devices keep the domain from starting while missing from the host: host USB device "
                    + "0x0529:0x0001 (hostdev[0]) with no startupPolicy (mandatory), host USB device 0x0781:0x5581 "
                    + "(hostdev[2]) with startupPolicy requisite (at a cold boot)", f.message());
            assertEquals("host USB device 0x0529:0x0001 (hostdev[0]), host USB device 0x0781:0x5581 (hostdev[2])",
                    f.evidence().get("USB host devices"));
            assertEquals("(none: mandatory)", f.evidence().get("hostdev[0]@startupPolicy"));
            assertEquals("requisite", f.evidence().get("hostdev[2]@startupPolicy"));
            assertFalse(f.evidence().containsKey("hostdev[1]@startupPolicy"), "the optional device is not evidence");
            assertEquals(List.of(new ConfigChange.SetAdvancedSetting("hostdev[0]@startupPolicy", "optional"),
                    new ConfigChange.SetAdvancedSetting("hostdev[2]@startupPolicy", "optional")), f.fix().changes());
            assertEquals(List.of(new Precondition.FieldIs(VmField.USB_DEVICES, "hostdev[0],hostdev[1],hostdev[2]")),
                    f.fix().preconditions());
            Vm fixed = assertFixClears(rule, vm, KVM, AuditSettings.DEFAULTS);
            assertEquals(List.of(HASP, RECEIVER, STICK), fixed.usbDevices(), "the devices stay attached");
            // What core checks after a push: the re-read domain must show the policies the plan set.
            assertEquals(List.of(), Verification.unmet(vm, f.fix().changes(), fixed));
            assertEquals(List.of("hostdev[2]@startupPolicy is 'requisite', expected 'optional'"),
                    Verification.unmet(vm, f.fix().changes(), withRaw(fixed, "hostdev[2]@startupPolicy", "requisite")));
        }

        @Test
        void explicitMandatory() {
            Vm vm = withRaw(libvirtDomain().toBuilder().usbDevices(List.of(HASP)).build(),
                    "hostdev[0]@startupPolicy", "mandatory");
            Finding f = only(rule, audit(rule, vm), vm);
            assertEquals("1 USB host device keeps the domain from starting while missing from the host: host USB device "
                    + "0x0529:0x0001 (hostdev[0]) with startupPolicy mandatory", f.message());
            assertEquals(List.of(new ConfigChange.SetAdvancedSetting("hostdev[0]@startupPolicy", "optional")),
                    f.fix().changes());
            assertFixClears(rule, vm, KVM, AuditSettings.DEFAULTS);
        }

        @Test
        void aHostDeviceBeyondTheFirstSixtyFour() {
            UsbDevice late = hostDevice(70, 0x0781, 0x5581, UsbSpeed.UNKNOWN, QEMU_XHCI.id());
            Vm vm = withRaw(libvirtDomain().toBuilder().usbDevices(List.of(late)).build(),
                    "hostdev[70]@startupPolicy", "(none: mandatory)");
            Finding f = only(rule, audit(rule, vm), vm);
            assertEquals(List.of(new ConfigChange.SetAdvancedSetting("hostdev[70]@startupPolicy", "optional")),
                    f.fix().changes());
        }

        @Test
        void nearMisses() {
            assertTrue(audit(rule, withHostDevices("optional", "optional", "optional")).isEmpty(), "all optional");
            assertTrue(audit(rule, libvirtDomain().toBuilder().usbDevices(List.of(HASP)).build()).isEmpty(),
                    "policy not in the model");
            UsbDevice disk = new UsbDevice("disk[sdb]", -1, -1, "USB disk sdb", UsbSpeed.UNKNOWN, QEMU_XHCI.id(), false);
            assertTrue(audit(rule, withRaw(libvirtDomain().toBuilder().usbDevices(List.of(redirection(0, "spicevmc"), disk))
                    .build(), "redirdev[0]@type", "spicevmc")).isEmpty(), "a redirection channel and a USB disk");
        }
    }

    @Nested
    class RedirectionOnAServer {
        final RedirectionOnServer rule = new RedirectionOnServer();

        Vm server() {
            return withRaw(libvirtDomain().toBuilder().name("dc01").guestOs(LIBOSINFO_WIN2K22)
                            .usbDevices(List.of(redirection(0, "spicevmc"), redirection(1, "spicevmc"))).build(),
                    "redirdev[0]@type", "spicevmc", "redirdev[1]@type", "spicevmc");
        }

        @Test
        void bothChannelsAreRemoved() {
            Vm vm = server();
            Finding f = only(rule, audit(rule, vm), vm);
            assertEquals("usb-redirection-on-server", f.ruleId());
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("Server guest Windows Server 2022 takes USB devices from remote clients without an admin's "
                    + "action: 2 USB redirection channels redirdev[0] (spicevmc), redirdev[1] (spicevmc)", f.message());
            assertEquals("http://microsoft.com/win/2k22", f.evidence().get("guest OS"));
            assertEquals("redirdev[0] (spicevmc), redirdev[1] (spicevmc)", f.evidence().get("USB redirection channels"));
            assertEquals("no redirfilter: nothing is filtered out", f.evidence().get("redirfilter rules that allow devices"));
            assertEquals(List.of(new ConfigChange.RemoveUsbDevice("redirdev[0]", "USB redirection channel (spicevmc)"),
                    new ConfigChange.RemoveUsbDevice("redirdev[1]", "USB redirection channel (spicevmc)")),
                    f.fix().changes());
            assertEquals(List.of(new Precondition.FieldIs(VmField.USB_DEVICES, "redirdev[0],redirdev[1]")),
                    f.fix().preconditions());
            assertEquals(List.of(), assertFixClears(rule, vm, KVM, AuditSettings.DEFAULTS).usbDevices());
        }

        @Test
        void theAllowingRulesAreNamedAndTheHostDeviceStays() {
            UsbFilter sticks = allowRule(1, "usbdev vendor=0x0781 allow=yes", 0x0781, -1, true);
            Vm vm = withRaw(server().toBuilder().usbDevices(List.of(HASP, redirection(0, "tcp")))
                            .usbFilters(List.of(sticks)).build(),
                    "hostdev[0]@startupPolicy", "optional", "redirdev[0]@type", "tcp",
                    "redirfilter/usbdev[0]", "usbdev class=0x03 allow=no", "redirfilter/usbdev[1]", sticks.name());
            Finding f = only(rule, audit(rule, vm), vm);
            assertTrue(f.message().endsWith(": 1 USB redirection channel redirdev[0] (tcp)"), f.message());
            assertEquals("usbdev vendor=0x0781 allow=yes (redirfilter/usbdev[1])",
                    f.evidence().get("redirfilter rules that allow devices"));
            assertEquals(List.of(new ConfigChange.RemoveUsbDevice("redirdev[0]", "USB redirection channel (tcp)")),
                    f.fix().changes());
            assertEquals(List.of(HASP), assertFixClears(rule, vm, KVM, AuditSettings.DEFAULTS).usbDevices());
        }

        @Test
        void nearMisses() {
            assertTrue(audit(rule, server().toBuilder().guestOs(Fixture.LIBOSINFO_WIN10).build()).isEmpty(),
                    "desktop guest with redirection channels");
            assertTrue(audit(rule, server().toBuilder().guestOs(GuestOs.UNKNOWN).build()).isEmpty(), "guest unknown");
            assertTrue(audit(rule, withRaw(server().toBuilder().usbDevices(List.of(HASP)).build(),
                    "hostdev[0]@startupPolicy", "optional")).isEmpty(), "server without a redirection channel");
        }
    }

    /** usb-filter-matches-any already covers libvirt's allow-all redirfilter rule; no libvirt copy of it. */
    @Nested
    class AllowAllRedirfilter {
        final FilterMatchesAnyDevice rule = new FilterMatchesAnyDevice();

        Vm withRule(UsbFilter f) {
            return withRaw(libvirtDomain().toBuilder().usbDevices(List.of(redirection(0, "spicevmc")))
                    .usbFilters(List.of(f)).build(), "redirdev[0]@type", "spicevmc", "redirfilter/usbdev[0]", f.name());
        }

        @Test
        void usbdevAllowYesIsRemoved() {
            UsbFilter all = allowRule(0, "usbdev allow=yes", -1, -1, true);
            Vm vm = withRule(all);
            Finding f = only(rule, audit(rule, vm), vm);
            assertEquals("usb-filter-matches-any", f.ruleId());
            assertEquals(Severity.ERROR, f.severity());
            assertTrue(f.message().startsWith("Active USB autoconnect rule 'usbdev allow=yes (redirfilter/usbdev[0])' "
                    + "with no vendor id, product id or port "), f.message());
            assertEquals("'usbdev allow=yes (redirfilter/usbdev[0])'", f.evidence().get("autoconnect rule"));
            assertEquals(List.of(new ConfigChange.RemoveUsbFilter("redirfilter/usbdev[0]", "usbdev allow=yes")),
                    f.fix().changes());
            assertFixClears(rule, vm, KVM, AuditSettings.DEFAULTS);
        }

        @Test
        void nearMisses() {
            assertTrue(audit(rule, withRule(allowRule(0, "usbdev vendor=0x0781 allow=yes", 0x0781, -1, true))).isEmpty(),
                    "a rule naming a vendor");
            assertTrue(audit(rule, libvirtDomain().toBuilder()
                    .usbFilters(List.of(allowRule(0, "usbdev allow=yes", -1, -1, false))).build()).isEmpty(),
                    "allow-all without a redirection channel");
        }
    }

    @Nested
    class NoXhciForUsb3Devices {
        final NoXhciForUsb3 rule = new NoXhciForUsb3();
        final UsbDevice usb3Stick = hostDevice(0, 0x0781, 0x5581, UsbSpeed.USB_3_X, ICH9.get(0).id());

        Vm onIch9() {
            return withRaw(libvirtDomain().toBuilder().usbControllers(ICH9).usbDevices(List.of(usb3Stick)).build(),
                    "hostdev[0]@startupPolicy", "optional");
        }

        @Test
        void windowsUsb3HostDeviceOnIch9() {
            Vm vm = onIch9();
            Finding f = only(rule, audit(rule, vm), vm);
            assertEquals("usb-no-xhci-for-usb3", f.ruleId());
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("1 USB 3 device but no xHCI (USB 3) controller, although guest Windows 10 supports xHCI and "
                    + "libvirt offers it on any machine type: USB 3 devices run at USB 2.0 speed or less", f.message());
            assertEquals("http://microsoft.com/win/10", f.evidence().get("guest OS"));
            assertEquals("EHCI (usb0-ich9-ehci1), UHCI (usb0-ich9-uhci1), UHCI (usb0-ich9-uhci2), UHCI (usb0-ich9-uhci3)",
                    f.evidence().get("USB controllers"));
            assertEquals("host USB device 0x0781:0x5581 (hostdev[0])", f.evidence().get("USB 3 devices"));
            assertEquals("0", f.evidence().get("active redirection filter rules"));
            assertNull(f.evidence().get("virtualHW.version"));
            assertEquals(List.of(new ConfigChange.RemoveUsbDevice("hostdev[0]", "host USB device 0x0781:0x5581"),
                    new ConfigChange.RemoveUsbController("usb0-ich9-ehci1", UsbControllerType.EHCI),
                    new ConfigChange.RemoveUsbController("usb0-ich9-uhci1", UsbControllerType.UHCI),
                    new ConfigChange.RemoveUsbController("usb0-ich9-uhci2", UsbControllerType.UHCI),
                    new ConfigChange.RemoveUsbController("usb0-ich9-uhci3", UsbControllerType.UHCI),
                    new ConfigChange.AddUsbController(UsbControllerType.XHCI)), f.fix().changes());
            assertEquals(List.of(VmField.USB_CONTROLLERS, VmField.USB_DEVICES),
                    f.fix().preconditions().stream().map(p -> ((Precondition.FieldIs) p).field()).toList());
            Vm fixed = assertFixClears(rule, vm, KVM, AuditSettings.DEFAULTS);
            assertTrue(run(new EhciAndXhciOnWindows(), fixed, KVM).isEmpty(), "the fix must not make the EHCI+xHCI rule fire");
        }

        @Test
        void theMachineTypeIsNoPremise() {
            // "q35" alone has no version offline; pc-i440fx-1.0 is old: libvirt offers qemu-xhci on both.
            assertEquals(1, audit(rule, onIch9().toBuilder().hardwareVersion(null).build()).size(), "machine type unknown");
            assertEquals(1, audit(rule, onIch9().toBuilder()
                    .hardwareVersion(new HardwareVersion(HardwareVersion.Family.LIBVIRT_MACHINE, 1, 0)).build()).size(),
                    "machine 1.0");
        }

        @Test
        void anActiveRedirectionFilterOnPiix3Uhci() {
            UsbFilter sticks = allowRule(0, "usbdev vendor=0x0781 allow=yes", 0x0781, -1, true);
            Vm vm = withRaw(libvirtDomain().toBuilder().usbControllers(List.of(PIIX3_UHCI))
                    .usbDevices(List.of(redirection(0, "spicevmc"))).usbFilters(List.of(sticks)).build(),
                    "redirdev[0]@type", "spicevmc", "redirfilter/usbdev[0]", sticks.name());
            Finding f = only(rule, audit(rule, vm), vm);
            assertTrue(f.message().startsWith("1 active redirection filter rule but no xHCI (USB 3) controller"),
                    f.message());
            assertEquals("none", f.evidence().get("USB 3 devices"));
            assertEquals("1", f.evidence().get("active redirection filter rules"));
            // No EHCI to take away: the UHCI controller and the channel stay.
            assertEquals(List.of(new ConfigChange.AddUsbController(UsbControllerType.XHCI)), f.fix().changes());
            assertFixClears(rule, vm, KVM, AuditSettings.DEFAULTS);
        }

        @Test
        void nearMisses() {
            assertTrue(audit(rule, onIch9().toBuilder().usbControllers(List.of(QEMU_XHCI))
                    .usbDevices(List.of(hostDevice(0, 0x0781, 0x5581, UsbSpeed.USB_3_X, QEMU_XHCI.id()))).build())
                    .isEmpty(), "on qemu-xhci");
            assertTrue(audit(rule, onIch9().toBuilder().guestOs(LIBOSINFO_UBUNTU).build()).isEmpty(),
                    "Linux guest whose kernel libosinfo does not give");
            assertTrue(audit(rule, onIch9().toBuilder().guestOs(Fixture.WINDOWS_7).build()).isEmpty(), "Windows 7");
            assertTrue(audit(rule, libvirtDomain().toBuilder().usbControllers(List.of(PIIX3_UHCI))
                    .usbFilters(List.of(allowRule(0, "usbdev vendor=0x0781 allow=yes", 0x0781, -1, false))).build())
                    .isEmpty(), "a redirfilter rule without a redirection channel");
        }
    }

    @Nested
    class GuestAgent {
        final ToolsNotInstalled rule = new ToolsNotInstalled();

        @Test
        void noAgentChannel() {
            Vm vm = withRaw(libvirtDomain().toBuilder().toolsState(ToolsState.NOT_INSTALLED).build(),
                    "channel[org.qemu.guest_agent.0]", "absent");
            Finding f = only(rule, audit(rule, vm), vm);
            assertEquals("tools-not-installed", f.ruleId());
            assertEquals("The domain has no QEMU guest agent channel (org.qemu.guest_agent.0), so no guest agent can "
                    + "reach libvirt", f.message());
            assertEquals("absent", f.evidence().get("channel[org.qemu.guest_agent.0]"));
            assertEquals("NOT_INSTALLED", f.evidence().get("tools state"));
            assertNull(f.fix());
        }

        @Test
        void agentNotRunningIsOneAgent() {
            Vm vm = libvirtDomain().toBuilder().toolsState(ToolsState.NOT_RUNNING).build();
            Finding f = only(rule, audit(rule, vm), vm);
            assertEquals("QEMU guest agent is installed but not running in this powered-on VM", f.message());
        }

        @Test
        void nearMisses() {
            assertTrue(audit(rule, libvirtDomain()).isEmpty(), "channel present, agent not known");
            assertTrue(audit(rule, libvirtDomain().toBuilder().toolsState(ToolsState.NOT_RUNNING)
                    .powerState(PowerState.POWERED_OFF).build()).isEmpty(), "shut-off domain");
        }
    }

    @Nested
    class EhciAndXhciOnWindows10 {
        final EhciAndXhciOnWindows rule = new EhciAndXhciOnWindows();

        Vm both() {
            List<UsbController> cs = new ArrayList<>(ICH9);
            cs.add(QEMU_XHCI);
            return withRaw(libvirtDomain().toBuilder().usbControllers(cs)
                            .usbDevices(List.of(hostDevice(0, 0x046d, 0xc52b, UsbSpeed.USB_2_0, ICH9.get(0).id()))).build(),
                    "hostdev[0]@startupPolicy", "optional");
        }

        @Test
        void ich9AndQemuXhci() {
            Vm vm = both();
            Finding f = only(rule, audit(rule, vm), vm);
            assertEquals("usb-ehci-and-xhci-windows", f.ruleId());
            assertEquals("Windows 10 guest has both EHCI (USB 2.0) and xHCI (USB 3) controllers (EHCI (usb0-ich9-ehci1), "
                    + "UHCI (usb0-ich9-uhci1), UHCI (usb0-ich9-uhci2), UHCI (usb0-ich9-uhci3), xHCI (usb0-qemu-xhci)); "
                    + "Windows guests have shown USB problems with both present", f.message());
            assertEquals("http://microsoft.com/win/10", f.evidence().get("guest OS"));
            assertEquals(List.of(new ConfigChange.RemoveUsbDevice("hostdev[0]", "host USB device 0x046d:0xc52b"),
                    new ConfigChange.RemoveUsbController("usb0-ich9-ehci1", UsbControllerType.EHCI),
                    new ConfigChange.RemoveUsbController("usb0-ich9-uhci1", UsbControllerType.UHCI),
                    new ConfigChange.RemoveUsbController("usb0-ich9-uhci2", UsbControllerType.UHCI),
                    new ConfigChange.RemoveUsbController("usb0-ich9-uhci3", UsbControllerType.UHCI)), f.fix().changes());
            assertEquals(List.of(QEMU_XHCI), assertFixClears(rule, vm, KVM, AuditSettings.DEFAULTS).usbControllers());
        }

        @Test
        void nearMisses() {
            assertTrue(audit(rule, both().toBuilder().guestOs(LIBOSINFO_UBUNTU).build()).isEmpty(), "Linux guest");
            assertTrue(audit(rule, both().toBuilder().usbControllers(List.of(QEMU_XHCI))
                    .usbDevices(List.of()).build()).isEmpty(), "xHCI only");
        }
    }

    @Nested
    class MachineTypeOlderThanHost {
        final HardwareOlderThanHost rule = new HardwareOlderThanHost();
        /** A host whose QEMU's newest machine type is pc-q35-8.2, as virsh capabilities would list it. */
        final Host kvm82 = new Host(Fixture.HOST_ID, "kvm01", HypervisorKind.LIBVIRT, "libvirt 10.0.0", 2, 16, 32,
                131072, new HardwareVersion(HardwareVersion.Family.LIBVIRT_MACHINE, 8, 2), List.of());

        @Test
        void machine72OnAHostWith82() {
            Vm vm = libvirtDomain();
            Finding f = only(rule, run(rule, vm, kvm82), vm);
            assertEquals("hw-older-than-host", f.ruleId());
            assertEquals("Virtual hardware machine 7.2 is older than machine 8.2, the newest that host kvm01 "
                    + "(libvirt 10.0.0) supports", f.message());
            assertEquals("machine 7.2", f.evidence().get("hardware version"));
            assertEquals("machine 8.2", f.evidence().get("host newest hardware version"));
            assertEquals(List.of(new ConfigChange.UpgradeHardwareVersion(kvm82.newestHardwareVersion())),
                    f.fix().changes());
            assertFixClears(rule, vm, kvm82, AuditSettings.DEFAULTS);
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, libvirtDomain(), KVM).isEmpty(), "host's newest unknown, as offline");
            assertTrue(run(rule, libvirtDomain().toBuilder().hardwareVersion(kvm82.newestHardwareVersion()).build(), kvm82)
                    .isEmpty(), "at the newest");
            assertTrue(run(rule, libvirtDomain().toBuilder().hardwareVersion(null).build(), kvm82).isEmpty(),
                    "unversioned machine type (q35)");
        }
    }
}
