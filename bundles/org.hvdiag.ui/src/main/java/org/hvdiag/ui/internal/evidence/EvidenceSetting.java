package org.hvdiag.ui.internal.evidence;

import java.time.Instant;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.prefs.BackingStoreException;

/**
 * The log period the next audit reads, chosen in the Findings view and kept in the workspace's
 * preferences. The end of the window is "now" unless the system property
 * {@value #UNTIL_PROPERTY} fixes it (the lab's logs are dated; the UI tests pin it so).
 */
@Component(service = EvidenceSetting.class)
public final class EvidenceSetting {
    public static final String UNTIL_PROPERTY = "hvdiag.evidence.until";
    private static final String NODE = "org.hvdiag.ui";
    private static final String DAYS_KEY = "evidence.days";

    public EvidencePeriod current() {
        int days = preferences().getInt(DAYS_KEY, EvidencePeriod.DEFAULT_DAYS);
        Instant until = EvidencePeriod.parseUntil(System.getProperty(UNTIL_PROPERTY));
        return new EvidencePeriod(EvidencePeriod.CHOICES.contains(days) ? days : EvidencePeriod.DEFAULT_DAYS, until);
    }

    public void choose(int days) {
        IEclipsePreferences prefs = preferences();
        prefs.putInt(DAYS_KEY, days);
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // The choice holds for this session; only its memory across restarts is lost.
            System.err.println("hvdiag: cannot save the log period: " + e.getMessage());
        }
    }

    private static IEclipsePreferences preferences() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }
}
