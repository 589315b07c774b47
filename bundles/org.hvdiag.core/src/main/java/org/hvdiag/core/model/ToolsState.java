package org.hvdiag.core.model;

/** Guest tools (VMware Tools, Guest Additions, integration services) as the hypervisor reports them. */
public enum ToolsState { NOT_INSTALLED, NOT_RUNNING, OUT_OF_DATE, OK, UNKNOWN }
