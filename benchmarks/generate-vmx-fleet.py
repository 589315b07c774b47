#!/usr/bin/env python3
"""Writes N realistic .vmx files (one folder per VM, like VMware Workstation) for benchmarks.

Seeded, so every run audits the same fleet: most VMs modern and clean, about one in ten with a
problem the rules look for. Usage: generate-vmx-fleet.py FOLDER COUNT [--logs CURRENT,ROTATED]

--logs also writes beside each .vmx a vmware.log of about CURRENT bytes and, unless ROTATED is 0, a
vmware-0.log of about ROTATED bytes (suffixes K, M, G: KiB, MiB, GiB), in the layout VMware
Workstation 17.5 writes (`2026-11-27T10:02:54.920Z In(05) vmx ...`, as examples/lab's logs): each
file one VMX run, a power-on and mostly ordinary lines (Tools heartbeats, GuestRpc, SVGA, disk and
AIO statistics), a few USB devices connected and disconnected; vmware-0.log's run ends with the
guest shutting down; vmware.log's run is still going (about 60 %), ended the same way (about 38 %),
or, for about 2 % of the VMs, ends with the VMX crashing (`Unexpected signal: 11.`) seconds after a
USB device was connected. All times between 2026-11-10 and 2026-11-30 UTC. The .vmx files are the
same with or without --logs (the logs draw from a random stream of their own).
"""
import calendar
import os
import random
import sys
import time

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


# --- vmware.log (Workstation 17.5 layout) -----------------------------------------------------------

# Host USB devices a VM may be offered: (name as vmware.log escapes it, vid, pid, speed, family).
USB_DEVICES = [
    ("SanDisk\\ Ultra\\ Fit", "0781", "5583", "super", "storage"),
    ("Logitech\\ USB\\ Receiver", "046d", "c52b", "full", "hid,hid-bootable"),
    ("Yubico\\ YubiKey\\ OTP+FIDO+CCID", "1050", "0407", "full", "hid,smart-card"),
    ("Prolific\\ USB-Serial\\ Controller", "067b", "2303", "full", "vendor"),
    ("Aladdin\\ HASP\\ HL\\ 3.25", "0529", "0001", "full", "vendor"),
    ("Generic\\ USB2.0-CRW", "0bda", "0129", "high", "storage"),
]

