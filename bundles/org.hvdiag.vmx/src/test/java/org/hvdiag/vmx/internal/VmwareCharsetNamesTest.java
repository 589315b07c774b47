package org.hvdiag.vmx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class VmwareCharsetNamesTest {

    @Test
    void icusDatedWindowsNamesAreTheirCodePage() {
        assertEquals("x-windows-949", VmwareCharsetNames.javaName("windows-949-2000"));
        assertEquals("x-mswin-936", VmwareCharsetNames.javaName("windows-936-2000"));
        assertEquals("x-windows-950", VmwareCharsetNames.javaName("windows-950-2000"));
        assertEquals("x-windows-874", VmwareCharsetNames.javaName("windows-874-2000"));
        assertEquals("windows-31j", VmwareCharsetNames.javaName("windows-932-2000"));
        assertEquals("windows-1252", VmwareCharsetNames.javaName("windows-1252-2000"));
        assertEquals("x-windows-949", VmwareCharsetNames.javaName("windows-949"));
        assertEquals("x-windows-949", VmwareCharsetNames.javaName("Windows_949_2000"));
    }

    @Test
    void icuConverterNamesInVmwaresTableIgnoringCaseAndPunctuation() {
        assertEquals("windows-31j", VmwareCharsetNames.javaName("ibm-943_P15A-2003"));
        assertEquals("windows-31j", VmwareCharsetNames.javaName("IBM-943_p15a-2003"));
        assertEquals("windows-1252", VmwareCharsetNames.javaName("ibm-5348_P100-1997"));
        assertEquals("EUC-KR", VmwareCharsetNames.javaName("ibm-970_P110_P110-2006_U2"));
        assertEquals("x-windows-949", VmwareCharsetNames.javaName("ms949"));
    }

    @Test
    void shiftJisGbkAndBig5AreTheWindowsCodePagesVmwareWritesThemWith() {
        assertEquals("windows-31j", VmwareCharsetNames.javaName("Shift_JIS"));
        assertEquals("windows-31j", VmwareCharsetNames.javaName("shift-jis"));
        assertEquals("x-mswin-936", VmwareCharsetNames.javaName("GBK"));
        assertEquals("x-windows-950", VmwareCharsetNames.javaName("Big5"));
    }

    @Test
    void otherNamesAreLeftToJava() {
        assertNull(VmwareCharsetNames.javaName("UTF-8"));
        assertNull(VmwareCharsetNames.javaName("ISO-8859-1"));
        assertNull(VmwareCharsetNames.javaName("x-klingon"));
        assertNull(VmwareCharsetNames.javaName("windows-12345-2000"));
        // VMware's older IBM table for 943, not code page 932: not guessed from its number.
        assertNull(VmwareCharsetNames.javaName("ibm-943_P130-1999"));
    }

    @Test
    void everyResolvedCharsetExistsAndCanHoldAVmx() {
        for (String javaName : VmwareCharsetNames.javaNames()) {
            VmxCharset.Result r = VmxCharset.forName(javaName);
            assertNotNull(r.charset(), javaName + ": " + r.problem());
        }
    }
}
