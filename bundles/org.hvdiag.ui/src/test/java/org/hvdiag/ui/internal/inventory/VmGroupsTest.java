package org.hvdiag.ui.internal.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.Vm;

class VmGroupsTest {
    private static final ToIntFunction<Vm> NOT_READ = vm -> -1;

    private static Vm vm(String name, PowerState state) {
        return Vm.builder("/vms/" + name + ".vmx", HypervisorKind.VMWARE_WORKSTATION).name(name).powerState(state).build();
    }

    /** kiosk-00000 ... : every third one running, the rest powered off, listed in a shuffled order. */
    private static List<Vm> fleet(int size) {
        List<Vm> vms = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            vms.add(vm(String.format("kiosk-%05d", i), i % 3 == 0 ? PowerState.POWERED_ON : PowerState.POWERED_OFF));
        }
        Collections.shuffle(vms, new java.util.Random(12));
        return vms;
    }

    /** Every VM under {@code g}, in the order the rows show them. */
    private static List<Vm> shown(VmGroups.Group g) {
        List<Vm> all = new ArrayList<>(g.vms());
        for (VmGroups.Group child : g.groups()) {
            all.addAll(shown(child));
        }
        return all;
    }

    private static void eachGroup(VmGroups.Group g, java.util.function.Consumer<VmGroups.Group> check) {
        check.accept(g);
        g.groups().forEach(child -> eachGroup(child, check));
    }

    private static List<String> names(List<Vm> vms) {
        return vms.stream().map(Vm::name).toList();
    }

    @Test
    void aSmallHostStaysFlatInTheInventorysOrder() {
        List<Vm> vms = fleet(VmGroups.FLAT);
        VmGroups.Group host = VmGroups.of(vms, VmGroups.Order.INVENTORY, false, NOT_READ);
        assertTrue(host.groups().isEmpty());
        assertEquals(vms, host.vms(), "the VMs right under the host, as the inventory listed them");
    }

    @Test
    void aHostOf16000VmsIsGroupedByPowerStateThenPagedByNameWithEveryVmOnce() {
        List<Vm> vms = fleet(16_000);
        VmGroups.Group host = VmGroups.of(vms, VmGroups.Order.INVENTORY, false, NOT_READ);
        assertEquals(List.of("Powered on  (5334)", "Powered off  (10666)"), host.groups().stream().map(VmGroups.Group::label).toList());
        eachGroup(host, g -> {
            assertTrue(g.size() <= VmGroups.MOST_CHILDREN, g.label() + " opens onto " + g.size() + " rows");
            assertTrue(g.groups().isEmpty() || g.vms().isEmpty(), g.label() + " holds groups or VMs, not both");
            assertEquals(shown(g).size(), g.vmCount(), g.label());
        });
        List<Vm> shown = shown(host);
        assertEquals(16_000, shown.size());
        assertEquals(16_000, new java.util.HashSet<>(shown).size(), "every VM exactly once");
        List<Vm> byName = new ArrayList<>(shown);
        byName.sort(Comparator.comparing(Vm::name));
        List<Vm> expected = new ArrayList<>(vms);
        expected.sort(Comparator.comparing(Vm::name));
        assertEquals(expected, byName);

        VmGroups.Group on = host.groups().get(0);
        assertTrue(on.vms().isEmpty());
        assertEquals(22, on.groups().size(), "5,334 VMs in 22 pages of 243 (the last 231), not 21 of 250 and a short one");
        VmGroups.Group first = on.groups().get(0);
        assertEquals(243, first.vmCount());
        assertTrue(first.vms().stream().allMatch(vm -> vm.powerState() == PowerState.POWERED_ON));
        assertEquals(names(first.vms()).stream().sorted().toList(), names(first.vms()), "pages in name order");
        // Guide words: kiosk-00000 .. kiosk-00726 (every third), then kiosk-00729 on the next page.
        assertEquals("kiosk-00000", first.vms().get(0).name());
        assertEquals("kiosk-00726", first.vms().get(242).name());
        assertEquals("kiosk-00000 – kiosk-00726  (243)", first.label(), "the first page has no page before it: the whole name");
        assertEquals("kiosk-00729 – kiosk-01455  (243)", on.groups().get(1).label());
        assertEquals(231, on.groups().get(21).vmCount());
    }

    @Test
    void namesThatDifferEarlyMakeShortGuideWords() {
        assertEquals("B", VmGroups.guide("Build 01", "Accounting"));
        assertEquals("Web 02", VmGroups.guide("Web 02", "web 01"), "case does not tell names apart");
        assertEquals("db", VmGroups.guide("db", "db"), "the same name: the whole name");
        assertEquals("ab", VmGroups.guide("ab", "a"));
        assertEquals("w", VmGroups.guide("web-10", "db-99"));
        assertEquals("kiosk-02472", VmGroups.guide("kiosk-02472", "kiosk-02468"), "a number is not cut");
        assertEquals("kiosk-1482", VmGroups.guide("kiosk-1482", "kiosk-0994"));
        assertEquals("srv-12-a", VmGroups.guide("srv-12-a", "srv-12-b"));
    }

    @Test
    void moreVmsThanPagesCanHoldMakePagesOfPages() {
        List<Vm> vms = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            vms.add(vm(String.format("vm-%06d", i), PowerState.POWERED_OFF));
        }
        VmGroups.Group host = VmGroups.of(vms, VmGroups.Order.NAME, false, NOT_READ);
        VmGroups.Group off = host.groups().get(0);
        assertEquals(2, off.groups().size(), "70,000 VMs: 2 pages of 35,000, each of 140 pages of 250");
        assertEquals(140, off.groups().get(0).groups().size());
        eachGroup(host, g -> assertTrue(g.size() <= VmGroups.MOST_CHILDREN, g.label()));
        assertEquals(names(vms), names(shown(host)), "in order, each once");
    }

    @Test
    void sortedByCrashesThePagesRunMostFirstAndGroupsAddTheirVmsUp() {
        List<Vm> vms = fleet(1_000);
        Map<Vm, Integer> counts = new HashMap<>();
        for (Vm vm : vms) {
            int n = Integer.parseInt(vm.name().substring(6));
            // 100 VMs crashed (0 to 9 times), 800 read with none, 100 not read.
            counts.put(vm, n < 100 ? n % 10 : n < 900 ? 0 : -1);
        }
        ToIntFunction<Vm> crashes = counts::get;
        List<Vm> mostFirst = new ArrayList<>(vms);
        mostFirst.sort(Comparator.comparingInt(crashes).reversed().thenComparing(Vm::name));
        VmGroups.Group host = VmGroups.of(mostFirst, VmGroups.Order.CRASHES, false, crashes);
        int total = counts.values().stream().filter(c -> c > 0).mapToInt(Integer::intValue).sum();
        assertEquals(total, host.crashes());
        List<Integer> stateSums = host.groups().stream().map(VmGroups.Group::crashes).toList();
        assertEquals(stateSums.stream().sorted(Comparator.reverseOrder()).toList(), stateSums, "power states with most crashes first");
        // Within a power state (the host holds the power states, ordered by their sums above).
        host.groups().forEach(state -> eachGroup(state, g -> {
            List<Integer> own = shown(g).stream().map(counts::get).toList();
            assertEquals(own.stream().sorted(Comparator.reverseOrder()).toList(), own, g.label() + ": most first within");
            assertEquals(own.stream().filter(c -> c >= 0).mapToInt(Integer::intValue).sum(), Math.max(0, g.crashes()), g.label());
        }));
        VmGroups.Group off = host.groups().stream().filter(g -> g.name().equals("Powered off")).findFirst().orElseThrow();
        assertEquals(3, off.groups().size(), "666 powered off in 3 pages");
        assertEquals("9 – 0 crashes  (222)", off.groups().get(0).label());
        assertTrue(off.groups().get(1).label().startsWith("0 crashes, kiosk-"), off.groups().get(1).label());
        assertTrue(off.groups().get(2).label().startsWith("0 crashes – logs not read"), off.groups().get(2).label());

        VmGroups.Group least = VmGroups.of(reversed(mostFirst), VmGroups.Order.CRASHES, true, crashes);
        List<Integer> leastSums = least.groups().stream().map(VmGroups.Group::crashes).toList();
        assertEquals(leastSums.stream().sorted().toList(), leastSums, "turned round: fewest first");
    }

    @Test
    void aPowerStateWithNoLogReadHasNoCountRatherThanZero() {
        List<Vm> vms = fleet(600);
        VmGroups.Group host = VmGroups.of(vms, VmGroups.Order.NAME, false, NOT_READ);
        eachGroup(host, g -> assertEquals(-1, g.crashes(), g.label()));
    }

    private static List<Vm> reversed(List<Vm> vms) {
        List<Vm> r = new ArrayList<>(vms);
        Collections.reverse(r);
        return r;
    }
}
