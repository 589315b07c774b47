package org.hvdiag.virtualbox.internal;

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
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.Vm;

/** A logon to one vboxwebsrv: inventory, fixes and undo over the VirtualBox web service. */
public final class VboxLiveSession implements Session {
    private final VboxWeb web;
    private final WebSession ws;
    private final List<String> extensionPacks;
    private final VboxInventory reader;

    private VboxLiveSession(VboxWeb web, WebSession ws, List<String> extensionPacks) {
        this.web = web;
        this.ws = ws;
        this.extensionPacks = extensionPacks;
        this.reader = new VboxInventory(ws, hostId(web.url()));
    }

    /**
     * @param thumbprint the certificate to trust for vbox+https ("" to trust only this machine's authorities)
     * @param extensionPacks what the admin or VBoxManage says is installed; null when unknown
     */
    public static VboxLiveSession open(VboxUrl url, Credentials credentials, String thumbprint, List<String> extensionPacks)
            throws ConnectorException {
        VboxWeb web = new VboxWeb(url, thumbprint);
        try {
            return new VboxLiveSession(web, WebSession.logon(web, credentials), extensionPacks);
        } catch (ConnectorException | RuntimeException e) {
            web.close();
            throw e;
        }
    }

    static String hostId(VboxUrl url) {
        return url.server().host();
    }

    /** Calls made so far on this connection: what the benchmark prints beside the wall time. */
    public long calls() {
        return web.calls();
    }

    @Override
    public Inventory inventory(Progress progress) throws ConnectorException {
        return reader.all(web.url().server().text(), HostRead.read(ws, hostId(web.url()), extensionPacks), progress);
    }

    @Override
    public List<ApplyResult> apply(List<ChangePlan> plans, Journal journal, Progress progress) {
        return new VboxPush(ws, reader).apply(plans, journal, progress);
    }

    @Override
    public List<ApplyResult> undo(List<JournalEntry> entries, Progress progress) {
        return new VboxUndo(ws, reader).undo(entries, progress);
    }

    /** Each VM's VBox.log files through IMachine queryLogFilename and readLog (see {@link MachineLogs}). */
    @Override
    public List<VmEvidence> evidence(List<Vm> vms, EvidenceWindow window, Progress progress) {
        progress.begin("Reading VBox.log files through " + web.url().hostAndPort(), vms.size());
        List<VmEvidence> out = new java.util.ArrayList<>();
        for (Vm vm : vms) {
            out.add(new MachineLogs(ws).evidence(vm, window));
            progress.worked(1);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            ws.close();
        } finally {
            web.close();
        }
    }
}
