package org.hvdiag.ui.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.core.model.Inventory;

/**
 * What the last audit found, shared by every view of the perspective. Jobs publish here from their
 * own threads; listeners move to the UI thread themselves. It also remembers the journal of the
 * last push, which "Undo last push" restores.
 */
@Component(service = AuditResults.class)
public final class AuditResults {
    /**
     * The latest audit: the report, the inventories it was made from and, index for index, their
     * connections; {@code logNotes} says which connections' logs could not be read (their
     * configuration was still audited).
     */
    public record Snapshot(AuditReport report, List<Inventory> inventories, List<Connection> connections, List<String> logNotes) {
        public static final Snapshot EMPTY = new Snapshot(
                new AuditReport(List.of(), List.of(), List.of(), List.of(), 0, 0), List.of(), List.of());

        public Snapshot {
            logNotes = List.copyOf(logNotes);
        }

        /** An audit that read no logs, or read all it tried to. */
        public Snapshot(AuditReport report, List<Inventory> inventories, List<Connection> connections) {
            this(report, inventories, connections, List.of());
        }

        /** The connection whose inventory holds the VM, with the VM as audited. */
        public Optional<java.util.Map.Entry<Connection, org.hvdiag.core.model.Vm>> vm(String vmId) {
            for (int i = 0; i < inventories.size(); i++) {
                for (org.hvdiag.core.model.Vm vm : inventories.get(i).vms()) {
                    if (vm.id().equals(vmId)) {
                        return Optional.of(java.util.Map.entry(connections.get(i), vm));
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** What a push or an undo did, per VM. */
    public record Outcome(String action, List<org.hvdiag.core.connector.ApplyResult> results) {
        public Outcome {
            results = List.copyOf(results);
        }
    }

    private final List<Consumer<Outcome>> outcomeListeners = new CopyOnWriteArrayList<>();
    private volatile Outcome lastOutcome;
    private volatile Snapshot current = Snapshot.EMPTY;
    /** One connection's part of a push: the journal `undo` restores it from. */
    public record JournalledPush(Path journal, Connection connection) { }

    private final List<JournalledPush> lastPush = new CopyOnWriteArrayList<>();
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();

    public Snapshot current() {
        return current;
    }

    public void publish(Snapshot snapshot) {
        current = snapshot;
        for (Consumer<Snapshot> l : listeners) {
            l.accept(snapshot);
        }
    }

    public void addListener(Consumer<Snapshot> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Snapshot> listener) {
        listeners.remove(listener);
    }

    public void publishOutcome(Outcome outcome) {
        lastOutcome = outcome;
        for (Consumer<Outcome> l : outcomeListeners) {
            l.accept(outcome);
        }
    }

    public Optional<Outcome> lastOutcome() {
        return Optional.ofNullable(lastOutcome);
    }

    public void addOutcomeListener(Consumer<Outcome> listener) {
        outcomeListeners.add(listener);
    }

    public void removeOutcomeListener(Consumer<Outcome> listener) {
        outcomeListeners.remove(listener);
    }

    /** A new push forgets the previous one: Undo restores the last push, all of its connections. */
    public void beginPush() {
        lastPush.clear();
    }

    public void rememberPush(Path journal, Connection connection) {
        lastPush.add(new JournalledPush(journal, connection));
    }

    public List<JournalledPush> lastPush() {
        return List.copyOf(lastPush);
    }

    /** The journal of the last push's last connection, the one a running push is writing. */
    public Optional<Path> lastJournal() {
        List<JournalledPush> p = lastPush();
        return p.isEmpty() ? Optional.empty() : Optional.of(p.get(p.size() - 1).journal());
    }
}
