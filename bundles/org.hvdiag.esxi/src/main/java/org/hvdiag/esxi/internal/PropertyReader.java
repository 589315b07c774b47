package org.hvdiag.esxi.internal;

import java.rmi.RemoteException;
import java.util.List;
import java.util.function.Consumer;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.ObjectSpec;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.PropertySpec;
import com.vmware.vim25.RetrieveOptions;
import com.vmware.vim25.RetrieveResult;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Progress;

/**
 * Reads named properties of many objects in a few round trips: a ContainerView over every object
 * of a type, and RetrievePropertiesEx in pages (ContinueRetrievePropertiesEx), handing each object to
 * the caller as it arrives so that a fleet of tens of thousands is never held twice in memory.
 * The bulk read of a whole type is streamed (StreamedRetrieval: parsed while it arrives, next page
 * asked for early); the reads of given objects around a change stay on yavijava, whose full SDK
 * objects the reconfiguration specs are built from.
 */
final class PropertyReader {
    /** Objects per page: large enough for few round trips, small enough to parse in little memory. */
    static final int PAGE = 1000;

    private final VimConnection vim;

    PropertyReader(VimConnection vim) {
        this.vim = vim;
    }

    /** Every object of {@code type} below the root folder, with the given property paths. */
    void readAll(String type, List<String> paths, Progress progress, Consumer<ObjectProperties> each) throws ConnectorException {
        ManagedObjectReference view;
        try {
            view = vim.port().createContainerView(vim.content().getViewManager(), vim.content().getRootFolder(),
                    new String[] {type}, true);
        } catch (RemoteException e) {
            throw vim.failure("list the " + type + " objects of", e);
        }
        try {
            new StreamedRetrieval(vim.soap(), vim.url(), vim.content().getPropertyCollector().getVal())
                    .readView(view.getVal(), type, paths, PAGE, progress, each);
        } finally {
            try {
                vim.port().destroyView(view);
            } catch (RemoteException | RuntimeException e) {
                // A view left behind is dropped with the session.
            }
        }
    }

    /** The given objects only (re-reading VMs around a change), still in one paged retrieval. */
    void read(String type, List<ManagedObjectReference> objects, List<String> paths, Consumer<ObjectContent> each)
            throws ConnectorException {
        ObjectSpec[] specs = new ObjectSpec[objects.size()];
        for (int i = 0; i < specs.length; i++) {
            specs[i] = new ObjectSpec();
            specs[i].setObj(objects.get(i));
            specs[i].setSkip(false);
        }
        retrieve(type, paths, specs, Progress.NONE, each);
    }

    private void retrieve(String type, List<String> paths, ObjectSpec[] objects, Progress progress,
            Consumer<ObjectContent> each) throws ConnectorException {
        PropertySpec props = new PropertySpec();
        props.setType(type);
        props.setAll(false);
        props.setPathSet(paths.toArray(new String[0]));
        PropertyFilterSpec filter = new PropertyFilterSpec();
        filter.setObjectSet(objects);
        filter.setPropSet(new PropertySpec[] {props});
        RetrieveOptions options = new RetrieveOptions();
        options.setMaxObjects(PAGE);
        ManagedObjectReference collector = vim.content().getPropertyCollector();
        RetrieveResult page;
        try {
            page = vim.port().retrievePropertiesEx(collector, new PropertyFilterSpec[] {filter}, options);
        } catch (RemoteException e) {
            throw vim.failure("read " + type + " properties from", e);
        }
        while (page != null) {
            ObjectContent[] contents = page.getObjects();
            if (contents != null) {
                for (ObjectContent c : contents) {
                    each.accept(c);
                }
                progress.worked(contents.length);
            }
            String token = page.getToken();
            if (token == null || token.isEmpty()) {
                break;
            }
            try {
                page = vim.port().continueRetrievePropertiesEx(collector, token);
            } catch (RemoteException e) {
                throw vim.failure("read further " + type + " properties from", e);
            }
        }
    }
}
