package org.hvdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help on every command, `hvdiag help`, the connector list and the completion script, as an admin meets them. */
class CommandManualsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"audit", "inventory", "fix", "undo", "rules", "connectors", "completion"})
    void everyCommandHasHelp(String command) {
        Lab.Run run = Lab.hvdiag(command, "--help");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Usage: hvdiag " + command), run.out());
        assertEquals(run.out(), Lab.hvdiag("help", command).out(), "`hvdiag help " + command + "` shows the same page");
    }

    @Test
    void connectorOptionsComeFromTheDescriptors() {
        String help = Lab.hvdiag("audit", "--help").out();
        for (String flag : List.of("--host-cores=N", "--host-threads=N", "--host-memory=MIB", "--host-hw=VERSION", "--thumbprint=SHA256")) {
            assertTrue(help.contains(flag), flag + " in:\n" + help);
        }
        assertTrue(help.contains("--thumbprint=SHA256   [vsphere] SHA-256"), "each option says which connectors take it:\n" + help);
        assertTrue(help.contains("--host-cores=N        [vmx] Physical cores"), help);
        String undo = Lab.hvdiag("undo", "--help").out();
        assertTrue(undo.contains("--thumbprint=SHA256"), undo);
    }

    @Test
    void anOptionNoTargetTakesIsRefused() {
        Lab.Run run = Lab.hvdiag("audit", Lab.folder().toString(), "--thumbprint", "ab".repeat(32));
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--thumbprint does not apply to vmx targets; it is for vsphere targets"), run.err());
    }

    @Test
    void aMalformedOptionValueNamesTheOption() {
        Lab.Run run = Lab.hvdiag("audit", Lab.folder().toString(), "--host-cores", "many");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--host-cores: 'many' is not a count"), run.err());
    }

    @Test
    void hostOptionsStillReachTheVmxConnector() {
        Lab.Run run = Lab.hvdiag("inventory", Lab.folder().toString(), "--host-cores", "3", "--format", "csv", "--table", "hosts");
        assertEquals(0, run.exitCode(), run.err());
        String[] row = run.out().split("\r\n")[1].split(",");
        assertEquals("3", row[6], "cpuCores column: " + run.out());
    }

    @Test
    void connectorsListsEachWithItsTargetsAndOptions() {
        Lab.Run run = Lab.hvdiag("connectors");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("vmx  VMware Workstation/Fusion (.vmx)"), run.out());
        assertTrue(run.out().contains("vsphere  VMware ESXi/vCenter"), run.out());
        assertTrue(run.out().contains("target: vsphere://user@host[:port]"), run.out());
        assertTrue(run.out().contains("--host-hw VERSION"), run.out());
        assertTrue(run.out().contains("account: user in the URL, password from HVDIAG_PASSWORD or a prompt"), run.out());
    }

    @Test
    void anUnknownTargetNamesTheFormsTheConnectorsAccept() {
        Lab.Run run = Lab.hvdiag("audit", "vbox://admin@lab01");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no installed connector reads 'vbox://admin@lab01'"), run.err());
        assertTrue(run.err().contains("vsphere://user@host[:port]"), run.err());
    }

    /** The generated script, sourced into a real bash, completes commands and a command's options. */
    @Test
    void completionScriptCompletesCommandsAndOptions() throws Exception {
        Lab.Run run = Lab.hvdiag("completion");
        assertEquals(0, run.exitCode(), run.err());
        Path script = dir.resolve("hvdiag-completion.bash");
        Files.writeString(script, run.out());
        assertEquals(List.of("audit"), complete(script, "hvdiag", "au"));
        assertTrue(complete(script, "hvdiag", "").containsAll(List.of("audit", "inventory", "fix", "undo", "rules", "connectors", "help")));
        List<String> fixOptions = complete(script, "hvdiag", "fix", "--");
        assertTrue(fixOptions.containsAll(List.of("--dry-run", "--yes", "--rule", "--thumbprint", "--host-cores", "--help")), fixOptions.toString());
    }

    private List<String> complete(Path script, String... words) throws IOException, InterruptedException {
        StringBuilder line = new StringBuilder();
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w).append("'");
            line.append(line.length() == 0 ? "" : " ").append(w);
        }
        String bash = "source '" + script + "'\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line + "'\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_hvdiag hvdiag '" + words[words.length - 1] + "' '" + (words.length > 1 ? words[words.length - 2] : "") + "'\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", bash).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bash did not finish");
        return out.lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
