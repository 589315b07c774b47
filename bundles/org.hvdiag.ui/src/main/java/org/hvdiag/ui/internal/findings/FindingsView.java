package org.hvdiag.ui.internal.findings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import org.hvdiag.audit.Finding;
import org.hvdiag.audit.Severity;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.SeverityLook;
import org.hvdiag.ui.internal.WidgetIds;
import org.hvdiag.ui.internal.evidence.EvidencePeriod;
import org.hvdiag.ui.internal.evidence.EvidenceSetting;
import org.hvdiag.ui.internal.evidence.LogsRead;

/**
 * Every finding of the last audit in a virtual table: only the rows on screen are ever filled, so
 * it stays fluid with 50,000 findings. Sort by a column header, filter by text, severity and rule,
 * group by rule; the header counts what is shown per severity.
 */
public final class FindingsView {
    @Inject
    AuditResults results;
    @Inject
    ESelectionService selection;
    @Inject
    UISynchronize ui;
    @Inject
    EvidenceSetting logPeriod;

    private final FindingRows rows = new FindingRows();
    private final Consumer<AuditResults.Snapshot> onAudit = s -> ui.asyncExec(() -> show(s));
    private SeverityLook look;
    private Table table;
    private Label counts;
    private Label logs;
    private Combo periodCombo;
    private Text filterText;
    private final List<Button> severityBoxes = new ArrayList<>();
    private Combo ruleCombo;
    private Button groupBox;
    private List<FindingLine> all = List.of();
    private List<String> ruleChoices = List.of();
    private FindingColumn sortBy = FindingColumn.SEVERITY;
    private boolean ascending = true;

    @PostConstruct
    public void create(Composite parent) {
        look = new SeverityLook(parent.getDisplay());
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(parent);
        counts = WidgetIds.name(new Label(parent, SWT.NONE), "findings.counts");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(counts);
        logs = WidgetIds.name(new Label(parent, SWT.WRAP), "findings.logs");
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(logs);
        createFilterBar(parent);
        table = WidgetIds.name(new Table(parent, SWT.VIRTUAL | SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER), "findings.table");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        for (FindingColumn c : FindingColumn.values()) {
            TableColumn col = new TableColumn(table, SWT.LEFT);
            col.setText(c.title());
            col.setWidth(c.width());
            col.setData(WidgetIds.KEY, "findings.column." + c.name().toLowerCase(java.util.Locale.ROOT));
            col.addListener(SWT.Selection, e -> sortOn(c, col));
        }
        table.setSortColumn(table.getColumn(0));
        table.setSortDirection(SWT.UP);
        table.addListener(SWT.SetData, this::fill);
        table.addListener(SWT.Selection, e -> publishSelection());
        results.addListener(onAudit);
        show(results.current());
    }

    private void createFilterBar(Composite parent) {
        Composite bar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(10).applyTo(bar);
        filterText = WidgetIds.name(new Text(bar, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL), "findings.filter");
        filterText.setMessage("Filter: rule, VM, host or message");
        GridDataFactory.fillDefaults().grab(true, false).hint(260, SWT.DEFAULT).applyTo(filterText);
        filterText.addListener(SWT.Modify, e -> refresh());
        for (Severity s : new Severity[] {Severity.ERROR, Severity.WARNING, Severity.INFO}) {
            Button b = WidgetIds.name(new Button(bar, SWT.CHECK), "findings.severity." + s.label());
            b.setText(s.label());
            b.setImage(look.icon(s));
            b.setSelection(true);
            b.setData("severity", s);
            b.addListener(SWT.Selection, e -> refresh());
            severityBoxes.add(b);
        }
        ruleCombo = WidgetIds.name(new Combo(bar, SWT.READ_ONLY), "findings.rule");
        ruleCombo.setItems("all rules");
        ruleCombo.select(0);
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(ruleCombo);
        ruleCombo.addListener(SWT.Selection, e -> refresh());
        groupBox = WidgetIds.name(new Button(bar, SWT.CHECK), "findings.group");
        groupBox.setText("Group by rule");
        groupBox.addListener(SWT.Selection, e -> refresh());
        createPeriodChoice(bar);
        Button export = WidgetIds.name(new Button(bar, SWT.PUSH), "findings.export");
        export.setText("Export...");
        export.addListener(SWT.Selection, e -> exportAsked());
    }

    /** How far back the next audit reads the VMs' logs; it changes the next audit, not the findings shown. */
    private void createPeriodChoice(Composite bar) {
        periodCombo = WidgetIds.name(new Combo(bar, SWT.READ_ONLY), "findings.logPeriod");
        for (int days : EvidencePeriod.CHOICES) {
            periodCombo.add(EvidencePeriod.label(days));
        }
        periodCombo.select(EvidencePeriod.CHOICES.indexOf(logPeriod.current().days()));
        periodCombo.setToolTipText("How far back the next audit reads each VM's hypervisor log (at most "
                + (EvidenceWindow.DEFAULT_MAX_BYTES_PER_VM >> 20) + " MiB per VM, newest first)");
        periodCombo.addListener(SWT.Selection, e -> logPeriod.choose(EvidencePeriod.CHOICES.get(periodCombo.getSelectionIndex())));
    }

