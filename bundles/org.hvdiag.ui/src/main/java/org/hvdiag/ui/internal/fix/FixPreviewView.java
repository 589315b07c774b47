package org.hvdiag.ui.internal.fix;

import java.util.List;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;

import org.hvdiag.core.change.ChangePreview;
import org.hvdiag.core.change.PlanPreview;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.Installed;
import org.hvdiag.ui.internal.WidgetIds;
import org.hvdiag.ui.internal.findings.SelectedFindings;

/**
 * For the selected findings: per VM the values before and after the fix and whether the VM must be
 * powered off; Apply pushes it as a job (progress, cancel), the results list what happened per VM,
 * and Undo restores the last push.
 */
public final class FixPreviewView {
    @Inject
    AuditResults results;
    @Inject
    Installed installed;
    @Inject
    FixActions fixes;
    @Inject
    UISynchronize ui;

    private Label summary;
    private Tree preview;
    private Table outcome;
    private Button apply;
    private Button undo;
    private FixPreview current;
    private final Consumer<AuditResults.Outcome> onOutcome = o -> ui.asyncExec(() -> showOutcome(o));

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(4, 4).numColumns(3).applyTo(parent);
        summary = WidgetIds.name(new Label(parent, SWT.NONE), "fix.summary");
        summary.setText("Select fixable findings to preview their fix.");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(summary);
        apply = WidgetIds.name(new Button(parent, SWT.PUSH), "fix.apply");
        apply.setText("Apply...");
        apply.setEnabled(false);
        apply.addListener(SWT.Selection, e -> applyAsked());
        undo = WidgetIds.name(new Button(parent, SWT.PUSH), "fix.undo");
        undo.setText("Undo last push");
        undo.setEnabled(fixes.canUndo());
        undo.addListener(SWT.Selection, e -> fixes.undoLastPush());
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).span(3, 1).applyTo(sash);
        preview = WidgetIds.name(new Tree(sash, SWT.BORDER | SWT.FULL_SELECTION), "fix.preview");
        preview.setHeaderVisible(true);
        column(preview, "VM / value", 250);
        column(preview, "Before", 120);
        column(preview, "After", 120);
        column(preview, "Power state", 220);
        outcome = WidgetIds.name(new Table(sash, SWT.BORDER | SWT.FULL_SELECTION), "fix.outcome");
        outcome.setHeaderVisible(true);
        for (String[] c : new String[][] {{"VM", "180"}, {"Result", "90"}, {"Why", "480"}}) {
            TableColumn col = new TableColumn(outcome, SWT.LEFT);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        sash.setWeights(65, 35);
        results.addOutcomeListener(onOutcome);
    }

    private static void column(Tree tree, String text, int width) {
        TreeColumn c = new TreeColumn(tree, SWT.LEFT);
        c.setText(text);
        c.setWidth(width);
    }

    @Inject
    @Optional
    void selected(@Named(IServiceConstants.ACTIVE_SELECTION) SelectedFindings selection) {
        if (selection == null || selection.findings().isEmpty() || preview == null || preview.isDisposed()) {
            return;
        }
        show(FixPreview.of(selection.findings(), results.current(), installed.connectors()));
    }

    /** Shows a preview; public so that a test can preview exactly the findings it chose. */
    public void show(FixPreview p) {
        current = p;
        preview.setRedraw(false);
        preview.removeAll();
        int mustOff = 0;
        for (FixPreview.VmPreview v : p.vms()) {
            PlanPreview pv = v.preview();
            TreeItem vm = new TreeItem(preview, SWT.NONE);
            String power = pv.blocked() ? "refused: " + pv.blocker()
                    : pv.mustPowerOff() ? "must be powered off (is " + pv.before().powerState().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")"
                    : "ok";
            mustOff += pv.mustPowerOff() ? 1 : 0;
            vm.setText(new String[] {pv.before().name() + "  (" + String.join(", ", pv.plan().ruleIds()) + ")", "", "", power});
            if (pv.mustPowerOff() || pv.blocked()) {
                vm.setForeground(3, preview.getDisplay().getSystemColor(SWT.COLOR_RED));
            }
            for (ChangePreview.FieldChange fc : pv.changes()) {
                new TreeItem(vm, SWT.NONE).setText(new String[] {fc.field().label(), fc.before(), fc.after(), ""});
            }
            for (PlanPreview.Line line : pv.lines()) {
                new TreeItem(vm, SWT.NONE).setText(new String[] {"change: " + line.change().describe()
                        + (line.support().isSupported() ? "" : "  [not supported]"), "", "", ""});
            }
            vm.setExpanded(true);
        }
        for (String why : p.leftOut()) {
            new TreeItem(preview, SWT.NONE).setText(new String[] {"left out: " + why, "", "", ""});
        }
        preview.setRedraw(true);
        long refused = p.vms().stream().filter(v -> v.preview().blocked()).count();
        summary.setText((p.vms().size() - refused) + " VM(s) would change" + (mustOff > 0 ? ", " + mustOff + " must be powered off first" : "")
                + (refused == 0 ? "" : ", " + refused + " refused") + (p.leftOut().isEmpty() ? "" : ", " + p.leftOut().size() + " left out"));
        apply.setEnabled(!p.plansByConnection().isEmpty());
        summary.getParent().layout(new org.eclipse.swt.widgets.Control[] {summary});
    }

    /** Starts the push of the previewed plans; returns the job (tests join or cancel it). */
    public PushJob applyPreview() {
        apply.setEnabled(false);
        return fixes.push(current.plansByConnection());
    }

    private void applyAsked() {
        int vms = current.plansByConnection().values().stream().mapToInt(List::size).sum();
        if (org.eclipse.jface.dialogs.MessageDialog.openConfirm(preview.getShell(), "Apply fixes",
                "Change " + vms + " VM(s)? Each VM's before-state is journalled first; Undo last push restores it.")) {
            applyPreview();
        }
    }

    private void showOutcome(AuditResults.Outcome o) {
        if (outcome.isDisposed()) {
            return;
        }
        outcome.removeAll();
        for (ApplyResult r : o.results()) {
            new TableItem(outcome, SWT.NONE).setText(new String[] {r.vmName(), r.outcome().name().toLowerCase(java.util.Locale.ROOT), r.detail()});
        }
        long applied = o.results().stream().filter(r -> r.outcome() == ApplyResult.Outcome.APPLIED).count();
        summary.setText(o.action() + ": " + applied + " of " + o.results().size() + " VM(s) changed");
        summary.getParent().layout(new org.eclipse.swt.widgets.Control[] {summary});
        undo.setEnabled(fixes.canUndo());
    }

    @Focus
    public void focus() {
        preview.setFocus();
    }

    @PreDestroy
    public void dispose() {
        results.removeOutcomeListener(onOutcome);
    }
}
