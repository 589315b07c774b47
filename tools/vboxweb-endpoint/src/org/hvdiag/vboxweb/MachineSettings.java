package org.hvdiag.vboxweb;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a .vbox file says about the machine's current settings (Machine and Machine/Hardware, never
 * a Snapshot's copy).
 *
 * @param oldUsbLayout true for settings before 1.14 (Hardware/USBController@enabled,@enabledEhci)
 * @param guestProperties the persisted guest properties (Hardware/GuestProperties)
 */
record MachineSettings(Path file, String settingsVersion, boolean oldUsbLayout, String uuid, String name,
        String osTypeId, int cpuCount, boolean cpuHotPlug, long memoryMiB, String firmware, String chipset,
        List<UsbController> controllers, List<FilterValues> filters, int snapshotCount,
        Map<String, String> guestProperties) {
}
