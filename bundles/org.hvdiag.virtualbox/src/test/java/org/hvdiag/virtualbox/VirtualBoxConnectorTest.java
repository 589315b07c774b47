package org.hvdiag.virtualbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualBoxConnectorTest {
    @TempDir
    Path dir;

    private final VirtualBoxConnector connector = new VirtualBoxConnector();

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void savedShowvminfoOutputReachesThisConnector() throws IOException {
        assertTrue(connector.accepts(write("pc.showvminfo", "name=\"PC\"\n").toString()));
        assertTrue(connector.accepts(write("pc.txt", "name=\"PC\"\nUUID=\"5438ee3c-3269-4613-83b0-512ba8554c2c\"\n").toString()));
        assertTrue(connector.accepts(write("captures/usb.showvminfo", "usb=\"on\"\n").getParent().toString()),
                "a folder of .showvminfo files");
    }

    @Test
    void otherTxtFilesAndFoldersOfOnlyTxtFilesAreNotClaimed() throws IOException {
        assertFalse(connector.accepts(write("notes.txt", "Lab PCs: USB 3 on all of them\n").toString()));
        Path folder = write("tickets/pc.txt", "name=\"PC\"\n").getParent();
        assertFalse(connector.accepts(folder.toString()), "every folder of notes has .txt files");
        assertFalse(connector.accepts(dir.resolve("missing.txt").toString()));
    }
}
