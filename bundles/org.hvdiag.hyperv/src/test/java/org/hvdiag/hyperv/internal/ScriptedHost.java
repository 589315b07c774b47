package org.hvdiag.hyperv.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hvdiag.core.connector.ConnectorException;

/**
 * A Hyper-V host in memory that runs what the connector sends the way the protocol says a host does:
 * it decodes the -EncodedCommand, tells the inventory from the change script by their marker lines,
 * takes the plan only from the base64 literal, applies changes in order with Hyper-V's "VM must be
 * off" rules, and stops at the first refusal with the earlier changes kept. It can lose the
 * connection after a change was made, as a killed endpoint would.
 */
final class ScriptedHost implements ScriptRunner {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long MIB = 1024L * 1024L;
    private static final Pattern PLAN = Pattern.compile("FromBase64String\\('([A-Za-z0-9+/=]*)'\\)");
    private static final String OFF_STATE = "The operation cannot be performed while the virtual machine is in its current state.";

    final Map<String, ObjectNode> vms = new LinkedHashMap<>();
    final List<String> scripts = new ArrayList<>();
    final List<JsonNode> plans = new ArrayList<>();
    String defaultVersion = "10.0";
    /** The next change of this kind is refused with {@link #refusal}. */
    String refuseKind;
    String refusal = "Failed to modify device 'Processor'.";
    /** The change command with this number (1-based, re-reads not counted) is made, then the connection drops. */
    int loseConnectionAtChange = -1;
    private int changeCommands;
    private boolean gone;

    @Override
    public String where() {
        return "hv1.example:5986";
    }

    static ObjectNode vm(String id, String name) {
        ObjectNode v = JSON.createObjectNode();
        v.put("Id", id);
        v.put("Name", name);
        v.put("State", "Off");
        v.put("Generation", 2);
        v.put("Version", "9.0");
        v.put("ProcessorCount", 2);
        v.put("MemoryStartup", 2048 * MIB);
        v.put("DynamicMemoryEnabled", false);
        v.put("MemoryMinimum", 512 * MIB);
        v.put("MemoryMaximum", 1048576 * MIB);
        v.put("MemoryBuffer", 20);
        v.put("ExposeVirtualizationExtensions", false);
        v.put("AutomaticStopAction", "ShutDown");
        v.put("CheckpointType", "Production");
        v.put("CheckpointCount", 0);
        v.put("SecureBoot", "On");
        v.put("SecureBootTemplate", "MicrosoftWindows");
        ArrayNode services = v.putArray("IntegrationServices");
        for (String s : List.of("Guest Service Interface", "Heartbeat", "Key-Value Pair Exchange", "Shutdown",
                "Time Synchronization", "VSS")) {
            services.addObject().put("Name", s).put("Enabled", !s.equals("Guest Service Interface"));
        }
        v.putNull("GuestOs");
        return v;
    }

    ObjectNode add(ObjectNode vm) {
        vms.put(vm.get("Id").asText(), vm);
        return vm;
    }

    String inventoryJson() {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("Host").put("ComputerName", "HV1").put("LogicalProcessorCount", 16).put("Cores", 8)
                .put("MemoryCapacity", 65536 * MIB).put("OsVersion", "10.0.20348");
        root.put("DefaultVersion", defaultVersion);
        root.putArray("SupportedVersions").add("8.0").add("9.0").add("10.0");
        ArrayNode list = root.putArray("VMs");
        vms.values().forEach(list::add);
        return root.toString();
    }

