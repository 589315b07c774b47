package org.hvdiag.audit.internal.rules;

import static org.hvdiag.audit.Fixture.EHCI;
import static org.hvdiag.audit.Fixture.UHCI;
import static org.hvdiag.audit.Fixture.XHCI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.hvdiag.audit.EvidenceRule;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.Fixture;
import org.hvdiag.audit.Severity;
import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EventSource;
import org.hvdiag.core.evidence.StopCode;
import org.hvdiag.core.evidence.UsbDeviceSeen;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.model.Vm;

/** Rules about what a VM's log says happened, read beside its configuration findings. */
class EvidenceRulesTest {
    static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-28T09:14:02.118Z");
    static final UsbDeviceSeen ETOKEN = new UsbDeviceSeen("0529", "0620", "SafeNet eToken 5110", UsbSpeed.USB_2_0, null);
    static final UsbDeviceSeen STICK = new UsbDeviceSeen("0781", "5581", "SanDisk Ultra", UsbSpeed.USB_3_X, null);

    final Vm win7 = Fixture.windows10().toBuilder().guestOs(Fixture.WINDOWS_7).usbControllers(List.of(UHCI, EHCI, XHCI))
            .build();

    /** Events one second apart from T0 plus the given seconds, as a log would list them. */
    static final class Log {
        final List<VmEvent> events = new ArrayList<>();

        Log at(long seconds, EventKind kind) {
            events.add(new VmEvent(T0.plusSeconds(seconds), "vm-1", "cad-01", kind,
                    new EventSource("vmware.log", events.size() + 1, -1), kind.describe()));
            return this;
        }

        VmEvidence evidence() {
            return new VmEvidence("vm-1", "cad-01", events, List.of(), 1000);
        }
    }

    static List<Finding> run(EvidenceRule rule, Vm vm, VmEvidence evidence, List<Finding> config) {
        List<Finding> out = new ArrayList<>();
        rule.evaluate(vm, evidence, config, out::add);
        return out;
    }

    static Finding configFinding(String ruleId, Severity severity) {
        return new Finding(ruleId, severity, "", Fixture.HOST_ID, "vm-1", "cad-01", "m", null, null);
    }

    @Nested
    class CrashAfterConnect {
        final CrashAfterUsbConnect rule = new CrashAfterUsbConnect();

        @Test
        void guestStopCodeSecondsAfterAConnectNamesDeviceControllerAndTheDoubtingFinding() {
            VmEvidence ev = new Log().at(0, new EventKind.PoweredOn())
                    .at(600, new EventKind.UsbConnected(STICK))
                    .at(604, new EventKind.GuestCrashed(StopCode.parse("0x000000FE"), ""))
                    .at(605, new EventKind.StoppedAbnormally("VMX exited with status 1")).evidence();
            List<Finding> config = List.of(configFinding("usb-xhci-guest-unsupported", Severity.WARNING),
                    configFinding("tools-upgrade-manual", Severity.INFO));
            List<Finding> found = run(rule, win7, ev, config);
            assertEquals(1, found.size(), found.toString());
            Finding f = found.get(0);
            assertEquals(Severity.ERROR, f.severity());
            assertEquals("Guest stop code 0xFE BUGCODE_USB_DRIVER 4 s after USB device 'SanDisk Ultra' (0781:5581) "
                    + "connected on its xHCI controller; configuration findings on that controller: "
                    + "usb-xhci-guest-unsupported (warning)", f.message());
            assertEquals("xHCI (from the VM's controllers and the device's speed)", f.evidence().get("controller"));
            assertEquals(List.of(ev.events().get(1), ev.events().get(2)), f.events());
        }

        @Test
        void aUsb2DeviceBesideEhciIsPlacedOnEhciSoXhciDoubtsAreNotBlamed() {
            VmEvidence ev = new Log().at(0, new EventKind.UsbConnected(ETOKEN))
                    .at(30, new EventKind.StoppedAbnormally("Unexpected signal: 11")).evidence();
            Finding f = run(rule, win7, ev, List.of(configFinding("usb-xhci-guest-unsupported", Severity.WARNING))).get(0);
            assertTrue(f.message().contains("on its EHCI controller"), f.message());
            assertEquals("none", f.evidence().get("findings on that controller"));
        }

        @Test
        void theControllerTheLogNamesWins() {
            UsbDeviceSeen onXhci = new UsbDeviceSeen("0529", "0620", "eToken", UsbSpeed.USB_2_0,
                    org.hvdiag.core.model.UsbControllerType.XHCI);
            VmEvidence ev = new Log().at(0, new EventKind.UsbConnected(onXhci))
                    .at(3, new EventKind.HardPowerOff("the admin")).evidence();
            Finding f = run(rule, win7, ev, List.of()).get(0);
            assertEquals("xHCI", f.evidence().get("controller"));
            assertTrue(f.message().startsWith("Hard power-off by the admin 3 s after"), f.message());
        }

