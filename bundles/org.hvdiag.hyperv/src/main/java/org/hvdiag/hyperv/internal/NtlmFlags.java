package org.hvdiag.hyperv.internal;

/** The NegotiateFlags bits hvdiag sets or checks (MS-NLMP 2.2.2.5). */
final class NtlmFlags {
    static final int UNICODE = 0x00000001;
    static final int REQUEST_TARGET = 0x00000004;
    static final int LM_KEY = 0x00000080;
    static final int NTLM = 0x00000200;
    static final int ALWAYS_SIGN = 0x00008000;
    static final int EXTENDED_SESSIONSECURITY = 0x00080000;
    static final int TARGET_INFO = 0x00800000;
    static final int VERSION = 0x02000000;
    static final int NEGOTIATE_128 = 0x20000000;
    static final int KEY_EXCH = 0x40000000;
    static final int NEGOTIATE_56 = 0x80000000;

    /**
     * What the client asks for: Unicode, NTLM with extended session security, key exchange. No LM_KEY:
     * LM keys are derived from the LM hash. No SIGN or SEAL: over HTTPS TLS protects the messages.
     */
    static final int CLIENT = UNICODE | REQUEST_TARGET | NTLM | ALWAYS_SIGN | EXTENDED_SESSIONSECURITY | VERSION
            | NEGOTIATE_128 | KEY_EXCH | NEGOTIATE_56;

    private NtlmFlags() {
    }
}
