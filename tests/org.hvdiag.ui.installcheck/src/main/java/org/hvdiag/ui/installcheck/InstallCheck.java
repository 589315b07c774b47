package org.hvdiag.ui.installcheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IPerspectiveDescriptor;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/**
 * Added to a plain Eclipse platform after hvdiag was installed into it from the update site: when
 * started with -Dhvdiag.installcheck=FILE it opens the Diagnostics perspective, writes what it found
 * (perspective, each view open or missing) to FILE and a screenshot to FILE.png, and closes the
 * workbench. It knows hvdiag only by the ids a user would type, so it tests the install as it is.
 */
public final class InstallCheck implements IStartup {
    private static final String PERSPECTIVE = "org.hvdiag.ui.perspective";
    private static final String[] VIEWS = {"org.hvdiag.ui.connections", "org.hvdiag.ui.inventory", "org.hvdiag.ui.findings",
        "org.hvdiag.ui.details", "org.hvdiag.ui.chart"};

    @Override
    public void earlyStartup() {
        String out = System.getProperty("hvdiag.installcheck");
        if (out == null) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.asyncExec(() -> check(workbench, Path.of(out)));
    }

    private static void check(IWorkbench workbench, Path out) {
        List<String> report = new ArrayList<>();
        try {
            IPerspectiveDescriptor d = workbench.getPerspectiveRegistry().findPerspectiveWithId(PERSPECTIVE);
            report.add("perspective " + PERSPECTIVE + ": " + (d == null ? "not installed" : "installed as '" + d.getLabel() + "'"));
            IWorkbenchWindow window = workbench.getActiveWorkbenchWindow();
            if (window == null) {
                window = workbench.getWorkbenchWindows()[0];
            }
            IWorkbenchPage page = workbench.showPerspective(PERSPECTIVE, window);
            report.add("active perspective: " + page.getPerspective().getId());
            for (String id : VIEWS) {
                IViewPart view = page.findView(id);
                report.add("view " + id + ": " + (view == null ? "missing" : "open as '" + view.getTitle() + "'"));
            }
            window.getShell().setBounds(0, 0, 1280, 800);
        } catch (Exception | LinkageError e) {
            report.add("error: " + e);
        }
        Display display = workbench.getDisplay();
        display.timerExec(2000, () -> {
            screenshot(display, workbench.getActiveWorkbenchWindow(), Path.of(out + ".png"));
            try {
                Files.write(out, report, StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("installcheck: cannot write " + out + ": " + e);
            }
            workbench.close();
        });
    }

    private static void screenshot(Display display, IWorkbenchWindow window, Path file) {
        if (window == null) {
            return;
        }
        Rectangle r = window.getShell().getBounds();
        Image image = new Image(display, r.width, r.height);
        GC gc = new GC(display);
        gc.copyArea(image, r.x, r.y);
        gc.dispose();
        ImageLoader saver = new ImageLoader();
        saver.data = new ImageData[] {image.getImageData()};
        saver.save(file.toString(), SWT.IMAGE_PNG);
        image.dispose();
    }
}
