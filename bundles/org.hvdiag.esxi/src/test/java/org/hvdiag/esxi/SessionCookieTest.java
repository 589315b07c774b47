package org.hvdiag.esxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Inventory;

/** A host that does not know the session's cookie refuses its datastore files: a note, never the cookie. */
class SessionCookieTest {
    /** The simulator's session keys, which are the cookie values, are UUIDs. */
    static final Pattern SESSION_KEY = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Test
    void aCookieTheHostDoesNotKnowGives401InANoteWithoutTheCookie() throws Exception {
        try (Harness h = Harness.start(16, "-trace-files"); Session s = h.connect()) {
            Inventory inv = s.inventory(Progress.NONE);
            JsonNode listed = EvidenceTest.listed(h, "vmware-1.log", "vmware.log");
            h.command("forget-sessions", "forgot sessions");

            VmEvidence e = s.evidence(List.of(EvidenceTest.vm(inv, listed.get("ID").asText())), EvidenceTest.WEEK,
                    Progress.NONE).get(0);

            assertTrue(e.events().isEmpty(), e.toString());
            String folder = listed.get("LogDirectory").asText();
            assertTrue(e.notes().stream().anyMatch(n -> n.startsWith("could not read " + folder + "/vmware.log: ")
                    && n.contains("refused this session's datastore file access (HTTP 401)")), e.notes().toString());
            for (String n : e.notes()) {
                assertFalse(n.contains("vmware_soap_session"), n);
                assertFalse(SESSION_KEY.matcher(n).find(), n);
            }
            assertEquals(0, e.bytesRead());
            // The harness did refuse it: the request reached /folder/ and got 401.
            h.awaitLine(l -> l.startsWith("folder GET /folder/") && l.contains("status=401"));
        }
    }
}