# Ordinary lines: (level, thread, message with {n} for a counter); none is a line the evidence reader
# turns into an event.
ORDINARY = [
    ("In(05)", "vcpu-0", "Tools: [AppStatus] Last heartbeat value {n} (last received 0s ago)"),
    ("In(05)", "vcpu-1", "Tools: [AppStatus] Last heartbeat value {n} (last received 0s ago)"),
    ("In(05)", "vmx", "GuestRpc: Channel 4, guest application toolbox-dnd."),
    ("In(05)", "vmx", "GuestRpc: Reinitializing Channel 4(toolbox-dnd)"),
    ("In(05)", "vmx", "TOOLS received request in VMX to set option 'enableDnD' from '1' to '1'"),
    ("In(05)", "vmx", "TOOLS received request in VMX to set option 'copypaste' from '1' to '1'"),
    ("In(05)", "vmx", "VMXVmdb_SetToolsVersionStatus: status value set to 'ok', 'current', install possible"),
    ("In(05)", "vmx", "Vix: [vmxCommands.c:7212]: VMAutomation_HandleCLIHLTEvent. Do nothing."),
    ("In(05)", "vmx", "Vix: [mainDispatch.c:4211]: VMAutomationReportPowerStateChange: Reporting power state change (opcode=2, err=0)."),
    ("In(05)", "mks", "SWBWindow: Window 0 Defined: src screenId=-1, src xywh(0, 0, 1920, 1080) dest xywh(0, 0, 1920, 1080) pixelScale=1, flags=0xF"),
    ("In(05)", "mks", "MKSControlMgr: connected"),
    ("In(05)", "mks", "KHBKL: Unable to parse keystring at: ''"),
    ("In(05)", "svga", "SVGA: Unregistering IOSpace at 0x{n:x}"),
    ("In(05)", "svga", "SVGA enabling SVGA"),
    ("In(05)", "vcpu-0", "HgfsServerManagerVigorInit: Initialize: dev api"),
    ("In(05)", "vcpu-0", "GuestInfo: HostinfoDetectCPUs: Detected {n} logical CPUs"),
    ("In(05)", "vcpu-1", "Guest: vsock: Sending request to vsock 2: RPCI {n}"),
    ("In(05)", "vmx", "AIOMGR-S : stat o=2 r={n} w=17 i=0 br=1253376 bw=528384"),
    ("In(05)", "vmx", "DISKLIB-LIB_BLOCKTRACK: Resuming change tracking."),
    ("In(05)", "vmx", "DISK: OPEN scsi0:0 'D:\\VMs\\{vm}\\{vm}.vmdk' persistent R[]"),
    ("In(05)", "vmx", "VigorTransportProcessClientPayload: opID=vmx-{n:x} seq={n}: Receiving Bootstrap.MessageReply request."),
    ("In(05)", "vmx", "ToolsISO: Selected Tools ISO 'windows.iso' for 'windows9-64' guest."),
    ("In(05)", "vmx", "HGFileCopyCreateSessionCB: Successfully created the session."),
    ("In(05)", "vmx", "SOCKET 4 (1244) recv error 10054: An existing connection was forcibly closed by the remote host."),
    ("In(05)", "vcpu-0", "VIDE: (0x{n:x}) Drive 1:0 ATAPI command 0x4a, status 0x50"),
    ("In(05)", "vcpu-0", "HV-TSC: Guest read TSC frequency {n} kHz"),
    ("Wa(03)", "vmx", "GuestRpcSendTimedOut: message to toolbox-dnd timed out."),
    ("Wa(03)", "vcpu-1", "PVSCSI: ring full, request {n} deferred"),
]


def parse_size(text):
    text = text.strip().upper().rstrip("B").rstrip("I")
    unit = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(text[-1:], 1)
    return int(float(text[:-1] if unit > 1 else text) * unit)


