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
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import org.hvdiag.audit.Finding;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.WidgetIds;
import org.hvdiag.ui.internal.findings.SelectedFindings;

/** Why the selected finding matters: the rule's title, rationale and reference, and the values it saw. */
public final class DetailsView {
    @Inject
    AuditResults results;

    private Label title;
    private Text rationale;
    private Label reference;
    private Table evidence;

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(6, 6).applyTo(parent);
        title = WidgetIds.name(new Label(parent, SWT.WRAP), "details.title");
        title.setFont(JFaceResources.getBannerFont());
        title.setText("Select a finding to see why it matters.");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        rationale = WidgetIds.name(new Text(parent, SWT.WRAP | SWT.READ_ONLY | SWT.MULTI | SWT.V_SCROLL), "details.rationale");
        GridDataFactory.fillDefaults().grab(true, true).hint(300, 80).applyTo(rationale);
        reference = WidgetIds.name(new Label(parent, SWT.WRAP), "details.reference");
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(reference);
        evidence = WidgetIds.name(new Table(parent, SWT.BORDER | SWT.FULL_SELECTION), "details.evidence");
        evidence.setHeaderVisible(true);
        evidence.setLinesVisible(true);
        new TableColumn(evidence, SWT.LEFT).setText("Evidence");
        new TableColumn(evidence, SWT.LEFT).setText("Value");
        evidence.getColumn(0).setWidth(220);
        evidence.getColumn(1).setWidth(320);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(evidence);
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
        RuleInfo rule = results.current().report().rules().stream().filter(r -> r.id().equals(f.ruleId())).findFirst().orElse(null);
        title.setText((rule == null ? f.ruleId() : rule.title()) + "  [" + f.severity().label() + ", " + f.ruleId() + "]"
                + (f.vmName() == null ? "" : "  on " + f.vmName()));
        rationale.setText(f.message() + "\n\n" + (rule == null ? "" : rule.rationale()));
        reference.setText("Reference: " + (rule == null ? "" : rule.reference()));
        evidence.removeAll();
        for (Map.Entry<String, String> e : f.evidence().entrySet()) {
            new TableItem(evidence, SWT.NONE).setText(new String[] {e.getKey(), e.getValue()});
        }
        title.getParent().layout(true, true);
    }

    @Focus
    public void focus() {
        evidence.setFocus();
    }
}
