package org.hvdiag.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hvdiag.audit.BuiltInRules;
import org.hvdiag.audit.Rule;
import org.hvdiag.cli.Catalog;
import org.hvdiag.cli.Cli;
import org.hvdiag.core.connector.Connector;

/**
 * Runs inside Equinox with Felix SCR: the connectors and rules the CLI and the workbench use must
 * be found through the service registry, exactly as a third-party bundle's would be.
 */
class ServiceDiscoveryTest {

    private static <T> List<T> services(Class<T> type) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(ServiceDiscoveryTest.class).getBundleContext();
        for (Bundle b : context.getBundles()) {
            // Lazy bundles must be started for SCR to look at them, as the product's launcher does.
            if (b.getSymbolicName().startsWith("org.hvdiag.") && b.getHeaders().get("Fragment-Host") == null
                    && b.getState() != Bundle.ACTIVE && b.getState() != Bundle.STARTING) {
                b.start(Bundle.START_ACTIVATION_POLICY);
            }
        }
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
            List<T> found = new ArrayList<>();
            Object[] all = tracker.getServices();
            if (all != null) {
                for (Object o : all) {
                    found.add(type.cast(o));
                }
            }
            return found;
        } finally {
            tracker.close();
        }
    }

    @Test
    void everyBuiltInRuleIsRegisteredAsAService() throws Exception {
        Set<String> registered = new HashSet<>();
        for (Rule r : services(Rule.class)) {
            registered.add(r.info().id());
        }
        Set<String> builtIn = new HashSet<>();
        for (Rule r : BuiltInRules.all()) {
            builtIn.add(r.info().id());
        }
        assertTrue(builtIn.size() >= 15, "at least 15 built-in rules, found " + builtIn.size());
        assertEquals(builtIn, registered, "rules in the service registry");
    }

    @Test
    void theVmxConnectorIsRegisteredAsAService() throws Exception {
        List<String> ids = services(Connector.class).stream().map(Connector::id).toList();
        assertTrue(ids.contains("vmx"), "connectors registered: " + ids);
    }

    @Test
    void theVsphereConnectorIsRegisteredAsAService() throws Exception {
        List<Connector> connectors = services(Connector.class);
        List<String> ids = connectors.stream().map(Connector::id).toList();
        assertTrue(ids.contains("vsphere"), "connectors registered: " + ids);
        Connector vsphere = connectors.get(ids.indexOf("vsphere"));
        assertTrue(vsphere.accepts("vsphere://admin@esxi01.example:443"));
        // yavijava and its libraries resolve inside OSGi: the connector's SDK classes load.
        assertEquals("yavijava", FrameworkUtil.getBundle(Class.forName("com.vmware.vim25.VimPortType", false,
                vsphere.getClass().getClassLoader())).getSymbolicName());
    }

    @Test
    void theCliAuditsTheLabWithRegisteredServicesOnly() throws Exception {
        Path lab = Path.of(System.getProperty("hvdiag.repo"), "examples", "lab");
        assertTrue(Files.isDirectory(lab), "the lab folder " + lab);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Catalog catalog = new Catalog(services(Connector.class), services(Rule.class));
        int code = new Cli(catalog, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run("audit", lab.toString(), "--format", "json");
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, "the lab has error findings, so exit code 1; stderr: " + stderr);
        JsonNode report = new ObjectMapper().readTree(out.toByteArray());
        assertTrue(report.path("summary").path("vms").asInt() >= 20, "VMs audited: " + report.path("summary"));
        assertTrue(report.path("findings").size() > 0, "findings in the report");
    }
}
