package org.hvdiag.ui.internal.chart;

import java.util.List;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

import org.hvdiag.audit.Severity;
import org.hvdiag.audit.report.RuleTally;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.SeverityLook;
import org.hvdiag.ui.internal.WidgetIds;

/** Findings by rule and severity as stacked horizontal bars, the same tally the HTML report draws. */
public final class ChartView {
    @Inject
    AuditResults results;
    @Inject
    UISynchronize ui;

    private Canvas canvas;
    private SeverityLook look;
    private List<RuleTally> tallies = List.of();
    private final Consumer<AuditResults.Snapshot> onAudit = s -> ui.asyncExec(() -> show(s));

    @PostConstruct
    public void create(Composite parent) {
        look = new SeverityLook(parent.getDisplay());
        canvas = WidgetIds.name(new Canvas(parent, SWT.DOUBLE_BUFFERED), "chart.canvas");
        canvas.addPaintListener(e -> paint(e.gc));
        results.addListener(onAudit);
        show(results.current());
    }

    private void show(AuditResults.Snapshot s) {
        if (canvas.isDisposed()) {
            return;
        }
        tallies = RuleTally.of(s.report().findings());
        canvas.redraw();
    }

    /** The rules charted, most findings first: what the bars show, for tests and screen readers. */
    public List<RuleTally> tallies() {
        return tallies;
    }

    private void paint(GC gc) {
        Point size = canvas.getSize();
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(0, 0, size.x, size.y);
        if (tallies.isEmpty()) {
            gc.drawString("No findings to chart.", 8, 8, true);
            return;
        }
        int max = tallies.stream().mapToInt(RuleTally::total).max().orElse(1);
        int lineHeight = gc.getFontMetrics().getHeight() + 4;
        int labelWidth = 0;
        for (RuleTally t : tallies) {
            labelWidth = Math.max(labelWidth, gc.textExtent(t.ruleId()).x);
        }
        int x0 = 8 + labelWidth + 8;
        int barSpace = Math.max(40, size.x - x0 - 50);
        int y = 6;
        for (RuleTally t : tallies) {
            gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
            gc.drawString(t.ruleId(), 8, y, true);
            int x = x0;
            for (Severity s : new Severity[] {Severity.ERROR, Severity.WARNING, Severity.INFO}) {
                int w = (int) Math.round((double) t.count(s) * barSpace / max);
                if (w > 0) {
                    gc.setBackground(look.colour(s));
                    gc.fillRectangle(x, y + 2, w, lineHeight - 6);
                    x += w;
                }
            }
            gc.drawString(String.valueOf(t.total()), x + 4, y, true);
            y += lineHeight;
        }
    }

    @Focus
    public void focus() {
        canvas.setFocus();
    }

    @PreDestroy
    public void dispose() {
        results.removeListener(onAudit);
        look.dispose();
    }
}
