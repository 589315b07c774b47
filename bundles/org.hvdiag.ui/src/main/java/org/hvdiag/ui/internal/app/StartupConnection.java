package org.hvdiag.ui.internal.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.equinox.security.storage.StorageException;

import org.hvdiag.ui.internal.AuditJob;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.Connection;
import org.hvdiag.ui.internal.Connections;
import org.hvdiag.ui.internal.Installed;
import org.hvdiag.ui.internal.Services;

/**
 * The folder the launcher names (-Dhvdiag.startFolder, examples/lab for ./hvdiag-workbench) is
 * added as a connection when the workspace has none of that name, and every connection that needs
 * no password is audited, so the first window already shows findings.
 */
final class StartupConnection {
    static final String PROPERTY = "hvdiag.startFolder";

    void addAndAudit() {
        Connections connections = Services.get(Connections.class);
        String folder = System.getProperty(PROPERTY);
        if (folder != null && Files.isDirectory(Path.of(folder))) {
            String name = Path.of(folder).getFileName().toString();
            if (connections.named(name).isEmpty()) {
                try {
                    connections.save(new Connection(name, "vmx", Path.of(folder).toAbsolutePath().normalize().toString(), "", Map.of()), null);
                } catch (StorageException e) {
                    ILog.of(getClass()).log(Status.error("cannot add " + folder, e));
                }
            }
        }
        var fileConnections = connections.all().stream().filter(c -> c.user().isEmpty()).toList();
        if (!fileConnections.isEmpty()) {
            new AuditJob(Services.get(Installed.class), connections, Services.get(AuditResults.class), fileConnections).schedule();
        }
    }
}
