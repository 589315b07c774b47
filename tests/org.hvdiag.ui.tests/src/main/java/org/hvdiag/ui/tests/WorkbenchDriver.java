package org.hvdiag.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Widget;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;

import org.hvdiag.ui.DiagnosticsPerspective;
import org.hvdiag.ui.internal.WidgetIds;

/**
 * Drives the real SWT widgets of the running workbench the way an admin does (SWTBot is not on
 * Maven Central): find a widget by its id, click, select rows, pump the event loop until something
 * holds, and save what the screen shows as a PNG.
 */
final class WorkbenchDriver {
    private WorkbenchDriver() {
    }

    static Display display() {
        return PlatformUI.getWorkbench().getDisplay();
    }

    static IWorkbenchPage openPerspective() {
        var window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        var page = window.getActivePage();
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(DiagnosticsPerspective.ID));
        window.getShell().setSize(1400, 900);
        window.getShell().setLocation(0, 0);
        pump(200);
        return page;
    }

    static void showView(String id) {
        try {
            PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().showView(id);
        } catch (PartInitException e) {
            throw new AssertionError("cannot show view " + id, e);
        }
        pump(50);
    }

    /**
     * The widget tagged with {@code id} in any open shell, a visible one first (a wizard builds every
     * page at once, and only the current page's fields are the ones the admin types into).
     */
    static <W extends Widget> W widget(String id, Class<W> type) {
        List<W> found = new ArrayList<>();
        for (Shell s : display().getShells()) {
            collect(s, id, type, found);
        }
        if (found.isEmpty()) {
            fail("no widget '" + id + "' is open");
        }
        for (W w : found) {
            if (w instanceof Control c && c.isVisible()) {
                return w;
            }
        }
        return found.get(0);
    }

    /** Whether a widget tagged {@code id} is on screen (the current wizard page's, not another page's). */
    static boolean isShown(String id) {
        List<Control> found = new ArrayList<>();
        for (Shell s : display().getShells()) {
            collect(s, id, Control.class, found);
        }
        return found.stream().anyMatch(Control::isVisible);
    }

    private static <W extends Widget> void collect(Control c, String id, Class<W> type, List<W> found) {
        if (id.equals(c.getData(WidgetIds.KEY)) && type.isInstance(c)) {
            found.add(type.cast(c));
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                collect(child, id, type, found);
            }
        }
    }

    static void click(Button b) {
        if ((b.getStyle() & (SWT.CHECK | SWT.RADIO)) != 0) {
            b.setSelection(!b.getSelection());
        }
        b.notifyListeners(SWT.Selection, new Event());
        pump(20);
    }

    static void select(Table table, int... rows) {
        table.setFocus();
        table.setSelection(rows);
        Event e = new Event();
        e.item = rows.length == 0 ? null : table.getItem(rows[0]);
        table.notifyListeners(SWT.Selection, e);
        pump(50);
    }

    /** Runs the event loop for about {@code millis} ms, so async updates and layouts happen. */
    static void pump(long millis) {
        long end = System.currentTimeMillis() + millis;
        Display d = display();
        while (System.currentTimeMillis() < end) {
            if (!d.readAndDispatch()) {
                sleepBriefly();
            }
        }
        while (d.readAndDispatch()) {
            // drain
        }
    }

    static void pumpUntil(String what, BooleanSupplier condition, long timeoutMillis) {
        long end = System.currentTimeMillis() + timeoutMillis;
        Display d = display();
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail("timed out after " + timeoutMillis + " ms waiting for: " + what);
            }
            if (!d.readAndDispatch()) {
                sleepBriefly();
            }
        }
        pump(50);
    }

    /** Waits for a job while the UI thread keeps dispatching (its listeners post to this thread). */
    static void waitFor(Job job, long timeoutMillis) {
        pumpUntil(job.getName() + " to finish", () -> job.getResult() != null, timeoutMillis);
    }

    /** Presses {@code buttonText} in the next dialog titled {@code title} once it opens (it runs its own loop). */
    static void answerNextDialog(String title, String buttonText) {
        whenShellOpens(title, shell -> {
            Button b = button(shell, buttonText);
            if (b != null) {
                b.notifyListeners(SWT.Selection, new Event());
            }
        });
    }

    /**
     * Hands the next visible shell titled {@code title} to {@code steps}, from inside the event loop
     * of whatever opens it (a modal dialog runs its own). Gives up after 20 s.
     */
    static void whenShellOpens(String title, Consumer<Shell> steps) {
        Display d = display();
        Runnable[] poll = new Runnable[1];
        long end = System.currentTimeMillis() + 20_000;
        poll[0] = () -> {
            for (Shell s : d.getShells()) {
                if (title.equals(s.getText()) && s.isVisible()) {
                    steps.accept(s);
                    return;
                }
            }
            if (System.currentTimeMillis() < end) {
                d.timerExec(100, poll[0]);
            }
        };
        d.timerExec(100, poll[0]);
    }

    /**
     * Clicks {@code opener}, which opens a modal dialog titled {@code title}, and drives the dialog
     * with {@code steps}. A failure inside the dialog's own loop would only be logged, so it is kept,
     * the dialog closed, and the test failed with it here.
     */
    static void driveDialog(Button opener, String title, Consumer<Shell> steps) {
        Throwable[] problem = new Throwable[1];
        boolean[] driven = new boolean[1];
        whenShellOpens(title, dialog -> {
            driven[0] = true;
            try {
                steps.accept(dialog);
            } catch (Throwable t) {
                problem[0] = t;
                dialog.close();
            }
        });
        click(opener);
        if (problem[0] != null) {
            throw new AssertionError("while driving the dialog '" + title + "'", problem[0]);
        }
        if (!driven[0]) {
            fail("the dialog '" + title + "' did not open");
        }
    }

    private static Button button(Composite c, String text) {
        for (Control child : c.getChildren()) {
            if (child instanceof Button b && text.equals(b.getText().replace("&", ""))) {
                return b;
            }
            if (child instanceof Composite comp) {
                Button found = button(comp, text);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Saves the workbench window as it is on screen to the build's screenshot folder. */
    static Path screenshot(String name) {
        pump(300);
        return screenshotOf(PlatformUI.getWorkbench().getWorkbenchWindows()[0].getShell(), name);
    }

    /** Saves one shell (a dialog, say) as it is on screen. */
    static Path screenshotOf(Shell shell, String name) {
        Rectangle r = shell.getBounds();
        Image image = new Image(display(), r.width, r.height);
        GC gc = new GC(display());
        try {
            gc.copyArea(image, r.x, r.y);
        } finally {
            gc.dispose();
        }
        Path dir = Path.of(System.getProperty("hvdiag.screenshots", "target/screenshots"));
        Path file = dir.resolve(name + ".png");
        try {
            Files.createDirectories(dir);
            ImageLoader saver = new ImageLoader();
            saver.data = new org.eclipse.swt.graphics.ImageData[] {image.getImageData()};
            saver.save(file.toString(), SWT.IMAGE_PNG);
        } catch (IOException e) {
            throw new AssertionError("cannot save screenshot " + file, e);
        } finally {
            image.dispose();
        }
        return file;
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The Findings view as it opens: no text filter, every severity, no grouping, every rule. */
    static void resetFindingsFilters() {
        widget("findings.filter", Text.class).setText("");
        for (String s : new String[] {"error", "warning", "info"}) {
            Button b = widget("findings.severity." + s, Button.class);
            if (!b.getSelection()) {
                click(b);
            }
        }
        Button group = widget("findings.group", Button.class);
        if (group.getSelection()) {
            click(group);
        }
        Combo rule = widget("findings.rule", Combo.class);
        rule.select(0);
        rule.notifyListeners(SWT.Selection, null);
        pump(50);
    }
}
