#!/usr/bin/env python3
"""Writes N realistic .vmx files (one folder per VM, like VMware Workstation) for benchmarks.

Seeded, so every run audits the same fleet: most VMs modern and clean, about one in ten with a
problem the rules look for. Usage: generate-vmx-fleet.py FOLDER COUNT
"""
import os
import random
import sys

GUESTS = ["windows9-64", "windows11-64", "windows2019srv-64", "windows2019srvNext-64", "ubuntu-64",
          "rhel8-64", "debian12-64", "windows7-64", "darwin20-64", "winxppro"]


def vmx(i, rnd):
    problem = rnd.random() < 0.1
    guest = rnd.choice(GUESTS if problem else GUESTS[:7])
    hw = rnd.randint(7, 21) if problem else rnd.randint(19, 21)
    lines = [
        '#!/usr/bin/vmware', '.encoding = "UTF-8"', 'config.version = "8"', f'virtualHW.version = "{hw}"',
        f'displayName = "vm-{i:05d}"', f'guestOS = "{guest}"', f'numvcpus = "{rnd.choice([1, 2, 4, 8, 16] if problem else [1, 2, 4])}"',
        f'memsize = "{rnd.choice([1024, 2048, 4096, 8192])}"', 'firmware = "efi"', 'pciBridge0.present = "TRUE"',
        'pciBridge4.present = "TRUE"', 'pciBridge4.virtualDev = "pcieRootPort"', 'pciBridge4.functions = "8"',
        'vmci0.present = "TRUE"', 'hpet0.present = "TRUE"', f'nvram = "vm-{i:05d}.nvram"',
        'virtualHW.productCompatibility = "hosted"', 'powerType.powerOn = "soft"', 'powerType.suspend = "soft"',
        'sata0.present = "TRUE"', 'nvme0.present = "TRUE"', f'nvme0:0.fileName = "vm-{i:05d}.vmdk"',
        'nvme0:0.present = "TRUE"', 'ethernet0.connectionType = "nat"', 'ethernet0.addressType = "generated"',
        'ethernet0.virtualDev = "e1000e"', 'ethernet0.present = "TRUE"', 'sound.autoDetect = "TRUE"',
        'floppy0.present = "FALSE"', 'tools.syncTime = "FALSE"', 'toolsInstallManager.updateCounter = "2"',
        f'uuid.bios = "56 4d {i % 256:02x} 8a 1c 3e 2b 77-0f 41 92 5e 6c 2d {i // 256 % 256:02x} {i % 251:02x}"',
    ]
    usb = rnd.randint(0, 3)
    if usb >= 1:
        lines.append('usb_xhci.present = "TRUE"')
    if usb == 3 or (problem and rnd.random() < 0.5):
        lines += ['usb.present = "TRUE"', 'ehci.present = "TRUE"']
    if usb >= 2:
        lines.append('usb.autoConnect.device0 = "vid:0x0781 pid:0x5583"')
    if "srv" in guest or guest.startswith("rhel"):
        lines.append('devices.hotplug = "FALSE"' if not problem else 'devices.hotplug = "TRUE"')
    if problem:
        lines.append(rnd.choice(['vcpu.hotadd = "TRUE"', 'powerType.powerOff = "hard"', 'tools.upgrade.policy = "manual"',
                                 'usb.generic.autoconnect = "TRUE"', 'tools.remindInstall = "TRUE"']))
    return "\n".join(lines) + "\n"


def main():
    folder, count = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(42)
    for i in range(count):
        d = os.path.join(folder, f"vm-{i:05d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"vm-{i:05d}.vmx"), "w", encoding="utf-8") as f:
            f.write(vmx(i, rnd))
    with open(os.path.join(folder, "hvdiag-host.properties"), "w") as f:
        f.write("name = bench-host\ncores = 64\nthreads = 128\nmemoryMiB = 2097152\nnewestHardwareVersion = vmx-21\n")


if __name__ == "__main__":
    main()
