package org.hvdiag.audit.internal.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import org.hvdiag.audit.EvidenceRule;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.FindingSink;
import org.hvdiag.audit.Rule;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.audit.Severity;
import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.UsbDeviceSeen;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class UsbDeviceFlapping extends BuiltInRule implements EvidenceRule {
    /** Three connects of one device inside ten minutes is no admin re-plugging a stick by hand. */
    static final int CONNECTS = 3;
    static final Duration SPAN = Duration.ofMinutes(10);

    public UsbDeviceFlapping() {
        super(new RuleInfo("evidence-usb-flapping", "USB device connecting and disconnecting over and over",
                Severity.WARNING, EnumSet.allOf(HypervisorKind.class),
                "The VM's log shows one USB device connecting three or more times within ten minutes, with "
                        + "disconnects between. A device that keeps re-enumerating points to a failing device, cable "
                        + "or powered hub, or to a controller its driver does not handle; every reconnect stuns a "
                        + "VMware VM for the hot-remove and reloads the guest's driver, and such devices have crashed "
                        + "VM processes.",
                "Broadcom KB 311905 (VM stun on USB hot-remove); VirtualBox ticket #72 (VM process crash when a "
                        + "powered USB hub switches off)",
                false));
    }

    @Override
    public void evaluate(Vm vm, VmEvidence evidence, List<Finding> configFindings, FindingSink findings) {
        List<UsbDeviceSeen> reported = new ArrayList<>();
        List<VmEvent> events = evidence.events();
        for (int i = 0, n = events.size(); i < n; i++) {
            if (!(events.get(i).kind() instanceof EventKind.UsbConnected first)) {
                continue;
            }
            UsbDeviceSeen device = first.device();
            if (reported.stream().anyMatch(device::sameDevice)) {
                continue;
            }
            List<VmEvent> span = flappingFrom(events, i, device);
            if (span != null) {
                reported.add(device);
                report(vm, device, span, configFindings, findings);
            }
        }
    }

    /** The device's connects and disconnects from {@code start} while they keep within {@link #SPAN}, if it flaps. */
    private static List<VmEvent> flappingFrom(List<VmEvent> events, int start, UsbDeviceSeen device) {
        VmEvent begin = events.get(start);
        List<VmEvent> span = new ArrayList<>();
        int connects = 0;
        int disconnects = 0;
        for (int j = start; j < events.size(); j++) {
            VmEvent e = events.get(j);
            Duration since = Duration.between(begin.instant(), e.instant());
            if (since.isNegative() || since.compareTo(SPAN) > 0) {
                break;
            }
            if (e.kind() instanceof EventKind.UsbConnected c && c.device().sameDevice(device)) {
                connects++;
                span.add(e);
            } else if (e.kind() instanceof EventKind.UsbDisconnected d && d.device().sameDevice(device)) {
                disconnects++;
                span.add(e);
            }
        }
        return connects >= CONNECTS && disconnects >= CONNECTS - 1 ? span : null;
    }

    private void report(Vm vm, UsbDeviceSeen device, List<VmEvent> span, List<Finding> config, FindingSink findings) {
        long connects = span.stream().filter(e -> e.kind() instanceof EventKind.UsbConnected).count();
        Duration over = Duration.between(span.get(0).instant(), span.get(span.size() - 1).instant());
        EvidenceText.Resolved controller = EvidenceText.controller(vm, device);
        List<String> doubts = EvidenceText.doubtsOn(controller.type(), config);
        Map<String, String> evidence = evidence(
                "USB device", device.describe(),
                "connects", Long.toString(connects),
                "first", EvidenceText.at(span.get(0)),
                "last", EvidenceText.at(span.get(span.size() - 1)),
                "controller", controller.text(),
                "findings on that controller", doubts.isEmpty() ? "none" : String.join(", ", doubts));
        reportEvents(findings, vm, "USB device " + device.describe() + " connected " + connects + " times in "
                + EvidenceText.gap(over) + ", disconnecting in between", evidence, span);
    }
}
