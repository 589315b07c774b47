package org.hvdiag.vboxweb;

/** One operation: returns the returnval values (null for none) or fails as VirtualBox would. */
@FunctionalInterface
interface Handler {
    String[] run(Call c) throws SoapFault, VboxError;
}
