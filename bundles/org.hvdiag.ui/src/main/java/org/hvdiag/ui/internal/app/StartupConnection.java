package org.hvdiag.ui.internal.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.equinox.security.storage.StorageException;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.ui.internal.Audits;
import org.hvdiag.ui.internal.Connection;
import org.hvdiag.ui.internal.Connections;
import org.hvdiag.ui.internal.Installed;

/**
 * The folder the launcher names (-Dhvdiag.startFolder, examples/lab for ./hvdiag-workbench) is
 * added as a connection when the workspace has none of that name, and every connection that needs
 * no password is audited, so the first window already shows findings.
 */
final class StartupConnection {
    static final String PROPERTY = "hvdiag.startFolder";
    @Inject
    Connections connections;
    @Inject
    Installed installed;
    @Inject
    Audits audits;

    void addAndAudit() {
        String folder = System.getProperty(PROPERTY);
        if (folder != null && Files.isDirectory(Path.of(folder))) {
            String name = Path.of(folder).getFileName().toString();
            if (connections.named(name).isEmpty()) {
                try {
                    String target = Path.of(folder).toAbsolutePath().normalize().toString();
                    connections.save(new Connection(name, installed.connectors().forTarget(target).id(), target, "", Map.of()), null);
                } catch (ConnectorException | StorageException e) {
                    ILog.of(getClass()).log(Status.error("cannot add " + folder, e));
                }
            }
        }
        var fileConnections = connections.all().stream().filter(c -> c.user().isEmpty()).toList();
        if (!fileConnections.isEmpty()) {
            audits.start(fileConnections);
        }
    }
}
