package org.hvdiag.libvirt.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.libvirt.jna.ConnectionPointer;
import org.libvirt.jna.DomainPointer;
import org.libvirt.jna.Libvirt;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.UnreadableFile;
import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EventSource;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.model.Vm;
import org.hvdiag.libvirt.internal.ReceivedEvents.Received;

/**
 * The domain events one connection receives while its session is open: lifecycle (started,
 * stopped and why, crashed) and USB devices added to or removed from running domains. libvirt
 * keeps no history of these, so only what arrives while hvdiag listens is evidence, at the time it
 * arrived; the newest {@link #MAX_KEPT} are kept.
 * <p>
 * Events arrive on the {@link LibvirtEventLoop} thread, which is shared by every connection: the
 * callbacks only note the event. Which device an alias names is worked out on a thread of this
 * session's (reading a domain's live XML is a round trip to the daemon), in arrival order, so that
 * a removal is looked up after the addition before it.
 */
final class DomainEvents implements AutoCloseable {
    static final int MAX_KEPT = 10_000;
    /** VIR_DOMAIN_EVENT_ID_* in libvirt's include/libvirt/libvirt-domain.h. */
    static final int LIFECYCLE = 0;
    static final int DEVICE_REMOVED = 15;
    static final int DEVICE_ADDED = 19;
    /** VIR_UUID_STRING_BUFLEN: 36 characters and the NUL. */
    private static final int UUID_BUFFER = 37;
    /**
     * Callbacks whose deregistration failed (the daemon was gone): libvirt may still hold them, and
     * JNA frees a callback's native stub once the Java object is garbage, so they are kept for good.
     */
    private static final List<Object> STRANDED = Collections.synchronizedList(new ArrayList<>());

    private final String uri;
    private final EventConnect conn;
    private final UsbAliases aliases;
    private final LiveDomains reader;
    private final ReceivedEvents kept = new ReceivedEvents(MAX_KEPT);
    private final Map<Long, UsbAliases.Lookup> looked = new ConcurrentHashMap<>();
    private final ExecutorService lookups;
    private final List<Integer> registered = new ArrayList<>();
    private final Libvirt.VirConnectDomainEventCallback lifecycle = this::onLifecycle;
    private final DeviceAliasCallback added = (c, dom, alias, opaque) -> onDevice(dom, alias, true);
    private final DeviceAliasCallback removed = (c, dom, alias, opaque) -> onDevice(dom, alias, false);
    private volatile boolean open;
    /** Why this session receives no events (or only some), or null. */
    private volatile String failure;

