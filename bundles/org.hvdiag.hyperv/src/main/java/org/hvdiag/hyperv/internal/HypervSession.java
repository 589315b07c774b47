package org.hvdiag.hyperv.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.ObjectError;
import org.hvdiag.core.model.Vm;

/**
 * One Hyper-V host over WinRM. Reads take one script whatever the VM count; each VM of a push or an
 * undo takes one script to re-read it and one to change it.
 */
public final class HypervSession implements Session {
    private final String target;
    private final HostScripts host;
    private final AutoCloseable transport;

    HypervSession(String target, HostScripts host, AutoCloseable transport) {
        this.target = target;
        this.host = host;
        this.transport = transport;
    }

    /** The authentication schemes the connector's "auth" option names. */
    public static final String BASIC = "basic";
    public static final String NTLM = "ntlm";

    /**
     * @param thumbprint the certificate the admin trusts ("" for this machine's authorities)
     * @param scheme {@link #NTLM} or {@link #BASIC}
     * @throws ConnectorException for winrm:// (neither scheme encrypts messages here), an unknown scheme or a bad account name
     */
    public static HypervSession open(HypervUrl url, Credentials credentials, String thumbprint, String scheme)
            throws ConnectorException {
        String user = credentials.user().isEmpty() ? url.server().user() : credentials.user();
        char[] password = credentials.password();
        WinrmAuth auth;
        try {
            auth = switch (scheme.strip().toLowerCase(java.util.Locale.ROOT)) {
                case NTLM -> new NtlmAuth(user, password);
                case BASIC -> new BasicAuth(user, password);
                default -> throw new ConnectorException("unknown WinRM authentication '" + scheme + "' for "
                        + url.hostAndPort() + ": use " + NTLM + " or " + BASIC);
            };
        } catch (IllegalArgumentException e) {
            throw new ConnectorException("cannot log on to " + url.hostAndPort() + " as '" + user + "': " + e.getMessage());
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        WinrmEndpoint endpoint = url.endpoint();
        WsmanSettings settings = WsmanSettings.defaults(endpoint.url());
        WinrmTransport transport = WinrmTransport.open(endpoint, auth, thumbprint, settings);
        return new HypervSession(url.server().text(), new HostScripts(new WinrmScriptRunner(transport, settings),
                url.host()), transport);
    }

    @Override
    public Inventory inventory(Progress progress) throws ConnectorException {
        progress.begin("Reading the Hyper-V host " + host.where(), 1);
        HypervJsonReader.InventoryRead read = host.inventory();
        Host h;
        try {
            h = HostMapping.toHost(read.host(), host.hostId());
        } catch (HypervJsonException e) {
            throw new ConnectorException("cannot read the inventory of " + host.where() + ": " + e.getMessage());
        }
        List<Vm> vms = new ArrayList<>();
        List<ObjectError> errors = new ArrayList<>();
        for (HypervJsonException e : read.errors()) {
            errors.add(error(e));
        }
        GuestOsMemory guests = GuestOsMemory.at(GuestOsMemory.defaultFile());
        Instant now = Instant.now();
        for (VmRecord r : read.vms()) {
            try {
                vms.add(withGuest(host.vm(r).vm(), r, guests, now));
            } catch (HypervJsonException e) {
                errors.add(error(e));
            }
        }
        guests.save();
        progress.worked(1);
        return new Inventory(target, Instant.now(), List.of(h), vms, errors);
    }

    /**
     * A running VM's guest is remembered; a VM that does not report one now gets the guest it last
     * reported while running, said as such in its evidence.
     */
    private Vm withGuest(Vm vm, VmRecord r, GuestOsMemory guests, Instant now) {
        if (r.guestOs() != null) {
            guests.reported(host.hostId(), vm.id(), r.guestOs(), now);
            return vm;
        }
        GuestOsMemory.Report last = guests.last(host.hostId(), vm.id());
        if (last == null) {
            return vm;
        }
        Map<String, String> raw = new java.util.LinkedHashMap<>(vm.rawProperties());
        raw.put("GuestOs", last.guestOs() + " (last reported while running, " + last.reportedAt() + ")");
        return vm.toBuilder().guestOs(HypervGuestOs.of(last.guestOs())).rawProperties(raw).build();
    }

    private static ObjectError error(HypervJsonException e) {
        return new ObjectError(e.object(), e.field(), e.expectation());
    }

    /**
     * The Hyper-V-Worker-Admin and VMMS-Admin event logs of the VMs, from the live host: one script
     * for up to {@link HypervEvidence#BATCH} VMs. There is no offline form: an exported .evtx is a
     * binary format hvdiag does not read.
     */
    @Override
    public List<VmEvidence> evidence(List<Vm> vms, EvidenceWindow window, Progress progress) throws ConnectorException {
        return new HypervEvidence(host).read(vms, window, progress);
    }

    @Override
    public List<ApplyResult> apply(List<ChangePlan> plans, Journal journal, Progress progress) {
        return new HypervPush(host).apply(plans, journal, progress);
    }

    @Override
    public List<ApplyResult> undo(List<JournalEntry> entries, Progress progress) {
        return new HypervUndo(host).undo(entries, progress);
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (Exception e) {
            // Closing drops an idle connection; nothing on the host depends on it.
        }
    }
}
