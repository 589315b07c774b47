package org.hvdiag.libvirt.internal;

import java.util.List;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.model.Inventory;

/** One libvirt connection (qemu:///system, qemu+ssh://..., test:///...): audit, fix and undo. */
public final class LibvirtSession implements Session {
    private final LibvirtLink link;
    private final LiveDomains reader;

    private LibvirtSession(LibvirtLink link) {
        this.link = link;
        this.reader = new LiveDomains(link);
    }

    public static Session open(String uri, Credentials credentials) throws ConnectorException {
        return new LibvirtSession(LibvirtLink.open(uri, credentials));
    }

    @Override
    public Inventory inventory(Progress progress) throws ConnectorException {
        return reader.inventory(progress);
    }

    @Override
    public List<ApplyResult> apply(List<ChangePlan> plans, Journal journal, Progress progress) {
        return new LibvirtPush(link, reader).apply(plans, journal, progress);
    }

    @Override
    public List<ApplyResult> undo(List<JournalEntry> entries, Progress progress) {
        return new LibvirtUndo(link, reader).undo(entries, progress);
    }

    @Override
    public void close() {
        link.close();
    }
}
