package main

import (
	"encoding/json"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// hostProfile: sizes and ESXi releases seen in fleets, from a small old host to a large new one.
type hostProfile struct {
	version              string
	packages, cores, thr int16
	memoryGiB            int64
	newest               int // the newest hardware version that release runs (DOMAIN-FACTS table)
}

var hostProfiles = []hostProfile{
	{"6.5.0", 1, 8, 16, 64, 13},
	{"6.7.0", 2, 16, 32, 128, 14},
	{"7.0.3", 2, 32, 64, 256, 19},
	{"8.0.2", 2, 64, 128, 512, 21},
	{"6.0.0", 1, 4, 8, 32, 11},
}

// Problems seeded on purpose, one per category; the first 16 VMs carry one each (on the first host,
// an ESXi 6.5 host whose newest hardware is vmx-13, the one version the simulator upgrades to),
// then about three VMs in ten repeat them across every host. The rest are clean.
const categories = 16

func boolp(b bool) *bool { return &b }

func seed() {
	var hosts []*simulator.HostSystem
	for _, o := range simulator.Map.All("HostSystem") {
		hosts = append(hosts, o.(*simulator.HostSystem))
	}
	sort.Slice(hosts, func(i, j int) bool { return refNumber(hosts[i].Self) < refNumber(hosts[j].Self) })
	byHost := map[types.ManagedObjectReference][]*simulator.VirtualMachine{}
	for _, o := range simulator.Map.All("VirtualMachine") {
		vm := o.(*simulator.VirtualMachine)
		if vm.Runtime.Host != nil {
			byHost[*vm.Runtime.Host] = append(byHost[*vm.Runtime.Host], vm)
		}
	}
	n := 0
	var seeded []*simulator.VirtualMachine
	for h, host := range hosts {
		p := hostProfiles[h%len(hostProfiles)]
		seedHost(host, p)
		vms := byHost[host.Self]
		sort.Slice(vms, func(i, j int) bool { return refNumber(vms[i].Self) < refNumber(vms[j].Self) })
		for _, vm := range vms {
			category := -1
			if n < categories {
				category = n
			} else if n%10 < 3 {
				category = n % categories
			}
			seedVM(vm, p, n, category)
			seeded = append(seeded, vm)
			n++
		}
	}
	seedLogs(seeded)
}

func refNumber(ref types.ManagedObjectReference) int {
	i := strings.LastIndex(ref.Value, "-")
	v, _ := strconv.Atoi(ref.Value[i+1:])
	return v
}

func seedHost(h *simulator.HostSystem, p hostProfile) {
	hw := *h.Summary.Hardware
	hw.NumCpuPkgs = p.packages
	hw.NumCpuCores = p.cores
	hw.NumCpuThreads = p.thr
	hw.MemorySize = p.memoryGiB << 30
	h.Summary.Hardware = &hw
	about := h.Summary.Config.Product
	if about == nil {
		about = &types.AboutInfo{}
	}
	a := *about
	a.Version = p.version
	a.FullName = "VMware ESXi " + p.version
	h.Summary.Config.Product = &a
	if h.Config != nil {
		h.Config.Product = a
	}
}

var cleanGuests = []string{"windows9_64Guest", "windows9Server64Guest", "windows2019srv_64Guest",
	"windows2019srvNext_64Guest", "ubuntu64Guest", "rhel8_64Guest", "centos7_64Guest", "windows8Server64Guest"}

func isServer(guest string) bool {
	return strings.Contains(guest, "Server") || strings.Contains(guest, "srv") ||
		strings.HasPrefix(guest, "rhel") || strings.HasPrefix(guest, "centos")
}

func seedVM(vm *simulator.VirtualMachine, p hostProfile, n, category int) {
	c := vm.Config
	guest := cleanGuests[n%len(cleanGuests)]
	version := p.newest
	cpus, memMB := int32(2), int32(2048+1024*(n%3))
	tools := types.VirtualMachineToolsStatusToolsOk
	policy := "upgradeAtPowerCycle"
	powerOff := "soft"
	cpuHot, memHot := false, n%5 == 0
	firmware := "bios"
	if n%3 == 0 {
		firmware = "efi"
	}
	on := n%20 == 7
	extra := map[string]string{}
	if isServer(guest) {
		extra["devices.hotplug"] = "FALSE"
	}
	var devices []types.BaseVirtualDevice
	// Clean VMs: most have one xHCI controller, some none, some with a USB 3 stick connected by hand.
	switch n % 4 {
	case 0, 1:
		devices = append(devices, xhci(14000, false))
	case 2:
		devices = append(devices, xhci(14000, false), usb(13000, 14000, 0x0781, 0x5581, "superSpeed", false))
	}

	switch category {
	case 0: // xHCI on vmx-07, Windows 7: usb-xhci-hardware-too-old, hw-below-floor, hw-older-than-host
		guest, version = "windows7_64Guest", 7
		devices = []types.BaseVirtualDevice{xhci(14000, false)}
	case 1: // Windows XP with xHCI: usb-xhci-guest-unsupported
		guest, version = "winXPProGuest", 8
		devices = []types.BaseVirtualDevice{xhci(14000, false), usb(13000, 14000, 0x046d, 0xc52b, "full", false)}
	case 2: // macOS without EHCI: usb-macos-needs-ehci
		guest, firmware = "darwin19_64Guest", "efi"
		devices = []types.BaseVirtualDevice{xhci(14000, false)}
	case 3: // two xHCI controllers (the simulator accepts it; vSphere does not): usb-duplicate-controller
		devices = []types.BaseVirtualDevice{xhci(14000, false), xhci(14001, false)}
	case 4: // Windows 10 with UHCI+EHCI and xHCI: usb-ehci-and-xhci-windows
		guest = "windows9_64Guest"
		devices = []types.BaseVirtualDevice{uhci(7000, true, false), xhci(14000, false), usb(13000, 7000, 0x0951, 0x1666, "high", false)}
	case 5: // Server 2016, EHCI only, a USB 3 disk on it: usb-no-xhci-for-usb3
		guest = "windows9Server64Guest"
		devices = []types.BaseVirtualDevice{uhci(7000, true, false), usb(13000, 7000, 0x0bc2, 0x2322, "superSpeed", false)}
	case 6: // Server 2019 whose controller and device connect on their own: usb-autoconnect-on-server
		guest = "windows2019srv_64Guest"
		devices = []types.BaseVirtualDevice{xhci(14000, true), usb(13000, 14000, 0x0529, 0x0001, "full", true)}
	case 7: // generic autoconnect: usb-filter-matches-any
		guest = "windows9_64Guest"
		extra["usb.generic.autoconnect"] = "TRUE"
	case 8: // 21 devices on one controller: usb-too-many-devices
		guest = "ubuntu64Guest"
		devices = []types.BaseVirtualDevice{xhci(14000, false)}
		for d := int32(0); d < 21; d++ {
			devices = append(devices, usb(13000+d, 14000, 0x1000+d, 0x0001, "high", false))
		}
	case 9: // older than the host: hw-older-than-host
		version = p.newest - 2
		if version < 8 {
			version = 8
		}
	case 10: // 16 vCPUs with CPU hot-add: cpu-hotadd-disables-vnuma, cpu-vcpus-exceed-host-cores on small hosts
		cpus, cpuHot = 16, true
	case 11: // more memory than the host, running: mem-exceeds-host, mem-host-overcommit
		memMB, on = int32(p.memoryGiB*1024+4096), true
	case 12: // no tools: tools-not-installed
		tools = types.VirtualMachineToolsStatusToolsNotInstalled
	case 13: // tools-upgrade-manual
		policy = "manual"
	case 14: // power-hard-poweroff
		powerOff = "hard"
	case 15: // server that can eject its disks: hotplug-devices-server
		guest = "windows2019srvNext_64Guest"
		delete(extra, "devices.hotplug")
	}

	c.Version = "vmx-" + twoDigits(version)
	c.GuestId = guest
	c.GuestFullName = guest
	c.Firmware = firmware
	c.CpuHotAddEnabled = boolp(cpuHot)
	c.MemoryHotAddEnabled = boolp(memHot)
	c.Hardware.NumCPU = cpus
	c.Hardware.MemoryMB = memMB
	vm.Summary.Config.NumCpu = cpus
	vm.Summary.Config.MemorySizeMB = memMB
	vm.Summary.Config.GuestId = guest
	c.Tools = &types.ToolsConfigInfo{ToolsUpgradePolicy: policy}
	c.DefaultPowerOps = types.VirtualMachineDefaultPowerOpInfo{PowerOffType: powerOff, StandbyAction: "checkpoint"}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c.ExtraConfig = append(c.ExtraConfig, &types.OptionValue{Key: k, Value: extra[k]})
	}
	c.Hardware.Device = append(c.Hardware.Device, devices...)
	vm.Guest.GuestId = guest
	vm.Guest.ToolsStatus = tools
	if tools == types.VirtualMachineToolsStatusToolsOk {
		vm.Guest.ToolsRunningStatus = "guestToolsRunning"
		vm.Guest.ToolsVersionStatus2 = "guestToolsCurrent"
		vm.Guest.ToolsVersion = "12352"
	} else {
		vm.Guest.ToolsRunningStatus = "guestToolsNotRunning"
		vm.Guest.ToolsVersionStatus2 = "guestToolsNotInstalled"
		vm.Guest.ToolsVersion = "0"
	}
	state := types.VirtualMachinePowerStatePoweredOff
	if on {
		state = types.VirtualMachinePowerStatePoweredOn
	}
	vm.Runtime.PowerState = state
	vm.Summary.Runtime.PowerState = state
}

