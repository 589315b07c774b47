package org.hvdiag.winrm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * `run generate --from FILE --count N --into FILE2`: a host with N VMs for tests and benchmarks,
 * cycling over the VMs of FILE as templates, each copy with a fresh GUID and the template's name
 * plus -0001, -0002, ...; the host facts are FILE's.
 */
final class FleetGenerator {
    private FleetGenerator() {
    }

    static int run(String[] args) throws IOException {
        Path from = null;
        Path into = null;
        int count = -1;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--from" -> from = Path.of(Options.value(args, ++i, "--from"));
                case "--into" -> into = Path.of(Options.value(args, ++i, "--into"));
                case "--count" -> count = Options.number(Options.value(args, ++i, "--count"), "--count", 1, 1_000_000);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (from == null || into == null || count < 0) {
            throw new IllegalArgumentException("generate needs --from FILE --count N --into FILE2");
        }
        Fleet template = Fleet.load(from);
        List<Vm> templates = template.vms();
        if (templates.isEmpty()) {
            throw new IllegalArgumentException(from + " has no VMs to copy");
        }
        int width = Math.max(4, Integer.toString(count).length());
        List<Vm> vms = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            Vm t = templates.get((i - 1) % templates.size());
            vms.add(t.withIdentity(UUID.randomUUID().toString(), t.name() + "-" + String.format("%0" + width + "d", i)));
        }
        java.nio.file.Files.createDirectories(into.toAbsolutePath().getParent());
        Fleet.of(into, template.host(), vms).save();
        System.out.println("generated " + count + " VMs from " + templates.size() + " templates into " + into);
        return 0;
    }
}
