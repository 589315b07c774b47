package org.hvdiag.audit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.model.Vm;

/**
 * The engine audits whole fleets; a rule must not allocate for a VM it does not report. Counted in
 * bytes allocated by this thread (not timed: timing belongs in the benchmarks), in interpreted and
 * compiled code alike, since rules walk lists by index and build evidence only when they report.
 */
class QuietOnCleanVmsTest {

    @Test
    void rulesAllocateNothingForVmsTheyDoNotReport() {
        java.lang.management.ThreadMXBean plain = ManagementFactory.getThreadMXBean();
        assertTrue(plain instanceof com.sun.management.ThreadMXBean, "this test needs a JVM that counts allocated bytes (HotSpot)");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) plain;
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(), "thread allocation counting is off");

        List<Vm> quiet = List.of(
                Fixture.windows10(),
                Fixture.windows10().toBuilder().guestOs(Fixture.WINDOWS_2022).build(),
                Fixture.windows10().toBuilder().guestOs(Fixture.UBUNTU)
                        .usbControllers(List.of(Fixture.UHCI, Fixture.EHCI)).usbDevices(List.of()).build(),
                Fixture.windows10().toBuilder().guestOs(Fixture.MACOS)
                        .usbControllers(List.of(Fixture.UHCI, Fixture.EHCI, Fixture.XHCI)).build(),
                Fixture.windows10().toBuilder().cpuHotAdd(true).vcpus(8).powerState(PowerState.POWERED_OFF).build(),
                Fixture.windows10(HypervisorKind.VIRTUALBOX),
                // USB 2.0 the way VirtualBox sets it up, on a 6.1 host with its matching pack.
                Fixture.windows10(HypervisorKind.VIRTUALBOX).toBuilder()
                        .usbControllers(List.of(Fixture.VBOX_OHCI, Fixture.VBOX_EHCI))
                        .usbFilters(List.of(Fixture.filter("usbfilter:All", "All", -1, -1, false),
                                Fixture.filter("usbfilter:YubiKey", "YubiKey", 0x1050, 0x0407, true))).build(),
                Fixture.windows10(HypervisorKind.VIRTUALBOX).toBuilder().guestOs(Fixture.VBOX_WINDOWS_7)
                        .usbControllers(List.of(Fixture.VBOX_OHCI, Fixture.VBOX_EHCI)).build(),
                Fixture.windows10(HypervisorKind.LIBVIRT),
                // A libvirt desktop with an optional host device, a SPICE channel and a rule naming one vendor,
                // and a server guest without USB devices: the libvirt rules look them over and stay quiet.
                Fixture.withRaw(Fixture.libvirtDomain().toBuilder()
                        .usbDevices(List.of(Fixture.hostDevice(0, 0x0529, 0x0001, UsbSpeed.UNKNOWN, Fixture.QEMU_XHCI.id()),
                                Fixture.redirection(0, "spicevmc")))
                        .usbFilters(List.of(new UsbFilter("redirfilter/usbdev[0]", "usbdev vendor=0x0529 allow=yes", 0x0529,
                                -1, "", "usbdev vendor=0x0529 allow=yes", true))).build(),
                        "hostdev[0]@startupPolicy", "optional", "redirdev[0]@type", "spicevmc"),
                Fixture.libvirtDomain().toBuilder().guestOs(Fixture.LIBOSINFO_WIN2K22).build(),
                // Hyper-V's defaults, a server guest without checkpoints, Linux on the right template.
                Fixture.windows10(HypervisorKind.HYPERV),
                Fixture.windows10(HypervisorKind.HYPERV).toBuilder().guestOs(Fixture.WINDOWS_2022).build(),
                Fixture.windows10(HypervisorKind.HYPERV).toBuilder().guestOs(Fixture.UBUNTU)
                        .hyperv(Fixture.hypervDefaults().withSecureBootTemplate("MicrosoftUEFICertificateAuthority")).build());
        Host esx = Fixture.esxHost();
        Host vbox61 = Fixture.vboxHost("6.1.50r161033", Fixture.PACK_6_1_50);
        List<Rule> rules = BuiltInRules.all();
        HostRule[] hostRules = rules.stream().filter(r -> r instanceof HostRule).map(r -> (HostRule) r)
                .toArray(HostRule[]::new);
        // As the engine does: each VM meets the rules for its hypervisor, with its host and without.
        int n = quiet.size();
        Vm[] vms = new Vm[n];
        Host[] hostOf = new Host[n];
        VmRule[][] rulesFor = new VmRule[n][];
        for (int i = 0; i < n; i++) {
            Vm vm = quiet.get(i);
            vms[i] = vm;
            hostOf[i] = vm.kind() == HypervisorKind.VIRTUALBOX ? vbox61 : vm.kind().isVmware() ? esx
                    : Fixture.host(vm.kind());
            rulesFor[i] = rules.stream().filter(r -> r instanceof VmRule && r.info().appliesTo().contains(vm.kind()))
                    .map(r -> (VmRule) r).toArray(VmRule[]::new);
        }
        FindingSink failOnReport = f -> {
            throw new AssertionError("a quiet VM was reported: " + f);
        };
        AuditSettings settings = AuditSettings.DEFAULTS;

        long thread = Thread.currentThread().getId();
        threads.getThreadAllocatedBytes(thread);
        long before = 0;
        int rounds = 2_000;
        int evaluations = 0;
        // Round -1 loads and initialises the rules' helper classes, once per JVM: what a class costs to
        // load grows with the catalogue and says nothing about what a rule allocates per VM. It runs
        // interpreted, as the first measured rounds still do.
        for (int round = -1; round < rounds; round++) {
            if (round == 0) {
                before = threads.getThreadAllocatedBytes(thread);
                evaluations = 0;
            }
            for (int i = 0; i < n; i++) {
                VmRule[] applicable = rulesFor[i];
                for (int r = 0; r < applicable.length; r++) {
                    applicable[r].evaluate(vms[i], hostOf[i], settings, failOnReport);
                    applicable[r].evaluate(vms[i], null, settings, failOnReport);
                    evaluations += 2;
                }
            }
            for (HostRule rule : hostRules) {
                rule.evaluate(esx, quiet, settings, failOnReport);
                evaluations++;
            }
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // One rule allocating 16 bytes for one VM would cost 2 x rounds x 16 bytes here; half of that
        // leaves room for what the JVM itself allocates on this thread (class loading, JIT, surefire).
        long oneAllocatingRule = 2L * rounds * 16;
        assertTrue(allocated < oneAllocatingRule / 2, allocated + " bytes allocated over " + evaluations + " evaluations");
    }
}
