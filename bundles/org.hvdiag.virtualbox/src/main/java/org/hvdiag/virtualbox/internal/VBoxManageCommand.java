package org.hvdiag.virtualbox.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * VBoxManage on this machine's PATH, asked for what the web service does not show (extension packs)
 * or what a folder of files cannot say (the VirtualBox version). Absent, failing or hanging, it
 * gives nothing: the fact stays unknown rather than the audit failing.
 */
public interface VBoxManageCommand {

    /** The command's standard output when it ran and exited 0. */
    Optional<String> run(String... args);

    /** A VBoxManage that is never there: for tests, and for hosts where asking is not wanted. */
    VBoxManageCommand ABSENT = args -> Optional.empty();

    /** The VBoxManage found on PATH, if any. */
    static VBoxManageCommand onPath() {
        return args -> find().flatMap(exe -> runProcess(exe, args));
    }

    private static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = File.separatorChar == '\\';
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path exe = Path.of(dir, windows ? "VBoxManage.exe" : "VBoxManage");
            if (Files.isRegularFile(exe) && Files.isExecutable(exe)) {
                return Optional.of(exe);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> runProcess(Path exe, String... args) {
        List<String> command = new ArrayList<>();
        command.add(exe.toString());
        command.addAll(List.of(args));
        Path out = null;
        try {
            // Output to a file, not a pipe: a pipe read would block past the time limit below.
            out = Files.createTempFile("hvdiag-vboxmanage", ".txt");
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(out.toFile()).start();
            p.getOutputStream().close();
            // VBoxManage waits for VBoxSVC; one that does not answer in time is treated as absent.
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(Files.readString(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
