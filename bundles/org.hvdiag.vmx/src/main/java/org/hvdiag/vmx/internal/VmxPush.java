package org.hvdiag.vmx.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ChangePreview;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Verification;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ApplyResult.Outcome;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.Vm;

/**
 * Applies change plans to .vmx files, one VM at a time: re-read, refuse a running VM or a stale plan,
 * compute the new file, journal the old bytes and the new hash, write atomically, re-read and check
 * every change. The journal's before-state holds the whole old file, so undo restores it byte for
 * byte. File contents never go into a result, a message or a log.
 */
final class VmxPush {
    static final String PATH = "path";
    static final String SHA256 = "sha256";
    static final String CONTENT = "contentBase64";
    static final String PLANNED_SHA256 = "plannedSha256";

    private final String hostId;

    VmxPush(String hostId) {
        this.hostId = hostId;
    }

    List<ApplyResult> apply(List<ChangePlan> plans, Journal journal, Progress progress) {
        progress.begin("Applying changes to " + plans.size() + " .vmx files", plans.size());
        List<ApplyResult> results = new ArrayList<>(plans.size());
        for (ChangePlan plan : plans) {
            if (progress.isCanceled()) {
                results.add(new ApplyResult(plan.vmId(), plan.vmName(), Outcome.SKIPPED, "cancelled", null));
                continue;
            }
            results.add(applyOne(plan, journal));
            progress.worked(1);
        }
        return results;
    }

    private ApplyResult applyOne(ChangePlan plan, Journal journal) {
        Path path;
        VmxFile file;
        Vm before;
        try {
            path = Path.of(plan.vmId());
            file = VmxFile.read(path);
            before = VmReader.map(file, hostId).vm();
        } catch (InvalidPathException e) {
            return result(plan, Outcome.FAILED, "'" + plan.vmId() + "' is not a .vmx path", null);
        } catch (VmxFileException e) {
            return result(plan, Outcome.FAILED, e.getMessage(), null);
        }
        String refusal = refusal(path, file, before);
        if (refusal == null) {
            refusal = damaged(path, file);
        }
        if (refusal == null) {
            String stale = plan.violation(before);
            refusal = stale == null ? null : "the plan is stale: " + stale;
        }
        if (refusal != null) {
            return result(plan, Outcome.SKIPPED, refusal, before);
        }
        byte[] old = file.originalBytes();
        try {
            // A plan the model refuses would be refused by core's verifier after the write: refuse it before.
            ChangePreview.apply(before, plan.changes());
            for (ConfigChange c : plan.changes()) {
                VmxEdits.apply(c, file, before);
            }
        } catch (IllegalArgumentException e) {
            return result(plan, Outcome.FAILED, "not changed: " + e.getMessage(), before);
        }
        byte[] planned = file.toBytes();
        String oldSha = Sha256.of(old);
        Map<String, String> beforeState = new LinkedHashMap<>();
        beforeState.put(PATH, VmReader.idOf(path));
        beforeState.put(SHA256, oldSha);
        beforeState.put(CONTENT, Base64.getEncoder().encodeToString(old));
        beforeState.put(PLANNED_SHA256, Sha256.of(planned));
        int seq;
        try {
            seq = journal.recordIntent(plan, before, beforeState);
        } catch (IOException e) {
            return result(plan, Outcome.FAILED, "not changed: the journal could not be written (" + e.getMessage() + ")", before);
        }
        ApplyResult outcome = write(plan, path, old, oldSha, planned, before);
        String afterSha = currentSha(path);
        try {
            journal.recordOutcome(seq, outcome, Map.of(SHA256, afterSha));
        } catch (IOException e) {
            outcome = result(plan, outcome.outcome(), outcome.detail() + " (the journal outcome could not be written: "
                    + e.getMessage() + ")", outcome.after());
        }
        return outcome;
    }

