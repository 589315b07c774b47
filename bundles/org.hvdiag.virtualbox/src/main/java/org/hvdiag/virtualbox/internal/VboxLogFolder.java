package org.hvdiag.virtualbox.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.evidence.LogFile;
import org.hvdiag.core.evidence.PathLogFile;

/**
 * The VBox.log files of a machine folder: VirtualBox writes them into {@code Logs} beside the
 * .vbox file (Machine::i_getLogFolder, unless VBOX_USER_VMLOGDIR moves them), VBox.log the run
 * now or last, VBox.log.1 the one before, up to the host's log history count (3 by default).
 */
final class VboxLogFolder {
    /** ISystemProperties.logHistoryCount can be raised; past this many nobody keeps VM logs. */
    static final int MAX_FILES = 100;

    private VboxLogFolder() {
    }

    /** Newest first; empty when the folder holds no VBox.log. */
    static List<LogFile> beside(Path settingsFile) {
        Path logs = settingsFile.toAbsolutePath().getParent().resolve("Logs");
        List<LogFile> out = new ArrayList<>();
        for (int i = 0; i < MAX_FILES; i++) {
            Path f = logs.resolve(i == 0 ? "VBox.log" : "VBox.log." + i);
            if (!Files.isRegularFile(f)) {
                if (i == 0) {
                    continue; // deleted by hand: the older runs still tell their story
                }
                break;
            }
            out.add(new PathLogFile(f));
        }
        return out;
    }

    static Path folder(Path settingsFile) {
        return settingsFile.toAbsolutePath().getParent().resolve("Logs");
    }
}
