package org.hvdiag.hyperv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.UsbControllerType;

/** The change script hvdiag sends: the plan as base64 data, never as PowerShell text. */
class ChangeScriptTest {
    static final String ID = "0b1f3c2a-5d6e-4f70-8a9b-0c1d2e3f4a5b";
    static final String EVIL = "x'; Stop-Computer; '";
    static final List<ConfigChange> EVERY_KIND = List.of(
            new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.SOFT),
            new ConfigChange.SetVcpus(4),
            new ConfigChange.SetMemory(4096),
            new ConfigChange.SetDynamicMemory(true, 1024, -1, 30),
            ConfigChange.SetDynamicMemory.off(),
            new ConfigChange.SetNestedVirtualization(true),
            new ConfigChange.SetIntegrationService("Shutdown", true),
            new ConfigChange.SetSecureBootTemplate("MicrosoftUEFICertificateAuthority"),
            new ConfigChange.UpgradeHardwareVersion(HardwareVersion.hyperv(10, 0)));

    private static JsonNode planIn(String script) throws Exception {
        Matcher m = Pattern.compile("FromBase64String\\('([A-Za-z0-9+/=]*)'\\)").matcher(script);
        assertTrue(m.find(), "the plan literal is in the script");
        return ScriptedHost.JSON.readTree(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
    }

    @Test
    void everyKindBecomesTheStepChangePs1ReadsWithMemoryInBytes() throws Exception {
        JsonNode plan = ScriptedHost.JSON.readTree(PlanJson.of(ID, EVERY_KIND).json());
        assertEquals(ID, plan.get("VmId").asText());
        JsonNode c = plan.get("Changes");
        assertEquals("{\"Kind\":\"AutomaticStopAction\",\"Value\":\"ShutDown\"}", c.get(0).toString());
        assertEquals("{\"Kind\":\"ProcessorCount\",\"Value\":4}", c.get(1).toString());
        assertEquals("{\"Kind\":\"MemoryStartup\",\"Value\":4294967296}", c.get(2).toString());
        assertEquals("{\"Kind\":\"DynamicMemory\",\"Enabled\":true,\"Minimum\":1073741824,\"Maximum\":null,\"Buffer\":30}",
                c.get(3).toString(), "a value the change leaves alone is null, so Set-VMMemory is not given it");
        assertEquals("{\"Kind\":\"DynamicMemory\",\"Enabled\":false}", c.get(4).toString());
        assertEquals("{\"Kind\":\"ExposeVirtualizationExtensions\",\"Value\":true}", c.get(5).toString());
        assertEquals("{\"Kind\":\"IntegrationService\",\"Name\":\"Shutdown\",\"Enabled\":true}", c.get(6).toString());
        assertEquals("{\"Kind\":\"SecureBootTemplate\",\"Value\":\"MicrosoftUEFICertificateAuthority\"}", c.get(7).toString());
        assertEquals("{\"Kind\":\"UpdateVersion\"}", c.get(8).toString());
    }

    @Test
    void theCommandIsPowershellWithTheScriptEncodedAsUtf16AndThePlanAsBase64Data() throws Exception {
        PowerShellCommand cmd = HypervScripts.change(PlanJson.of(ID, EVERY_KIND));
        assertEquals(List.of("-NoProfile", "-NonInteractive", "-EncodedCommand"), cmd.arguments().subList(0, 3));
        String script = PowerShellCommand.decode(cmd.arguments().get(3));
        assertTrue(script.startsWith("# hvdiag vm-json v1\n"), "vm-json.ps1 comes first");
        assertTrue(script.contains("\n# hvdiag change v1\n"));
        assertFalse(script.contains(HypervScripts.PLAN_PLACEHOLDER), "the placeholder is replaced");
        assertEquals(ScriptedHost.JSON.readTree(PlanJson.of(ID, EVERY_KIND).json()), planIn(script));
        assertTrue(cmd.commandLineLength() <= PowerShellCommand.MAX_COMMAND_LINE,
                "a plan of every kind fits one Windows command line: " + cmd.commandLineLength());
    }

    @Test
    void aVmNameOrValueWithPowerShellInItNeverBecomesScriptText() throws Exception {
        // The VM is named by its id only; the service name and template are values inside the base64 data.
        List<ConfigChange> changes = List.of(new ConfigChange.SetIntegrationService(EVIL, true),
                new ConfigChange.SetSecureBootTemplate(EVIL));
        ScriptedHost host = new ScriptedHost();
        host.add(ScriptedHost.vm(ID, EVIL));
        new HostScripts(host, "hv1.example").change(ID, changes);
        String script = host.scripts.get(0);
        assertFalse(script.contains(EVIL), "the name and the values are not in the script text");
        assertFalse(script.contains("Stop-Computer"));
        JsonNode plan = planIn(script);
        assertEquals(EVIL, plan.get("Changes").get(0).get("Name").asText(), "the value arrives as data");
        assertFalse(plan.has("Name"), "the plan has no VM name");
        String literal = script.substring(script.indexOf("FromBase64String('") + 18);
        assertTrue(literal.indexOf('\'') > 0 && literal.substring(0, literal.indexOf('\'')).matches("[A-Za-z0-9+/=]+"),
                "only base64 characters sit inside the single-quoted literal");
    }

    @Test
    void theInventoryIsVmJsonThenTheInventoryScript() {
        String script = PowerShellCommand.decode(HypervScripts.inventory().arguments().get(3));
        assertTrue(script.startsWith("# hvdiag vm-json v1\n"));
        assertTrue(script.contains("\n# hvdiag inventory v1\n"));
        assertFalse(script.contains("\r"), "one line ending, whatever the checkout");
    }

    @Test
    void usbAndHotAddChangesAreRefusedBeforeAnythingIsSent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlanJson.of(ID, List.of(new ConfigChange.AddUsbController(UsbControllerType.XHCI))));
        assertTrue(e.getMessage().contains("Hyper-V cannot add") && e.getMessage().contains("no USB passthrough"), e.getMessage());
    }

    @Test
    void anIdThatIsNotAGuidIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlanJson.of("web01'; Stop-Computer", List.of()));
        assertTrue(e.getMessage().contains("is not a Hyper-V VM id (expected a GUID"), e.getMessage());
    }
}
