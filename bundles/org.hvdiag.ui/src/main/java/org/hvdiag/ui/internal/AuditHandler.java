package org.hvdiag.ui.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;

/** Diagnostics > Audit all connections. */
public final class AuditHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) {
        Connections connections = Services.get(Connections.class);
        new AuditJob(Services.get(Installed.class), connections, Services.get(AuditResults.class), connections.all()).schedule();
        return null;
    }
}
