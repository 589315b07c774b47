package org.hvdiag.vmx.internal;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hvdiag.core.model.Firmware;
import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.ObjectError;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.ToolsState;
import org.hvdiag.core.model.Vm;
import org.hvdiag.core.vmware.VmwareGuestOs;

/**
 * Maps one .vmx file, and the files VMware keeps next to it (lock folders, .vmsd, .vmss), onto a
 * {@link Vm}. Values it cannot read come back as errors beside the VM, not instead of it.
 */
public final class VmReader {
    private static final List<String> ENCRYPTION_KEYS = List.of("encryption.keySafe", "encryption.data");

    /** A VM and what in its files could not be read. */
    public record Reading(Vm vm, List<ObjectError> errors) { }

    private VmReader() {
    }

    /** The id a .vmx gets: its absolute, normalized path, the same however the target was typed. */
    public static String idOf(Path vmx) {
        return vmx.toAbsolutePath().normalize().toString();
    }

    public static Reading read(Path vmx, String hostId) throws VmxFileException {
        return map(VmxFile.read(vmx), hostId);
    }

    public static Reading map(VmxFile file, String hostId) throws VmxFileException {
        if (file.hasNoSettings()) {
            // Nothing but damaged lines: no VM with a bad line but no .vmx at all; name the first one.
            if (!file.damagedLines().isEmpty()) {
                VmxFile.DamagedLine d = file.damagedLines().get(0);
                throw new VmxFileException(file.path(), d.line(), d.reason());
            }
            throw new VmxFileException(file.path(), 0, "no settings (expected key = \"value\" lines of a .vmx file)");
        }
        refuseEncrypted(file);
        Path path = file.path();
        VmxSettings s = new VmxSettings(file);
        List<ObjectError> errors = new ArrayList<>(0);
        String id = idOf(path);
        String displayName = s.text("displayName");
        Vm.Builder b = Vm.builder(id, HypervisorKind.VMWARE_WORKSTATION)
                .name(displayName.isEmpty() ? path.getFileName().toString() : displayName)
                .hostId(hostId)
                .source(id)
                .powerState(powerState(file))
                .hardwareVersion(hardwareVersion(s))
                .firmware(s.text("firmware").equalsIgnoreCase("efi") ? Firmware.EFI : Firmware.BIOS)
                .guestOs(guestOs(s))
                .vcpus((int) Math.min(Integer.MAX_VALUE, s.number("numvcpus", 1, "a whole number of vCPUs, e.g. \"2\"")))
                .memoryMiB(s.number("memsize", -1, "a whole number of MiB, e.g. \"4096\""))
                .cpuHotAdd(s.flag("vcpu.hotadd", false))
                .memoryHotAdd(s.flag("mem.hotadd", false))
                // VMware enables device hot-plug unless the file turns it off (KB 1012225).
                .deviceHotplug(s.flag("devices.hotplug", true))
                .usbControllers(UsbSettings.controllers(s))
                .usbDevices(UsbSettings.devices(s))
                .usbFilters(UsbSettings.filters(s))
                .toolsState(toolsState(s))
                .toolsUpgradePolicy(s.text("tools.upgrade.policy"))
                .snapshotCount(snapshotCount(path, errors))
                .powerOffBehaviour(powerOff(s.text("powerType.powerOff")))
                .rawProperties(file.values());
        errors.addAll(0, s.errors());
        errors.addAll(0, damagedLines(file));
        return new Reading(b.build(), errors);
    }

    /**
     * Each damaged line as an error beside the VM. The VM is read without the line, as VMware reads it,
     * and the message says so: a key the line meant to set reads as unset, whatever the line says.
     */
    static List<ObjectError> damagedLines(VmxFile file) {
        List<ObjectError> out = new ArrayList<>(file.damagedLines().size());
        for (VmxFile.DamagedLine d : file.damagedLines()) {
            out.add(new ObjectError(file.path().toString(), "line " + d.line(), "ignored: " + d.reason()
                    + "; VMware reads no setting from such a line, so the VM is audited without "
                    + (d.key().isEmpty() ? "it" : d.key())));
        }
        return out;
    }

    /**
     * An encrypted VM keeps its settings, or the ones it chose to protect, inside encryption.data; what
     * the file shows in clear is not the whole VM, and auditing it would report an unknown VM as clean.
     */
    private static void refuseEncrypted(VmxFile file) throws VmxFileException {
        List<String> keys = new ArrayList<>(2);
        for (String key : ENCRYPTION_KEYS) {
            if (file.has(key) || damagedLineOf(file, key)) {
                keys.add(key);
            }
        }
        if (!keys.isEmpty()) {
            throw new VmxFileException(file.path(), 0, "encrypted by vSphere/Workstation VM encryption ("
                    + String.join(", ", keys) + "): its settings are only readable through the hypervisor holding "
                    + "the key, so it cannot be audited from the file");
        }
    }

    /** A damaged encryption line still says the VM is encrypted: ignoring it would make it look plain. */
    private static boolean damagedLineOf(VmxFile file, String key) {
        for (VmxFile.DamagedLine d : file.damagedLines()) {
            if (d.key().equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    static PowerState powerState(VmxFile file) {
        if (LockFolder.find(file.path()).isPresent()) {
            return PowerState.POWERED_ON;
        }
        return suspendFile(file).isPresent() ? PowerState.SUSPENDED : PowerState.POWERED_OFF;
    }

    /** The .vmss checkpoint.vmState names, when it exists: VMware clears the key on resume. */
    static Optional<Path> suspendFile(VmxFile file) {
        String state = file.value("checkpoint.vmState");
        if (state == null || state.isBlank()) {
            return Optional.empty();
        }
        try {
            Path p = file.path().toAbsolutePath().resolveSibling(state);
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static HardwareVersion hardwareVersion(VmxSettings s) {
        long v = s.number("virtualHW.version", -1, "a hardware version number, e.g. \"19\"");
        return v < 0 || v > Integer.MAX_VALUE ? null : HardwareVersion.vmx((int) v);
    }

    private static GuestOs guestOs(VmxSettings s) {
        String id = s.text("guestOS");
        return id.isEmpty() ? GuestOs.UNKNOWN : VmwareGuestOs.of(id);
    }

    private static ToolsState toolsState(VmxSettings s) {
        if (s.flag("tools.remindInstall", false)) {
            return ToolsState.NOT_INSTALLED;
        }
        // Workstation's tools installer bumps this counter on each install, so it exists once tools were installed.
        return s.file().has("toolsInstallManager.updateCounter") ? ToolsState.OK : ToolsState.UNKNOWN;
    }

    /** "trySoft" asks the guest first and cuts power if it does not answer: a soft power-off. */
    static PowerOffBehaviour powerOff(String v) {
        if (v.equalsIgnoreCase("hard")) {
            return PowerOffBehaviour.HARD;
        }
        if (v.equalsIgnoreCase("soft") || v.equalsIgnoreCase("trySoft")) {
            return PowerOffBehaviour.SOFT;
        }
        return PowerOffBehaviour.DEFAULT;
    }

    private static int snapshotCount(Path vmx, List<ObjectError> errors) {
        try {
            return VmsdFile.snapshotCount(vmx);
        } catch (VmxFileException e) {
            errors.add(e.toObjectError());
            return -1;
        }
    }
}
