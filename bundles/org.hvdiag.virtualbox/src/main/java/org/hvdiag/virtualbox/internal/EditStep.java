package org.hvdiag.virtualbox.internal;

import java.util.List;

import org.hvdiag.core.connector.ConnectorException;

/**
 * One call on a locked machine's mutable copy. Filter steps name the filter by its position at the
 * moment they run, since VirtualBox addresses device filters by position and an earlier removal
 * shifts the ones after it.
 */
sealed interface EditStep {
    /** What the step does, for a failure message. */
    String describe();

    void run(LockedMachine machine) throws ConnectorException;

    /** An IMachine setter or method on the mutable machine itself. */
    record OnMachine(String operation, List<String> parameters, String describe) implements EditStep {
        @Override
        public void run(LockedMachine m) throws ConnectorException {
            m.callOnMachine(operation, parameters);
        }
    }

    /** An IUSBDeviceFilter setter on the filter at {@code position}. */
    record OnFilter(int position, String operation, List<String> parameters, String describe) implements EditStep {
        @Override
        public void run(LockedMachine m) throws ConnectorException {
            m.callOnFilter(position, operation, parameters);
        }
    }

    record RemoveFilter(int position, String describe) implements EditStep {
        @Override
        public void run(LockedMachine m) throws ConnectorException {
            m.removeFilter(position);
        }
    }

    /** Creates a filter, sets its fields and inserts it at {@code position}: how undo brings a removed one back. */
    record InsertFilter(MachineFacts.Filter filter, int position, String describe) implements EditStep {
        @Override
        public void run(LockedMachine m) throws ConnectorException {
            m.insertFilter(filter, position);
        }
    }
}