func twoDigits(v int) string {
	if v < 10 {
		return "0" + strconv.Itoa(v)
	}
	return strconv.Itoa(v)
}

func xhci(key int32, autoConnect bool) types.BaseVirtualDevice {
	return &types.VirtualUSBXHCIController{
		VirtualController: types.VirtualController{VirtualDevice: types.VirtualDevice{
			Key: key, ControllerKey: 100,
			DeviceInfo: &types.Description{Label: "USB xHCI controller", Summary: "USB xHCI controller"}}},
		AutoConnectDevices: boolp(autoConnect),
	}
}

func uhci(key int32, ehci, autoConnect bool) types.BaseVirtualDevice {
	return &types.VirtualUSBController{
		VirtualController: types.VirtualController{VirtualDevice: types.VirtualDevice{
			Key: key, ControllerKey: 100,
			DeviceInfo: &types.Description{Label: "USB controller", Summary: "Auto connect Disabled"}}},
		AutoConnectDevices: boolp(autoConnect),
		EhciEnabled:        boolp(ehci),
	}
}

func usb(key, controller, vendor, product int32, speed string, autoConnect bool) types.BaseVirtualDevice {
	unit := key - 13000 // keys of their own: vSphere numbers NICs from 4000
	return &types.VirtualUSB{
		VirtualDevice: types.VirtualDevice{
			Key: key, ControllerKey: controller, UnitNumber: &unit,
			DeviceInfo: &types.Description{Label: "USB " + strconv.Itoa(int(unit+1)), Summary: "USB device"},
			Backing: &types.VirtualUSBUSBBackingInfo{VirtualDeviceDeviceBackingInfo: types.VirtualDeviceDeviceBackingInfo{
				DeviceName: "path:1/0/" + strconv.Itoa(int(unit)) + " version:" + map[string]string{"superSpeed": "3", "high": "2", "full": "1"}[speed]}},
			Connectable: &types.VirtualDeviceConnectInfo{StartConnected: autoConnect, AllowGuestControl: true},
		},
		Vendor:  vendor,
		Product: product,
		Family:  []string{"storage"},
		Speed:   []string{speed},
	}
}

