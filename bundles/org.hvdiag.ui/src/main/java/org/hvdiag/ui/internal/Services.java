package org.hvdiag.ui.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** The shared components for code that injection does not reach (handlers, the application). */
public final class Services {
    private Services() {
    }

    public static <T> T get(Class<T> type) {
        BundleContext context = FrameworkUtil.getBundle(Services.class).getBundleContext();
        ServiceReference<T> ref = context.getServiceReference(type);
        T service = ref == null ? null : context.getService(ref);
        if (service == null) {
            throw new IllegalStateException(type.getSimpleName() + " is not registered: is Felix SCR running?");
        }
        return service;
    }
}
