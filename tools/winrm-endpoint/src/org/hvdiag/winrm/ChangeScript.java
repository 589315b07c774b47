package org.hvdiag.winrm;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What change.ps1 does on a Hyper-V host, by the cmdlets' documented rules: the plan's changes in
 * order, each as its cmdlet would (Set-VM, Set-VMProcessor, Set-VMMemory, Enable/Disable-
 * VMIntegrationService, Set-VMFirmware, Update-VMVersion). The first refusal ends the script with
 * PowerShell's error text and exit code 1; what was applied before it stays applied (each cmdlet
 * commits on its own). The fleet file is written before any output leaves.
 */
final class ChangeScript {
    static final long TWO_MB = 2L * 1024 * 1024;
    static final List<String> SECURE_BOOT_TEMPLATES = List.of("MicrosoftWindows", "MicrosoftUEFICertificateAuthority",
            "OpenSourceShieldedVM");

    private final Fleet fleet;

    ChangeScript(Fleet fleet) {
        this.fleet = fleet;
    }

    CommandOutput run(String planBase64) {
        // One plan at a time: its reads and writes of the VM must not interleave with another's.
        synchronized (fleet) {
            Vm before = null;
            Vm vm = null;
            try {
                Map<String, Object> plan = plan(planBase64);
                String id = vmId(plan.get("VmId"));
                before = fleet.find(id);
                if (before == null) {
                    throw PsError.hyperV("Get-VM", "Hyper-V was unable to find a virtual machine with id \"" + id + "\".",
                            "InvalidArgument", id + ":Guid", "InvalidParameter");
                }
                vm = before;
                Object changes = plan.get("Changes");
                for (Object c : changes instanceof List<?> l ? l : List.of()) {
                    if (!(c instanceof Map<?, ?>)) {
                        throw PsError.thrown("hvdiag change kind '' is not known to this script");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> change = (Map<String, Object>) c;
                    vm = apply(vm, change);
                }
                save(before, vm);
                StringBuilder b = new StringBuilder(1024);
                Json.write(b, vm.json(), true);
                return CommandOutput.of(b.append('\n').toString(), "", 0);
            } catch (PsError e) {
                try {
                    save(before, vm);
                } catch (PsError saveFailed) {
                    return CommandOutput.of("", e.text() + saveFailed.text(), 1);
                }
                return CommandOutput.of("", e.text(), 1);
            }
        }
    }

    private void save(Vm before, Vm after) throws PsError {
        if (after == null || after.equals(before)) {
            return;
        }
        try {
            fleet.replace(after);
        } catch (IOException e) {
            throw PsError.hyperV("Set-VM", "Failed to save the virtual machine configuration: " + e.getMessage(),
                    "WriteError", after.name() + ":VirtualMachine", "OperationFailed");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plan(String base64) throws PsError {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw PsError.methodException("FromBase64String", 1, "The input is not a valid Base-64 string as it contains a "
                    + "non-base 64 character, more than two padding characters, or an illegal character among the padding "
                    + "characters. ", "FormatException");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            text = new String(raw, StandardCharsets.UTF_8);
        }
        Object doc;
        try {
            doc = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw PsError.cmdlet("ConvertFrom-Json", "Invalid JSON primitive: " + e.getMessage(), "NotSpecified",
                    "ArgumentException", "System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand");
        }
        if (!(doc instanceof Map<?, ?> m)) {
            throw PsError.thrown("hvdiag change plan is not a JSON object");
        }
        return (Map<String, Object>) m;
    }

    private static String vmId(Object value) throws PsError {
        String s = value instanceof String str ? str : String.valueOf(value);
        try {
            UUID u = UUID.fromString(s.strip());
            if (s.strip().length() != 36) {
                throw new IllegalArgumentException();
            }
            return u.toString();
        } catch (IllegalArgumentException e) {
            throw PsError.cmdlet("Get-VM", "Cannot convert value \"" + s + "\" to type \"System.Guid\". Error: \"Guid should "
                    + "contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).\"", "InvalidArgument",
                    "RuntimeException", "InvalidCastParseTargetInvocation");
        }
    }

    private Vm apply(Vm vm, Map<String, Object> c) throws PsError {
        String kind = c.get("Kind") instanceof String k ? k : String.valueOf(c.get("Kind"));
        HostFacts host = fleet.host();
        switch (kind) {
            case "AutomaticStopAction" -> {
                String value = text(c, "Value", "Set-VM", "AutomaticStopAction");
                for (String a : Vm.STOP_ACTIONS) {
                    if (a.equalsIgnoreCase(value)) {
                        return vm.withStopAction(a);
                    }
                }
                throw PsError.cannotBind("Set-VM", "AutomaticStopAction", "Cannot convert value \"" + value
                        + "\" to type \"Microsoft.HyperV.PowerShell.StopAction\". Error: \"Unable to match the identifier name "
                        + value + " to a valid enumerator name. Specify one of the following enumerator names and try again:\n"
                        + String.join(", ", Vm.STOP_ACTIONS) + "\"");
            }
            case "ProcessorCount" -> {
                long count = number(c, "Value", "Set-VMProcessor", "Count");
                requireOff(vm, "Set-VMProcessor");
                if (count < 1 || count > host.logicalProcessorCount()) {
                    throw PsError.invalidArgument("Set-VMProcessor", vm, "Failed to modify device 'Processor'. '" + vm.name()
                            + "' cannot have " + count + " virtual processors: this host has " + host.logicalProcessorCount()
                            + " logical processors.");
                }
                return vm.withProcessorCount((int) count);
            }
            case "MemoryStartup" -> {
                long startup = number(c, "Value", "Set-VMMemory", "StartupBytes");
                requireOff(vm, "Set-VMMemory");
                requireMemoryAmount(vm, "startup", startup);
                if (vm.dynamicMemoryEnabled()) {
                    requireOrder(vm, vm.memoryMinimum(), startup, vm.memoryMaximum());
                }
                return vm.withMemory(startup, vm.dynamicMemoryEnabled(), vm.memoryMinimum(), vm.memoryMaximum(), vm.memoryBuffer());
            }
            case "DynamicMemory" -> {
                boolean enabled = bool(c, "Enabled", "Set-VMMemory", "DynamicMemoryEnabled");
                requireOff(vm, "Set-VMMemory");
                if (!enabled) {
                    return vm.withMemory(vm.memoryStartup(), false, vm.memoryMinimum(), vm.memoryMaximum(), vm.memoryBuffer());
                }
                long min = c.get("Minimum") == null ? vm.memoryMinimum() : number(c, "Minimum", "Set-VMMemory", "MinimumBytes");
                long max = c.get("Maximum") == null ? vm.memoryMaximum() : number(c, "Maximum", "Set-VMMemory", "MaximumBytes");
                long buffer = c.get("Buffer") == null ? vm.memoryBuffer() : number(c, "Buffer", "Set-VMMemory", "Buffer");
                requireMemoryAmount(vm, "minimum", min);
                requireMemoryAmount(vm, "maximum", max);
                if (buffer < 5 || buffer > 2000) {
                    throw PsError.invalidArgument("Set-VMMemory", vm, "Failed to modify device 'Memory'. The memory buffer of '"
                            + vm.name() + "' must be from 5 to 2000 percent, not " + buffer + ".");
                }
                requireOrder(vm, min, vm.memoryStartup(), max);
                return vm.withMemory(vm.memoryStartup(), true, min, max, (int) buffer);
            }
            case "ExposeVirtualizationExtensions" -> {
                boolean expose = bool(c, "Value", "Set-VMProcessor", "ExposeVirtualizationExtensions");
                requireOff(vm, "Set-VMProcessor");
                return vm.withExposeVirtualizationExtensions(expose);
            }
            case "IntegrationService" -> {
                String name = c.get("Name") instanceof String n ? n : String.valueOf(c.get("Name"));
                boolean enabled = bool(c, "Enabled", enabledCmdlet(c), "Enabled");
                List<IntegrationService> services = new ArrayList<>(vm.integrationServices());
                for (int i = 0; i < services.size(); i++) {
                    if (services.get(i).name().equalsIgnoreCase(name)) {
                        services.set(i, new IntegrationService(services.get(i).name(), enabled));
                        return vm.withIntegrationServices(services);
                    }
                }
                throw PsError.thrown("no integration service named '" + name + "'");
            }
            case "SecureBootTemplate" -> {
                String template = text(c, "Value", "Set-VMFirmware", "SecureBootTemplate");
                if (vm.generation() == 1) {
                    throw PsError.invalidArgument("Set-VMFirmware", vm, "Generation 1 virtual machines do not support this operation.");
                }
                requireOff(vm, "Set-VMFirmware");
                for (String t : SECURE_BOOT_TEMPLATES) {
                    if (t.equalsIgnoreCase(template)) {
                        return vm.withSecureBootTemplate(t);
                    }
                }
                throw PsError.invalidArgument("Set-VMFirmware", vm, "The secure boot template '" + template
                        + "' is not one this host has (" + String.join(", ", SECURE_BOOT_TEMPLATES) + ").");
            }
            case "UpdateVersion" -> {
                requireOff(vm, "Update-VMVersion");
                ConfigurationVersion current = ConfigurationVersion.parse(vm.version());
                ConfigurationVersion target = ConfigurationVersion.parse(host.defaultVersion());
                // Update-VMVersion raises to the host's default and never lowers ("you can't downgrade").
                return current.compareTo(target) < 0 ? vm.withVersion(host.defaultVersion()) : vm;
            }
            default -> throw PsError.thrown("hvdiag change kind '" + kind + "' is not known to this script");
        }
    }

    private static String enabledCmdlet(Map<String, Object> c) {
        return Boolean.FALSE.equals(c.get("Enabled")) ? "Disable-VMIntegrationService" : "Enable-VMIntegrationService";
    }

    private static void requireOff(Vm vm, String cmdlet) throws PsError {
        if (!vm.isOff()) {
            throw PsError.wrongState(cmdlet, vm);
        }
    }

    private static void requireMemoryAmount(Vm vm, String which, long bytes) throws PsError {
        if (bytes <= 0 || bytes % TWO_MB != 0) {
            throw PsError.invalidArgument("Set-VMMemory", vm, "Failed to modify device 'Memory'. Invalid " + which
                    + " memory amount assigned for '" + vm.name() + "'. The amount of memory must be a multiple of 2 MB.");
        }
    }

    private static void requireOrder(Vm vm, long min, long startup, long max) throws PsError {
        if (min > startup || startup > max) {
            throw PsError.invalidArgument("Set-VMMemory", vm, "Failed to modify device 'Memory'. For '" + vm.name()
                    + "' the minimum memory (" + min / 1048576 + " MB) must not exceed the startup memory (" + startup / 1048576
                    + " MB), nor the startup memory the maximum memory (" + max / 1048576 + " MB).");
        }
    }

    private static long number(Map<String, Object> c, String key, String cmdlet, String parameter) throws PsError {
        if (c.get(key) instanceof Long l) {
            return l;
        }
        throw PsError.cannotBind(cmdlet, parameter, "Cannot convert value \"" + c.get(key) + "\" to type \"System.Int64\".");
    }

    private static boolean bool(Map<String, Object> c, String key, String cmdlet, String parameter) throws PsError {
        if (c.get(key) instanceof Boolean b) {
            return b;
        }
        throw PsError.cannotBind(cmdlet, parameter, "Cannot convert value \"" + c.get(key) + "\" to type \"System.Boolean\".");
    }

    private static String text(Map<String, Object> c, String key, String cmdlet, String parameter) throws PsError {
        if (c.get(key) instanceof String s) {
            return s;
        }
        throw PsError.cannotBind(cmdlet, parameter, "Cannot convert value \"" + c.get(key) + "\" to type \"System.String\".");
    }
}
