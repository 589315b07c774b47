package org.hvdiag.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The Diagnostics perspective: connections and inventory on the left, findings in the middle, the
 * selected finding's details, its fix preview and the chart below. Contributed through
 * org.eclipse.ui.perspectives, the one extension point every 4.x workbench lists perspectives from.
 */
public final class DiagnosticsPerspective implements IPerspectiveFactory {
    public static final String ID = "org.hvdiag.ui.perspective";
    public static final String CONNECTIONS = "org.hvdiag.ui.connections";
    public static final String INVENTORY = "org.hvdiag.ui.inventory";
    public static final String FINDINGS = "org.hvdiag.ui.findings";
    public static final String DETAILS = "org.hvdiag.ui.details";
    public static final String FIX_PREVIEW = "org.hvdiag.ui.fixPreview";
    public static final String CHART = "org.hvdiag.ui.chart";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        layout.setEditorAreaVisible(false);
        IFolderLayout left = layout.createFolder("org.hvdiag.ui.left", IPageLayout.LEFT, 0.2f, editors);
        left.addView(CONNECTIONS);
        layout.addView(INVENTORY, IPageLayout.BOTTOM, 0.35f, CONNECTIONS);
        layout.addView(FINDINGS, IPageLayout.TOP, 0.95f, editors);
        IFolderLayout bottom = layout.createFolder("org.hvdiag.ui.bottom", IPageLayout.BOTTOM, 0.58f, FINDINGS);
        bottom.addView(DETAILS);
        bottom.addView(FIX_PREVIEW);
        layout.addView(CHART, IPageLayout.RIGHT, 0.6f, "org.hvdiag.ui.bottom");
        for (String id : new String[] {CONNECTIONS, INVENTORY, FINDINGS, DETAILS, FIX_PREVIEW, CHART}) {
            layout.addShowViewShortcut(id);
        }
    }
}
