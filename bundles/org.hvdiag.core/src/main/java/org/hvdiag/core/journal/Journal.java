package org.hvdiag.core.journal;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.model.Vm;

/**
 * The record of one push, as JSON lines a person can read: a header naming connector and target,
 * then per VM an "intent" line (before-state and plan), written and synced to disk before the VM
 * is touched, and an "outcome" line (after-state and result) once the VM is re-read. A push that
 * is killed leaves intents without outcomes, which {@link JournalReader} reports as interrupted.
 */
public final class Journal implements Closeable {
    static final int FORMAT = 1;
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileOutputStream out;
    private int nextSeq = 1;

    private Journal(Path file, FileOutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Starts a new journal; refuses to overwrite an existing one, which may be an admin's only undo. */
    public static Journal create(Path file, String connectorId, String target) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.exists(file)) {
            throw new IOException("journal " + file + " exists already; choose another name");
        }
        Journal j = new Journal(file, new FileOutputStream(file.toFile()));
        ObjectNode header = JSON.createObjectNode();
        header.put("type", "journal");
        header.put("format", FORMAT);
        header.put("connector", connectorId);
        header.put("target", target);
        header.put("created", Instant.now().toString());
        j.writeLine(header);
        return j;
    }

    public Path file() {
        return file;
    }

    /** Journals a VM's before-state and the plan; returns the sequence number its outcome refers to. */
    public synchronized int recordIntent(ChangePlan plan, Vm before, Map<String, String> beforeState) throws IOException {
        int seq = nextSeq++;
        ObjectNode line = JSON.createObjectNode();
        line.put("type", "intent");
        line.put("seq", seq);
        line.put("vmId", plan.vmId());
        line.put("vmName", plan.vmName());
        line.putPOJO("rules", plan.ruleIds());
        line.putPOJO("changes", plan.changes().stream().map(ConfigChange::describe).toList());
        line.putPOJO("before", fields(before));
        line.putPOJO("beforeState", beforeState);
        writeLine(line);
        return seq;
    }

    public synchronized void recordOutcome(int seq, ApplyResult result, Map<String, String> afterState) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("type", "outcome");
        line.put("seq", seq);
        line.put("vmId", result.vmId());
        line.put("result", result.outcome().name());
        line.put("detail", result.detail());
        line.putPOJO("after", result.after() == null ? Map.of() : fields(result.after()));
        line.putPOJO("afterState", afterState == null ? Map.of() : afterState);
        writeLine(line);
    }

    static Map<String, String> fields(Vm vm) {
        Map<String, String> m = new LinkedHashMap<>();
        for (VmField f : VmField.values()) {
            m.put(f.name(), f.read(vm));
        }
        return m;
    }

    private void writeLine(ObjectNode node) throws IOException {
        byte[] bytes = (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        OutputStream o = out;
        o.write(bytes);
        o.flush();
        // A push may be killed at any moment: the before-state must be on disk before the VM changes.
        out.getFD().sync();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
