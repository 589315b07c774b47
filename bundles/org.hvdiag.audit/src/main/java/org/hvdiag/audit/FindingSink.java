package org.hvdiag.audit;

/** Where rules put what they find. */
@FunctionalInterface
public interface FindingSink {
    void add(Finding finding);
}
