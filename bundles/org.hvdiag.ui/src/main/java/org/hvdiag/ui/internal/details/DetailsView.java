package org.hvdiag.ui.internal.details;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.WidgetIds;
import org.hvdiag.ui.internal.findings.SelectedFindings;

/**
 * Why the selected finding matters: the rule's title, rationale and reference, and the values it
 * saw; beside them, the timeline of the finding's VM as its logs told it.
 */
public final class DetailsView {
    @Inject
    AuditResults results;

    private Label title;
    private Text rationale;
    private Label reference;
    private Table evidence;
    private Timeline timeline;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new FillLayout());
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        Composite left = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(6, 6).applyTo(left);
        title = WidgetIds.name(new Label(left, SWT.WRAP), "details.title");
        title.setFont(JFaceResources.getBannerFont());
        title.setText("Select a finding to see why it matters.");
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(title);
        rationale = WidgetIds.name(new Text(left, SWT.WRAP | SWT.READ_ONLY | SWT.MULTI | SWT.V_SCROLL), "details.rationale");
        GridDataFactory.fillDefaults().grab(true, true).hint(300, 80).applyTo(rationale);
        reference = WidgetIds.name(new Label(left, SWT.WRAP), "details.reference");
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(reference);
        evidence = WidgetIds.name(new Table(left, SWT.BORDER | SWT.FULL_SELECTION), "details.evidence");
        evidence.setHeaderVisible(true);
        evidence.setLinesVisible(true);
        new TableColumn(evidence, SWT.LEFT).setText("Evidence");
        new TableColumn(evidence, SWT.LEFT).setText("Value");
        evidence.getColumn(0).setWidth(220);
        evidence.getColumn(1).setWidth(320);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(evidence);
        timeline = new Timeline(sash);
        sash.setWeights(new int[] {1, 1});
    }

    /** Follows the Findings view's selection; other parts' selections (and none) leave it as it is. */
    @Inject
    @Optional
    void selected(@Named(IServiceConstants.ACTIVE_SELECTION) SelectedFindings selection) {
        if (selection == null || selection.findings().isEmpty() || title == null || title.isDisposed()) {
            return;
        }
        show(selection.findings().get(0));
    }

    private void show(Finding f) {
        AuditResults.Snapshot audit = results.current();
        RuleInfo rule = audit.report().rules().stream().filter(r -> r.id().equals(f.ruleId())).findFirst().orElse(null);
        title.setText((rule == null ? f.ruleId() : rule.title()) + "  [" + f.severity().label() + ", " + f.ruleId() + "]"
                + (f.vmName() == null ? "" : "  on " + f.vmName()));
        rationale.setText(f.message() + "\n\n" + (rule == null ? "" : rule.rationale()));
        reference.setText("Reference: " + (rule == null ? "" : rule.reference()));
        evidence.removeAll();
        for (Map.Entry<String, String> e : f.evidence().entrySet()) {
            new TableItem(evidence, SWT.NONE).setText(new String[] {e.getKey(), e.getValue()});
        }
        showTimeline(f, audit);
        title.getParent().layout(true, true);
    }

    private void showTimeline(Finding f, AuditResults.Snapshot audit) {
        AuditReport report = audit.report();
        if (f.vmId() == null) {
            timeline.showNothing("This finding is about a host as a whole: there is no VM timeline.");
        } else if (!report.hasEvidence()) {
            timeline.showNothing("Logs were not read in this audit. Choose a log period in the Findings view and audit "
                    + "again to see what " + f.vmName() + "'s hypervisor log says happened.");
        } else {
            VmEvidence read = report.evidence().of(f.target(), f.vmId());
            if (read == null) {
                timeline.show("No logs were read for " + f.vmName() + ".", java.util.List.of(), audit.logNotes());
            } else {
                timeline.show(TimelineTitle.of(f, read, report.evidence().window()), TimelineRow.of(read, f), read.notes());
            }
        }
    }

    @Focus
    public void focus() {
        evidence.setFocus();
    }
}