    DomainEvents(String uri, EventConnect conn, UsbAliases aliases, LiveDomains reader) {
        this.uri = uri;
        this.conn = conn;
        this.aliases = aliases;
        this.reader = reader;
        this.lookups = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hvdiag libvirt device lookups");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts listening; what libvirt refuses becomes {@link #failure()}, never an exception. */
    void listen() {
        failure = LibvirtEventLoop.failure();
        if (failure != null) {
            return;
        }
        open = true;
        register(LIFECYCLE, lifecycle, "lifecycle");
        register(DEVICE_ADDED, added, "device-added");
        register(DEVICE_REMOVED, removed, "device-removed");
    }

    private void register(int eventId, Libvirt.VirDomainEventCallback callback, String what) {
        int id = Libvirt.INSTANCE.virConnectDomainEventRegisterAny(conn.pointer(), null, eventId, callback, null, null);
        if (id < 0) {
            failure = (failure == null ? "" : failure + "; ") + uri + " refused to send " + what + " events";
        } else {
            synchronized (registered) {
                registered.add(id);
            }
        }
    }

    String failure() {
        return failure;
    }

    private int onLifecycle(ConnectionPointer c, DomainPointer dom, int event, int detail, Pointer opaque) {
        try {
            EventKind kind = kind(event, detail);
            if (kind != null) {
                String name = Libvirt.INSTANCE.virDomainGetName(dom);
                keep(uuid(dom), name, kind, "", false, "event 'lifecycle' for domain '" + name + "': " + words(event, detail));
            }
        } catch (RuntimeException e) {
            // Nothing may escape into libvirt's event loop: the event is lost, the loop lives on.
        }
        return 0;
    }

    private void onDevice(DomainPointer dom, String alias, boolean isAdded) {
        try {
            String name = Libvirt.INSTANCE.virDomainGetName(dom);
            String uuid = uuid(dom);
            Received r = keep(uuid, name, null, alias == null ? "" : alias, isAdded, "event '"
                    + (isAdded ? "device-added" : "device-removed") + "' for domain '" + name + "': " + alias);
            if (r != null) {
                lookups.execute(() -> lookUp(r));
            }
        } catch (RuntimeException e) {
            // as above; RejectedExecutionException once the session is closing
        }
    }

    /** Runs on the lookup thread: an added device's alias is in the domain's live XML now. */
    private void lookUp(Received r) {
        if (r.added() && aliases.find(r.domainUuid(), r.alias()).found() == UsbAliases.Found.UNKNOWN) {
            reread(r.domainUuid());
        }
        looked.put(r.seq(), aliases.find(r.domainUuid(), r.alias()));
    }

    private void reread(String uuid) {
        if (!open) {
            return; // the connection is closed or closing
        }
        try {
            reader.find(uuid); // learns the aliases of its live XML
        } catch (ConnectorException | UnreadableFile e) {
            // the domain stopped or the daemon is gone: the alias stays unknown and evidence says so
        }
    }

    private static String uuid(DomainPointer dom) {
        byte[] buffer = new byte[UUID_BUFFER];
        return Libvirt.INSTANCE.virDomainGetUUIDString(dom, buffer) < 0 ? "" : Native.toString(buffer);
    }

    private Received keep(String uuid, String name, EventKind kind, String alias, boolean isAdded, String raw) {
        if (!open) {
            return null;
        }
        return kept.add(Instant.now(), uuid, name, kind, alias, isAdded, raw, old -> looked.remove(old.seq()));
    }

    /** virDomainEventType and its detail enums in libvirt's include/libvirt/libvirt-domain.h. */
    static final int STARTED = 2;
    static final int STOPPED = 5;
    static final int CRASHED = 8;
    static final int STARTED_WAKEUP = 4;
    private static final String[] TYPES = {"Defined", "Undefined", "Started", "Suspended", "Resumed", "Stopped",
        "Shutdown", "PMSuspended", "Crashed"};
    private static final String[] STOPPED_DETAILS = {"Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed",
        "Snapshot"};
    private static final String[] STARTED_DETAILS = {"Booted", "Migrated", "Restored", "Snapshot", "Event wakeup",
        "Recreated"};
    private static final String[] CRASHED_DETAILS = {"Panicked", "QEMU crashed"};

    /**
     * What a lifecycle event means for the admin; null for the events that are not evidence
     * (defined, suspended, resumed, a start that is a guest waking from S3).
     */
    static EventKind kind(int event, int detail) {
        switch (event) {
            case STARTED:
                return detail == STARTED_WAKEUP ? null : new EventKind.PoweredOn();
            case STOPPED:
                return switch (detail) {
                    case 0 -> new EventKind.StoppedNormally("the guest shut down");
                    case 1 -> new EventKind.HardPowerOff("libvirt destroy");
                    case 2 -> new EventKind.StoppedAbnormally("crashed");
                    case 5 -> new EventKind.StoppedAbnormally("failed");
                    case 3, 4, 6 -> new EventKind.StoppedNormally(STOPPED_DETAILS[detail].toLowerCase(Locale.ROOT));
                    default -> new EventKind.StoppedNormally("libvirt gave detail " + detail);
                };
            case CRASHED:
                // CRASHED_PANICKED (0): the guest's panic device or Hyper-V crash MSRs; CRASHED_CRASHED (1): QEMU itself
                return new EventKind.GuestCrashed(null, detail == 0 ? "the guest panicked (libvirt event)"
                        : "crashed (libvirt event, detail " + detail + ")");
            default:
                return null;
        }
    }

    /** "Stopped Destroyed": the form virsh event prints a lifecycle event in (tools/virsh-domain-event.c). */
    static String words(int event, int detail) {
        String[] details = event == STARTED ? STARTED_DETAILS : event == STOPPED ? STOPPED_DETAILS
                : event == CRASHED ? CRASHED_DETAILS : new String[0];
        return (event >= 0 && event < TYPES.length ? TYPES[event] : "event " + event) + " "
                + (detail >= 0 && detail < details.length ? details[detail] : "detail " + detail);
    }

    /**
     * The events for {@code vm} inside the window, oldest first; device events only for USB
     * devices. {@code notes} gets what could not be told (aliases not found, events dropped).
     */
    List<VmEvent> events(Vm vm, EvidenceWindow window, List<String> notes) {
        List<Received> mine = kept.of(vm.id(), window);
        long droppedBefore = kept.dropped();
        settle();
        String where = "libvirt events on " + uri;
        List<VmEvent> out = new ArrayList<>(mine.size());
        List<String> unknown = new ArrayList<>();
        boolean reread = false;
        for (Received r : mine) {
            EventKind kind = r.kind();
            if (kind == null) {
                UsbAliases.Lookup l = looked.getOrDefault(r.seq(), UsbAliases.Lookup.UNKNOWN);
                if (l.found() == UsbAliases.Found.UNKNOWN && !reread) {
                    // Added and removed before the lookup read the XML, or never looked up: a device
                    // still plugged in is in the live XML now. Once per call: the XML is the same.
                    reread = true;
                    reread(r.domainUuid());
                    l = aliases.find(r.domainUuid(), r.alias());
                }
                if (l.found() == UsbAliases.Found.NOT_USB) {
                    continue;
                }
                if (l.found() == UsbAliases.Found.UNKNOWN) {
                    unknown.add(r.alias());
                    continue;
                }
                kind = r.added() ? new EventKind.UsbConnected(l.device()) : new EventKind.UsbDisconnected(l.device());
            }
            out.add(new VmEvent(r.time().atOffset(ZoneOffset.UTC), vm.id(), vm.name(), kind,
                    new EventSource(where, r.seq(), -1), r.rawLine()));
        }
        if (!unknown.isEmpty()) {
            notes.add(unknown.size() + " device event(s) on " + vm.name() + " for aliases no longer in its live XML, so "
                    + "not known to be USB devices: " + String.join(", ", unknown.subList(0, Math.min(10, unknown.size()))));
        }
        if (droppedBefore > 0) {
            notes.add(droppedBefore + " older libvirt event(s) of this session were dropped: only the newest " + MAX_KEPT
                    + " are kept");
        }
        if (failure != null) {
            notes.add(failure);
        }
        return out;
    }

    /** Waits for the lookups queued so far: evidence names the devices of every event it has. */
    private void settle() {
        try {
            lookups.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            // closed: events() is not called after close
        }
    }

    /** Stops listening before the connection closes: later events are not kept. */
    @Override
    public void close() {
        open = false;
        List<Integer> ids;
        synchronized (registered) {
            ids = new ArrayList<>(registered);
            registered.clear();
        }
        boolean all = true;
        for (int id : ids) {
            all &= Libvirt.INSTANCE.virConnectDomainEventDeregisterAny(conn.pointer(), id) == 0;
        }
        if (!all) {
            STRANDED.addAll(List.of(lifecycle, added, removed));
        }
        lookups.shutdownNow();
    }
}
