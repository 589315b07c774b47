package org.hvdiag.virtualbox.internal;

/** Our own showvminfo captures, written as VBoxManage 7.0 prints them (no corpus file copied). */
final class ShowVmInfoFixtures {

    /**
     * The "Win 10" VM of {@link VboxFixtures#CURRENT} as VBoxManage 7.0 shows it while it runs:
     * quoted storage keys, the OS type's description, two device filters, snapshot lines.
     */
    static final String FULL_70 = """
            name="Win 10"
            Encryption="disabled"
            groups="/"
            ostype="Windows 10 (64-bit)"
            UUID="abcdef01-2345-4678-9abc-def012345678"
            CfgFile="/home/lab/VirtualBox VMs/Win 10/Win 10.vbox"
            SnapFldr="/home/lab/VirtualBox VMs/Win 10/Snapshots"
            LogFldr="/home/lab/VirtualBox VMs/Win 10/Logs"
            hardwareuuid="abcdef01-2345-4678-9abc-def012345678"
            memory=8192
            pagefusion="off"
            vram=128
            cpuexecutioncap=100
            hpet="off"
            cpu-profile="host"
            chipset="ich9"
            firmware="EFI"
            cpus=4
            pae="off"
            longmode="on"
            cpuhotplug="on"
            hotpluggablecpu1="on"
            VMState="running"
            VMStateChangeTime="2024-05-02T08:14:09.120000000"
            storagecontrollername0="SATA Controller"
            storagecontrollertype0="IntelAhci"
            "SATA Controller-0-0"="/home/lab/VirtualBox VMs/Win 10/Win 10.vdi"
            "SATA Controller-ImageUUID-0-0"="0f0e0d0c-0b0a-4908-8706-050403020100"
            nic1="nat"
            vrdeproperty[TCP/Ports]=<not set>
            usb="off"
            ehci="off"
            xhci="on"
            USBFilterActive1="on"
            USBFilterName1="Logitech Receiver"
            USBFilterVendorId1="046d"
            USBFilterProductId1="c52b"
            USBFilterRevision1=""
            USBFilterManufacturer1=""
            USBFilterProduct1=""
            USBFilterRemote1="0"
            USBFilterSerialNumber1=""
            USBFilterActive2="on"
            USBFilterName2="Logitech Receiver"
            USBFilterVendorId2="046d"
            USBFilterProductId2="c534"
            USBFilterRevision2=""
            USBFilterManufacturer2="Logitech"
            USBFilterProduct2=""
            USBFilterRemote2="0"
            USBFilterSerialNumber2=""
            recording_enabled="off"
            SnapshotName="before update"
            SnapshotUUID="00000000-0000-4000-8000-000000000001"
            SnapshotName-1="child"
            SnapshotUUID-1="00000000-0000-4000-8000-000000000002"
            CurrentSnapshotName="before update"
            CurrentSnapshotUUID="00000000-0000-4000-8000-000000000001"
            CurrentSnapshotNode="SnapshotName"
            GuestMemoryBalloon=0
            GuestOSType="Windows10_64"
            GuestAdditionsRunLevel=2
            GuestAdditionsVersion="7.0.14 r161095"
            GuestAdditionsFacility_VirtualBox Base Driver=50,1714637671002
            """;

    /** Only the USB lines, as admins paste them into a ticket. */
    static final String USB_ONLY = """
            usb="on"
            ehci="on"
            xhci="off"
            USBFilterActive1="off"
            USBFilterName1="Any device"
            USBFilterVendorId1=""
            USBFilterProductId1=""
            USBFilterRevision1=""
            USBFilterManufacturer1=""
            USBFilterProduct1=""
            USBFilterRemote1="0"
            USBFilterSerialNumber1=""
            """;

    private ShowVmInfoFixtures() {
    }
}
