package org.hvdiag.vmx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.model.ObjectError;

class VmxFileErrorsTest {
    @TempDir
    Path dir;

    private VmxFileException fails(Path p) {
        return assertThrows(VmxFileException.class, () -> VmxFile.read(p));
    }

    private VmxFileException fails(String name, String text) {
        return fails(Fixtures.write(dir.resolve(name), text));
    }

    private VmxFile read(String name, String text) throws VmxFileException {
        return VmxFile.read(Fixtures.write(dir.resolve(name), text));
    }

    @Test
    void unterminatedQuoteDamagesOnlyItsLine() throws Exception {
        VmxFile f = read("x.vmx", "a = \"1\"\nb = \"2\"\ndisplayName = \"half\nc = \"3\"\n");
        assertEquals(List.of(new VmxFile.DamagedLine(3, "displayName", "unterminated quoted value (expected key = \"value\")")),
                f.damagedLines());
        assertNull(f.value("displayName"));
        assertEquals("3", f.value("c"));
    }

    @Test
    void aLineThatIsNotASettingDamagesOnlyItsLineAndIsNotNamed() throws Exception {
        VmxFile f = read("x.vmx", "a = \"1\"\nthis is not a setting\n= \"no key\"\nnumvcpus \"2\"\n");
        assertEquals(List.of(new VmxFile.DamagedLine(2, "", "not a setting (expected key = \"value\")"),
                new VmxFile.DamagedLine(3, "", "not a setting (expected key = \"value\")"),
                new VmxFile.DamagedLine(4, "", "not a setting (expected key = \"value\")")), f.damagedLines());
        assertNull(f.value("numvcpus"));
        assertEquals("1", f.value("a"));
    }

    @Test
    void textAfterTheClosingQuoteDamagesOnlyItsLine() throws Exception {
        VmxFile f = read("x.vmx", "a = \"1\" \"2\"\nb = \"3\"\n");
        assertEquals(1, f.damagedLines().size());
        assertEquals(1, f.damagedLines().get(0).line());
        assertEquals("a", f.damagedLines().get(0).key());
        assertTrue(f.damagedLines().get(0).reason().startsWith("unexpected text after the value"));
        assertNull(f.value("a"));
    }

    @Test
    void aDamagedLineDoesNotCollideWithTheSameKeyElsewhere() throws Exception {
        // VMware takes no setting from the damaged line, so the later one is not a duplicate.
        VmxFile f = read("x.vmx", "numvcpus = \"2\nnumvcpus = \"4\"\n");
        assertEquals("4", f.value("numvcpus"));
        assertEquals(1, f.damagedLines().size());
    }

    @Test
    void aDamagedEncodingLineStillRejectsTheWholeFile() {
        // Without the charset no other line can be decoded: guessing UTF-8 would misread every non-ASCII value.
        VmxFileException e = fails("x.vmx", "a = \"1\"\n.encoding = \"windows-949-2000\ndisplayName = \"x\"\n");
        assertEquals(2, e.line());
        assertEquals("the .encoding line is damaged: unterminated quoted value (expected key = \"value\"); without "
                + "it the charset of every other line is unknown", e.reason());
        assertEquals(1, fails("y.vmx", ".ENCODING \"UTF-8\"\na = \"1\"\n").line());
    }

    @Test
    void duplicateKey() {
        VmxFileException e = fails("x.vmx", "a = \"1\"\nb = \"2\"\nnumvcpus = \"2\"\nc = \"3\"\nnumvcpus = \"4\"\n");
        assertEquals(dir.resolve("x.vmx") + ": line 5: duplicate key 'numvcpus' (first at line 3)", e.getMessage());
    }

    @Test
    void duplicateKeyInAnotherCase() {
        VmxFileException e = fails("x.vmx", "memsize = \"1\"\nmemSize = \"2\"\n");
        assertEquals(2, e.line());
        assertEquals("duplicate key 'memSize' (first at line 1 as 'memsize'; VMware keys ignore case)", e.reason());
    }

    @Test
    void binaryGarbage() {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        junk[100] = 0;
        VmxFileException e = fails(Fixtures.write(dir.resolve("x.vmx"), junk));
        assertTrue(e.getMessage().startsWith(dir.resolve("x.vmx") + ": line "), e.getMessage());
        assertTrue(e.reason().startsWith("not a .vmx text file"), e.reason());
    }

    @Test
    void controlCharactersWithoutNul() {
        byte[] junk = new byte[2000];
        Arrays.fill(junk, (byte) 0x01);
        junk[0] = 'a';
        VmxFileException e = fails(Fixtures.write(dir.resolve("x.vmx"), junk));
        assertTrue(e.reason().startsWith("not a .vmx text file (mostly control characters"), e.reason());
        assertEquals(1, e.line());
    }

