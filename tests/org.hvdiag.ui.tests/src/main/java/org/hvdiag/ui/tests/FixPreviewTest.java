package org.hvdiag.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.ui.DiagnosticsPerspective;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.fix.PushJob;

class FixPreviewTest {
    private static final String RULE = "power-hard-poweroff";

    @TempDir
    Path temp;

    /** Findings view showing only RULE's findings, all of them selected, the preview following. */
    private Table selectAllOf(String rule) {
        WorkbenchDriver.openPerspective();
        WorkbenchDriver.showView(DiagnosticsPerspective.FIX_PREVIEW);
        WorkbenchDriver.showView(DiagnosticsPerspective.FINDINGS);
        Table table = WorkbenchDriver.widget("findings.table", Table.class);
        Combo ruleCombo = WorkbenchDriver.widget("findings.rule", Combo.class);
        WorkbenchDriver.pumpUntil("rule " + rule + " offered", () -> List.of(ruleCombo.getItems()).contains(rule), 10_000);
        ruleCombo.select(List.of(ruleCombo.getItems()).indexOf(rule));
        ruleCombo.notifyListeners(SWT.Selection, null);
        WorkbenchDriver.pump(50);
        int[] all = new int[table.getItemCount()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        WorkbenchDriver.select(table, all);
        return table;
    }

    private static Optional<PushJob> runningPush() {
        for (Job j : Job.getJobManager().find(null)) {
            if (j instanceof PushJob p) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static PushJob apply() {
        WorkbenchDriver.answerNextDialog("Apply fixes", "OK");
        WorkbenchDriver.click(WorkbenchDriver.widget("fix.apply", Button.class));
        WorkbenchDriver.pumpUntil("the push to start", () -> runningPush().isPresent()
                || Lab.service(AuditResults.class).lastOutcome().isPresent(), 20_000);
        return runningPush().orElse(null);
    }

    private static List<String[]> outcomeRows() {
        Table t = WorkbenchDriver.widget("fix.outcome", Table.class);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < t.getItemCount(); i++) {
            rows.add(new String[] {t.getItem(i).getText(0), t.getItem(i).getText(1), t.getItem(i).getText(2)});
        }
        return rows;
    }

    private static boolean ruleFound(String rule) {
        return Lab.service(AuditResults.class).current().report().findings().stream().anyMatch(f -> f.ruleId().equals(rule));
    }

    @Test
    void previewsAppliesReauditsAndUndoesAFixOnACopyOfTheLab() throws Exception {
        Path lab = Lab.copyOfLab(temp.resolve("lab"));
        Path kiosk = lab.resolve("kiosk-01/kiosk-01.vmx");
        byte[] original = Files.readAllBytes(kiosk);
        Lab.onlyConnections(temp.resolve("secure_storage"), Lab.folder("lab copy", lab));
        Lab.service(AuditResults.class).publishOutcome(new AuditResults.Outcome("none", List.of()));
        Lab.audit();
        selectAllOf(RULE);

        Tree preview = WorkbenchDriver.widget("fix.preview", Tree.class);
        WorkbenchDriver.pumpUntil("a preview of two VMs", () -> preview.getItemCount() == 2, 5_000);
        List<String> vms = new ArrayList<>();
        for (TreeItem vm : preview.getItems()) {
            vms.add(vm.getText(0));
            assertEquals("ok", vm.getText(3), "powered-off VMs can be fixed now");
            TreeItem value = vm.getItem(0);
            assertEquals("power-off behaviour", value.getText(0));
            assertEquals("HARD", value.getText(1));
            assertEquals("SOFT", value.getText(2));
        }
        assertEquals(List.of("Kiosk 01  (" + RULE + ")", "Server 2008 R2 Legacy  (" + RULE + ")"), vms.stream().sorted().toList());
        WorkbenchDriver.showView(DiagnosticsPerspective.FIX_PREVIEW);
        WorkbenchDriver.screenshot("fix-preview");

        PushJob push = apply();
        if (push != null) {
            WorkbenchDriver.waitFor(push, 60_000);
        }
        WorkbenchDriver.pumpUntil("the push's results", () -> outcomeRows().size() == 2, 20_000);
        for (String[] row : outcomeRows()) {
            assertEquals("applied", row[1], String.join(" ", row));
        }
        Path journal = Lab.service(AuditResults.class).lastJournal().orElseThrow();
        assertTrue(journal.startsWith(Path.of(System.getProperty("hvdiag.journals"))), "journalled where the tests said: " + journal);
        WorkbenchDriver.pumpUntil("the re-audit without " + RULE, () -> !ruleFound(RULE), 30_000);
        assertTrue(Files.readString(kiosk).contains("powerType.powerOff = \"soft\""));
        WorkbenchDriver.screenshot("fix-applied");

        WorkbenchDriver.click(WorkbenchDriver.widget("fix.undo", Button.class));
        Label summary = WorkbenchDriver.widget("fix.summary", Label.class);
        WorkbenchDriver.pumpUntil("the undo's results", () -> summary.getText().startsWith("undo: 2 of 2"), 30_000);
        WorkbenchDriver.pumpUntil("the re-audit with " + RULE + " back", () -> ruleFound(RULE), 30_000);
        assertArrayEquals(original, Files.readAllBytes(kiosk), "undo restores the file byte for byte");
        WorkbenchDriver.screenshot("fix-undone");
    }

    @Test
    void aRunningVmIsShownAsNeedingPowerOffAndThePushRefusesItWithTheReason() throws Exception {
        Path lab = Lab.copyOfLab(temp.resolve("lab"));
        Lab.onlyConnections(temp.resolve("secure_storage"), Lab.folder("lab copy", lab));
        Lab.audit();
        selectAllOf("hw-older-than-host");
        Tree preview = WorkbenchDriver.widget("fix.preview", Tree.class);
        WorkbenchDriver.pumpUntil("a preview of 13 VMs", () -> preview.getItemCount() == 13, 5_000);
        TreeItem web = java.util.stream.Stream.of(preview.getItems()).filter(i -> i.getText(0).startsWith("Web 01")).findFirst().orElseThrow();
        assertEquals("must be powered off (is powered on)", web.getText(3));
        assertEquals("hardware version", web.getItem(0).getText(0));
        assertEquals("vmx-19", web.getItem(0).getText(1));
        assertEquals("vmx-21", web.getItem(0).getText(2));
        String summary = WorkbenchDriver.widget("fix.summary", Label.class).getText();
        assertTrue(summary.startsWith("13 VM(s) would change, "), summary);
        assertTrue(summary.contains(" must be powered off first"), summary);
        byte[] running = Files.readAllBytes(lab.resolve("web-01/web-01.vmx"));

        PushJob push = apply();
        if (push != null) {
            WorkbenchDriver.waitFor(push, 60_000);
        }
        WorkbenchDriver.pumpUntil("the push's results", () -> outcomeRows().size() == 13, 20_000);
        String[] webResult = outcomeRows().stream().filter(r -> r[0].equals("Web 01")).findFirst().orElseThrow();
        assertEquals("skipped", webResult[1]);
        assertTrue(webResult[2].contains("is running") && webResult[2].contains("power it off first"), webResult[2]);
        assertArrayEquals(running, Files.readAllBytes(lab.resolve("web-01/web-01.vmx")), "a running VM is not touched");
        long applied = outcomeRows().stream().filter(r -> r[1].equals("applied")).count();
        assertTrue(applied >= 1 && applied < 13, applied + " applied");
        WorkbenchDriver.pumpUntil("the re-audit", () -> audited("hw-older-than-host") == 13 - applied, 30_000);
        WorkbenchDriver.screenshot("fix-running-vm-refused");
    }

    private static long audited(String rule) {
        return Lab.service(AuditResults.class).current().report().findings().stream().filter(f -> f.ruleId().equals(rule)).count();
    }

    /** A fleet of powered-off copies of the lab's Kiosk 01, each with the hard power-off finding. */
    private static Path fleet(Path folder, int size) throws IOException {
        String kiosk = Files.readString(Lab.repoLab().resolve("kiosk-01/kiosk-01.vmx"));
        Files.createDirectories(folder);
        Files.copy(Lab.repoLab().resolve("hvdiag-host.properties"), folder.resolve("hvdiag-host.properties"));
        for (int i = 0; i < size; i++) {
            String name = String.format("kiosk-%04d", i);
            Path vm = Files.createDirectories(folder.resolve(name));
            Files.writeString(vm.resolve(name + ".vmx"), kiosk.replace("displayName = \"Kiosk 01\"", "displayName = \"" + name + "\""));
        }
        return folder;
    }

    @Test
    void cancellingALongPushMidwayReportsEveryVm() throws Exception {
        int size = 600;
        Lab.onlyConnections(temp.resolve("secure_storage"), Lab.folder("fleet", fleet(temp.resolve("fleet"), size)));
        Lab.audit();
        selectAllOf(RULE);
        Tree preview = WorkbenchDriver.widget("fix.preview", Tree.class);
        WorkbenchDriver.pumpUntil("a preview of the fleet", () -> preview.getItemCount() == size, 20_000);

        PushJob push = apply();
        assertTrue(push != null, "the push is running");
        AuditResults results = Lab.service(AuditResults.class);
        WorkbenchDriver.pumpUntil("some VMs pushed", () -> outcomesJournalled(results) >= 20, 60_000);
        push.cancel();
        WorkbenchDriver.waitFor(push, 60_000);
        WorkbenchDriver.pumpUntil("the push's results", () -> outcomeRows().size() == size, 20_000);
        long applied = outcomeRows().stream().filter(r -> r[1].equals("applied")).count();
        long cancelled = outcomeRows().stream().filter(r -> r[1].equals("skipped") && r[2].equals("cancelled")).count();
        assertTrue(applied >= 20 && applied < size, "stopped midway: " + applied + " applied");
        assertEquals(size, applied + cancelled, "every VM reported: applied or skipped as cancelled");
        WorkbenchDriver.showView(DiagnosticsPerspective.FIX_PREVIEW);
        WorkbenchDriver.pumpUntil("the summary", () -> WorkbenchDriver.widget("fix.summary", Label.class).getText()
                .equals("fix: " + applied + " of " + size + " VM(s) changed"), 5_000);
        WorkbenchDriver.screenshot("push-cancelled");
    }

    private static long outcomesJournalled(AuditResults results) {
        Optional<Path> journal = results.lastJournal();
        if (journal.isEmpty() || !Files.exists(journal.get())) {
            return 0;
        }
        try {
            return Files.readAllLines(journal.get()).stream().filter(l -> l.contains("\"outcome\"")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
