package org.hvdiag.hyperv.internal;

/** An NTLM message that is malformed or asks for what hvdiag refuses (LM, NTLMv1). Never holds a secret. */
final class NtlmException extends Exception {
    private static final long serialVersionUID = 1L;

    NtlmException(String message) {
        super(message);
    }
}
