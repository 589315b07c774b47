package org.hvdiag.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

class BuiltInRulesTest {
    static final List<String> PREFIXES = List.of("usb-", "hw-", "cpu-", "mem-", "tools-", "power-", "hotplug-", "boot-",
            "checkpoint-", "evidence-");

    @Test
    void catalogHasAtLeastFifteenRulesWithUniqueIds() {
        List<Rule> rules = BuiltInRules.all();
        assertTrue(rules.size() >= 15, "only " + rules.size() + " rules");
        Set<String> ids = new HashSet<>();
        for (Rule r : rules) {
            assertTrue(ids.add(r.info().id()), "duplicate id " + r.info().id());
        }
        assertTrue(ids.containsAll(List.of("usb-xhci-hardware-too-old", "usb-xhci-guest-unsupported",
                "usb-macos-needs-ehci", "usb-duplicate-controller", "usb-ehci-and-xhci-windows", "usb-no-xhci-for-usb3",
                "usb-autoconnect-on-server", "usb-filter-matches-any", "usb-too-many-devices", "hw-older-than-host",
                "hw-below-floor", "cpu-hotadd-disables-vnuma", "cpu-vcpus-exceed-host-cores", "mem-exceeds-host",
                "mem-host-overcommit", "tools-not-installed", "tools-upgrade-manual", "power-hard-poweroff",
                "hotplug-devices-server", "usb-vbox-extpack-missing", "hw-hyperv-below-8", "mem-dynamic-with-nested",
                "boot-linux-secure-boot-template", "tools-integration-services-off", "cpu-hyperv-guest-vcpu-limit",
                "checkpoint-on-server-vm", "power-vm-paused", "usb-libvirt-prefer-xhci",
                "usb-libvirt-hostdev-not-optional", "usb-redirection-on-server")), ids.toString());
    }

    @Test
    void everyRuleIsDescribedForTheCatalog() {
        for (Rule r : BuiltInRules.all()) {
            RuleInfo info = r.info();
            String id = info.id();
            assertTrue(id.matches("[a-z0-9]+(-[a-z0-9]+)+"), id + " is not kebab-case");
            assertTrue(PREFIXES.stream().anyMatch(id::startsWith), id + " has no known prefix");
            assertFalse(info.title().isBlank(), id);
            assertTrue(info.title().length() <= 70, id + ": title too long for a table column");
            assertTrue(info.rationale().length() > 80, id + ": rationale too thin");
            assertFalse(info.reference().isBlank(), id);
            assertFalse(info.appliesTo().isEmpty(), id);
        }
    }

    @Test
    void inferredRulesStayAtWarningOrBelow() {
        for (Rule r : BuiltInRules.all()) {
            RuleInfo info = r.info();
            boolean inferred = info.rationale().toLowerCase(Locale.ROOT).contains("inferred");
            // The one exception: xHCI on pre-vmx-08 hardware is an ERROR whose fix keeps the hardware as is.
            if (inferred && !info.id().equals("usb-xhci-hardware-too-old")) {
                assertTrue(info.severity() != Severity.ERROR, info.id() + " rests on an inferred fact but is an error");
            }
        }
    }

    @Test
    void allGivesNewInstances() {
        List<Rule> a = BuiltInRules.all();
        List<Rule> b = BuiltInRules.all();
        for (int i = 0; i < a.size(); i++) {
            assertNotSame(a.get(i), b.get(i));
            assertEquals(a.get(i).getClass(), b.get(i).getClass());
        }
    }

    @Test
    void cleanWindows10GivesNoFindingsOnAnyHypervisor() {
        RuleEngine engine = new RuleEngine(BuiltInRules.all());
        for (HypervisorKind kind : HypervisorKind.values()) {
            Vm vm = Fixture.windows10(kind);
            List<Finding> found = new ArrayList<>();
            engine.audit(List.of(vm), Map.of(Fixture.HOST_ID, Fixture.host(kind)), AuditSettings.DEFAULTS, found::add);
            assertEquals(List.of(), found, kind.toString());
        }
    }

    /**
     * Sizing, device choice, software in the guest, checkpoints and power states are the admin's call;
     * what a log says happened is history: its fix is the configuration finding it names.
     */
    static final Set<String> NOT_FIXABLE = Set.of("mem-exceeds-host", "mem-host-overcommit", "usb-too-many-devices",
            "tools-not-installed", "checkpoint-on-server-vm", "power-vm-paused", "evidence-crash-after-usb-connect",
            "evidence-usb-flapping", "evidence-abnormal-stops");

    @Test
    void fixableFlagMatchesWhatTheRulesOffer() {
        // A rule that says fixable=false never offers a plan; Fixture.only checks that for every finding.
        for (Rule r : BuiltInRules.all()) {
            if (NOT_FIXABLE.contains(r.info().id())) {
                assertFalse(r.info().fixable(), r.info().id());
            } else {
                assertTrue(r.info().fixable(), r.info().id());
            }
        }
    }
}