class LogWriter:
    """One VMX run's lines, with a clock that only moves forward."""

    def __init__(self, rnd, vm, start_ms):
        self.rnd, self.vm, self.ms = rnd, vm, start_ms
        self.lines, self.size = [], 0
        self._second, self._prefix = -1, ""
        self.usb_id = rnd.randint(1, 9)

    def stamp(self):
        s = self.ms // 1000
        if s != self._second:
            self._second = s
            self._prefix = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(s))
        return f"{self._prefix}.{self.ms % 1000:03d}Z"

    def add(self, level, thread, message, step=(1, 3)):
        self.ms += self.rnd.randint(*step)
        line = f"{self.stamp()} {level} {thread} {message}\n"
        self.lines.append(line)
        self.size += len(line)

    def power_on(self, i, pid):
        vm = self.vm
        for level, thread, message in [
            ("In(05)", "vmx", f"Log for VMware Workstation pid={pid} version=17.5.2 build=build-23775571 option=Release"),
            ("In(05)", "vmx", "The host is x86_64."),
            ("In(05)", "vmx", "Host codepage=windows-1252 encoding=windows-1252"),
            ("In(05)", "vmx", "Host is Windows 11 Pro, 64-bit (Build 22631.4460)"),
            ("In(05)", "vmx", "Hostname=BENCH-WS01"),
            ("In(05)", "vmx", f"System uptime {self.rnd.randint(10**8, 10**10)} us"),
            ("In(05)", "vmx", f'Command line: "C:\\Program Files (x86)\\VMware\\VMware Workstation\\x64\\vmware-vmx.exe" "-T" "querytoken" "-s" "vmx.stdio.keep=TRUE" "-#" "product=1;name=VMware Workstation;version=17.5.2;buildnumber=23775571;licensename=VMware Workstation;licenseversion=17.0+;" "-@" "pipe=\\\\.\\pipe\\vmx{pid:x};msgs=ui" "D:\\VMs\\{vm}\\{vm}.vmx"'),
            ("In(05)", "vmx", f"DICT --- CONFIGURATION D:\\VMs\\{vm}\\{vm}.vmx"),
            ("In(05)", "vmx", 'DICT            config.version = "8"'),
            ("In(05)", "vmx", f'DICT               displayName = "{vm}"'),
            ("In(05)", "vmx", "VMMon_GetkHzEstimate: Calculated 2995213 kHz"),
            ("In(05)", "vmx", "Monitor Mode: ULM"),
            ("In(05)", "vmx", "Transitioned vmx/execState/val to poweredOff"),
            ("In(05)", "vmx", "Vix: [mainDispatch.c:4292]: VMAutomation_PowerOn. Powering on."),
            ("In(05)", "vmx", "VMX_PowerOn: ModuleTable_PowerOn = 1"),
            ("In(05)", "vmx", "Transitioned vmx/execState/val to poweredOn"),
            ("In(05)", "vmx", "USB: Connecting device desc:name:VMware\\ Virtual\\ USB\\ Hub vid:0e0f pid:0002 speed:high family:hub version:4 id:0x100000000e0f0002"),
            ("In(05)", "vcpu-0", "CPU reset: hard (mode Emulation)"),
        ]:
            self.add(level, thread, message)

    def ordinary(self, until_size):
        rnd, vm = self.rnd, self.vm
        while self.size < until_size:
            level, thread, message = ORDINARY[rnd.randrange(len(ORDINARY))]
            self.add(level, thread, message.format(n=rnd.randint(1, 99999), vm=vm), step=(5, 4000))

    def usb_connect(self):
        name, vid, pid, speed, family = USB_DEVICES[self.rnd.randrange(len(USB_DEVICES))]
        self.usb_id += 1
        dev = f"1{self.usb_id:07x}{vid}{pid}"
        self.add("In(05)", "vmx", f"USB: Found device [name:{name} vid:{vid} pid:{pid} path:1/0/{self.rnd.randint(1, 9)} speed:{speed} family:{family}]")
        self.add("In(05)", "vmx", f"USB: Connecting device desc:name:{name} vid:{vid} pid:{pid} path:1/0/2 speed:{speed} family:{family} version:4 id:0x{dev}")
        self.add("In(05)", "vmx", f"USBG: Created {dev}", step=(10, 20))
        self.add("In(05)", "vmx", f"USBIO: Open device vid:{vid} pid:{pid} returned 0")
        return dev

    def usb_disconnect(self, dev):
        self.add("Wa(03)", "vmx", f"USBGW64: Device {dev} surprise removed", step=(1000, 600000))
        self.add("In(05)", "vmx", f"USB: Disconnecting device 0x{dev}")

    def shutdown(self):
        self.add("In(05)", "vcpu-0", "Chipset: The guest has requested that the virtual machine be powered off.", step=(1000, 60000))
        self.add("In(05)", "vmx", "Stopping VCPU threads...")
        self.add("In(05)", "vmx", "VMX exit (0).", step=(100, 500))
        self.add("In(05)", "vmx", "AIOMGR-S : stat o=2 r=41 w=17 i=0 br=1253376 bw=528384")
        self.add("In(05)", "vmx", "VMX has left the building: 0.", step=(10, 50))

    def crash(self):
        dev = self.usb_connect()
        self.add("In(05)", "vcpu-0", "XHCI: Port 3 reset, speed full", step=(300, 500))
        self.add("Wa(03)", "vmx", "Unexpected signal: 11.", step=(2000, 4000))
        self.add("Wa(03)", "vmx", "Backtrace:")
        self.add("Wa(03)", "vmx", "Backtrace[0] 000000a1b19fe6f0 rip=00007ff6d4b53a17 rbx=00007ff6d4b53530 rbp=000000a1b19fe7b0 r12=0000000000000000")
        self.add("Er(02)", "vmx", "Msg_Post: Error", step=(100, 200))
        self.add("Er(02)", "vmx", "[msg.log.error.unrecoverable] VMware Workstation unrecoverable error: (vmx)")
        self.add("Er(02)+", "vmx", "Unexpected signal: 11.")
        self.add("Er(02)", "vmx", f'[msg.panic.haveLog] A log file is available in "D:\\VMs\\{self.vm}\\vmware.log".')
        self.add("In(05)", "vmx", "Core dump with build build-23775571", step=(10, 30))
        return dev

    def write(self, path):
        with open(path, "w", encoding="ascii", newline="") as f:
            f.write("".join(self.lines))


