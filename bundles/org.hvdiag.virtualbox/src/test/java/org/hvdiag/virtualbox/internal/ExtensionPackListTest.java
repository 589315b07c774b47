package org.hvdiag.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ExtensionPackListTest {

    @Test
    void eachPackIsItsNameAndVersion() {
        String out = """
                Extension Packs: 2
                Pack no. 0:   Oracle VM VirtualBox Extension Pack
                Version:      6.1.50
                Revision:     161033
                Edition:\u0020\u0020\u0020\u0020\u0020\u0020
                Description:  Oracle Cloud Infrastructure integration, USB 2.0 and USB 3.0 Host Controller, Host Webcam, VirtualBox RDP, PXE ROM, Disk Encryption, NVMe.
                VRDE Module:  VBoxVRDP
                Usable:       true\u0020
                Why unusable:\u0020

                Pack no. 1:   VNC
                Version:      6.1.48
                Revision:     159471
                Edition:
                Description:  VNC plugin module
                VRDE Module:  VBoxVNC
                Usable:       false
                Why unusable: The extension pack version does not match VirtualBox
                """;
        assertEquals(List.of("Oracle VM VirtualBox Extension Pack 6.1.50", "VNC 6.1.48"), ExtensionPackList.parse(out));
    }

    @Test
    void noPacksAndWindowsLineEnds() {
        assertEquals(List.of(), ExtensionPackList.parse("Extension Packs: 0\n"));
        assertEquals(List.of("Oracle VM VirtualBox Extension Pack 7.0.14"), ExtensionPackList.parse(
                "Extension Packs: 1\r\nPack no. 0:   Oracle VM VirtualBox Extension Pack\r\nVersion:      7.0.14\r\nUsable:       true\r\n"));
    }
}
