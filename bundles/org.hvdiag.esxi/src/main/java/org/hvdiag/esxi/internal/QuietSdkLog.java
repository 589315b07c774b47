package org.hvdiag.esxi.internal;

import org.apache.log4j.Level;
import org.apache.log4j.Logger;

/**
 * yavijava logs through log4j 1.2 (served by reload4j): at trace level it logs every SOAP payload,
 * Login and its password included, and on errors it prints stack traces that hvdiag reports better
 * itself. Its loggers are turned off before the first call, whatever a log4j configuration says.
 */
final class QuietSdkLog {
    private static volatile boolean done;

    private QuietSdkLog() {
    }

    static void apply() {
        if (done) {
            return;
        }
        for (String name : new String[] {"com.vmware", "org.doublecloud"}) {
            Logger.getLogger(name).setLevel(Level.OFF);
            Logger.getLogger(name).setAdditivity(false);
        }
        done = true;
    }
}
