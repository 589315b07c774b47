package org.hvdiag.audit.internal.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hvdiag.audit.Finding;
import org.hvdiag.audit.FindingSink;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.model.Vm;

/** What every built-in rule shares: its metadata and the way it words a finding. */
abstract class BuiltInRule {
    private final RuleInfo info;

    BuiltInRule(RuleInfo info) {
        this.info = info;
    }

    public final RuleInfo info() {
        return info;
    }

    final void report(FindingSink sink, Vm vm, String message, Map<String, String> evidence, ChangePlan fix) {
        sink.add(new Finding(info.id(), info.severity(), "", vm.hostId(), vm.id(), vm.name(), message, evidence, fix));
    }

    final ChangePlan plan(Vm vm, List<VmField> checked, List<ConfigChange> changes) {
        return ChangePlan.of(vm, info.id(), checked, changes);
    }

    /** Evidence as alternating key, value pairs, kept in the order given. */
    static Map<String, String> evidence(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
