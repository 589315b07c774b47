package org.hvdiag.audit;

import java.util.List;

import org.hvdiag.audit.internal.rules.AbnormalStops;
import org.hvdiag.audit.internal.rules.AutoconnectOnServer;
import org.hvdiag.audit.internal.rules.CheckpointsOnServer;
import org.hvdiag.audit.internal.rules.CrashAfterUsbConnect;
import org.hvdiag.audit.internal.rules.CpuHotAddDisablesVnuma;
import org.hvdiag.audit.internal.rules.DeviceHotplugOnServer;
import org.hvdiag.audit.internal.rules.DuplicateUsbController;
import org.hvdiag.audit.internal.rules.DynamicMemoryWithNested;
import org.hvdiag.audit.internal.rules.EhciAndXhciOnWindows;
import org.hvdiag.audit.internal.rules.FilterMatchesAnyDevice;
import org.hvdiag.audit.internal.rules.HardPowerOff;
import org.hvdiag.audit.internal.rules.HardwareBelowFloor;
import org.hvdiag.audit.internal.rules.HardwareOlderThanHost;
import org.hvdiag.audit.internal.rules.HostMemoryOvercommit;
import org.hvdiag.audit.internal.rules.HypervVersionBelow8;
import org.hvdiag.audit.internal.rules.IntegrationServicesOff;
import org.hvdiag.audit.internal.rules.LibvirtHostdevNotOptional;
import org.hvdiag.audit.internal.rules.LibvirtPreferXhci;
import org.hvdiag.audit.internal.rules.LinuxSecureBootTemplate;
import org.hvdiag.audit.internal.rules.MacosNeedsEhci;
import org.hvdiag.audit.internal.rules.MemoryExceedsHost;
import org.hvdiag.audit.internal.rules.NoXhciForUsb3;
import org.hvdiag.audit.internal.rules.PausedVm;
import org.hvdiag.audit.internal.rules.RedirectionOnServer;
import org.hvdiag.audit.internal.rules.ToolsNotInstalled;
import org.hvdiag.audit.internal.rules.ToolsUpgradeManual;
import org.hvdiag.audit.internal.rules.UsbDeviceFlapping;
import org.hvdiag.audit.internal.rules.TooManyUsbDevices;
import org.hvdiag.audit.internal.rules.VcpusExceedHostCores;
import org.hvdiag.audit.internal.rules.VirtualBoxExtensionPackMissing;
import org.hvdiag.audit.internal.rules.WindowsGuestVcpuLimit;
import org.hvdiag.audit.internal.rules.XhciGuestUnsupported;
import org.hvdiag.audit.internal.rules.XhciOnOldHardware;

/**
 * The rules this bundle ships, for use outside OSGi (tests, benchmarks, the CLI's plain mode).
 * Inside OSGi the same classes register themselves as {@link Rule} services; a rule added here must
 * also carry {@code @Component(service = Rule.class)}.
 */
public final class BuiltInRules {
    private BuiltInRules() {
    }

    /** A new instance of every built-in rule. */
    public static List<Rule> all() {
        return List.of(
                new XhciOnOldHardware(),
                new XhciGuestUnsupported(),
                new MacosNeedsEhci(),
                new DuplicateUsbController(),
                new EhciAndXhciOnWindows(),
                new NoXhciForUsb3(),
                new AutoconnectOnServer(),
                new FilterMatchesAnyDevice(),
                new TooManyUsbDevices(),
                new VirtualBoxExtensionPackMissing(),
                new LibvirtPreferXhci(),
                new LibvirtHostdevNotOptional(),
                new RedirectionOnServer(),
                new HardwareOlderThanHost(),
                new HardwareBelowFloor(),
                new CpuHotAddDisablesVnuma(),
                new VcpusExceedHostCores(),
                new MemoryExceedsHost(),
                new HostMemoryOvercommit(),
                new ToolsNotInstalled(),
                new ToolsUpgradeManual(),
                new HardPowerOff(),
                new DeviceHotplugOnServer(),
                new HypervVersionBelow8(),
                new DynamicMemoryWithNested(),
                new LinuxSecureBootTemplate(),
                new IntegrationServicesOff(),
                new WindowsGuestVcpuLimit(),
                new CheckpointsOnServer(),
                new PausedVm(),
                new CrashAfterUsbConnect(),
                new UsbDeviceFlapping(),
                new AbnormalStops());
    }
}
