package org.hvdiag.core.journal;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where pushes are journalled unless the admin names a file: one folder for the CLI and the
 * workbench alike, so either can undo the other's push. {@code -Dhvdiag.journals=FOLDER} moves it.
 */
public final class JournalFolder {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private JournalFolder() {
    }

    /** ~/.hvdiag/journals, or the folder -Dhvdiag.journals names. */
    public static Path folder() {
        String chosen = System.getProperty("hvdiag.journals");
        return chosen != null ? Path.of(chosen) : Path.of(System.getProperty("user.home"), ".hvdiag", "journals");
    }

    /** A new journal file for a push starting now: fix-YYYYMMDD-HHMMSS-mmm.jsonl in {@code folder}. */
    public static Path newFile(Path folder) {
        return folder.resolve("fix-" + LocalDateTime.now().format(STAMP) + ".jsonl");
    }
}