    @Focus
    public void focus() {
        table.setFocus();
    }

    @PreDestroy
    public void dispose() {
        results.removeListener(onAudit);
        look.dispose();
    }

    private void show(AuditResults.Snapshot snapshot) {
        if (table == null || table.isDisposed()) {
            return;
        }
        all = FindingLine.of(snapshot.report());
        TreeSet<String> ids = new TreeSet<>();
        for (FindingLine l : all) {
            ids.add(l.finding().ruleId());
        }
        String chosen = ruleCombo.getSelectionIndex() > 0 ? ruleChoices.get(ruleCombo.getSelectionIndex() - 1) : null;
        ruleChoices = List.copyOf(ids);
        List<String> items = new ArrayList<>();
        items.add("all rules");
        items.addAll(ruleChoices);
        ruleCombo.setItems(items.toArray(new String[0]));
        ruleCombo.select(chosen != null && ruleChoices.contains(chosen) ? ruleChoices.indexOf(chosen) + 1 : 0);
        logs.setText(LogsRead.describe(snapshot));
        periodCombo.select(EvidencePeriod.CHOICES.indexOf(logPeriod.current().days()));
        refresh();
    }

    private void refresh() {
        rows.update(all, currentFilter(), sortBy, ascending, groupBox.getSelection());
        table.setRedraw(false);
        table.deselectAll();
        // The count first: clearing with the old count asks for rows the new filter no longer has.
        table.setItemCount(rows.size());
        table.clearAll();
        table.setRedraw(true);
        counts.setText(rows.shown(Severity.ERROR) + " errors   " + rows.shown(Severity.WARNING) + " warnings   "
                + rows.shown(Severity.INFO) + " info   (" + rows.shown() + " of " + all.size() + " findings shown)");
        counts.getParent().layout(new org.eclipse.swt.widgets.Control[] {counts, logs});
        publishSelection();
    }

    private FindingFilter currentFilter() {
        Set<Severity> severities = EnumSet.noneOf(Severity.class);
        for (Button b : severityBoxes) {
            if (b.getSelection()) {
                severities.add((Severity) b.getData("severity"));
            }
        }
        int r = ruleCombo.getSelectionIndex();
        return new FindingFilter(filterText.getText(), severities, r > 0 ? ruleChoices.get(r - 1) : null);
    }

    private void sortOn(FindingColumn c, TableColumn col) {
        ascending = sortBy != c || !ascending;
        sortBy = c;
        table.setSortColumn(col);
        table.setSortDirection(ascending ? SWT.UP : SWT.DOWN);
        refresh();
    }

    private void fill(Event e) {
        TableItem item = (TableItem) e.item;
        int row = e.index;
        // GTK asks for row -1 while the table empties itself.
        if (row < 0 || row >= rows.size()) {
            return;
        }
        FindingLine l = rows.line(row);
        if (l == null) {
            FindingRows.Group g = rows.group(row);
            item.setText(new String[] {"", g.ruleId(), g.count() + " finding(s)", "", "", ""});
            item.setFont(1, org.eclipse.jface.resource.JFaceResources.getBannerFont());
            return;
        }
        FindingColumn[] cols = FindingColumn.values();
        for (int i = 0; i < cols.length; i++) {
            item.setText(i, cols[i].text(l));
        }
        item.setImage(0, look.icon(l.finding().severity()));
        item.setForeground(0, look.colour(l.finding().severity()));
    }

    private void publishSelection() {
        List<Finding> chosen = new ArrayList<>();
        for (int i : table.getSelectionIndices()) {
            Finding f = rows.finding(i);
            if (f != null) {
                chosen.add(f);
            }
        }
        selection.setSelection(new SelectedFindings(chosen));
    }

    /** The findings shown, in table order, group headers left out: what Export writes. */
    public List<Finding> shownFindings() {
        List<Finding> shown = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Finding f = rows.finding(i);
            if (f != null) {
                shown.add(f);
            }
        }
        return shown;
    }

    private void exportAsked() {
        FileDialog dialog = new FileDialog(table.getShell(), SWT.SAVE);
        dialog.setText("Export findings");
        dialog.setFilterExtensions(new String[] {"*.html", "*.csv", "*.json", "*.sarif"});
        dialog.setFilterNames(new String[] {"HTML report with chart", "CSV", "JSON (hvdiag schema)", "SARIF 2.1.0"});
        dialog.setFileName("hvdiag-findings.html");
        dialog.setOverwrite(true);
        String file = dialog.open();
        if (file == null) {
            return;
        }
        try {
            FindingsExport.write(results.current().report(), shownFindings(), Path.of(file));
        } catch (IOException | RuntimeException ex) {
            MessageDialog.openError(table.getShell(), "Export findings", "Could not export: " + ex.getMessage());
        }
    }
}
