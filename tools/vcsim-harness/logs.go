package main

// The harness's vmware.log files. The simulator creates every VM's log folder on the datastore's
// backing directory with a one-line placeholder vmware.log in Go's log format, which no ESXi
// writes; the harness removes it, so a VM without a seeded log has no log at all, and writes ESXi
// logs into a few seeded VMs' folders so the evidence reader has something true to find over
// /folder/ (HTTP GET with Range, as a real host serves it).
//
// Line layouts, as ESXi writes them (the same forms hvdiag's VmwareLogParser documents):
//   ESXi 5.5 to 7.0: "2026-11-27T08:02:09.118Z| vmx| I125: message" (a level tag, '+' on continuations);
//   ESXi 8:          "2026-11-28T14:09:40.512Z In(05) vmx - message" (a level, the thread, an op id or "-").
// The messages follow the lab's Workstation logs (examples/lab/win7-cad, examples/lab/LOGS.md) and
// the vmware.log excerpts they cite (Broadcom KB 311905 for USB connect and hot-remove lines,
// KB 427504 for "WinBSOD: Synthetic MSR[0x40000100]"); host names, pids and builds are made up.

import (
	"fmt"
	"os"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/vmware/govmomi/simulator"
)

// seededLog: a file the harness writes into a VM's log folder.
type seededLog struct {
	name  string
	lines []string
}

// logStories gives the logs of the VM seeded n-th; VMs without an entry have none.
//
//	0 (Windows 7 on vmx-07 with xHCI): a clean run on 26 Nov (vmware-1.log), then on 27 Nov a
//	  HASP dongle connects at 10:02:53 and the VMX dies 3.5 s later (vmware.log, about 150 KB of
//	  Tools chatter before it, so a small read bound reads only the tail).
//	4 (Windows 10 with UHCI+EHCI and xHCI): ESXi 8 layout; 28 Nov a Kingston stick connects and
//	  Windows writes bug check 0xFE to the crash MSR 4 s later; the guest reboots and shuts down.
//	5 (Server 2016, a USB 3 disk on EHCI): ESXi 8 layout; a clean run on 29 Nov.
var logStories = map[int]func() []seededLog{
	0: win7DongleCrash,
	4: win10UsbBugcheck,
	5: cleanServerRun,
}

// esx7 writes ESXi 7 lines: "TIME| thread| TAG: message".
type esx7 struct {
	t     time.Time
	lines []string
}

func (e *esx7) at(t string) *esx7 {
	e.t, _ = time.Parse(time.RFC3339Nano, t)
	return e
}

func (e *esx7) add(d time.Duration, thread, tag, msg string) *esx7 {
	e.t = e.t.Add(d)
	e.lines = append(e.lines, fmt.Sprintf("%s| %s| %s: %s", e.t.UTC().Format("2006-01-02T15:04:05.000Z"), thread, tag, msg))
	return e
}

// esx8 writes ESXi 8 lines: "TIME Level thread - message".
type esx8 struct {
	t     time.Time
	lines []string
}

func (e *esx8) at(t string) *esx8 {
	e.t, _ = time.Parse(time.RFC3339Nano, t)
	return e
}

func (e *esx8) add(d time.Duration, level, thread, msg string) *esx8 {
	e.t = e.t.Add(d)
	e.lines = append(e.lines, fmt.Sprintf("%s %s %s - %s", e.t.UTC().Format("2006-01-02T15:04:05.000Z"), level, thread, msg))
	return e
}

const ms = time.Millisecond

func esx7Start(e *esx7, pid int, vmName string) {
	e.add(0, "vmx", "I125", fmt.Sprintf("Log for VMware ESX pid=%d version=7.0.3 build=build-21424296 option=Release", pid)).
		add(0, "vmx", "I125", "The host is x86_64.").
		add(0, "vmx", "I125", "Host codepage=UTF-8 encoding=UTF-8").
		add(0, "vmx", "I125", "Host is VMkernel 7.0.3").
		add(ms, "vmx", "I125", "Hostname=esx-01.lab.example").
		add(3*ms, "vmx", "I125", "Command line: \"/bin/vmx\" \"-s\" \"sched.group=host/vim/vmvisor/vmx\" \"-#\" \"product=2;name=VMware ESX;version=7.0.3;buildnumber=21424296;licensename=VMware ESX Server;licenseversion=7.0;\" \"-@\" \"duplex=3;msgs=ui\" \"/vmfs/volumes/LocalDS_0/"+vmName+"/"+vmName+".vmx\"").
		add(20*ms, "vmx", "I125", "DICT --- CONFIGURATION /vmfs/volumes/LocalDS_0/"+vmName+"/"+vmName+".vmx").
		add(0, "vmx", "I125", "DICT            config.version = \"8\"").
		add(0, "vmx", "I125", "DICT         virtualHW.version = \"7\"").
		add(0, "vmx", "I125", "DICT                   guestOS = \"windows7-64\"").
		add(180*ms, "vmx", "I125", "Transitioned vmx/execState/val to poweredOff").
		add(210*ms, "vmx", "I125", "VMX_PowerOn: ModuleTable_PowerOn = 1").
		add(380*ms, "vmx", "I125", "Transitioned vmx/execState/val to poweredOn").
		add(8*ms, "vmx", "I125", "USB: Connecting device desc:name:VMware\\ Virtual\\ USB\\ Hub vid:0e0f pid:0002 speed:high family:hub version:4 id:0x100000000e0f0002").
		add(40*ms, "vcpu-0", "I125", "CPU reset: hard (mode Emulation)").
		add(43*time.Second, "vcpu-1", "I125", "Tools: Running status rpc handler: 0 => 1.").
		add(0, "vcpu-1", "I125", "Tools: Changing running status: 0 => 1.")
}