        @Test
        void nearMissesAreQuiet() {
            // a crash after the two-minute window, a stop after a fresh power-on, a normal stop, a crash before the connect
            VmEvidence late = new Log().at(0, new EventKind.UsbConnected(STICK))
                    .at(121, new EventKind.StoppedAbnormally("x")).evidence();
            VmEvidence restarted = new Log().at(0, new EventKind.UsbConnected(STICK)).at(10, new EventKind.PoweredOn())
                    .at(20, new EventKind.HardPowerOff("")).evidence();
            VmEvidence normal = new Log().at(0, new EventKind.UsbConnected(STICK))
                    .at(5, new EventKind.StoppedNormally("VMX has left the building: 0.")).evidence();
            VmEvidence before = new Log().at(0, new EventKind.StoppedAbnormally("x"))
                    .at(5, new EventKind.UsbConnected(STICK)).evidence();
            for (VmEvidence ev : List.of(late, restarted, normal, before)) {
                assertEquals(List.of(), run(rule, win7, ev, List.of()));
            }
        }

        @Test
        void aClockThatWentBackDoesNotLinkACrashToALaterConnect() {
            VmEvidence ev = new Log().at(600, new EventKind.UsbConnected(STICK))
                    .at(0, new EventKind.StoppedAbnormally("x")).evidence();
            assertEquals(List.of(), run(rule, win7, ev, List.of()));
        }
    }

    @Nested
    class Flapping {
        final UsbDeviceFlapping rule = new UsbDeviceFlapping();

        @Test
        void threeConnectsOfOneDeviceInTenMinutesWarnOnce() {
            Log log = new Log();
            for (int i = 0; i < 4; i++) {
                log.at(i * 60L, new EventKind.UsbConnected(ETOKEN)).at(i * 60L + 20, new EventKind.UsbDisconnected(
                        new UsbDeviceSeen("0529", "0620", "", UsbSpeed.UNKNOWN, null)));
            }
            List<Finding> found = run(rule, win7, log.evidence(), List.of());
            assertEquals(1, found.size());
            assertEquals(Severity.WARNING, found.get(0).severity());
            assertEquals("USB device 'SafeNet eToken 5110' (0529:0620) connected 4 times in 3 min 20 s, "
                    + "disconnecting in between", found.get(0).message());
            assertEquals(8, found.get(0).events().size());
        }

        @Test
        void twoConnectsOrThreeSpreadOverAnHourOrDifferentDevicesAreQuiet() {
            Log two = new Log().at(0, new EventKind.UsbConnected(ETOKEN)).at(5, new EventKind.UsbDisconnected(ETOKEN))
                    .at(10, new EventKind.UsbConnected(ETOKEN));
            Log spread = new Log();
            Log different = new Log();
            for (int i = 0; i < 3; i++) {
                spread.at(i * 1200L, new EventKind.UsbConnected(ETOKEN)).at(i * 1200L + 5,
                        new EventKind.UsbDisconnected(ETOKEN));
                UsbDeviceSeen d = new UsbDeviceSeen("0781", "558" + i, "stick " + i, UsbSpeed.USB_3_X, null);
                different.at(i * 10L, new EventKind.UsbConnected(d)).at(i * 10L + 5, new EventKind.UsbDisconnected(d));
            }
            for (Log log : List.of(two, spread, different)) {
                assertEquals(List.of(), run(rule, win7, log.evidence(), List.of()));
            }
        }
    }

    @Nested
    class Stops {
        final AbnormalStops rule = new AbnormalStops();

        @Test
        void repeatedHardPowerOffsAreCountedWithTheLastReasonAndTheExplainingFindings() {
            VmEvidence ev = new Log().at(0, new EventKind.PoweredOn()).at(3600, new EventKind.HardPowerOff("the admin"))
                    .at(7200, new EventKind.PoweredOn()).at(9000, new EventKind.HardPowerOff("the admin"))
                    .at(9100, new EventKind.PoweredOn()).at(9200, new EventKind.GuestCrashed(StopCode.parse("0x9F"), ""))
                    .at(9201, new EventKind.StoppedAbnormally("VMX exited")).evidence();
            List<Finding> found = run(rule, win7, ev, List.of(configFinding("power-hard-poweroff", Severity.WARNING)));
            assertEquals(1, found.size());
            Finding f = found.get(0);
            assertEquals("3", f.evidence().get("abnormal stops"), "the stop code and the VMX exit a second later are one");
            assertEquals("guest stop code 0x9F DRIVER_POWER_STATE_FAILURE", f.evidence().get("last reason"));
            assertEquals("power-hard-poweroff", f.evidence().get("configuration findings on this VM"));
            assertEquals(3, f.events().size());
        }

        @Test
        void normalStopsAndUsbTrafficAreQuiet() {
            VmEvidence ev = new Log().at(0, new EventKind.PoweredOn()).at(10, new EventKind.UsbConnected(STICK))
                    .at(20, new EventKind.StoppedNormally("")).evidence();
            assertEquals(List.of(), run(rule, win7, ev, List.of()));
        }
    }
}
