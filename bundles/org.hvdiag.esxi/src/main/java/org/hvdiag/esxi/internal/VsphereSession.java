package org.hvdiag.esxi.internal;

import java.util.ArrayList;
import java.util.List;

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

/** One logged-in connection to an ESXi host or a vCenter server. */
public final class VsphereSession implements Session {
    private final VimConnection vim;

    private VsphereSession(VimConnection vim) {
        this.vim = vim;
    }

    public static VsphereSession open(VsphereUrl url, Credentials credentials, String thumbprint) throws ConnectorException {
        return new VsphereSession(VimConnection.login(url, credentials, thumbprint));
    }

    /** Hosts first (one view, one paged read), then VMs (the same), mapped page by page. */
    @Override
    public Inventory inventory(Progress progress) throws ConnectorException {
        PropertyReader reader = new PropertyReader(vim);
        List<Host> hosts = new ArrayList<>();
        reader.readAll("HostSystem", VmProperties.HOST_PATHS, Progress.NONE, o -> hosts.add(HostMapper.map(o)));
        List<Vm> vms = new ArrayList<>();
        List<ObjectError> errors = new ArrayList<>();
        progress.begin("Reading VMs from " + vim.url().hostAndPort(), 0);
        String source = vim.url().text();
        reader.readAll("VirtualMachine", VmProperties.VM_PATHS, progress,
                o -> vms.add(VmMapper.map(o, source, errors).vm()));
        return new Inventory(vim.url().text(), null, hosts, vms, errors);
    }

    @Override
    public List<ApplyResult> apply(List<ChangePlan> plans, Journal journal, Progress progress) throws ConnectorException {
        return new VspherePush(vim).apply(plans, journal, progress);
    }

    @Override
    public List<ApplyResult> undo(List<JournalEntry> entries, Progress progress) throws ConnectorException {
        return new VsphereUndo(vim).undo(entries, progress);
    }

    /**
     * Each VM's vmware.log and rotated vmware-N.log from its log folder on the datastore, over the
     * host's HTTPS file access with this session's cookie; the newest bytes first, within the bound.
     */
    @Override
    public List<VmEvidence> evidence(List<Vm> vms, EvidenceWindow window, Progress progress) throws ConnectorException {
        return new VsphereEvidence(vim).read(vms, window, progress);
    }

    @Override
    public void close() {
        vim.close();
    }
}
