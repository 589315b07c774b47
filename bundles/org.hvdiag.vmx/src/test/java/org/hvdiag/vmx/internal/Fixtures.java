package org.hvdiag.vmx.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** .vmx texts in the shape VMware Workstation 17 and ESXi 7 write them. */
final class Fixtures {

    /** Workstation 17 on Windows: Windows 10 guest, all three USB controllers, autoconnect rules. */
    static final String WORKSTATION = """
            .encoding = "UTF-8"
            config.version = "8"
            virtualHW.version = "19"
            pciBridge0.present = "TRUE"
            pciBridge4.present = "TRUE"
            pciBridge4.virtualDev = "pcieRootPort"
            pciBridge4.functions = "8"
            vmci0.present = "TRUE"
            hpet0.present = "TRUE"
            nvram = "Windows 10 x64.nvram"
            virtualHW.productCompatibility = "hosted"
            powerType.powerOff = "soft"
            powerType.powerOn = "soft"
            powerType.suspend = "soft"
            powerType.reset = "soft"
            displayName = "Windows 10 x64"
            usb.vbluetooth.startConnected = "TRUE"
            firmware = "efi"
            sensor.location = "pass-through"
            guestOS = "windows9-64"
            tools.syncTime = "FALSE"
            sound.autoDetect = "TRUE"
            sound.virtualDev = "hdaudio"
            sound.fileName = "-1"
            sound.present = "TRUE"
            numvcpus = "4"
            cpuid.coresPerSocket = "2"
            vcpu.hotadd = "TRUE"
            memsize = "8192"
            mem.hotadd = "TRUE"
            nvme0.present = "TRUE"
            nvme0:0.fileName = "Windows 10 x64.vmdk"
            nvme0:0.present = "TRUE"
            sata0.present = "TRUE"
            sata0:1.deviceType = "cdrom-image"
            sata0:1.fileName = "C:\\ISO\\Win10_22H2_English_x64.iso"
            sata0:1.present = "TRUE"
            usb.present = "TRUE"
            ehci.present = "TRUE"
            usb_xhci.present = "TRUE"
            svga.graphicsMemoryKB = "8388608"
            ethernet0.connectionType = "nat"
            ethernet0.addressType = "generated"
            ethernet0.virtualDev = "e1000e"
            ethernet0.present = "TRUE"
            extendedConfigFile = "Windows 10 x64.vmxf"
            sharedFolder0.present = "TRUE"
            sharedFolder0.enabled = "TRUE"
            sharedFolder0.hostPath = "D:\\"
            sharedFolder0.guestName = "D"
            floppy0.present = "FALSE"
            uuid.bios = "56 4d 2a 1e 8f 0a 3b 61-9c 1e 77 0d 2f 4e 5a 01"
            uuid.location = "56 4d 2a 1e 8f 0a 3b 61-9c 1e 77 0d 2f 4e 5a 01"
            annotation = "Build box|0Aowner: ops|7Cinfra"
            usb:1.speed = "2"
            usb:1.present = "TRUE"
            usb:1.deviceType = "hub"
            usb:1.port = "1"
            usb:1.parent = "-1"
            usb_xhci:6.speed = "2"
            usb_xhci:6.present = "TRUE"
            usb_xhci:6.deviceType = "hub"
            usb_xhci:6.port = "6"
            usb_xhci:6.parent = "-1"
            usb_xhci:7.speed = "4"
            usb_xhci:7.present = "TRUE"
            usb_xhci:7.deviceType = "hub"
            usb_xhci:7.port = "7"
            usb_xhci:7.parent = "-1"
            usb:0.present = "TRUE"
            usb:0.deviceType = "hid"
            usb:0.port = "0"
            usb:0.parent = "-1"
            usb_xhci:4.present = "TRUE"
            usb_xhci:4.deviceType = "hid"
            usb_xhci:4.port = "4"
            usb_xhci:4.parent = "-1"
            usb_xhci:5.present = "FALSE"
            usb_xhci:5.deviceType = "hid"
            toolsInstallManager.updateCounter = "3"
            tools.upgrade.policy = "upgradeAtPowerCycle"
            usb.autoConnect.device0 = "name:SanDisk\\ Cruzer\\ Blade vid:0781 pid:5567"
            usb.autoConnect.device1 = "path:1/2/3 autoclean:1"
            usb.autoConnect.device10 = "vid:0x046d pid:0xc52b autoclean:1"
            usb.generic.autoconnect = "TRUE"
            checkpoint.vmState = ""
            """;

    /** ESXi 7 as the datastore browser shows it: memSize spelled ESXi's way, hot-plug off, tools never installed. */
    static final String ESXI = """
            .encoding = "UTF-8"
            config.version = "8"
            virtualHW.version = "13"
            vmci0.present = "TRUE"
            floppy0.present = "FALSE"
            numvcpus = "2"
            memSize = "4096"
            bios.bootRetry.delay = "10"
            powerType.suspend = "soft"
            tools.upgrade.policy = "manual"
            sched.cpu.units = "mhz"
            sched.cpu.affinity = "all"
            vm.createDate = "1589000000000000"
            scsi0.virtualDev = "pvscsi"
            scsi0.present = "TRUE"
            scsi0:0.deviceType = "scsi-hardDisk"
            scsi0:0.fileName = "rhel7-web01.vmdk"
            sched.scsi0:0.shares = "normal"
            scsi0:0.present = "TRUE"
            ethernet0.virtualDev = "vmxnet3"
            ethernet0.networkName = "VM Network"
            ethernet0.addressType = "vpx"
            ethernet0.generatedAddress = "00:50:56:9a:11:22"
            ethernet0.present = "TRUE"
            displayName = "rhel7-web01"
            guestOS = "rhel7-64"
            toolScripts.afterPowerOn = "TRUE"
            toolScripts.afterResume = "TRUE"
            toolScripts.beforeSuspend = "TRUE"
            toolScripts.beforePowerOff = "TRUE"
            tools.syncTime = "FALSE"
            usb_xhci.present = "TRUE"
            usb_xhci.pciSlotNumber = "224"
            uuid.bios = "42 1a 5c 0e 7d 3f 9b 21-6e 44 0c 8a 3b 2d 71 90"
            vc.uuid = "50 1a 2f 3c 4d 5e 6f 70-81 92 a3 b4 c5 d6 e7 f8"
            migrate.hostLog = "rhel7-web01-1a2b3c.hlog"
            sched.mem.min = "0"
            sched.mem.shares = "normal"
            numa.autosize.vcpu.maxPerVirtualNode = "2"
            numa.autosize.cookie = "20001"
            tools.remindInstall = "FALSE"
            devices.hotplug = "FALSE"
            powerType.powerOff = "hard"
            """;

    private Fixtures() {
    }

    static Path write(Path file, String text) {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path file, String text, Charset cs) {
        return write(file, text.getBytes(cs));
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String crlf(String text) {
        return text.replace("\n", "\r\n");
    }
}
