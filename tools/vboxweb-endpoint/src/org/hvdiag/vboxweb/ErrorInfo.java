package org.hvdiag.vboxweb;

/** The IVirtualBoxErrorInfo a RuntimeFault's returnval refers to. */
record ErrorInfo(int resultCode, String text) {
}
