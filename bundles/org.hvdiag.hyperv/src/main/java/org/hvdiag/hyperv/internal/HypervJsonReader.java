package org.hvdiag.hyperv.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads what inventory.ps1 and change.ps1 print into records, checking every field the protocol
 * fixes: a missing or mistyped one is an error naming the VM (or the host) and the field. A bad VM
 * is reported on its own; the others are still read.
 * <p>
 * ConvertTo-Json's traps are met where they would bite: a list of one may arrive unwrapped (a script
 * without @(...)), and an enum written as a number is refused with that explanation rather than
 * guessed at.
 */
final class HypervJsonReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The inventory as read: the host, the VMs that read well, and one error per VM that did not. */
    record InventoryRead(HostRecord host, List<VmRecord> vms, List<HypervJsonException> errors) {
    }

    private HypervJsonReader() {
    }

    static InventoryRead inventory(String stdout, String where) throws HypervJsonException {
        JsonNode root = parse(stdout, "the inventory of " + where);
        String hostObject = "host " + where;
        if (!root.isObject()) {
            throw new HypervJsonException(hostObject, "", "expected one JSON object with Host, DefaultVersion, "
                    + "SupportedVersions and VMs, got " + kind(root));
        }
        Fields h = new Fields(hostObject, root.get("Host"), "Host");
        Fields top = new Fields(hostObject, root, "");
        HostRecord host = new HostRecord(h.text("ComputerName"), h.integer("LogicalProcessorCount"), h.integer("Cores"),
                h.count("MemoryCapacity"), h.text("OsVersion"), top.text("DefaultVersion"),
                top.texts("SupportedVersions"));
        List<VmRecord> vms = new ArrayList<>();
        List<HypervJsonException> errors = new ArrayList<>();
        List<JsonNode> nodes = listOf(root.get("VMs"));
        if (nodes == null) {
            throw new HypervJsonException(hostObject, "VMs", "expected a list of VMs, got " + kind(root.get("VMs")));
        }
        for (int i = 0; i < nodes.size(); i++) {
            try {
                vms.add(vm(nodes.get(i), "VM #" + (i + 1) + " of " + where));
            } catch (HypervJsonException e) {
                errors.add(e);
            }
        }
        return new InventoryRead(host, vms, errors);
    }

    /** The one VM change.ps1 prints after its changes. */
    static VmRecord vm(String stdout, String vmObject) throws HypervJsonException {
        return vm(parse(stdout, vmObject), vmObject);
    }

    private static VmRecord vm(JsonNode node, String fallbackName) throws HypervJsonException {
        if (node == null || !node.isObject()) {
            throw new HypervJsonException(fallbackName, "", "expected a VM object, got " + kind(node));
        }
        Fields f = new Fields(vmObject(node, fallbackName), node, "");
        List<VmRecord.Service> services = new ArrayList<>();
        JsonNode list = node.get("IntegrationServices");
        List<JsonNode> entries = listOf(list);
        if (entries == null) {
            throw new HypervJsonException(f.object, "IntegrationServices", "expected a list of {Name, Enabled}, got " + kind(list));
        }
        for (int i = 0; i < entries.size(); i++) {
            Fields s = new Fields(f.object, entries.get(i), "IntegrationServices[" + i + "]");
            services.add(new VmRecord.Service(s.text("Name"), s.bool("Enabled")));
        }
        return new VmRecord(f.text("Id"), f.text("Name"), f.stateText("State"), f.integer("Generation"), f.text("Version"),
                f.integer("ProcessorCount"), f.count("MemoryStartup"), f.bool("DynamicMemoryEnabled"),
                f.count("MemoryMinimum"), f.count("MemoryMaximum"), f.integer("MemoryBuffer"),
                f.bool("ExposeVirtualizationExtensions"), f.enumText("AutomaticStopAction"), f.enumText("CheckpointType"),
                f.integer("CheckpointCount"), f.optionalText("SecureBoot"), f.optionalText("SecureBootTemplate"), services,
                f.optionalText("GuestOs"), node.toString());
    }

    /** "VM 'web01' (8e2a...)" when name and id read, so every error names the VM the admin knows. */
    private static String vmObject(JsonNode node, String fallback) {
        JsonNode name = node.get("Name");
        JsonNode id = node.get("Id");
        if (name != null && name.isTextual()) {
            return "VM '" + name.asText() + "'" + (id != null && id.isTextual() ? " (" + id.asText() + ")" : "");
        }
        return id != null && id.isTextual() ? "VM " + id.asText() : fallback;
    }

    private static JsonNode parse(String text, String object) throws HypervJsonException {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new HypervJsonException(object, "", "the host printed nothing; expected one line of JSON");
        }
        try {
            return JSON.readTree(t);
        } catch (JsonProcessingException e) {
            throw new HypervJsonException(object, "", "not JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "): "
                    + abbreviate(t));
        }
    }

    /** A list, or a single object ConvertTo-Json left unwrapped; null when it is neither. */
    private static List<JsonNode> listOf(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        List<JsonNode> items = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(items::add);
        } else if (n.isObject()) {
            items.add(n);
        } else {
            return null;
        }
        return items;
    }

    static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            return "the text \"" + abbreviate(n.asText()) + "\"";
        }
        if (n.isContainerNode()) {
            return n.isArray() ? "a list" : "an object";
        }
        return n.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** One JSON object's fields, read with errors that name the object and the field. */
    private static final class Fields {
        final String object;
        final JsonNode node;
        final String prefix;

        Fields(String object, JsonNode node, String path) throws HypervJsonException {
            this.object = object;
            this.node = node;
            this.prefix = path.isEmpty() ? "" : path + ".";
            if (node == null || !node.isObject()) {
                throw new HypervJsonException(object, path, "expected an object, got " + kind(node));
            }
        }

        private JsonNode required(String field, String expected) throws HypervJsonException {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw new HypervJsonException(object, prefix + field, (v == null ? "missing" : "null") + "; expected " + expected);
            }
            return v;
        }

        String text(String field) throws HypervJsonException {
            JsonNode v = required(field, "a string");
            if (!v.isTextual()) {
                throw new HypervJsonException(object, prefix + field, "expected a string, got " + kind(v));
            }
            return v.asText();
        }

        /** An enum cast to [string] by the script; a number is ConvertTo-Json's enum trap. */
        String enumText(String field) throws HypervJsonException {
            JsonNode v = required(field, "a name");
            if (v.isNumber()) {
                throw new HypervJsonException(object, prefix + field, "expected a name, got the number " + v
                        + " (an enum ConvertTo-Json wrote as a number: the script must cast it with [string])");
            }
            return text(field);
        }

        /** VMState as a name; the numbers 2 and 3 of the enum trap are kept for the mapping to read. */
        String stateText(String field) throws HypervJsonException {
            JsonNode v = required(field, "a name");
            return v.isIntegralNumber() ? v.asText() : text(field);
        }

        String optionalText(String field) throws HypervJsonException {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw new HypervJsonException(object, prefix + field, "expected a string or null, got " + kind(v));
            }
            return v.asText();
        }

        int integer(String field) throws HypervJsonException {
            JsonNode v = required(field, "a whole number");
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
                throw new HypervJsonException(object, prefix + field, "expected a whole number, got " + kind(v));
            }
            return v.asInt();
        }

        /** Bytes: a whole number that may exceed 2^31. */
        long count(String field) throws HypervJsonException {
            JsonNode v = required(field, "a number of bytes");
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                throw new HypervJsonException(object, prefix + field, "expected a number of bytes, got " + kind(v));
            }
            return v.asLong();
        }

        boolean bool(String field) throws HypervJsonException {
            JsonNode v = required(field, "true or false");
            if (!v.isBoolean()) {
                throw new HypervJsonException(object, prefix + field, "expected true or false, got " + kind(v));
            }
            return v.asBoolean();
        }

        List<String> texts(String field) throws HypervJsonException {
            JsonNode v = required(field, "a list of strings");
            List<String> out = new ArrayList<>();
            if (v.isTextual()) {
                // A host that supports one version: ConvertTo-Json without @(...) writes the string alone.
                out.add(v.asText());
                return out;
            }
            if (!v.isArray()) {
                throw new HypervJsonException(object, prefix + field, "expected a list of strings, got " + kind(v));
            }
            for (JsonNode e : v) {
                if (!e.isTextual()) {
                    throw new HypervJsonException(object, prefix + field, "expected a list of strings, found " + kind(e));
                }
                out.add(e.asText());
            }
            return out;
        }
    }
}
