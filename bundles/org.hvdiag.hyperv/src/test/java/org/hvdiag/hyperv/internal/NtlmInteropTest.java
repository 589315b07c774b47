package org.hvdiag.hyperv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.hvdiag.core.connector.ConnectorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hvdiag's NTLM client against an NTLM acceptor that is not hvdiag's: gss-ntlmssp (through
 * python3-gssapi), which checks the NTLMv2 response, the MIC and the channel bindings of the TLS
 * certificate. Domain and local accounts, right and wrong passwords, and a binding to another certificate.
 */
class NtlmInteropTest {
    private static final String ALICE_PASSWORD = "Corr3ct-horse!battery";
    private static final String LOCAL_PASSWORD = "L0cal-only;pw\u00e9";
    private static final List<String> USERS = List.of(
            NtlmAcceptorProcess.DOMAIN + ":alice:" + ALICE_PASSWORD,
            NtlmAcceptorProcess.COMPUTER + ":localadmin:" + LOCAL_PASSWORD);

    @TempDir
    Path dir;

    private static String post(NtlmAcceptorProcess acceptor, String user, String password) throws ConnectorException {
        WinrmEndpoint e = new WinrmEndpoint("127.0.0.1", acceptor.port(), true);
        try (WinrmTransport t = WinrmTransport.open(e, new NtlmAuth(user, password.toCharArray()), acceptor.thumbprint(),
                WsmanSettings.defaults(e.url()))) {
            WsmanMessage m = new WsmanRequest(WsmanSettings.defaults(e.url())).create();
            String first = new String(t.post(m), StandardCharsets.UTF_8);
            String second = new String(t.post(m), StandardCharsets.UTF_8);
            assertEquals(first, second, "the second request on the logged-on connection is answered alike");
            return first;
        }
    }

    @Test
    void aDomainAccountLogsOnWithChannelBindingAndMic() throws Exception {
        try (NtlmAcceptorProcess a = NtlmAcceptorProcess.start(dir, USERS, false)) {
            String body = post(a, "LAB\\alice", ALICE_PASSWORD);
            assertTrue(body.contains("account=\"LAB\\alice\""), body + "\n" + a.log());
            assertTrue(body.contains("channelBound=\"true\""), "gss-ntlmssp verified the channel bindings: " + body);
        }
    }

    @Test
    void userAtDomainIsTheSameAccount() throws Exception {
        try (NtlmAcceptorProcess a = NtlmAcceptorProcess.start(dir, USERS, false)) {
            String body = post(a, "alice@LAB", ALICE_PASSWORD);
            assertTrue(body.contains("account=\"LAB\\alice\""), body + "\n" + a.log());
        }
    }

    @Test
    void aLocalAccountTakesItsDomainFromTheChallenge() throws Exception {
        try (NtlmAcceptorProcess a = NtlmAcceptorProcess.start(dir, USERS, false)) {
            String body = post(a, "localadmin", LOCAL_PASSWORD);
            assertTrue(body.contains("account=\"HV-LAB-01\\localadmin\""), body + "\n" + a.log());
        }
    }

    @Test
    void aWrongPasswordIsRefusedNamingHostAndAccountNotThePassword() throws Exception {
        String wrong = "not-" + ALICE_PASSWORD;
        try (NtlmAcceptorProcess a = NtlmAcceptorProcess.start(dir, USERS, false)) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> post(a, "LAB\\alice", wrong));
            assertTrue(e.getMessage().startsWith("127.0.0.1:" + a.port() + " refused the account LAB\\alice (HTTP 401)"),
                    e.getMessage());
            assertFalse(e.getMessage().contains(wrong) || e.getMessage().contains(ALICE_PASSWORD), e.getMessage());
            assertTrue(a.log().contains("refused"), "gss-ntlmssp itself refused the response: " + a.log());
        }
    }

    @Test
    void aLocalAccountWithAWrongPasswordNamesTheResolvedAccount() throws Exception {
        try (NtlmAcceptorProcess a = NtlmAcceptorProcess.start(dir, USERS, false)) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> post(a, "localadmin", "wrong"));
            assertTrue(e.getMessage().startsWith("127.0.0.1:" + a.port() + " refused the account HV-LAB-01\\localadmin"),
                    e.getMessage());
        }
    }

    @Test
    void channelBindingsOfAnotherCertificateAreRefused() throws Exception {
        // The acceptor checks the bindings against a certificate other than the one the client saw:
        // what a server behind a TLS-intercepting proxy sees. The right password must not help.
        try (NtlmAcceptorProcess a = NtlmAcceptorProcess.start(dir, USERS, true)) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> post(a, "LAB\\alice", ALICE_PASSWORD));
            assertTrue(e.getMessage().contains("refused the account LAB\\alice"), e.getMessage());
        }
    }
}
