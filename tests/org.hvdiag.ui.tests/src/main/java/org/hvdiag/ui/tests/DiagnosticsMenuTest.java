package org.hvdiag.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.Connection;

/**
 * The Diagnostics menu as an admin uses it: its commands run through the e4 handlers of the
 * model fragment, which get their services injected (an audit runs, Undo follows the last push).
 */
class DiagnosticsMenuTest {
    @TempDir
    Path temp;

    @Test
    void auditAllConnectionsAuditsThemAndUndoIsEnabledOnlyAfterAPush() throws Exception {
        Connection lab = Lab.folder("lab", Lab.repoLab());
        Lab.onlyConnections(temp.resolve("secure_storage"), lab);
        WorkbenchDriver.openPerspective();
        AuditResults results = Lab.service(AuditResults.class);
        results.publish(AuditResults.Snapshot.EMPTY);
        results.beginPush(); // no push to undo yet

        assertFalse(item("Undo last push").getEnabled(), "nothing pushed: nothing to undo");
        MenuItem audit = item("Audit all connections");
        assertTrue(audit.getEnabled());
        audit.notifyListeners(SWT.Selection, new Event());
        WorkbenchDriver.pumpUntil("the menu's audit of the lab", () -> results.current().connections().equals(List.of(lab)), 60_000);
        assertEquals(44, results.current().report().findings().size(), "the lab's findings: 39 of configuration, 5 from its logs");

        results.rememberPush(temp.resolve("fix.jsonl"), lab);
        assertTrue(item("Undo last push").getEnabled(), "a push was made: Undo is offered");
        results.beginPush();
    }

    /** The Diagnostics menu's item, the menu shown first so that the workbench fills and enables it. */
    private static MenuItem item(String text) {
        Menu bar = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().getMenuBar();
        for (MenuItem top : bar.getItems()) {
            if (top.getText().replace("&", "").equals("Diagnostics")) {
                Menu menu = top.getMenu();
                menu.notifyListeners(SWT.Show, new Event());
                WorkbenchDriver.pump(50);
                try {
                    for (MenuItem i : menu.getItems()) {
                        if (i.getText().replace("&", "").startsWith(text)) {
                            return i;
                        }
                    }
                } finally {
                    menu.notifyListeners(SWT.Hide, new Event());
                }
                fail("no item '" + text + "' in the Diagnostics menu");
            }
        }
        throw new AssertionError("no Diagnostics menu in the menu bar");
    }
}