func win7DongleCrash() []seededLog {
	old := (&esx7{}).at("2026-11-26T07:58:40.204Z")
	esx7Start(old, 2101345, "{{vm}}")
	old.add(2*time.Hour, "vmx", "I125", "USB: Found device [name:Aladdin\\ HASP\\ HL\\ 3.25 vid:0529 pid:0001 path:1/0/3 speed:full family:vendor]").
		add(9*time.Hour, "vcpu-0", "I125", "Chipset: The guest has requested that the virtual machine be powered off.").
		add(2*ms, "vmx", "I125", "Stopping VCPU threads...").
		add(310*ms, "vmx", "I125", "Transitioned vmx/execState/val to poweredOff").
		add(90*ms, "vmx", "I125", "VMX has left the building: 0.")

	cur := (&esx7{}).at("2026-11-27T08:02:09.118Z")
	esx7Start(cur, 2104417, "{{vm}}")
	// Two hours of Tools heartbeats and guest RPC: what fills a running VM's log between events.
	for i := 0; cur.t.Before(time.Date(2026, 11, 27, 10, 2, 40, 0, time.UTC)); i++ {
		cur.add(5*time.Second, "vcpu-1", "I125", fmt.Sprintf("Tools: [AppStatus] Last heartbeat value %d (last received 0s ago)", 1000+i))
		if i%6 == 0 {
			cur.add(40*ms, "vmx", "I125", "GuestRpc: Channel 0, guest application toolbox.")
		}
	}
	cur.t = time.Date(2026, 11, 27, 10, 2, 53, 341000000, time.UTC)
	cur.add(0, "vmx", "I125", "USB: Found device [name:Aladdin\\ HASP\\ HL\\ 3.25 vid:0529 pid:0001 path:1/0/3 speed:full family:vendor]").
		add(2*ms, "vmx", "I125", "USB: Connecting device desc:name:Aladdin\\ HASP\\ HL\\ 3.25 vid:0529 pid:0001 path:1/0/3 speed:full family:vendor version:4 id:0x1000000405290001").
		add(17*ms, "vmx", "I125", "USBG: Created 1000000405290001").
		add(413*ms, "vcpu-0", "I125", "XHCI: Port 3 reset, speed full").
		add(3120*ms, "vmx", "W115", "Unexpected signal: 11.").
		add(0, "vmx", "W115", "Backtrace:").
		add(0, "vmx", "W115", "Backtrace[0] 000000a1b19fe6f0 rip=000000001d53a17 rbx=000000001d53530 rbp=000000a1b19fe7b0 r12=0000000000000000").
		add(150*ms, "vmx", "E105", "Msg_Post: Error").
		add(0, "vmx", "E105", "[msg.log.error.unrecoverable] VMware ESX unrecoverable error: (vmx)").
		add(0, "vmx", "E105+", "Unexpected signal: 11.").
		add(0, "vmx", "E105", "[msg.panic.haveLog] A log file is available in \"/vmfs/volumes/LocalDS_0/{{vm}}/vmware.log\".").
		add(20*ms, "vmx", "I125", "Core dump with build build-21424296")
	return []seededLog{{"vmware-1.log", old.lines}, {"vmware.log", cur.lines}}
}

func esx8Start(e *esx8, pid int, vmName, guest string) {
	e.add(0, "In(05)", "vmx", fmt.Sprintf("Log for VMware ESX pid=%d version=8.0.2 build=build-22380479 option=Release", pid)).
		add(0, "In(05)", "vmx", "The host is x86_64.").
		add(0, "In(05)", "vmx", "Host is VMkernel 8.0.2").
		add(ms, "In(05)", "vmx", "Hostname=esx-02.lab.example").
		add(22*ms, "In(05)", "vmx", "DICT --- CONFIGURATION /vmfs/volumes/LocalDS_0/"+vmName+"/"+vmName+".vmx").
		add(0, "In(05)", "vmx", "DICT                   guestOS = \""+guest+"\"").
		add(190*ms, "In(05)", "vmx", "Transitioned vmx/execState/val to poweredOff").
		add(215*ms, "In(05)", "vmx", "VMX_PowerOn: ModuleTable_PowerOn = 1").
		add(370*ms, "In(05)", "vmx", "Transitioned vmx/execState/val to poweredOn").
		add(9*ms, "In(05)", "vmx", "USB: Connecting device desc:name:VMware\\ Virtual\\ USB\\ Hub vid:0e0f pid:0002 speed:high family:hub version:4 id:0x100000000e0f0002").
		add(41*time.Second, "In(05)", "vcpu-0", "Tools: Running status rpc handler: 0 => 1.")
}

