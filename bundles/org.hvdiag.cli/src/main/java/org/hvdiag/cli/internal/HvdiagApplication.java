package org.hvdiag.cli.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import org.hvdiag.audit.Rule;
import org.hvdiag.cli.Catalog;
import org.hvdiag.cli.Cli;
import org.hvdiag.core.connector.Connector;

/**
 * The headless Eclipse application behind the hvdiag launcher: it takes every connector and rule
 * registered in the OSGi service registry, so a bundle dropped into the product adds to both.
 */
public final class HvdiagApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        BundleContext bundles = FrameworkUtil.getBundle(HvdiagApplication.class).getBundleContext();
        Catalog catalog = new Catalog(services(bundles, Connector.class), services(bundles, Rule.class));
        int code = new Cli(catalog, System.out, System.err).run(args == null ? new String[0] : args);
        System.out.flush();
        return Integer.valueOf(code);
    }

    @Override
    public void stop() {
        // Runs to completion; nothing to interrupt.
    }

    private static <T> List<T> services(BundleContext context, Class<T> type) throws InvalidSyntaxException {
        List<T> found = new ArrayList<>();
        for (ServiceReference<T> ref : context.getServiceReferences(type, null)) {
            T service = context.getService(ref);
            if (service != null) {
                found.add(service);
            }
        }
        return found;
    }
}
