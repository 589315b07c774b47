package org.hvdiag.vmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.hvdiag.core.evidence.EvidenceWindow;

/**
 * A 1 GiB vmware.log (a month of a chatty VM) read by a child JVM limited to a 32 MiB heap: the
 * whole file when the bound allows it, only the tail with the default 8 MiB bound. The child
 * reports the heap it peaked at (the sum of its heap pools' peaks); no timing is asserted.
 */
class GigabyteLogTest {
    static final long GIB = 1L << 30;
    static final int CHILD_HEAP_MIB = 32;
    static final String FROM = "2026-11-01T00:00:00Z";
    static final String TO = "2026-12-01T00:00:00Z";

    static Path dir;
    static Path log;

    @BeforeAll
    static void writeGigabyteLog() throws IOException {
        dir = Files.createTempDirectory("hvdiag-gib");
        // The log, the .vmx and room to spare: fail with the reason rather than fill a small disk
        // (a skipped test would read as passed).
        long free = Files.getFileStore(dir).getUsableSpace();
        assertTrue(free > 3 * GIB, "this test writes a 1 GiB log and needs 3 GiB free in " + dir + ", has " + free);
        Files.writeString(dir.resolve("big.vmx"), "displayName = \"Big Log\"\nguestOS = \"windows9-64\"\nusb_xhci.present = \"TRUE\"\n");
        log = dir.resolve("vmware.log");
        write(log);
    }

    @AfterAll
    static void deleteIt() throws IOException {
        if (log != null) {
            Files.deleteIfExists(log);
        }
        if (dir != null) {
            Files.deleteIfExists(dir.resolve("big.vmx"));
            Files.deleteIfExists(dir);
        }
    }

    /** Ordinary lines a running Windows VM writes over and over, in the Workstation 17.5 layout. */
    private static final String[] FILLER = {
        " In(05) vcpu-1 Tools: [RunningStatus] Last heartbeat value 1 (last received 0s ago)",
        " In(05) vmx GuestRpc: Channel 1, guest application toolbox-dnd.",
        " In(05) mks SWBScreen: Screen 0 Resized: xres=1920 yres=1080",
        " In(05) vcpu-0 HGFileCopyPullData: FileCopy request, size 65536 bytes",
        " In(05) vmx AIOMGR-S : stat o=2 r=41 w=17 i=0 br=1253376 bw=528384",
        " In(05) vcpu-2 Guest: vmusr: Tools: [RunningStatus] heartbeat from guest user session",
        " Wa(03) vmx VMXVmdb_SetToolsVersionStatus: status value set to 'ok', 'current', install possible",
    };

    static void write(Path path) throws IOException {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
        LocalDateTime start = LocalDateTime.of(2026, 11, 2, 6, 0);
        // About 11 million lines over 26 days: one every 200 ms.
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
            long written = 0;
            long i = 0;
            boolean midDone = false;
            written += line(out, f.format(start) + " In(05) vmx Log for VMware Workstation pid=4242 version=17.5.2 build=build-23775571 option=Release");
            written += line(out, f.format(start) + " In(05) vmx USB: Found device [name:SafeNet\\ eToken\\ 5110 vid:0529 pid:0620 path:1/0/4 speed:full family:smartcard]");
            while (written < GIB - 4096) {
                LocalDateTime t = start.plusNanos(i * 200_000_000L);
                String stamp = f.format(t);
                if (!midDone && written > GIB / 2) {
                    written += line(out, stamp + " In(05) vmx USB: Connecting device desc:name:SafeNet\\ eToken\\ 5110 vid:0529 pid:0620 path:1/0/4 speed:full family:smartcard version:4 id:0x1000000a05290620");
                    written += line(out, stamp + " In(05) vcpu-0 USB: Disconnecting device 0x1000000a05290620");
                    midDone = true;
                }
                written += line(out, stamp + FILLER[(int) (i % FILLER.length)]);
                i++;
            }
            String stamp = f.format(start.plusNanos(i * 200_000_000L));
            written += line(out, stamp + " In(05) vmx USB: Connecting device desc:name:SafeNet\\ eToken\\ 5110 vid:0529 pid:0620 path:1/0/4 speed:full family:smartcard version:4 id:0x1000000b05290620");
            written += line(out, stamp + " In(05) vcpu-1 WinBSOD: Synthetic MSR[0x40000100] 0xfe");
            written += line(out, stamp + " Wa(03) vmx Unexpected signal: 11.");
            while (written < GIB) {
                written += line(out, stamp + " Wa(03) vmx Backtrace[0] 000000a1b19fe6f0 rip=00007ff6d4b53a17 rbx=00007ff6d4b53530");
            }
        }
    }

    private static int line(OutputStream out, String text) throws IOException {
        byte[] b = (text + "\n").getBytes(StandardCharsets.US_ASCII);
        out.write(b);
        return b.length;
    }

    /** Runs {@link GigabyteLogRead} in a child JVM with a {@value #CHILD_HEAP_MIB} MiB heap. */
    static Map<String, String> readInChild(long maxBytes) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx" + CHILD_HEAP_MIB + "m", "-Xms8m",
                "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                GigabyteLogRead.class.getName(), dir.toString(), Long.toString(maxBytes), FROM, TO));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), "child JVM failed:\n" + out);
        Map<String, String> values = new HashMap<>();
        for (String l : out.split("\n")) {
            int eq = l.indexOf('=');
            if (eq > 0) {
                values.put(l.substring(0, eq), l.substring(eq + 1).strip());
            }
        }
        return values;
    }

    @Test
    void theWholeGibibyteIsReadWithinA32MibHeap() throws Exception {
        long size = Files.size(log);
        Map<String, String> r = readInChild(size + 1);
        assertEquals(size, Long.parseLong(r.get("bytesRead")), r.toString());
        assertEquals("powered on,USB connected,USB disconnected,USB connected,guest crashed,crashed", r.get("kinds"));
        long peak = Long.parseLong(r.get("peakHeap"));
        assertTrue(peak <= (long) CHILD_HEAP_MIB << 20, "peak heap " + peak);
        System.out.printf("1 GiB read: %d bytes, peak heap %.1f MiB of %d MiB%n", size, peak / 1048576.0, CHILD_HEAP_MIB);
    }

    @Test
    void theDefaultBoundReadsOnlyTheTail() throws Exception {
        Map<String, String> r = readInChild(EvidenceWindow.DEFAULT_MAX_BYTES_PER_VM);
        long read = Long.parseLong(r.get("bytesRead"));
        // LogTail reads one byte more than the bound to know whether its first line is whole.
        assertTrue(read <= EvidenceWindow.DEFAULT_MAX_BYTES_PER_VM + 1 && read > EvidenceWindow.DEFAULT_MAX_BYTES_PER_VM - 4096, "read " + read);
        assertEquals("USB connected,guest crashed,crashed", r.get("kinds"));
        assertTrue(r.get("notes").contains("(the read bound)"), r.get("notes"));
    }
}