// The listing: what the simulator holds after seeding, read back from its objects.
type listing struct {
	Hosts []listedHost `json:"hosts"`
	VMs   []listedVM   `json:"vms"`
}

type listedHost struct {
	ID, Name, Version        string
	Packages, Cores, Threads int16
	MemoryBytes              int64
}

type listedController struct {
	Key         int32  `json:"key"`
	Type        string `json:"type"` // "uhci" (VirtualUSBController) or "xhci"
	Ehci        bool   `json:"ehci"`
	AutoConnect bool   `json:"autoConnect"`
}

type listedDevice struct {
	Key            int32    `json:"key"`
	ControllerKey  int32    `json:"controllerKey"`
	Vendor         int32    `json:"vendor"`
	Product        int32    `json:"product"`
	Speed          []string `json:"speed"`
	StartConnected bool     `json:"startConnected"`
}

type listedVM struct {
	ID, Name, Host, Version, GuestID, Firmware, PowerState string
	NumCPU, MemoryMB                                       int32
	CpuHotAdd, MemoryHotAdd                                bool
	ToolsStatus, ToolsUpgradePolicy, PowerOffType          string
	ExtraConfig                                            map[string]string
	UsbControllers                                         []listedController
	UsbDevices                                             []listedDevice
	LogDirectory                                           string      // config.files.logDirectory
	Logs                                                   []listedLog // the vmware*.log files in it (logs.go)
}

