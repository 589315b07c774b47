package org.hvdiag.audit.internal.rules;

import static org.hvdiag.audit.Fixture.STICK;
import static org.hvdiag.audit.Fixture.UHCI;
import static org.hvdiag.audit.Fixture.EHCI;
import static org.hvdiag.audit.Fixture.assertFixClears;
import static org.hvdiag.audit.Fixture.filter;
import static org.hvdiag.audit.Fixture.only;
import static org.hvdiag.audit.Fixture.run;
import static org.hvdiag.audit.Fixture.windows10;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.model.Vm;

/** Rules about USB devices that reach a VM without an admin's action. */
class UsbAutoconnectRulesTest {

    @Nested
    class AutoconnectOnServerGuest {
        final AutoconnectOnServer rule = new AutoconnectOnServer();
        final UsbController hotplugXhci = new UsbController("usb_xhci", UsbControllerType.XHCI, "", true);
        final UsbDevice token = new UsbDevice("usb_xhci:5", 0x0529, 0x0001, "HASP key", UsbSpeed.USB_1_1, "usb_xhci", true);
        final UsbFilter license = filter("usb.autoConnect.device0", "license dongle", 0x0529, 0x0001, true);
        final UsbFilter disabled = filter("usb.autoConnect.device1", "old scanner", 0x04a9, 0x220e, false);

        Vm server() {
            return windows10().toBuilder().name("sql01").guestOs(Fixture.WINDOWS_2022)
                    .usbControllers(List.of(hotplugXhci)).usbDevices(List.of(STICK, token))
                    .usbFilters(List.of(license, disabled)).build();
        }

        @Test
        void serverWithRuleDeviceAndControllerAutoconnect() {
            Vm vm = server();
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("usb-autoconnect-on-server", f.ruleId());
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("Server guest Microsoft Windows Server 2022 (64-bit) takes USB devices without an admin's "
                    + "action: 1 active autoconnect rule, 1 device set to autoconnect, hot-plug (autoConnectDevices) "
                    + "on controller xHCI usb_xhci", f.message());
            assertEquals("windows2019srvNext-64", f.evidence().get("guestOS"));
            assertEquals("license dongle (usb.autoConnect.device0)", f.evidence().get("active autoconnect rules"));
            assertEquals("HASP key (usb_xhci:5)", f.evidence().get("devices with autoconnect"));
            assertEquals("xHCI usb_xhci", f.evidence().get("controllers with autoConnectDevices"));
            assertEquals(List.of(new ConfigChange.RemoveUsbFilter("usb.autoConnect.device0", "license dongle"),
                    new ConfigChange.SetAutoConnect("usb_xhci:5", false),
                    new ConfigChange.SetAutoConnect("usb_xhci", false)), f.fix().changes());
            assertEquals(List.of(
                    new Precondition.FieldIs(VmField.USB_FILTERS, "usb.autoConnect.device0,usb.autoConnect.device1"),
                    new Precondition.FieldIs(VmField.USB_DEVICES, "usb_xhci:4,usb_xhci:5"),
                    new Precondition.FieldIs(VmField.USB_CONTROLLERS, "XHCI+autoconnect")), f.fix().preconditions());
            Vm fixed = assertFixClears(rule, vm);
            assertEquals(List.of(disabled), fixed.usbFilters(), "the inactive rule stays");
        }

