package org.hvdiag.vmx.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmxFileTest {
    private static final Charset CP1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;

    @Test
    void readsAWorkstationFile() throws Exception {
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("w10.vmx"), Fixtures.WORKSTATION));
        assertEquals("19", f.value("virtualHW.version"));
        assertEquals("Windows 10 x64", f.value("displayName"));
        assertEquals("windows9-64", f.value("GUESTOS"));
        assertEquals(StandardCharsets.UTF_8, f.charset());
        assertEquals(3, f.lineOf("virtualHW.version"));
        assertEquals(0, f.lineOf("no.such.key"));
        assertNull(f.value("no.such.key"));
        assertEquals("TRUE", f.value("usb_xhci:4.present"));
        Map<String, String> all = f.values();
        assertEquals(Fixtures.WORKSTATION.lines().count(), all.size());
        assertEquals(".encoding", all.keySet().iterator().next());
    }

    @Test
    void backslashIsNotAnEscape() throws Exception {
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("w10.vmx"), Fixtures.WORKSTATION));
        assertEquals("D:\\", f.value("sharedFolder0.hostPath"));
        assertEquals("C:\\ISO\\Win10_22H2_English_x64.iso", f.value("sata0:1.fileName"));
    }

    @Test
    void pipeEscapesAreUndoneInValuesAndKeptInRawValues() throws Exception {
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("w10.vmx"), Fixtures.WORKSTATION));
        assertEquals("Build box\nowner: ops|infra", f.value("annotation"));
        assertEquals("Build box|0Aowner: ops|7Cinfra", f.rawValue("annotation"));
    }

    @Test
    void keysAreFoundIgnoringCaseAndKeepTheirSpelling() throws Exception {
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("esx.vmx"), Fixtures.ESXI));
        assertEquals("4096", f.value("memsize"));
        assertTrue(f.values().containsKey("memSize"));
        assertFalse(f.values().containsKey("memsize"));
        assertEquals(List.of("toolScripts.afterPowerOn", "toolScripts.afterResume", "toolScripts.beforeSuspend",
                "toolScripts.beforePowerOff"), f.keysStartingWith("TOOLSCRIPTS."));
    }

    @Test
    void unchangedFilesWriteBackByteForByte() throws Exception {
        String odd = "# written by hand\n\n  .encoding = \"UTF-8\"   # leading blanks, trailing comment\n"
                + "numvcpus=\"2\"\n\tmemsize =   \"1024\"#tight comment\n"
                + "guestOS = other26xlinux-64\nempty = \"\"\nimplied = # VMware reads an empty value\n"
                + "last.line = \"no newline at the end\"";
        for (String text : List.of(Fixtures.WORKSTATION, Fixtures.ESXI, Fixtures.crlf(Fixtures.WORKSTATION), odd,
                Fixtures.crlf(odd), "")) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Path p = Fixtures.write(dir.resolve("rt.vmx"), bytes);
            assertArrayEquals(bytes, VmxFile.read(p).toBytes());
        }
    }

    @Test
    void damagedLinesSurviveEditsOfOtherLinesByteForByte() throws Exception {
        String text = "a = \"1\"\r\nusb.present = \"TRUE\r\nnot a setting at all\r\nb = \"2\" junk\r\nc = \"3\"\r\n";
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("d.vmx"), text));
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), f.toBytes());
        f.set("a", "9");
        f.remove("c");
        f.set("usb_xhci.present", "TRUE");
        assertEquals("a = \"9\"\r\nusb.present = \"TRUE\r\nnot a setting at all\r\nb = \"2\" junk\r\n"
                + "usb_xhci.present = \"TRUE\"\r\n", new String(f.toBytes(), StandardCharsets.UTF_8));
        assertEquals(List.of(2, 3, 4), f.damagedLines().stream().map(VmxFile.DamagedLine::line).toList());
    }

    @Test
    void oddButValidLinesParseAsVmwareReadsThem() throws Exception {
        String odd = "  .encoding = \"UTF-8\"   # comment\nnumvcpus=\"2\"\n\tmemsize =   \"1024\"#c\n"
                + "guestOS = other26xlinux-64\nimplied = # empty\n";
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("odd.vmx"), odd));
        assertEquals("2", f.value("numvcpus"));
        assertEquals("1024", f.value("memsize"));
        assertEquals("other26xlinux-64", f.value("guestOS"));
        assertEquals("", f.value("implied"));
    }

    @Test
    void windows1252FileDecodesAndRoundTrips() throws Exception {
        String text = ".encoding = \"windows-1252\"\r\ndisplayName = \"Büro-PC für Jörg – Straße\"\r\nnumvcpus = \"2\"\r\n";
        byte[] bytes = text.getBytes(CP1252);
        Path p = Fixtures.write(dir.resolve("buero.vmx"), bytes);
        VmxFile f = VmxFile.read(p);
        assertEquals(CP1252, f.charset());
        assertEquals("Büro-PC für Jörg – Straße", f.value("displayName"));
        assertArrayEquals(bytes, f.toBytes());
        f.set("numvcpus", "4");
        byte[] edited = f.toBytes();
        assertArrayEquals(text.replace("\"2\"", "\"4\"").getBytes(CP1252), edited);
    }

    @Test
    void anEncodingLineAfterNonAsciiLinesStillDecidesTheCharset() throws Exception {
        String text = "displayName = \"Jörg\"\n.encoding = \"windows-1252\"\n";
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("late.vmx"), text, CP1252));
        assertEquals("Jörg", f.value("displayName"));
    }

    @Test
    void shiftJisWithABackslashTrailByteDecodes() throws Exception {
        // 表 is 0x95 0x5C in Shift_JIS: its second byte is '\', which must not disturb the line.
        String text = ".encoding = \"Shift_JIS\"\ndisplayName = \"表計算サーバ\"\nnumvcpus = \"1\"\n";
        byte[] bytes = text.getBytes(Charset.forName("Shift_JIS"));
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("sjis.vmx"), bytes));
        assertEquals("表計算サーバ", f.value("displayName"));
        assertArrayEquals(bytes, f.toBytes());
    }

    @Test
    void koreanWindowsNamesItsCharsetTheIcuWay() throws Exception {
        // 똠 (0x8C 0x63) is in code page 949 only, not in EUC-KR: the file is read with Windows' own table.
        Charset cp949 = Charset.forName("x-windows-949");
        String text = ".encoding = \"windows-949-2000\"\r\ndisplayName = \"똠한 서버\"\r\nannotation = \"\"\r\n";
        byte[] bytes = text.getBytes(cp949);
        Path p = Fixtures.write(dir.resolve("ko.vmx"), bytes);
        VmxFile f = VmxFile.read(p);
        assertEquals(cp949, f.charset());
        assertEquals("똠한 서버", f.value("displayName"));
        assertArrayEquals(bytes, f.toBytes());
        f.set("annotation", "백업");
        Files.write(p, f.toBytes());
        assertEquals("백업", VmxFile.read(p).value("annotation"));
    }

    @Test
    void vmwaresShiftJisIsWindowsCodePage932() throws Exception {
        // ① is in the NEC row of code page 932, which Japanese Windows writes and Java's strict Shift_JIS refuses.
        String text = ".encoding = \"Shift_JIS\"\ndisplayName = \"①番サーバ\"\n";
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("jp.vmx"), text, Charset.forName("windows-31j")));
        assertEquals("①番サーバ", f.value("displayName"));
    }

    @Test
    void utf8ByteOrderMarkIsKeptAndSkipped() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = ".encoding = \"UTF-8\"\ndisplayName = \"Ä\"\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, bytes, 0, 3);
        System.arraycopy(body, 0, bytes, 3, body.length);
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("bom.vmx"), bytes));
        assertEquals("UTF-8", f.value(".encoding"));
        assertEquals("Ä", f.value("displayName"));
        assertArrayEquals(bytes, f.toBytes());
    }

    @Test
    void setReplacesTheValueInPlaceKeepingSpellingCommentAndLineEnding() throws Exception {
        String text = "# vm\r\nmemSize = \"4096\"   # raised for SQL\r\nnumvcpus = \"2\"\r\n";
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("e.vmx"), text.getBytes(StandardCharsets.UTF_8)));
        assertTrue(f.set("MEMSIZE", "8192"));
        assertEquals("# vm\r\nmemSize = \"8192\"   # raised for SQL\r\nnumvcpus = \"2\"\r\n",
                new String(f.toBytes(), StandardCharsets.UTF_8));
        assertEquals("8192", f.value("memsize"));
    }

    @Test
    void setOfAnUnquotedValueQuotesIt() throws Exception {
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("u.vmx"), "numvcpus = 2 # two\n"));
        f.set("numvcpus", "3");
        assertEquals("numvcpus = \"3\" # two\n", new String(f.toBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void setOfTheSameValueChangesNothing() throws Exception {
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("s.vmx"), "numvcpus = 2\n"));
        assertFalse(f.set("NumVcpus", "2"));
        assertFalse(f.isEdited());
    }

    @Test
    void newKeysAreAppendedAtTheEndWithTheFilesLineEnding() throws Exception {
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("a.vmx"), "a = \"1\"\r\nb = \"2\"\r\n"));
        f.set("usb_xhci.present", "TRUE");
        assertEquals("a = \"1\"\r\nb = \"2\"\r\nusb_xhci.present = \"TRUE\"\r\n", new String(f.toBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void appendingAfterALastLineWithoutNewlineEndsItFirst() throws Exception {
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("a.vmx"), "a = \"1\"\nb = \"2\""));
        f.set("c", "3");
        assertEquals("a = \"1\"\nb = \"2\"\nc = \"3\"\n", new String(f.toBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void removeDropsOnlyThatLine() throws Exception {
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("r.vmx"), "# keep\na = \"1\"\nB = \"2\"\n\nc = \"3\"\n"));
        assertTrue(f.remove("b"));
        assertFalse(f.remove("b"));
        assertEquals("# keep\na = \"1\"\n\nc = \"3\"\n", new String(f.toBytes(), StandardCharsets.UTF_8));
        assertFalse(f.has("B"));
    }

    @Test
    void removeStartingWithTakesEveryKeyOfOneDeviceAndNoOther() throws Exception {
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("w10.vmx"), Fixtures.WORKSTATION));
        assertEquals(4, f.removeStartingWith("usb_xhci:4."));
        assertTrue(f.keysStartingWith("usb_xhci:4.").isEmpty());
        assertEquals("TRUE", f.value("usb_xhci:7.present"));
        assertEquals("TRUE", f.value("usb_xhci.present"));
    }

    @Test
    void valuesWithQuotesAndPipesAreEscapedTheVmwareWay() throws Exception {
        Path p = Fixtures.write(dir.resolve("q.vmx"), "annotation = \"\"\n");
        VmxFile f = VmxFile.read(p);
        f.set("annotation", "say \"hi\" | bye");
        assertEquals("annotation = \"say |22hi|22 |7C bye\"\n", new String(f.toBytes(), StandardCharsets.UTF_8));
        Files.write(p, f.toBytes());
        assertEquals("say \"hi\" | bye", VmxFile.read(p).value("annotation"));
    }

    @Test
    void aValueTheCharsetCannotHoldIsRefused() throws Exception {
        Path p = Fixtures.write(dir.resolve("c.vmx"), ".encoding = \"windows-1252\"\nannotation = \"\"\n", CP1252);
        VmxFile f = VmxFile.read(p);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.set("annotation", "日本"));
        assertTrue(e.getMessage().contains("windows-1252"), e.getMessage());
        assertFalse(f.isEdited());
    }

    @Test
    void keysThatWouldNotReadBackAreRefused() throws Exception {
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("k.vmx"), "a = \"1\"\n"));
        assertThrows(IllegalArgumentException.class, () -> f.set("two words", "x"));
        assertThrows(IllegalArgumentException.class, () -> f.set("a=b", "x"));
        assertThrows(IllegalArgumentException.class, () -> f.set("", "x"));
        assertThrows(IllegalArgumentException.class, () -> f.set("#x", "x"));
    }

    @Test
    void originalBytesStayAsReadAfterEdits() throws Exception {
        byte[] bytes = Fixtures.ESXI.getBytes(StandardCharsets.UTF_8);
        VmxFile f = VmxFile.read(Fixtures.write(dir.resolve("esx.vmx"), bytes));
        f.set("numvcpus", "8");
        f.remove("vc.uuid");
        assertArrayEquals(bytes, f.originalBytes());
        assertFalse(new String(f.toBytes(), StandardCharsets.UTF_8).contains("vc.uuid"));
    }
}
