package org.hvdiag.core.model;

/** What the power-off button does: HARD cuts power, SOFT asks the guest to shut down. */
public enum PowerOffBehaviour { HARD, SOFT, DEFAULT }
