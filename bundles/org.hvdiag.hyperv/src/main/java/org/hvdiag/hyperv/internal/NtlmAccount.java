package org.hvdiag.hyperv.internal;

import java.util.Arrays;

/**
 * A Windows account for NTLM as the admin typed it: DOMAIN\\user, user@domain, or user (a local account
 * of the host, whose domain the host's CHALLENGE names). Holds the NT hash, not the password: the hash
 * is all NTLM needs, though it is as secret as the password (it logs on by itself), so it appears in no
 * toString and no message.
 */
final class NtlmAccount {
    private final String typed;
    private final String user;
    /** Null for a local account: the host's own name is its domain. */
    private final String domain;
    private final byte[] ntHash;

    NtlmAccount(String typed, char[] password) {
        if (typed == null || typed.isBlank()) {
            throw new IllegalArgumentException("NTLM authentication needs a user name");
        }
        int slash = typed.indexOf('\\');
        int at = typed.lastIndexOf('@');
        if (slash >= 0) {
            domain = typed.substring(0, slash);
            user = typed.substring(slash + 1);
        } else if (at >= 0) {
            user = typed.substring(0, at);
            domain = typed.substring(at + 1);
        } else {
            user = typed;
            domain = null;
        }
        if (user.isEmpty() || user.indexOf('\\') >= 0 || (domain != null && domain.isEmpty())) {
            throw new IllegalArgumentException("write the account as DOMAIN\\user, user@domain or user (a local account)");
        }
        this.typed = typed;
        this.ntHash = NtlmV2.ntHash(password);
    }

    String typed() {
        return typed;
    }

    String user() {
        return user;
    }

    /**
     * The domain the NTLMv2 response is computed for: the one typed, else the host's NetBIOS computer
     * name from its CHALLENGE (a local account lives in the host's own account database), else the
     * CHALLENGE's target name.
     */
    String domainFor(NtlmChallenge challenge) {
        if (domain != null) {
            return domain;
        }
        String computer = challenge.targetInfo().text(AvPairs.NB_COMPUTER_NAME);
        return computer != null ? computer : challenge.targetName();
    }

    /** NTOWFv2 for the domain the CHALLENGE resolves. */
    byte[] responseKey(NtlmChallenge challenge) {
        return NtlmV2.ntowfv2(ntHash, user, domainFor(challenge));
    }

    void destroy() {
        Arrays.fill(ntHash, (byte) 0);
    }

    @Override
    public String toString() {
        return "NtlmAccount[" + typed + "]";
    }
}
