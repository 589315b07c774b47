package org.hvdiag.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.advanced.MPlaceholder;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.ui.DiagnosticsPerspective;

class PerspectiveTest {
    @TempDir
    Path temp;

    @Test
    void opensWithEveryViewAndTheLabAudited() throws Exception {
        Lab.onlyConnections(temp.resolve("secure_storage"), Lab.folder("lab", Lab.repoLab()));
        IWorkbenchPage page = WorkbenchDriver.openPerspective();
        assertEquals(DiagnosticsPerspective.ID, page.getPerspective().getId());
        MWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getService(MWindow.class);
        EModelService model = window.getContext().get(EModelService.class);
        MPerspective perspective = model.getActivePerspective(window);
        assertEquals(DiagnosticsPerspective.ID, perspective.getElementId());
        for (String id : new String[] {DiagnosticsPerspective.CONNECTIONS, DiagnosticsPerspective.INVENTORY,
                DiagnosticsPerspective.FINDINGS, DiagnosticsPerspective.DETAILS, DiagnosticsPerspective.FIX_PREVIEW,
                DiagnosticsPerspective.CHART}) {
            assertEquals(1, model.findElements(perspective, id, MPlaceholder.class, null).size(), "the perspective lays out " + id);
        }
        for (String id : new String[] {DiagnosticsPerspective.CONNECTIONS, DiagnosticsPerspective.INVENTORY,
                DiagnosticsPerspective.FINDINGS, DiagnosticsPerspective.DETAILS, DiagnosticsPerspective.CHART}) {
            assertNotNull(page.findView(id), id + " is open from the start");
        }
        Lab.audit();
        Table connections = WorkbenchDriver.widget("connections.table", Table.class);
        assertEquals(1, connections.getItemCount());
        assertEquals("lab", connections.getItem(0).getText(0));
        Table findings = WorkbenchDriver.widget("findings.table", Table.class);
        WorkbenchDriver.pumpUntil("findings shown", () -> findings.getItemCount() > 0, 10_000);
        assertTrue(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().getText().contains("hvdiag"));
        // Earlier tests may have sorted by another column: the picture shows the default order.
        while (findings.getSortColumn() != findings.getColumn(0) || findings.getSortDirection() != org.eclipse.swt.SWT.UP) {
            findings.getColumn(0).notifyListeners(org.eclipse.swt.SWT.Selection, null);
            WorkbenchDriver.pump(20);
        }
        Path shot = WorkbenchDriver.screenshot("perspective");
        assertTrue(Files.size(shot) > 10_000, "a screenshot with content: " + shot);
    }
}
