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
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class CrashAfterUsbConnect extends BuiltInRule implements EvidenceRule {
    /**
     * A guest enumerates a new USB device and loads its driver within seconds of the hypervisor's
     * connect; a stop code from the USB stack (0xFE) comes during that or the first transfers. Two
     * minutes also covers an admin powering off a VM that froze when the device went in. Stops later
     * than that are counted by evidence-abnormal-stops without the link to the device.
     */
    static final Duration WINDOW = Duration.ofMinutes(2);

    public CrashAfterUsbConnect() {
        super(new RuleInfo("evidence-crash-after-usb-connect", "VM crashed right after a USB device connected",
                Severity.ERROR, EnumSet.allOf(HypervisorKind.class),
                "The VM's log shows a crash, an abnormal stop, a guest stop code or a hard power-off within two "
                        + "minutes of a USB device connecting. A guest enumerates a device and loads its driver in "
                        + "that time, so the device, the virtual controller it went to and the guest's driver for that "
                        + "controller are the first suspects: Windows reports USB driver faults as stop code 0xFE "
                        + "BUGCODE_USB_DRIVER (USBXHCI.SYS, USBPORT.SYS), a guest without xHCI drivers cannot drive an "
                        + "xHCI controller, and a faulty passthrough device has crashed hosts' xHCI drivers. The "
                        + "finding names the configuration findings that doubt that controller.",
                "Microsoft: Bug Check 0xFE BUGCODE_USB_DRIVER; Broadcom KB 420938 (PSOD in vmkusb xHCI with a "
                        + "passthrough device); VirtualBox ticket #868 (Guru Meditation from USB HID passthrough); "
                        + "Launchpad bug 1505759 (QEMU host USB passthrough NO_DEVICE)",
                false));
    }

    @Override
    public void evaluate(Vm vm, VmEvidence evidence, List<Finding> configFindings, FindingSink findings) {
        List<VmEvent> events = evidence.events();
        for (int i = 0, n = events.size(); i < n; i++) {
            if (!(events.get(i).kind() instanceof EventKind.UsbConnected connected)) {
                continue;
            }
            VmEvent connect = events.get(i);
            for (int j = i + 1; j < n; j++) {
                VmEvent later = events.get(j);
                Duration gap = Duration.between(connect.instant(), later.instant());
                if (gap.isNegative() || gap.compareTo(WINDOW) > 0) {
                    break;
                }
                if (later.kind() instanceof EventKind.PoweredOn) {
                    break;
                }
                if (later.kind().isAbnormalStop()) {
                    reportCrash(vm, connect, connected, events.subList(i, j + 1), gap, configFindings, findings);
                    break;
                }
            }
        }
    }

    private void reportCrash(Vm vm, VmEvent connect, EventKind.UsbConnected connected, List<VmEvent> span,
            Duration gap, List<Finding> config, FindingSink findings) {
        VmEvent stop = span.get(span.size() - 1);
        EvidenceText.Resolved controller = EvidenceText.controller(vm, connected.device());
        List<String> doubts = EvidenceText.doubtsOn(controller.type(), config);
        String stopText = EvidenceText.stopText(stop.kind());
        String onController = controller.type() == null ? "" : " on its " + shortName(controller.type()) + " controller";
        String message = stopText.substring(0, 1).toUpperCase() + stopText.substring(1) + " "
                + EvidenceText.gap(gap) + " after USB device " + connected.device().describe() + " connected"
                + onController
                + (doubts.isEmpty() ? "" : "; configuration findings on that controller: " + String.join(", ", doubts));
        Map<String, String> evidence = evidence(
                "USB device", connected.device().describe(),
                "connected", EvidenceText.at(connect),
                "controller", controller.text(),
                "stop", stopText,
                "stopped", EvidenceText.at(stop),
                "seconds after connect", Long.toString(gap.toSeconds()),
                "findings on that controller", doubts.isEmpty() ? "none" : String.join(", ", doubts));
        putUsbControllers(evidence, vm);
        List<VmEvent> shown = new ArrayList<>(span.size() <= 20 ? span : List.of(span.get(0), stop));
        reportEvents(findings, vm, message, evidence, shown);
    }
}
