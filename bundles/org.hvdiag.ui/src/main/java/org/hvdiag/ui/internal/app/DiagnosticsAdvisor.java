package org.hvdiag.ui.internal.app;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

import org.hvdiag.ui.DiagnosticsPerspective;

/** Opens the first window on the Diagnostics perspective and audits the connection the launcher named. */
final class DiagnosticsAdvisor extends WorkbenchAdvisor {

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        // A fresh layout on every start: the admin's work is in the connections, not in the window state.
        configurer.setSaveAndRestore(false);
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return DiagnosticsPerspective.ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new WorkbenchWindowAdvisor(configurer) {
            @Override
            public void preWindowOpen() {
                IWorkbenchWindowConfigurer c = getWindowConfigurer();
                c.setInitialSize(new org.eclipse.swt.graphics.Point(1400, 900));
                c.setShowCoolBar(false);
                c.setShowStatusLine(true);
                c.setShowProgressIndicator(true);
                c.setTitle("hvdiag workbench");
            }

            @Override
            public void postWindowOpen() {
                org.hvdiag.ui.internal.Timings.record("first-window-ms", org.hvdiag.ui.internal.Timings.sinceLaunch());
            }
        };
    }

    @Override
    public void postStartup() {
        // The advisor is made before the workbench exists; what it starts afterwards is injected.
        IEclipseContext context = getWorkbenchConfigurer().getWorkbench().getService(IEclipseContext.class);
        ContextInjectionFactory.make(StartupConnection.class, context).addAndAudit();
    }
}