def one_run(rnd, vm, i, start_ms, size, ending):
    """A VMX run of about SIZE bytes: power-on, ordinary lines with 1 to 4 USB devices in and out, the ending."""
    w = LogWriter(rnd, vm, start_ms)
    w.power_on(i, rnd.randint(1000, 30000))
    plugs = rnd.randint(1, 4)
    for k in range(plugs):
        w.ordinary(size * (k + 1) // (plugs + 2))
        dev = w.usb_connect()
        w.ordinary(w.size + rnd.randint(2000, 20000))
        w.usb_disconnect(dev)
    w.ordinary(size - 2000)
    if ending == "shutdown":
        w.shutdown()
    elif ending == "crash":
        w.crash()
    return w


def write_logs(folder, count, current, rotated):
    base = calendar.timegm((2026, 11, 10, 8, 0, 0)) * 1000
    stats = {"crash": 0, "shutdown": 0, "running": 0, "bytes": 0}
    for i in range(count):
        rnd = random.Random(1_000_003 * (i + 1))
        vm = f"vm-{i:05d}"
        d = os.path.join(folder, vm)
        start = base + rnd.randint(0, 10 * 86400) * 1000
        if rotated > 0:
            w = one_run(rnd, vm, i, start, rotated, "shutdown")
            w.write(os.path.join(d, "vmware-0.log"))
            stats["bytes"] += w.size
            start = w.ms + rnd.randint(3600, 3 * 86400) * 1000
        r = rnd.random()
        ending = "crash" if r < 0.02 else "shutdown" if r < 0.40 else "running"
        w = one_run(rnd, vm, i, start, current, ending)
        w.write(os.path.join(d, "vmware.log"))
        stats[ending] += 1
        stats["bytes"] += w.size
    print(f"logs: {count} vmware.log of ~{current} bytes" + (f" + {count} vmware-0.log of ~{rotated} bytes" if rotated else "")
          + f", {stats['bytes']} bytes in all; vmware.log runs: {stats['running']} running, {stats['shutdown']} shut down,"
          f" {stats['crash']} crashed after a USB connect", file=sys.stderr)


def main():
    args = sys.argv[1:]
    logs = None
    if "--logs" in args:
        k = args.index("--logs")
        logs = [parse_size(x) for x in args[k + 1].split(",")]
        del args[k:k + 2]
    folder, count = args[0], int(args[1])
    rnd = random.Random(42)
    for i in range(count):
        d = os.path.join(folder, f"vm-{i:05d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"vm-{i:05d}.vmx"), "w", encoding="utf-8") as f:
            f.write(vmx(i, rnd))
    if logs:
        write_logs(folder, count, logs[0], logs[1] if len(logs) > 1 else 0)
    with open(os.path.join(folder, "hvdiag-host.properties"), "w") as f:
        f.write("name = bench-host\ncores = 64\nthreads = 128\nmemoryMiB = 2097152\nnewestHardwareVersion = vmx-21\n")


if __name__ == "__main__":
    main()
