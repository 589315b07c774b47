package org.hvdiag.core.model;

public enum Firmware { BIOS, EFI, UNKNOWN }
