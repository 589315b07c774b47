package org.hvdiag.core.change;

import java.util.Objects;

import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.Vm;

/**
 * What must still hold when a plan is applied. A plan made from a stale inventory is refused
 * rather than applied to a VM that has changed since the audit.
 */
public sealed interface Precondition {

    /** Null when it holds, otherwise why not, in the admin's words. */
    String violation(Vm current);

    String describe();

    record PowerStateIs(PowerState expected) implements Precondition {
        public PowerStateIs { Objects.requireNonNull(expected); }

        public String violation(Vm current) {
            return current.powerState() == expected ? null
                    : "VM is " + current.powerState() + ", the plan needs it " + expected;
        }

        public String describe() { return "power state is " + expected; }
    }

    /** A model field still has the value the audit saw (compared as {@link VmField#read}). */
    record FieldIs(VmField field, String expected) implements Precondition {
        public FieldIs { Objects.requireNonNull(field); Objects.requireNonNull(expected); }

        public String violation(Vm current) {
            String actual = field.read(current);
            return actual.equals(expected) ? null
                    : field.label() + " is now '" + actual + "', the plan was made for '" + expected + "'";
        }

        public String describe() { return field.label() + " is '" + expected + "'"; }
    }
}
