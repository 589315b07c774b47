package org.hvdiag.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;

/** Diagnostics > Audit all connections; an e4 handler (fragment.e4xmi) given the services by injection. */
public final class AuditHandler {
    @Execute
    public void execute(Connections connections, Audits audits) {
        audits.start(connections.all());
    }
}