    @Test
    void utf16Text() {
        byte[] text = "\uFEFFdisplayName = \"x\"\n".getBytes(StandardCharsets.UTF_16LE);
        VmxFileException e = fails(Fixtures.write(dir.resolve("x.vmx"), text));
        assertTrue(e.reason().contains("UTF-16"), e.reason());
    }

    @Test
    void aTenMegabyteLineIsRefusedByItsLineNumber() throws IOException {
        Path p = dir.resolve("x.vmx");
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'a');
        try (OutputStream out = Files.newOutputStream(p)) {
            out.write("displayName = \"ok\"\nannotation = \"".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 10; i++) {
                out.write(chunk);
            }
            out.write("\"\n".getBytes(StandardCharsets.US_ASCII));
        }
        VmxFileException e = fails(p);
        assertEquals(p + ": line 2: line longer than 64 KiB (expected key = \"value\" lines of a .vmx file)", e.getMessage());
    }

    @Test
    void aLineOfExactly64KiBIsStillRead() throws Exception {
        char[] v = new char[VmxReader.MAX_LINE - "a = \"\"".length()];
        Arrays.fill(v, 'v');
        Path p = Fixtures.write(dir.resolve("x.vmx"), "a = \"" + new String(v) + "\"\r\nb = \"1\"\n");
        assertEquals("1", VmxFile.read(p).value("b"));
    }

    @Test
    void danglingLinkNamedVmx() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("x.vmx"), dir.resolve("gone.vmx"));
        VmxFileException e = fails(link);
        assertEquals(link + ": cannot read: it is a link to a file that does not exist", e.getMessage());
        assertEquals(0, e.line());
    }

    @Test
    void folderNamedVmx() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("y.vmx"));
        VmxFileException e = fails(folder);
        assertEquals(folder + ": is a folder, not a file (expected a .vmx text file)", e.getMessage());
    }

    @Test
    void missingFile() {
        VmxFileException e = fails(dir.resolve("nope.vmx"));
        assertEquals(dir.resolve("nope.vmx") + ": cannot read: no such file", e.getMessage());
    }

    @Test
    void unknownCharset() {
        VmxFileException e = fails("x.vmx", "config.version = \"8\"\n.encoding = \"x-klingon\"\n");
        assertEquals(dir.resolve("x.vmx") + ": line 2: unknown encoding 'x-klingon' (expected a charset name such as "
                + "UTF-8, windows-1252 or Shift_JIS, or one of VMware's own such as windows-949-2000)", e.getMessage());
    }

    @Test
    void unknownCodePageInVmwaresSpelling() {
        VmxFileException e = fails("x.vmx", "a = \"1\"\n.encoding = \"windows-12345-2000\"\nb = \"2\"\n");
        assertEquals(2, e.line());
        assertTrue(e.reason().startsWith("unknown encoding 'windows-12345-2000' (expected"), e.reason());
        assertEquals("line 2", e.toObjectError().location());
    }

    @Test
    void charsetThatIsNotAsciiCompatible() {
        VmxFileException e = fails("x.vmx", ".encoding = \"UTF-16\"\n");
        assertEquals(1, e.line());
        assertTrue(e.reason().contains("does not write ASCII as ASCII"), e.reason());
    }

    @Test
    void bytesInvalidInTheDefaultUtf8() {
        byte[] text = "a = \"1\"\nb = \"2\"\nc = \"3\"\ndisplayName = \"B\u00fcro\"\n".getBytes(Charset.forName("windows-1252"));
        VmxFileException e = fails(Fixtures.write(dir.resolve("x.vmx"), text));
        assertEquals(dir.resolve("x.vmx") + ": line 4: bytes not valid in UTF-8 (the default when no .encoding line "
                + "names another charset)", e.getMessage());
    }

    @Test
    void bytesInvalidInTheDeclaredCharset() {
        // 0x81 is one of the five bytes windows-1252 leaves undefined.
        byte[] head = ".encoding = \"windows-1252\"\ndisplayName = \"x".getBytes(StandardCharsets.US_ASCII);
        byte[] text = Arrays.copyOf(head, head.length + 3);
        text[head.length] = (byte) 0x81;
        text[head.length + 1] = '"';
        text[head.length + 2] = '\n';
        VmxFileException e = fails(Fixtures.write(dir.resolve("x.vmx"), text));
        assertEquals(2, e.line());
        assertEquals("bytes not valid in windows-1252 (the charset the .encoding line 1 names)", e.reason());
    }

    @Test
    void messagesNeverQuoteTheFile() throws Exception {
        Path p = Fixtures.write(dir.resolve("x.vmx"), "secret.token = \"hunter2\nhunter3\nb = \"2\"\n");
        List<ObjectError> errors = VmReader.read(p, "h").errors();
        assertEquals(2, errors.size());
        for (ObjectError e : errors) {
            assertFalse(e.toString().contains("hunter"), e.toString());
        }
    }
}
