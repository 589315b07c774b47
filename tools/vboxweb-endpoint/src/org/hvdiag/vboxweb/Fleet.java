package org.hvdiag.vboxweb;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The registered machines: every *.vbox under the fleet folder, at any depth, in path order. */
final class Fleet {
    private static final Pattern UUID = Pattern.compile(
            "\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}?");

    final List<Vm> machines = new ArrayList<>();
    private final Map<String, Vm> byId = new HashMap<>();

    static Fleet load(Path dir, Set<String> running, PrintStream log) throws IOException {
        Fleet fleet = new Fleet();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".vbox") && Files.isRegularFile(p)).sorted().toList();
        }
        for (Path f : files) {
            MachineSettings settings;
            try {
                settings = SettingsFile.read(f);
            } catch (IOException | RuntimeException e) {
                log.println("vboxweb-endpoint: not registered: " + e.getMessage());
                continue;
            }
            if (fleet.byId.containsKey(settings.uuid())) {
                // VirtualBox refuses to register a second machine with the same UUID.
                log.println("vboxweb-endpoint: not registered: " + f + ": UUID {" + settings.uuid()
                        + "} already registered by " + fleet.byId.get(settings.uuid()).settings.file());
                continue;
            }
            Vm vm = new Vm(settings, running.contains(settings.name()));
            fleet.machines.add(vm);
            fleet.byId.put(settings.uuid(), vm);
        }
        for (String name : running) {
            if (fleet.machines.stream().noneMatch(vm -> vm.name().equals(name))) {
                throw new IOException("--running names '" + name + "', which is not a machine of " + dir);
            }
        }
        return fleet;
    }

    /** VirtualBox::findMachine: a UUID (with or without braces) or a name. */
    Vm find(String nameOrId) throws VboxError {
        if (UUID.matcher(nameOrId).matches()) {
            String id = nameOrId.replace("{", "").replace("}", "").toLowerCase();
            Vm vm = byId.get(id);
            if (vm == null) {
                throw new VboxError(ResultCode.VBOX_E_OBJECT_NOT_FOUND,
                        "Could not find a registered machine with UUID {" + id + "}");
            }
            return vm;
        }
        for (Vm vm : machines) {
            if (vm.name().equals(nameOrId)) {
                return vm;
            }
        }
        throw new VboxError(ResultCode.VBOX_E_OBJECT_NOT_FOUND, "Could not find a registered machine named '" + nameOrId + "'");
    }
}
