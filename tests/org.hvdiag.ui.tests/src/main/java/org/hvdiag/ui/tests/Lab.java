package org.hvdiag.ui.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hvdiag.cli.Catalog;
import org.hvdiag.cli.Cli;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.ui.PlatformUI;

import org.hvdiag.ui.internal.AuditJob;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.Audits;
import org.hvdiag.ui.internal.Connection;
import org.hvdiag.ui.internal.Connections;
import org.hvdiag.ui.internal.Installed;
import org.hvdiag.ui.internal.evidence.EvidencePeriod;
import org.hvdiag.ui.internal.evidence.EvidenceSetting;

/** The lab fleet and the workbench's shared state, set up the way each test needs it. */
final class Lab {
    private Lab() {
    }

    /** A workbench service as parts and handlers get it injected: from the workbench's context. */
    static <T> T service(Class<T> type) {
        T found = PlatformUI.getWorkbench().getService(IEclipseContext.class).get(type);
        if (found == null) {
            throw new AssertionError(type.getSimpleName() + " is not in the workbench's context (is its DS component registered?)");
        }
        return found;
    }

    static Path repoLab() {
        return Path.of(System.getProperty("hvdiag.repo"), "examples", "lab").toAbsolutePath().normalize();
    }

    static Path copyOfLab(Path into) throws IOException {
        Path src = repoLab();
        try (Stream<Path> all = Files.walk(src)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path to = into.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return into;
    }

    /** Only the given connections, passwords in a throw-away secure storage (no master password prompt). */
    static void onlyConnections(Path storage, Connection... connections) throws Exception {
        Connections store = service(Connections.class);
        Map<String, Object> options = Map.of(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec("test".toCharArray()),
                IProviderHints.PROMPT_USER, Boolean.FALSE);
        ISecurePreferences secure = SecurePreferencesFactory.open(storage.toUri().toURL(), options);
        store.useSecureStorage(secure);
        for (Connection c : store.all()) {
            store.remove(c.name());
        }
        for (Connection c : connections) {
            store.save(c, null);
        }
        // The log period as a fresh workspace has it, whatever a test before chose.
        service(EvidenceSetting.class).choose(EvidencePeriod.DEFAULT_DAYS);
    }

    static Connection folder(String name, Path folder) {
        return new Connection(name, "vmx", folder.toString(), "", Map.of());
    }

    /** Audits every connection as the Audit button does and waits for the views to get it. */
    static AuditResults.Snapshot audit() {
        AuditJob job = service(Audits.class).start(service(Connections.class).all());
        WorkbenchDriver.waitFor(job, 60_000);
        WorkbenchDriver.pump(300);
        return service(AuditResults.class).current();
    }

    /**
     * What `hvdiag audit FOLDER --evidence --until UNTIL --format json` reports, run in-process on the
     * registered services: the workbench's default audit, logs of the 7 days up to the pinned end.
     */
    static List<JsonNode> cliFindings(Path folder) throws IOException {
        Installed installed = service(Installed.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new Catalog(installed.connectors().all(), installed.rules()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run("audit", folder.toString(), "--evidence", "--until", System.getProperty(EvidenceSetting.UNTIL_PROPERTY), "--format", "json");
        if (code > 1) {
            throw new AssertionError("hvdiag audit exited " + code + ": " + err.toString(StandardCharsets.UTF_8));
        }
        List<JsonNode> findings = new ArrayList<>();
        new ObjectMapper().readTree(out.toByteArray()).path("findings").forEach(findings::add);
        findings.sort(Comparator.comparing(JsonNode::toString));
        return findings;
    }
}
