package org.hvdiag.winrm;

/** What one Receive hands out: the next bytes of each stream, and whether the command is then done. */
record OutputChunk(byte[] stdout, byte[] stderr, boolean last, int exitCode) {
}