func writeListing(path string) error {
	var l listing
	for _, o := range simulator.Map.All("HostSystem") {
		h := o.(*simulator.HostSystem)
		hw := h.Summary.Hardware
		l.Hosts = append(l.Hosts, listedHost{h.Self.Value, h.Name, h.Summary.Config.Product.Version,
			hw.NumCpuPkgs, hw.NumCpuCores, hw.NumCpuThreads, hw.MemorySize})
	}
	for _, o := range simulator.Map.All("VirtualMachine") {
		l.VMs = append(l.VMs, listVM(o.(*simulator.VirtualMachine)))
	}
	sort.Slice(l.VMs, func(i, j int) bool { return l.VMs[i].ID < l.VMs[j].ID })
	b, err := json.MarshalIndent(l, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func listVM(vm *simulator.VirtualMachine) listedVM {
	c := vm.Config
	v := listedVM{ID: vm.Self.Value, Name: vm.Name, Version: c.Version, GuestID: c.GuestId, Firmware: c.Firmware,
		PowerState: string(vm.Runtime.PowerState), NumCPU: c.Hardware.NumCPU, MemoryMB: c.Hardware.MemoryMB,
		CpuHotAdd: c.CpuHotAddEnabled != nil && *c.CpuHotAddEnabled, MemoryHotAdd: c.MemoryHotAddEnabled != nil && *c.MemoryHotAddEnabled,
		ToolsStatus: string(vm.Guest.ToolsStatus), PowerOffType: c.DefaultPowerOps.PowerOffType, ExtraConfig: map[string]string{},
		LogDirectory: c.Files.LogDirectory, Logs: listLogs(vm)}
	if vm.Runtime.Host != nil {
		v.Host = vm.Runtime.Host.Value
	}
	if c.Tools != nil {
		v.ToolsUpgradePolicy = c.Tools.ToolsUpgradePolicy
	}
	for _, e := range c.ExtraConfig {
		ov := e.GetOptionValue()
		if s, ok := ov.Value.(string); ok {
			v.ExtraConfig[ov.Key] = s
		}
	}
	v.UsbControllers = []listedController{}
	v.UsbDevices = []listedDevice{}
	for _, d := range c.Hardware.Device {
		switch x := d.(type) {
		case *types.VirtualUSBController:
			v.UsbControllers = append(v.UsbControllers, listedController{x.Key, "uhci", x.EhciEnabled != nil && *x.EhciEnabled,
				x.AutoConnectDevices != nil && *x.AutoConnectDevices})
		case *types.VirtualUSBXHCIController:
			v.UsbControllers = append(v.UsbControllers, listedController{x.Key, "xhci", false,
				x.AutoConnectDevices != nil && *x.AutoConnectDevices})
		case *types.VirtualUSB:
			start := x.Connectable != nil && x.Connectable.StartConnected
			v.UsbDevices = append(v.UsbDevices, listedDevice{x.Key, x.ControllerKey, x.Vendor, x.Product, x.Speed, start})
		}
	}
	return v
}

var _ mo.Reference = (*simulator.VirtualMachine)(nil)
