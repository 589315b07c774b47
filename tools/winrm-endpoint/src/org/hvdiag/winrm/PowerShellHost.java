package org.hvdiag.winrm;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * powershell.exe as this loopback host runs it: the script must come as -EncodedCommand (base64 of
 * UTF-16LE), and it is acted on only by hvdiag's marker lines (vm-json, then inventory or change; evidence alone);
 * PowerShell itself is not interpreted. Anything else gets one PowerShell-style error, exit 1.
 */
final class PowerShellHost {
    static final String VM_JSON_MARKER = "# hvdiag vm-json v1";
    static final String INVENTORY_MARKER = "# hvdiag inventory v1";
    static final String CHANGE_MARKER = "# hvdiag change v1";
    static final String EVIDENCE_MARKER = "# hvdiag evidence v1";
    private static final Pattern PLAN = Pattern.compile("FromBase64String\\('([^']*)'\\)");

    private final Fleet fleet;
    private final ChangeScript change;
    private final EvidenceScript evidence;

    PowerShellHost(Fleet fleet) {
        this.fleet = fleet;
        this.change = new ChangeScript(fleet);
        this.evidence = new EvidenceScript(fleet);
    }

    /** {@code args}: powershell.exe's arguments as cmd would pass them (already split). */
    CommandOutput run(List<String> args) {
        String encoded = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).toLowerCase(Locale.ROOT);
            // powershell.exe takes any unambiguous prefix: -e, -ec, -enc, ... -encodedcommand.
            if (a.startsWith("-e") && "-encodedcommand".startsWith(a) && i + 1 < args.size()) {
                encoded = args.get(i + 1);
                break;
            }
        }
        if (encoded == null) {
            return CommandOutput.of("", PsError.notHvdiag().text(), 1);
        }
        String script;
        try {
            script = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_16LE);
        } catch (IllegalArgumentException e) {
            return CommandOutput.of("", "Cannot process the command because the value specified with -EncodedCommand is not "
                    + "properly encoded. The value must be Base64 encoded.\n", 1);
        }
        return runScript(script);
    }

    CommandOutput runScript(String script) {
        String[] lines = script.split("\r?\n");
        int vmJson = marker(lines, VM_JSON_MARKER);
        int inventory = marker(lines, INVENTORY_MARKER);
        int changeAt = marker(lines, CHANGE_MARKER);
        int evidenceAt = marker(lines, EVIDENCE_MARKER);
        if (evidenceAt >= 0 && inventory < 0 && changeAt < 0) {
            // evidence.ps1 stands alone: it prints events, not VMs, so it needs no Get-HvdiagVm.
            Matcher m = PLAN.matcher(String.join("\n", java.util.Arrays.copyOfRange(lines, evidenceAt, lines.length)));
            return m.find() ? evidence.run(m.group(1)) : CommandOutput.of("", PsError.notHvdiag().text(), 1);
        }
        if (inventory < 0 && changeAt < 0) {
            return CommandOutput.of("", PsError.notHvdiag().text(), 1);
        }
        if (vmJson < 0 || vmJson > Math.max(inventory, changeAt)) {
            // Both scripts call Get-HvdiagVm, which vm-json.ps1 defines: without it PowerShell cannot resolve it.
            return CommandOutput.of("", PsError.notRecognized("Get-HvdiagVm").text(), 1);
        }
        if (inventory >= 0) {
            return CommandOutput.of(fleet.inventoryJson() + "\n", "", 0);
        }
        StringBuilder rest = new StringBuilder();
        for (int i = changeAt; i < lines.length; i++) {
            rest.append(lines[i]).append('\n');
        }
        Matcher m = PLAN.matcher(rest);
        if (!m.find()) {
            return CommandOutput.of("", PsError.notHvdiag().text(), 1);
        }
        return change.run(m.group(1));
    }

    private static int marker(String[] lines, String marker) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().equals(marker)) {
                return i;
            }
        }
        return -1;
    }
}
