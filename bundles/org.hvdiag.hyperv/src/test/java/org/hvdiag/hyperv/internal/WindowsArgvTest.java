package org.hvdiag.hyperv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WindowsArgvTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "two words", "", "ends\\", "C:\\dir with space\\", "say \"hi\"", "\\\"",
            "a\\\\\"b", "x'; Stop-Computer; '", "tab\there", "&|^<>%!", "\"", "\\\\server\\share"})
    void theProgramSplitsTheQuotedArgumentBackToTheOriginal(String arg) {
        assertEquals(List.of(arg), MsvcrtArgs.split(WindowsArgv.quote(arg)));
    }

    @Test
    void simpleArgumentsAreLeftAloneAndOthersQuoted() {
        assertEquals("-NoProfile", WindowsArgv.quote("-NoProfile"));
        assertEquals("\"a b\"", WindowsArgv.quote("a b"));
        assertEquals("\"\"", WindowsArgv.quote(""));
        assertEquals("\"say \\\"hi\\\"\"", WindowsArgv.quote("say \"hi\""));
        assertEquals("\"C:\\dir x\\\\\"", WindowsArgv.quote("C:\\dir x\\"));
    }
}