func win10UsbBugcheck() []seededLog {
	e := (&esx8{}).at("2026-11-28T14:09:40.512Z")
	esx8Start(e, 2110021, "{{vm}}", "windows9-64")
	e.t = time.Date(2026, 11, 28, 14, 10, 2, 318000000, time.UTC)
	e.add(0, "In(05)", "vmx", "USB: Found device [name:Kingston\\ DataTraveler\\ 3.0 vid:0951 pid:1666 path:1/0/2 speed:high family:storage]").
		add(13*ms, "In(05)", "vmx", "USB: Connecting device desc:name:Kingston\\ DataTraveler\\ 3.0 vid:0951 pid:1666 path:1/0/2 speed:high family:storage version:4 id:0x1000000409511666").
		add(4100*ms, "In(05)", "vcpu-1", "WinBSOD: Synthetic MSR[0x40000100] 0xfe").
		add(0, "In(05)", "vcpu-1", "WinBSOD: Synthetic MSR[0x40000101] 0x5").
		add(12*time.Second, "In(05)", "vcpu-0", "CPU reset: soft (mode Emulation)").
		add(14*ms, "In(05)", "vmx", "USB: Disconnecting device 0x1000000409511666").
		add(2*time.Hour, "In(05)", "vcpu-0", "Chipset: The guest has requested that the virtual machine be powered off.").
		add(320*ms, "In(05)", "vmx", "Transitioned vmx/execState/val to poweredOff").
		add(80*ms, "In(05)", "vmx", "VMX has left the building: 0.")
	return []seededLog{{"vmware.log", e.lines}}
}

func cleanServerRun() []seededLog {
	e := (&esx8{}).at("2026-11-29T06:30:11.007Z")
	esx8Start(e, 2113388, "{{vm}}", "windows9srv-64")
	e.add(5*time.Hour, "In(05)", "vmx", "Vix: [vmxCommands.c:7212]: VMAutomation_InitiatePowerOff. Trying soft powerOff").
		add(3*time.Second, "In(05)", "vcpu-0", "Chipset: The guest has requested that the virtual machine be powered off.").
		add(300*ms, "In(05)", "vmx", "Transitioned vmx/execState/val to poweredOff").
		add(90*ms, "In(05)", "vmx", "VMX has left the building: 0.")
	return []seededLog{{"vmware.log", e.lines}}
}

// seedLogs writes the stories into the VMs seeded n-th and removes every other VM's placeholder.
func seedLogs(byIndex []*simulator.VirtualMachine) {
	for n, vm := range byIndex {
		dir, err := logFolder(vm)
		if err != nil {
			fail("the log folder of %s: %v", vm.Name, err)
		}
		_ = os.Remove(path.Join(dir, "vmware.log"))
		story, ok := logStories[n]
		if !ok {
			continue
		}
		for _, f := range story() {
			text := strings.ReplaceAll(strings.Join(f.lines, "\n")+"\n", "{{vm}}", vm.Name)
			if err := os.WriteFile(path.Join(dir, f.name), []byte(text), 0o644); err != nil {
				fail("writing %s: %v", f.name, err)
			}
		}
	}
}

// logFolder: the local directory behind the VM's config.files.logDirectory ("[LocalDS_0] NAME").
func logFolder(vm *simulator.VirtualMachine) (string, error) {
	ds, rel, err := splitDatastorePath(vm.Config.Files.LogDirectory)
	if err != nil {
		return "", err
	}
	for _, o := range simulator.Map.All("Datastore") {
		d := o.(*simulator.Datastore)
		if d.Name == ds {
			return path.Join(d.Info.GetDatastoreInfo().Url, rel), nil
		}
	}
	return "", fmt.Errorf("no datastore named %q", ds)
}

func splitDatastorePath(p string) (string, string, error) {
	if !strings.HasPrefix(p, "[") || !strings.Contains(p, "]") {
		return "", "", fmt.Errorf("not a datastore path: %q", p)
	}
	end := strings.Index(p, "]")
	return p[1:end], strings.TrimSpace(p[end+1:]), nil
}

// listedLog: a vmware*.log file in a VM's log folder, as the listing shows it.
type listedLog struct {
	Name string `json:"name"`
	Size int64  `json:"size"`
}

func listLogs(vm *simulator.VirtualMachine) []listedLog {
	out := []listedLog{}
	dir, err := logFolder(vm)
	if err != nil {
		return out
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return out
	}
	for _, e := range entries {
		if ok, _ := path.Match("vmware*.log", e.Name()); ok {
			if info, err := e.Info(); err == nil {
				out = append(out, listedLog{e.Name(), info.Size()})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
