package org.hvdiag.vboxweb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * `run generate --from DIR --count N --into DIR2`: N machines for tests and benchmarks, cycling over
 * the .vbox templates in DIR, each with a fresh UUID and the template's name plus -0001, -0002, ...,
 * in a folder of its own as VirtualBox keeps them.
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
            throw new IllegalArgumentException("generate needs --from DIR --count N --into DIR");
        }
        List<Path> templates;
        try (Stream<Path> s = Files.walk(from)) {
            templates = s.filter(p -> p.toString().endsWith(".vbox") && Files.isRegularFile(p)).sorted().toList();
        }
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("no .vbox files in " + from);
        }
        List<String> names = new java.util.ArrayList<>();
        for (Path t : templates) {
            names.add(SettingsFile.read(t).name());
        }
        int width = Math.max(4, Integer.toString(count).length());
        for (int i = 1; i <= count; i++) {
            int t = (i - 1) % templates.size();
            String name = names.get(t) + "-" + String.format("%0" + width + "d", i);
            SettingsFile.writeCopy(templates.get(t), into.resolve(name).resolve(name + ".vbox"), UUID.randomUUID().toString(), name);
        }
        System.out.println("generated " + count + " machines from " + templates.size() + " templates into " + into);
        return 0;
    }
}
