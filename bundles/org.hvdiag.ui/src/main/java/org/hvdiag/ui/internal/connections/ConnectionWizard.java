package org.hvdiag.ui.internal.connections;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.jface.wizard.IWizardPage;
import org.eclipse.jface.wizard.Wizard;

import org.hvdiag.core.connector.Connector;
import org.hvdiag.ui.internal.Connection;
import org.hvdiag.ui.internal.Connections;
import org.hvdiag.ui.internal.Installed;

/**
 * Adds or edits a connection: the first page lists the connector kinds the service registry holds,
 * the second is that kind's own page. Editing starts on the kind's page.
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
        if (editing == null) {
            kinds = new KindPage(installed.connectors().all());
            addPage(kinds);
        }
        for (Connector c : installed.connectors().all()) {
            if (editing == null || editing.connectorId().equals(c.id())) {
                TargetPage page = new TargetPage(c, editing);
                pages.put(c.id(), page);
                addPage(page);
            }
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
            if (editing != null && !editing.name().equals(page.connection().name())) {
                // A renamed connection keeps its stored password unless the admin typed a new one.
                if (password == null) {
                    password = connections.password(editing.name());
                }
                connections.remove(editing.name());
            }
            connections.save(page.connection(), password);
            return true;
        } catch (StorageException | RuntimeException e) {
            page.setErrorMessage("Could not save: " + e.getMessage());
            return false;
        }
    }
}