    /** Why a VM must not be edited now, or null. Shared with undo: the same rules protect both. */
    static String refusal(Path path, VmxFile file, Vm vm) {
        Optional<LockFolder> lock = LockFolder.find(path);
        if (lock.isPresent()) {
            return vm.name() + " is running (lock folder " + lock.get().name() + " exists): power it off first";
        }
        if (vm.powerState() == PowerState.SUSPENDED) {
            Path vmss = VmReader.suspendFile(file).map(Path::getFileName).orElse(null);
            return vm.name() + " is suspended (" + vmss + "): resume it and power it off first";
        }
        return null;
    }

    /**
     * Why a file with damaged lines is not edited, or null. Its bytes would be kept, but the plan was made
     * from a VM read without those lines: a fix that sets a key a damaged line meant to hold would leave
     * two lines for it, which the admin and VMware would read differently once the damage is repaired.
     */
    private static String damaged(Path path, VmxFile file) {
        List<VmxFile.DamagedLine> damaged = file.damagedLines();
        if (damaged.isEmpty()) {
            return null;
        }
        List<String> lines = new ArrayList<>(damaged.size());
        for (VmxFile.DamagedLine d : damaged) {
            lines.add(String.valueOf(d.line()));
        }
        return "not changed: " + path + " has damaged " + (damaged.size() == 1 ? "line " : "lines ")
                + String.join(", ", lines) + " (" + damaged.get(0).reason() + "); repair or remove "
                + (damaged.size() == 1 ? "it" : "them") + " and audit again";
    }

    private ApplyResult write(ChangePlan plan, Path path, byte[] old, String oldSha, byte[] planned, Vm before) {
        try {
            if (!Arrays.equals(old, planned)) {
                // Narrow the window in which an admin's own save between our read and our write would be lost.
                if (!oldSha.equals(currentSha(path))) {
                    return result(plan, Outcome.FAILED, path + " changed while hvdiag was fixing it; not written", null);
                }
                AtomicWrite.replace(path, planned);
            }
        } catch (IOException e) {
            return result(plan, Outcome.FAILED, "could not write " + path + ": " + e.getMessage(), null);
        }
        return verify(plan, path, planned, before);
    }

    /**
     * Core's verifier compares the re-read VM with the model's prediction; the file itself is what
     * only this connector can see, so it checks that the bytes on disk are the ones it planned.
     */
    private ApplyResult verify(ChangePlan plan, Path path, byte[] planned, Vm before) {
        VmxFile reread;
        Vm after;
        try {
            reread = VmxFile.read(path);
            after = VmReader.map(reread, hostId).vm();
        } catch (VmxFileException e) {
            return result(plan, Outcome.FAILED, "written, but cannot be read back: " + e.getMessage(), null);
        }
        List<String> unmet = new ArrayList<>(Verification.unmet(before, plan.changes(), after));
        if (!Arrays.equals(planned, reread.originalBytes())) {
            unmet.add(path + " does not hold the planned bytes (changed by someone else since it was written?)");
        }
        if (!unmet.isEmpty()) {
            return result(plan, Outcome.FAILED, "written, but does not hold: " + String.join("; ", unmet), after);
        }
        List<String> done = new ArrayList<>();
        for (ConfigChange c : plan.changes()) {
            done.add(c.describe());
        }
        return result(plan, Outcome.APPLIED, String.join("; ", done), after);
    }

    /** The hash of the file as it is on disk now, or "" when it cannot be read. */
    static String currentSha(Path path) {
        try {
            if (Files.size(path) > VmxReader.MAX_FILE) {
                return "";
            }
            return Sha256.of(Files.readAllBytes(path));
        } catch (IOException e) {
            return "";
        }
    }

    private static ApplyResult result(ChangePlan plan, Outcome outcome, String detail, Vm vm) {
        return new ApplyResult(plan.vmId(), plan.vmName(), outcome, detail, vm);
    }
}
