package org.hvdiag.ui.internal.connections;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.jface.wizard.IWizardPage;
import org.eclipse.jface.wizard.Wizard;

import org.hvdiag.core.connector.Connector;
import org.hvdiag.ui.internal.Connection;
import org.hvdiag.ui.internal.Connections;
import org.hvdiag.ui.internal.Installed;

/**
 * Adds or edits a connection: the first page lists the installed connectors as they describe
 * themselves, the second is built from the chosen one's descriptor. Editing starts on that page.
 */
public final class ConnectionWizard extends Wizard {
    private final Installed installed;
    private final Connections connections;
    private final Connection editing;
    private final Map<String, TargetPage> pages = new LinkedHashMap<>();
    private KindPage kinds;

    public ConnectionWizard(Installed installed, Connections connections, Connection editing) {
        this.installed = installed;
        this.connections = connections;
        this.editing = editing;
        setWindowTitle(editing == null ? "Add connection" : "Edit connection " + editing.name());
        setNeedsProgressMonitor(true);
    }

    @Override
    public void addPages() {
        List<Connector> all = installed.connectors().all();
        if (editing == null) {
            kinds = new KindPage(all.stream().map(Connector::descriptor).toList());
            addPage(kinds);
        }
        for (Connector c : all) {
            if (editing == null || editing.connectorId().equals(c.id())) {
                TargetPage page = new TargetPage(c, editing, editing == null ? Map.of() : storedSecrets(editing));
                pages.put(c.id(), page);
                addPage(page);
            }
        }
    }

    private Map<String, String> storedSecrets(Connection c) {
        try {
            return connections.secretOptions(c.name());
        } catch (StorageException e) {
            // The page still edits the rest; Check connection then goes without the stored secrets.
            ILog.of(getClass()).log(Status.warning("cannot read the secret options of " + c.name() + ": " + e.getMessage(), e));
            return Map.of();
        }
    }

    @Override
    public IWizardPage getNextPage(IWizardPage page) {
        if (page == kinds) {
            return kinds.chosen() == null ? null : pages.get(kinds.chosen().id());
        }
        return null;
    }

    @Override
    public boolean canFinish() {
        TargetPage page = currentTargetPage();
        return page != null && page.isPageComplete();
    }

    private TargetPage currentTargetPage() {
        if (editing != null) {
            return pages.get(editing.connectorId());
        }
        return getContainer() != null && getContainer().getCurrentPage() instanceof TargetPage t ? t : null;
    }

    @Override
    public boolean performFinish() {
        TargetPage page = currentTargetPage();
        try {
            char[] password = page.password();
            Map<String, String> secrets = new HashMap<>(editing == null ? Map.of() : connections.secretOptions(editing.name()));
            secrets.putAll(page.typedSecrets());
            if (editing != null && !editing.name().equals(page.connection().name())) {
                // A renamed connection keeps its stored password unless the admin typed a new one.
                if (password == null) {
                    password = connections.password(editing.name());
                }
                connections.remove(editing.name());
            }
            connections.save(page.connection(), password, secrets);
            return true;
        } catch (StorageException | RuntimeException e) {
            page.setErrorMessage("Could not save: " + e.getMessage());
            return false;
        }
    }
}
