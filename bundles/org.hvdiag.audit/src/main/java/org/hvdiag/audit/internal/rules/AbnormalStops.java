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
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class AbnormalStops extends BuiltInRule implements EvidenceRule {
    /**
     * One incident often leaves two lines (the guest's stop code, then the VM process exiting):
     * stops closer together than this count once.
     */
    static final Duration SAME_INCIDENT = Duration.ofMinutes(1);
    /** A finding lists at most this many stops, the newest. */
    static final int SHOWN = 50;

    public AbnormalStops() {
        super(new RuleInfo("evidence-abnormal-stops", "VM crashed or was powered off hard", Severity.WARNING,
                EnumSet.allOf(HypervisorKind.class),
                "The VM's log shows it crashing, stopping on an error, reporting a guest stop code or being "
                        + "powered off hard within the audited window. Each such stop loses whatever the guest had "
                        + "not written to disk and can corrupt its file systems and databases; repeated hard "
                        + "power-offs usually mean a guest that hangs or an automation that cuts power instead of "
                        + "shutting down. The finding lists the VM's configuration findings that explain such stops "
                        + "(a power-off setting that cuts power, missing guest tools, doubtful USB controllers).",
                "Microsoft: Bug check code reference and Stop-VM (-TurnOff is like disconnecting the power); "
                        + "libvirt virDomainShutoffReason (crashed, destroyed); VMware vmware.log "
                        + "\"VMX has left the building\" exit status",
                false));
    }

    @Override
    public void evaluate(Vm vm, VmEvidence evidence, List<Finding> configFindings, FindingSink findings) {
        List<VmEvent> stops = new ArrayList<>();
        VmEvent previous = null;
        for (VmEvent e : evidence.events()) {
            if (!e.kind().isAbnormalStop()) {
                continue;
            }
            Duration gap = previous == null ? null : Duration.between(previous.instant(), e.instant());
            if (gap == null || gap.isNegative() || gap.compareTo(SAME_INCIDENT) > 0) {
                stops.add(e);
            }
            previous = e;
        }
        if (stops.isEmpty()) {
            return;
        }
        VmEvent last = stops.get(stops.size() - 1);
        List<String> explain = EvidenceText.ruleIds(configFindings);
        String lastText = EvidenceText.stopText(last.kind());
        Map<String, String> ev = evidence(
                "abnormal stops", Integer.toString(stops.size()),
                "first", EvidenceText.at(stops.get(0)),
                "last", EvidenceText.at(last),
                "last reason", lastText,
                "configuration findings on this VM", explain.isEmpty() ? "none" : String.join(", ", explain));
        String message = (stops.size() == 1 ? "Stopped abnormally once" : "Stopped abnormally " + stops.size() + " times")
                + " in the window; last: " + lastText + " at " + last.time()
                + (explain.isEmpty() ? "" : "; see also " + String.join(", ", explain));
        List<VmEvent> shown = stops.size() <= SHOWN ? stops : stops.subList(stops.size() - SHOWN, stops.size());
        reportEvents(findings, vm, message, ev, shown);
    }
}
