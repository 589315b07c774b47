package org.hvdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Broken files beside the lab: each reported with file and line, and the rest still audited. */
class BadInputTest {

    @Test
    void eachBrokenFileIsNamedAndTheRestIsAudited(@TempDir Path tmp) throws IOException {
        Path lab = Lab.copyTo(tmp.resolve("lab"));
        int labVms = new ObjectMapper().readTree(Lab.hvdiag("audit", lab.toString(), "--format", "json").out())
                .path("summary").path("vms").asInt();
        Path bad = Files.createDirectories(lab.resolve("broken"));
        Files.write(bad.resolve("garbage.vmx"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2, (byte) 0xff, 0, '\n', 0});
        Files.writeString(bad.resolve("quote.vmx"), ".encoding = \"UTF-8\"\ndisplayName = \"half\nnumvcpus = \"2\"\n");
        Files.writeString(bad.resolve("dup.vmx"), "displayName = \"a\"\nnumvcpus = \"2\"\nnumvcpus = \"4\"\n");
        Files.writeString(bad.resolve("long.vmx"), "displayName = \"" + "x".repeat(10 * 1024 * 1024) + "\"\n");
        Files.write(bad.resolve("latin.vmx"), ".encoding = \"UTF-8\"\ndisplayName = \"B\u00fcro\"\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(bad.resolve("enc.vmx"), ".encoding = \"klingon-8\"\ndisplayName = \"x\"\n");
        Files.createSymbolicLink(bad.resolve("gone.vmx"), bad.resolve("nowhere"));

        Lab.Run run = Lab.hvdiag("audit", lab.toString(), "--format", "json");
        assertEquals(2, run.exitCode(), "unreadable VMs make the audit an input error");
        JsonNode report = new ObjectMapper().readTree(run.out());
        // quote.vmx loses only its damaged line: it is audited too, and its line still makes the run exit 2.
        assertEquals(labVms + 1, report.path("summary").path("vms").asInt(), "every good VM still audited");
        assertTrue(report.path("findings").size() > 0);
        String errors = report.path("errors").toString();
        for (String name : new String[] {"garbage.vmx", "quote.vmx", "dup.vmx", "long.vmx", "latin.vmx", "enc.vmx", "gone.vmx"}) {
            assertTrue(errors.contains(name), name + " is reported: " + errors);
            assertTrue(run.err().contains(name), name + " is named on stderr: " + run.err());
        }
        assertTrue(run.err().contains("dup.vmx: line 3"), "the duplicate's line: " + run.err());
        assertTrue(run.err().contains("quote.vmx: line 2"), "the unterminated quote's line: " + run.err());
    }

    @Test
    void aMissingTargetIsAnInputError(@TempDir Path tmp) {
        Lab.Run run = Lab.hvdiag("audit", tmp.resolve("nope").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("nope"), run.err());
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Lab.Run run = Lab.hvdiag("audit", Lab.folder().toString(), "--format", "pdf");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("pdf"), run.err());
    }

    @Test
    void failOnDecidesTheExitCode(@TempDir Path tmp) throws IOException {
        Path one = Files.createDirectories(tmp.resolve("one"));
        Files.writeString(one.resolve("hvdiag-host.properties"), "cores = 8\nthreads = 16\nmemoryMiB = 32768\nnewestHardwareVersion = vmx-21\n");
        Files.copy(Lab.folder().resolve("rhel8-app/rhel8-app.vmx"), one.resolve("rhel8-app.vmx"));
        assertEquals(0, Lab.hvdiag("audit", one.toString()).exitCode(), "only info findings: clean at the default --fail-on error");
        assertEquals(1, Lab.hvdiag("audit", one.toString(), "--fail-on", "info").exitCode());
    }
}
