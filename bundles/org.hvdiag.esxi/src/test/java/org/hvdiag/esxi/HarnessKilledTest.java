package org.hvdiag.esxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.BuiltInRules;
import org.hvdiag.audit.FixSelection;
import org.hvdiag.audit.RuleEngine;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ApplyResult.Outcome;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.journal.JournalReader;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Inventory;

/**
 * The server dies in the middle of a batch of fixes: it makes the 5th ReconfigVM_Task's change and
 * exits before answering. The results and the journal must then say exactly which VMs changed
 * (the harness prints each reconfiguration it made), and nothing is reported applied that was not.
 */
class HarnessKilledTest {

    @Test
    void resultsAndJournalSayWhichVmsChanged() throws Exception {
        Path journalFile = Files.createTempDirectory("hvdiag-kill").resolve("fix.jsonl");
        List<ApplyResult> results;
        Set<String> reconfigured = new HashSet<>();
        int planned;
        try (Harness harness = Harness.start(200, "-die-after-reconfigs", "5", "-trace")) {
            RuleEngine engine = new RuleEngine(BuiltInRules.all());
            try (Session session = harness.connect()) {
                Inventory inventory = session.inventory(Progress.NONE);
                // Every fixable rule but the hardware upgrades, whose task is not a ReconfigVM_Task.
                Set<String> rules = new LinkedHashSet<>();
                for (RuleInfo r : engine.rules()) {
                    if (r.fixable() && r.appliesTo().contains(HypervisorKind.VSPHERE) && !r.id().startsWith("hw-")) {
                        rules.add(r.id());
                    }
                }
                List<ChangePlan> plans = FixSelection.of(engine.audit(List.of(inventory), AuditSettings.DEFAULTS).findings(),
                        engine.rules(), rules, null).plans();
                planned = plans.size();
                assertTrue(planned > 12, "a batch large enough to be cut: " + planned);
                try (Journal journal = Journal.create(journalFile, "vsphere", harness.target())) {
                    results = session.apply(plans, journal, Progress.NONE);
                }
            }
            assertTrue(harness.process.waitFor(10, TimeUnit.SECONDS), "the harness died as told");
            Thread.sleep(200); // let the reader thread take the last lines
            for (String line : harness.lines) {
                if (line.startsWith("reconfigured ")) {
                    reconfigured.add(line.substring(13));
                }
            }
        }
        assertEquals(planned, results.size());
        assertTrue(reconfigured.size() >= 5, "the harness made 5 changes: " + reconfigured);

        Map<String, ApplyResult> byVm = new HashMap<>();
        results.forEach(r -> byVm.put(r.vmId(), r));
        Set<String> applied = new HashSet<>();
        for (ApplyResult r : results) {
            if (r.outcome() == Outcome.APPLIED) {
                applied.add(r.vmId());
            }
        }
        // Nothing is reported applied that the server did not change.
        assertTrue(reconfigured.containsAll(applied), "applied " + applied + " but the server changed " + reconfigured);
        // A VM the server changed without answering is reported as possibly changed, never as untouched.
        for (String vm : reconfigured) {
            ApplyResult r = byVm.get(vm);
            if (!applied.contains(vm)) {
                assertEquals(Outcome.FAILED, r.outcome(), vm + ": " + r.detail());
                assertTrue(r.detail().contains("may or may not have changed"), r.detail());
            }
        }
        assertTrue(results.stream().anyMatch(r -> r.detail().contains("may or may not have changed")),
                "the VM whose answer was lost is reported so");
        assertTrue(results.stream().anyMatch(r -> r.outcome() == Outcome.SKIPPED && r.detail().contains("not attempted")),
                "VMs after the server died were not attempted");

        // The journal agrees: an intent for every VM that was sent a change, none for those not attempted,
        // and APPLIED outcomes exactly for the VMs reported applied.
        List<JournalEntry> entries = JournalReader.read(journalFile).entries();
        Set<String> journalled = new HashSet<>();
        Set<String> journalApplied = new HashSet<>();
        for (JournalEntry e : entries) {
            journalled.add(e.vmId());
            if ("APPLIED".equals(e.outcome())) {
                journalApplied.add(e.vmId());
            }
        }
        assertEquals(applied, journalApplied);
        assertTrue(journalled.containsAll(reconfigured), "every changed VM has an intent: " + reconfigured + " vs " + journalled);
        for (ApplyResult r : results) {
            if (r.detail().contains("not attempted")) {
                assertFalse(journalled.contains(r.vmId()), r.vmId() + " was not attempted but has an intent");
            }
        }
    }
}
