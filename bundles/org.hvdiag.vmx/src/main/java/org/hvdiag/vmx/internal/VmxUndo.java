package org.hvdiag.vmx.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ApplyResult.Outcome;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.journal.UndoOrder;
import org.hvdiag.core.model.Vm;

/**
 * Puts .vmx files back as a journal recorded them, newest entry first. A file is restored only when it
 * is exactly as hvdiag left it (or, after an interrupted push, as hvdiag meant to leave it): an admin's
 * later edit is never overwritten.
 * <p>
 * A hardware version upgrade is restored too: for .vmx files it is not one-way, Workstation's Change
 * Hardware Compatibility wizard lowers it as well.
 */
final class VmxUndo {
    private final String hostId;

    VmxUndo(String hostId) {
        this.hostId = hostId;
    }

    List<ApplyResult> undo(List<JournalEntry> entries, Progress progress) {
        return UndoOrder.newestFirst(entries, progress,
                "Restoring " + entries.size() + " .vmx files", this::undoOne);
    }

    private ApplyResult undoOne(JournalEntry e) {
        String pathText = e.beforeState().get(VmxPush.PATH);
        String beforeSha = e.beforeState().get(VmxPush.SHA256);
        String content = e.beforeState().get(VmxPush.CONTENT);
        if (pathText == null || beforeSha == null || content == null) {
            return result(e, Outcome.FAILED, "the journal entry holds no .vmx before-state; not restored", null);
        }
        byte[] before;
        Path path;
        try {
            before = Base64.getDecoder().decode(content);
            path = Path.of(pathText);
        } catch (IllegalArgumentException ex) { // bad Base64, or a path this platform cannot hold
            return result(e, Outcome.FAILED, "the journal entry is damaged (" + ex.getMessage() + "); not restored", null);
        }
        if (!Sha256.of(before).equals(beforeSha)) {
            return result(e, Outcome.FAILED, "the journal entry's saved file does not match its hash; not restored", null);
        }
        if (!Files.exists(path)) {
            return result(e, Outcome.FAILED, path + " no longer exists; not restored", null);
        }
        String refusal = refusal(path);
        if (refusal != null) {
            return result(e, Outcome.SKIPPED, refusal, null);
        }
        String current = VmxPush.currentSha(path);
        if (current.equals(beforeSha)) {
            return result(e, Outcome.SKIPPED, "already as before", read(path));
        }
        String after = e.afterState().get(VmxPush.SHA256);
        boolean noOutcomeHash = after == null || after.isEmpty();
        boolean asLeft = !noOutcomeHash && current.equals(after);
        boolean asMeant = (e.interrupted() || noOutcomeHash) && current.equals(e.beforeState().get(VmxPush.PLANNED_SHA256));
        if (!asLeft && !asMeant) {
            return result(e, Outcome.FAILED, path + " changed since the fix; not restored", null);
        }
        try {
            AtomicWrite.replace(path, before);
        } catch (IOException ex) {
            return result(e, Outcome.FAILED, "could not restore " + path + ": " + ex.getMessage(), null);
        }
        if (!VmxPush.currentSha(path).equals(beforeSha)) {
            return result(e, Outcome.FAILED, path + " does not read back as the journal saved it", null);
        }
        return result(e, Outcome.APPLIED, "restored " + path, read(path));
    }

    /** Undo obeys the rules a push does: never under a running or suspended VM. */
    private String refusal(Path path) {
        try {
            VmxFile file = VmxFile.read(path);
            Vm vm = VmReader.map(file, hostId).vm();
            return VmxPush.refusal(path, file, vm);
        } catch (VmxFileException ex) {
            // A file that no longer parses may still be hvdiag's own write gone wrong: the hash check decides.
            return LockFolder.find(path).map(l -> path.getFileName() + " is running (lock folder " + l.name()
                    + " exists): power it off first").orElse(null);
        }
    }

    private Vm read(Path path) {
        try {
            return VmReader.read(path, hostId).vm();
        } catch (VmxFileException ex) {
            return null;
        }
    }

    private static ApplyResult result(JournalEntry e, Outcome outcome, String detail, Vm vm) {
        return new ApplyResult(e.vmId(), e.vmName(), outcome, detail, vm);
    }
}
