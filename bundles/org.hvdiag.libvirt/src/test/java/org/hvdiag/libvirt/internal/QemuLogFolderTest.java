package org.hvdiag.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a libvirt URI's QEMU logs are, from libvirt's own defaults (src/qemu/qemu_conf.c). */
class QemuLogFolderTest {
    static final Path HOME = Path.of("/home/ops");

    @TempDir
    Path dir;

    @Test
    void systemAndSessionUrisUseLibvirtsFolders() {
        assertEquals(Path.of("/var/log/libvirt/qemu"), QemuLogFolder.locate("qemu:///system", null, HOME, null).folder());
        assertEquals(Path.of("/var/log/libvirt/qemu"),
                QemuLogFolder.locate("qemu+unix:///system?socket=/run/libvirt/libvirt-sock", null, HOME, null).folder());
        assertEquals(Path.of("/home/ops/.cache/libvirt/qemu/log"), QemuLogFolder.locate("qemu:///session", null, HOME, null).folder());
        assertEquals(Path.of("/srv/cache/libvirt/qemu/log"),
                QemuLogFolder.locate("qemu:///session", null, HOME, "/srv/cache").folder(), "XDG_CACHE_HOME wins");
    }

    @Test
    void aRemoteHostsLogsAreANoteNamingTheHostAndTheOption() {
        for (String uri : new String[] {"qemu+ssh://admin@kvm1.example.com/system", "qemu+tls://kvm1.example.com/system",
            "qemu+tcp://kvm1.example.com/system", "qemu://kvm1.example.com/system"}) {
            QemuLogFolder f = QemuLogFolder.locate(uri, null, HOME, null);
            assertFalse(f.readable(), uri);
            assertTrue(f.note().contains("kvm1.example.com") && f.note().contains("--qemu-log-folder"), f.note());
            assertFalse(f.note().contains("admin@"), "no account in a note");
        }
        assertFalse(QemuLogFolder.locate("test:///default", null, HOME, null).readable());
    }

    @Test
    void theOptionNamesTheFolderForAnyUri() {
        assertEquals(Path.of("/mnt/kvm1-logs"),
                QemuLogFolder.locate("qemu+ssh://kvm1.example.com/system", " /mnt/kvm1-logs ", HOME, null).folder());
    }

    @Test
    void aSessionDaemonStartedByToolsSessionLibvirtdIsFoundThroughItsSocket() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("home/k/libvirt/qemu/log"));
        assertEquals(logs, QemuLogFolder.locate("qemu+unix:///session?socket=" + dir.resolve("run/libvirt/libvirt-sock"),
                null, HOME, null).folder());
        QemuLogFolder other = QemuLogFolder.locate("qemu+unix:///session?socket=/srv/other/libvirt/libvirt-sock", null, HOME, null);
        assertFalse(other.readable());
        assertTrue(other.note().contains("--qemu-log-folder"), other.note());
    }
}
