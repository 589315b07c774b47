package org.hvdiag.core.model;

/**
 * What happens to a running VM when the hypervisor stops it without the admin asking the guest
 * first: VMware's power-off button (powerType.powerOff), Hyper-V's automatic stop action when the
 * host shuts down (Set-VM -AutomaticStopAction). One field for both, so one rule judges both.
 * HARD cuts power (VMware "hard", Hyper-V TurnOff), SOFT asks the guest to shut down ("soft",
 * ShutDown), SAVE saves the VM's state to disk (Hyper-V Save), DEFAULT is not set or not known.
 */
public enum PowerOffBehaviour { HARD, SOFT, SAVE, DEFAULT }
