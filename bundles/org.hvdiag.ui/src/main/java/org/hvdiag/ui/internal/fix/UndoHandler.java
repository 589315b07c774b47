package org.hvdiag.ui.internal.fix;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;

import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.Connections;
import org.hvdiag.ui.internal.Installed;
import org.hvdiag.ui.internal.Services;

/** Diagnostics > Undo last push. */
public final class UndoHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) {
        new FixActions(Services.get(Installed.class), Services.get(Connections.class), Services.get(AuditResults.class)).undoLastPush();
        return null;
    }

    @Override
    public boolean isEnabled() {
        return !Services.get(AuditResults.class).lastPush().isEmpty();
    }
}
