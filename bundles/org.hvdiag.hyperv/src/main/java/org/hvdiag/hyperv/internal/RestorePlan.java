package org.hvdiag.hyperv.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.model.PowerOffBehaviour;

/**
 * The changes that take a VM from how it is now back to a journalled record of it: the settings
 * hvdiag changes (stop action, vCPUs, startup memory, dynamic memory, nested virtualization, each
 * integration service, Secure Boot template). A raised configuration version cannot go back:
 * Update-VMVersion is one-way, so it becomes a note, not a change.
 *
 * @param oneWay why part of the VM stays as the fix left it, or ""
 */
record RestorePlan(List<ConfigChange> changes, String oneWay) {
    private static final ObjectMapper JSON = new ObjectMapper();

    RestorePlan {
        changes = List.copyOf(changes);
    }

    static RestorePlan of(VmRecord was, VmRecord now) {
        List<ConfigChange> changes = new ArrayList<>();
        boolean nestedOff = was.exposeVirtualizationExtensions() != now.exposeVirtualizationExtensions()
                && !was.exposeVirtualizationExtensions();
        // Dynamic memory does not work with nested virtualization: stop exposing it before memory changes.
        if (nestedOff) {
            changes.add(new ConfigChange.SetNestedVirtualization(false));
        }
        memory(was, now, changes);
        if (was.processorCount() != now.processorCount()) {
            changes.add(new ConfigChange.SetVcpus(was.processorCount()));
        }
        if (was.exposeVirtualizationExtensions() != now.exposeVirtualizationExtensions() && !nestedOff) {
            changes.add(new ConfigChange.SetNestedVirtualization(true));
        }
        if (!was.automaticStopAction().equals(now.automaticStopAction())) {
            changes.add(new ConfigChange.SetAutomaticStopAction(stopAction(was.automaticStopAction())));
        }
        for (VmRecord.Service s : was.integrationServices()) {
            Boolean current = now.service(s.name());
            if (current != null && current != s.enabled()) {
                changes.add(new ConfigChange.SetIntegrationService(s.name(), s.enabled()));
            }
        }
        if (was.secureBootTemplate() != null && !was.secureBootTemplate().equals(now.secureBootTemplate())) {
            changes.add(new ConfigChange.SetSecureBootTemplate(was.secureBootTemplate()));
        }
        String oneWay = was.version().equals(now.version()) ? ""
                : "the configuration version stays " + now.version() + " (it was " + was.version()
                        + "): Update-VMVersion is one-way, Hyper-V cannot downgrade a VM";
        return new RestorePlan(changes, oneWay);
    }

    /**
     * Set-VMMemory checks minimum &lt;= startup &lt;= maximum on every call, so the order matters:
     * dynamic memory goes off before the startup memory changes; it comes on after the startup memory
     * when that fits the current range, else before.
     */
    private static void memory(VmRecord was, VmRecord now, List<ConfigChange> changes) {
        boolean startup = was.memoryStartup() != now.memoryStartup();
        boolean dynamic = was.dynamicMemoryEnabled() != now.dynamicMemoryEnabled()
                || (was.dynamicMemoryEnabled() && (was.memoryMinimum() != now.memoryMinimum()
                        || was.memoryMaximum() != now.memoryMaximum() || was.memoryBuffer() != now.memoryBuffer()));
        ConfigChange setStartup = new ConfigChange.SetMemory(VmMapping.mib(was.memoryStartup()));
        ConfigChange setDynamic = was.dynamicMemoryEnabled()
                ? new ConfigChange.SetDynamicMemory(true, VmMapping.mib(was.memoryMinimum()),
                        VmMapping.mib(was.memoryMaximum()), was.memoryBuffer())
                : ConfigChange.SetDynamicMemory.off();
        boolean startupFitsNow = !now.dynamicMemoryEnabled()
                || (now.memoryMinimum() <= was.memoryStartup() && was.memoryStartup() <= now.memoryMaximum());
        if (dynamic && (!was.dynamicMemoryEnabled() || !startupFitsNow)) {
            changes.add(setDynamic);
            if (startup) {
                changes.add(setStartup);
            }
            return;
        }
        if (startup) {
            changes.add(setStartup);
        }
        if (dynamic) {
            changes.add(setDynamic);
        }
    }

    private static PowerOffBehaviour stopAction(String name) {
        return switch (name) {
            case "TurnOff" -> PowerOffBehaviour.HARD;
            case "ShutDown" -> PowerOffBehaviour.SOFT;
            case "Save" -> PowerOffBehaviour.SAVE;
            default -> throw new IllegalArgumentException("the journalled automatic stop action '" + name
                    + "' is not TurnOff, Save or ShutDown");
        };
    }

    /** The settings undo compares, by cmdlet property name: what a push may have touched. */
    static Map<String, String> settings(VmRecord r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("AutomaticStopAction", r.automaticStopAction());
        m.put("ProcessorCount", Integer.toString(r.processorCount()));
        m.put("MemoryStartup", Long.toString(r.memoryStartup()));
        m.put("DynamicMemoryEnabled", Boolean.toString(r.dynamicMemoryEnabled()));
        m.put("MemoryMinimum", Long.toString(r.memoryMinimum()));
        m.put("MemoryMaximum", Long.toString(r.memoryMaximum()));
        m.put("MemoryBuffer", Integer.toString(r.memoryBuffer()));
        m.put("ExposeVirtualizationExtensions", Boolean.toString(r.exposeVirtualizationExtensions()));
        for (VmRecord.Service s : r.integrationServices()) {
            m.put("IntegrationServices[" + s.name() + "]", Boolean.toString(s.enabled()));
        }
        m.put("SecureBootTemplate", String.valueOf(r.secureBootTemplate()));
        m.put("Version", r.version());
        return m;
    }

    /** Settings whose value differs between the two records, by name. */
    static Set<String> differing(VmRecord a, VmRecord b) {
        Map<String, String> x = settings(a);
        Map<String, String> y = settings(b);
        Set<String> keys = new TreeSet<>(x.keySet());
        keys.addAll(y.keySet());
        keys.removeIf(k -> Objects.equals(x.get(k), y.get(k)));
        return keys;
    }

    /** The settings a journalled plan JSON names: what an interrupted push may have changed. */
    static Set<String> touchedBy(String planJson) throws JsonProcessingException {
        Set<String> touched = new TreeSet<>();
        for (JsonNode step : JSON.readTree(planJson).path("Changes")) {
            switch (step.path("Kind").asText()) {
                case "AutomaticStopAction" -> touched.add("AutomaticStopAction");
                case "ProcessorCount" -> touched.add("ProcessorCount");
                case "MemoryStartup" -> touched.add("MemoryStartup");
                case "DynamicMemory" -> touched.addAll(List.of("DynamicMemoryEnabled", "MemoryMinimum", "MemoryMaximum",
                        "MemoryBuffer"));
                case "ExposeVirtualizationExtensions" -> touched.add("ExposeVirtualizationExtensions");
                case "IntegrationService" -> touched.add("IntegrationServices[" + step.path("Name").asText() + "]");
                case "SecureBootTemplate" -> touched.add("SecureBootTemplate");
                case "UpdateVersion" -> touched.add("Version");
                default -> {
                    // a kind this version of hvdiag does not send: it touches nothing undo knows
                }
            }
        }
        return touched;
    }
}
