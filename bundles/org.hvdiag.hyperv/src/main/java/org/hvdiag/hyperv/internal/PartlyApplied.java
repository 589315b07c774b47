package org.hvdiag.hyperv.internal;

import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Verification;
import org.hvdiag.core.model.Vm;

/**
 * What of a refused plan holds on the re-read VM. Hyper-V commits each cmdlet on its own, so the
 * changes before the refused one stay made: the admin is told which, from a re-read, never guessed.
 */
final class PartlyApplied {
    private PartlyApplied() {
    }

    /** "nothing of the plan was applied" or "partly applied: ...; not applied: ...", judged by core's verifier. */
    static String describe(Vm before, List<ConfigChange> changes, Vm reread) {
        List<String> held = new ArrayList<>();
        List<String> notHeld = new ArrayList<>();
        for (ConfigChange c : changes) {
            boolean holds = Verification.unmet(before, List.of(c), reread).isEmpty();
            (holds ? held : notHeld).add(c.describe());
        }
        if (held.isEmpty()) {
            return "re-read: nothing of the plan was applied";
        }
        return "re-read: partly applied: " + String.join("; ", held) + "; not applied: "
                + (notHeld.isEmpty() ? "(none)" : String.join("; ", notHeld));
    }
}