    @Override
    public ShellResult run(PowerShellCommand command) throws ConnectorException {
        if (gone) {
            throw new ConnectorException("cannot send Create to " + where() + ": connection refused (nothing listens there: check host and port)");
        }
        List<String> args = command.arguments();
        if (!args.subList(0, 3).equals(List.of("-NoProfile", "-NonInteractive", "-EncodedCommand"))) {
            throw new AssertionError("not the protocol's command line: " + args);
        }
        String script = PowerShellCommand.decode(args.get(3));
        scripts.add(script);
        if (script.contains("\n# hvdiag inventory v1\n")) {
            return ok(inventoryJson());
        }
        if (!script.contains("\n# hvdiag change v1\n")) {
            throw new AssertionError("neither the inventory nor the change script");
        }
        Matcher m = PLAN.matcher(script);
        if (!m.find()) {
            throw new AssertionError("no plan literal in the change script");
        }
        JsonNode plan;
        try {
            plan = JSON.readTree(Base64.getDecoder().decode(m.group(1)));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        plans.add(plan);
        ObjectNode vm = vms.get(plan.get("VmId").asText());
        if (vm == null) {
            return refused("Hyper-V was unable to find a virtual machine with id '" + plan.get("VmId").asText() + "'.");
        }
        for (JsonNode c : plan.get("Changes")) {
            String error = apply(vm, c);
            if (error != null) {
                return refused(error);
            }
        }
        if (!plan.get("Changes").isEmpty() && ++changeCommands == loseConnectionAtChange) {
            gone = true;
            throw new ConnectorException("lost the connection to " + where() + " while trying to send Receive to it "
                    + "(Connection reset)");
        }
        return ok(vm.toString());
    }

    private String apply(ObjectNode vm, JsonNode c) {
        String kind = c.get("Kind").asText();
        if (kind.equals(refuseKind)) {
            refuseKind = null;
            return refusal;
        }
        boolean off = vm.get("State").asText().equals("Off");
        switch (kind) {
            case "AutomaticStopAction" -> vm.put("AutomaticStopAction", c.get("Value").asText());
            case "ProcessorCount" -> {
                if (!off) return OFF_STATE;
                vm.put("ProcessorCount", c.get("Value").asInt());
            }
            case "MemoryStartup" -> {
                if (!off) return OFF_STATE;
                long v = c.get("Value").asLong();
                if (vm.get("DynamicMemoryEnabled").asBoolean()
                        && (v < vm.get("MemoryMinimum").asLong() || v > vm.get("MemoryMaximum").asLong())) {
                    return "The startup memory must be between the minimum and the maximum memory.";
                }
                vm.put("MemoryStartup", v);
            }
            case "DynamicMemory" -> {
                if (!off) return OFF_STATE;
                boolean on = c.get("Enabled").asBoolean();
                if (on) {
                    long min = c.path("Minimum").isNull() || c.path("Minimum").isMissingNode() ? vm.get("MemoryMinimum").asLong() : c.get("Minimum").asLong();
                    long max = c.path("Maximum").isNull() || c.path("Maximum").isMissingNode() ? vm.get("MemoryMaximum").asLong() : c.get("Maximum").asLong();
                    long startup = vm.get("MemoryStartup").asLong();
                    if (min > startup || startup > max) {
                        return "The startup memory must be between the minimum and the maximum memory.";
                    }
                    vm.put("MemoryMinimum", min).put("MemoryMaximum", max);
                    if (!c.path("Buffer").isNull() && !c.path("Buffer").isMissingNode()) {
                        vm.put("MemoryBuffer", c.get("Buffer").asInt());
                    }
                }
                vm.put("DynamicMemoryEnabled", on);
            }
            case "ExposeVirtualizationExtensions" -> {
                if (!off) return OFF_STATE;
                vm.put("ExposeVirtualizationExtensions", c.get("Value").asBoolean());
            }
            case "IntegrationService" -> {
                for (JsonNode s : vm.get("IntegrationServices")) {
                    if (s.get("Name").asText().equals(c.get("Name").asText())) {
                        ((ObjectNode) s).put("Enabled", c.get("Enabled").asBoolean());
                        return null;
                    }
                }
                return "no integration service named '" + c.get("Name").asText() + "'";
            }
            case "SecureBootTemplate" -> {
                if (!off) return OFF_STATE;
                if (vm.get("Generation").asInt() == 1) return "Generation 1 virtual machines do not support this operation.";
                vm.put("SecureBootTemplate", c.get("Value").asText());
            }
            case "UpdateVersion" -> {
                if (!off) return OFF_STATE;
                vm.put("Version", defaultVersion);
            }
            default -> {
                return "hvdiag change kind '" + kind + "' is not known to this script";
            }
        }
        return null;
    }

    private static ShellResult ok(String stdout) {
        return new ShellResult(stdout + "\r\n", "", 0, List.of());
    }

    /** As PowerShell writes an error for a remote shell: the message, then its position and category lines. */
    private static ShellResult refused(String message) {
        return new ShellResult("", message + "\r\n    + CategoryInfo          : InvalidOperation: (:) [], "
                + "VirtualizationException\r\n    + FullyQualifiedErrorId : InvalidState\r\n", 1, List.of());
    }
}
