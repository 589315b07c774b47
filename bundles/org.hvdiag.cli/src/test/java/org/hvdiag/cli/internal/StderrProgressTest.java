package org.hvdiag.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What an admin sees on stderr while several targets are read: each line says which target it is about. */
class StderrProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLongRunPrefixesEachLineWithItsTarget() {
        StderrProgress run = new StderrProgress(err, System.nanoTime() - 5_000_000_000L);
        StderrProgress a = run.forTarget("vsphere://admin@vc1");
        StderrProgress b = run.forTarget("/srv/vms");
        a.begin("Reading VMs from vc1:443", 0);
        b.begin("Reading VM files", 40);
        a.worked(1000);
        b.worked(10);
        a.finished("read, 2500 VMs");
        b.finished("not read: no such folder");
        assertEquals("vsphere://admin@vc1: Reading VMs from vc1:443: 1000\n/srv/vms: Reading VM files: 10/40\n"
                + "vsphere://admin@vc1: read, 2500 VMs\n/srv/vms: not read: no such folder\n", printed().replace("\r\n", "\n"));
    }

    @Test
    void aShortRunPrintsNothing() {
        StderrProgress run = new StderrProgress(err, System.nanoTime() + 3_600_000_000_000L);
        StderrProgress a = run.forTarget("vsphere://admin@vc1");
        a.begin("Reading VMs", 0);
        a.worked(1000);
        a.finished("read, 1000 VMs");
        assertEquals("", printed());
    }
}
