package org.hvdiag.ui.internal.fix;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;

/** Diagnostics > Undo last push; an e4 handler (fragment.e4xmi) given the FixActions service by injection. */
public final class UndoHandler {
    @CanExecute
    public boolean canExecute(FixActions fixes) {
        return fixes.canUndo();
    }

    @Execute
    public void execute(FixActions fixes) {
        fixes.undoLastPush();
    }
}