        @Test
        void controllerHotplugAloneIsEnough() {
            Vm vm = server().toBuilder().usbDevices(List.of(STICK)).usbFilters(List.of()).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals(List.of(new ConfigChange.SetAutoConnect("usb_xhci", false)), f.fix().changes());
            assertFixClears(rule, vm);
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, server().toBuilder().guestOs(Fixture.WINDOWS_10).build()).isEmpty(), "desktop guest");
            assertTrue(run(rule, server().toBuilder().usbControllers(List.of(Fixture.XHCI)).usbDevices(List.of(STICK))
                    .usbFilters(List.of(disabled)).build()).isEmpty(), "server, nothing automatic");
        }
    }

    @Nested
    class FilterMatchesAny {
        final FilterMatchesAnyDevice rule = new FilterMatchesAnyDevice();
        final UsbFilter any = filter("usbfilter:Any device", "Any device", -1, -1, true);
        final UsbFilter yubikey = filter("usbfilter:YubiKey", "YubiKey", 0x1050, 0x0407, true);

        @Test
        void activeVirtualBoxFilterWithoutIdsIsDeactivated() {
            Vm vm = windows10(HypervisorKind.VIRTUALBOX).toBuilder().usbFilters(List.of(any, yubikey)).build();
            Finding f = only(rule, run(rule, vm, Fixture.host(HypervisorKind.VIRTUALBOX)), vm);
            assertEquals("usb-filter-matches-any", f.ruleId());
            assertEquals(Severity.ERROR, f.severity());
            assertEquals("Active USB device filter 'Any device (usbfilter:Any device)' with no vendor id, product id or "
                    + "port captures every USB device plugged into the host, keyboards and mice included", f.message());
            assertEquals("'Any device (usbfilter:Any device)'", f.evidence().get("device filter"));
            assertEquals("any", f.evidence().get("vendor id"));
            assertEquals("any", f.evidence().get("product id"));
            // Deactivated, not removed: the admin narrows it to one device and switches it back on.
            assertEquals(List.of(new ConfigChange.SetAutoConnect("usbfilter:Any device", false)), f.fix().changes());
            assertEquals(List.of(new Precondition.FieldIs(VmField.USB_FILTERS, "usbfilter:Any device,usbfilter:YubiKey")),
                    f.fix().preconditions());
            Vm fixed = assertFixClears(rule, vm, Fixture.host(HypervisorKind.VIRTUALBOX),
                    org.hvdiag.audit.AuditSettings.DEFAULTS);
            assertEquals(List.of(filter("usbfilter:Any device", "Any device", -1, -1, false), yubikey), fixed.usbFilters());
        }

        @Test
        void twoEmptyVirtualBoxFilters() {
            UsbFilter second = filter("usbfilter:New Filter 1#2", "New Filter 1", -1, -1, true);
            Vm vm = windows10(HypervisorKind.VIRTUALBOX).toBuilder().usbFilters(List.of(any, second)).build();
            Finding f = only(rule, run(rule, vm, Fixture.host(HypervisorKind.VIRTUALBOX)), vm);
            assertTrue(f.message().startsWith("Active USB device filters 'Any device (usbfilter:Any device)', "
                    + "'New Filter 1 (usbfilter:New Filter 1#2)' with no vendor id"), f.message());
            assertEquals(List.of(new ConfigChange.SetAutoConnect("usbfilter:Any device", false),
                    new ConfigChange.SetAutoConnect("usbfilter:New Filter 1#2", false)), f.fix().changes());
        }

        @Test
        void virtualBoxNearMisses() {
            Vm vm = windows10(HypervisorKind.VIRTUALBOX);
            org.hvdiag.core.model.Host host = Fixture.host(HypervisorKind.VIRTUALBOX);
            assertTrue(run(rule, vm.toBuilder().usbFilters(List.of(filter("usbfilter:off", "off", -1, -1, false)))
                    .build(), host).isEmpty(), "inactive filter");
            assertTrue(run(rule, vm.toBuilder().usbFilters(List.of(yubikey)).build(), host).isEmpty(), "ids set");
            assertTrue(run(rule, vm.toBuilder().usbFilters(List.of(new UsbFilter("usbfilter:Sticks", "Sticks", -1, -1, "",
                    "", true, "Manufacturer=Kingston"))).build(), host).isEmpty(), "narrowed by manufacturer");
        }

        @Test
        void vmwareGenericAutoconnect() {
            Vm vm = windows10().toBuilder().usbFilters(List.of(filter("usb.generic.autoconnect", "", -1, -1, true))).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertTrue(f.message().startsWith("Active USB autoconnect rule 'usb.generic.autoconnect' "), f.message());
            assertFixClears(rule, vm);
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, windows10().toBuilder().usbFilters(List.of(filter("f", "inactive", -1, -1, false)))
                    .build()).isEmpty(), "inactive");
            assertTrue(run(rule, windows10().toBuilder().usbFilters(List.of(filter("f", "vendor only", 0x1050, -1, true)))
                    .build()).isEmpty(), "vendor id set");
            assertTrue(run(rule, windows10().toBuilder().usbFilters(List.of(
                    new UsbFilter("usb.autoConnect.device0", "", -1, -1, "path:1/0/2", "path:1/0/2", true)))
                    .build()).isEmpty(), "port set");
            assertTrue(run(rule, windows10().toBuilder().usbControllers(List.of(UHCI, EHCI)).build()).isEmpty(), "none");
        }
    }
}
