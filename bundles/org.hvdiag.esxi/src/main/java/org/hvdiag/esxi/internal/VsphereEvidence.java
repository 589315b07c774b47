package org.hvdiag.esxi.internal;

import java.rmi.RemoteException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.vmware.vim25.FileInfo;
import com.vmware.vim25.FileQueryFlags;
import com.vmware.vim25.HostDatastoreBrowserSearchResults;
import com.vmware.vim25.HostDatastoreBrowserSearchSpec;
import com.vmware.vim25.ManagedObjectReference;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.LogFile;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Vm;
import org.hvdiag.core.vmware.VmwareLogEvidence;
import org.hvdiag.core.vmware.VmwareLogRotation;

/**
 * Each chosen VM's vmware.log files, read where the VMX writes them: the VM's log folder
 * (config.files.logDirectory, else the .vmx's folder) on its datastore. The folder is listed with
 * the datastore browser (SearchDatastore_Task, which every ESXi and vCenter serves and which gives
 * the sizes), and each log's tail is read over the host's HTTPS file access. A few VMs are read at
 * once: a vCenter has thousands, and each costs a task and a few HTTP round trips.
 */
final class VsphereEvidence {
    /** VMs read at once: enough to hide round trips, few enough not to load the host's file service. */
    static final int READERS = 4;
    static final String LOG_DIRECTORY = "config.files.logDirectory";
    static final String VMX_PATH = "config.files.vmPathName";
    static final String DATASTORES = "datastore";
    /** vmware.log and the rotated vmware-N.log; not vmware-vmx-*.log and the like. */
    private static final Pattern LOG_NAME = Pattern.compile("vmware(?:-(\\d+))?\\.log");

    private final VimConnection vim;

    VsphereEvidence(VimConnection vim) {
        this.vim = vim;
    }

    List<VmEvidence> read(List<Vm> vms, EvidenceWindow window, Progress progress) throws ConnectorException {
        progress.begin("Reading vmware.log files from " + vim.url().hostAndPort(), vms.size());
        List<ManagedObjectReference> refs = new ArrayList<>(vms.size());
        for (Vm vm : vms) {
            refs.add(VimConnection.ref("VirtualMachine", vm.id()));
        }
        Map<String, Map<String, Object>> props = new HashMap<>();
        if (!refs.isEmpty()) {
            new PropertyReader(vim).read("VirtualMachine", refs, List.of(LOG_DIRECTORY, VMX_PATH, DATASTORES),
                    oc -> props.put(oc.getObj().getVal(), Datastores.props(oc)));
        }
        Datastores datastores = Datastores.read(vim);
        DatastoreFileAccess access;
        try {
            access = new DatastoreFileAccess(vim);
        } catch (GeneralSecurityException e) {
            throw new ConnectorException("cannot set up TLS for the datastore files of " + vim.url().hostAndPort() + ": " + e.getMessage());
        }
        ExecutorService pool = Executors.newFixedThreadPool(READERS, r -> {
            Thread t = new Thread(r, "hvdiag-vsphere-logs");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<VmEvidence>> futures = new ArrayList<>(vms.size());
            for (Vm vm : vms) {
                futures.add(pool.submit(() -> {
                    VmEvidence e = progress.isCanceled()
                            ? VmEvidence.unreadable(vm.id(), vm.name(), "not read: the evidence read was cancelled")
                            : one(vm, props.get(vm.id()), datastores, access, window);
                    progress.worked(1);
                    return e;
                }));
            }
            List<VmEvidence> out = new ArrayList<>(vms.size());
            for (int i = 0; i < futures.size(); i++) {
                Vm vm = vms.get(i);
                try {
                    out.add(futures.get(i).get());
                } catch (Exception e) {
                    out.add(VmEvidence.unreadable(vm.id(), vm.name(), "internal error reading the logs: " + e.getClass().getSimpleName()));
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private VmEvidence one(Vm vm, Map<String, Object> p, Datastores datastores, DatastoreFileAccess access,
            EvidenceWindow window) {
        String host = vim.url().hostAndPort();
        if (p == null) {
            return VmEvidence.unreadable(vm.id(), vm.name(), "the VM is no longer on " + host);
        }
        DatastorePath folder = DatastorePath.parse(VmMapper.text(p.get(LOG_DIRECTORY)));
        if (folder == null) {
            DatastorePath vmx = DatastorePath.parse(VmMapper.text(p.get(VMX_PATH)));
            if (vmx == null) {
                return VmEvidence.unreadable(vm.id(), vm.name(), "its log folder is unknown: " + host
                        + " gives neither config.files.logDirectory nor config.files.vmPathName (is the VM inaccessible?)");
            }
            folder = vmx.folder();
        }
        Datastores.Datastore ds = datastores.find(folder.datastore(), refs(p.get(DATASTORES)));
        if (ds == null) {
            int n = datastores.count(folder.datastore());
            return VmEvidence.unreadable(vm.id(), vm.name(), "cannot read the logs in " + folder + ": "
                    + (n == 0 ? "no datastore of that name on " + host
                            : n + " datastores are named '" + folder.datastore() + "' and none is listed among the VM's"));
        }
        if (ds.browser() == null || ds.datacenterPath() == null) {
            return VmEvidence.unreadable(vm.id(), vm.name(), "cannot read the logs in " + folder + ": " + host
                    + " gives " + (ds.browser() == null ? "no datastore browser" : "no datacenter") + " for datastore " + ds.name());
        }
        List<LogFile> files;
        try {
            files = list(folder, ds, access);
        } catch (ListingFailed e) {
            return VmEvidence.unreadable(vm.id(), vm.name(), e.getMessage());
        }
        if (files.isEmpty()) {
            return VmEvidence.unreadable(vm.id(), vm.name(), "no vmware.log in " + folder
                    + " (the VM has not run since its logs were removed, or logging is off)");
        }
        return VmwareLogEvidence.read(vm.id(), vm.name(), files, window);
    }

    /** The vmware*.log files in the folder, newest first, with the sizes the datastore browser gives. */
    private List<LogFile> list(DatastorePath folder, Datastores.Datastore ds, DatastoreFileAccess access) throws ListingFailed {
        HostDatastoreBrowserSearchSpec spec = new HostDatastoreBrowserSearchSpec();
        spec.setMatchPattern(new String[] {"vmware*.log"});
        FileQueryFlags details = new FileQueryFlags();
        details.setFileSize(true);
        details.setFileType(true);
        details.setModification(true);
        spec.setDetails(details);
        TaskWaiter.Outcome outcome;
        try {
            ManagedObjectReference task = vim.port().searchDatastore_Task(ds.browser(), folder.toString(), spec);
            outcome = new TaskWaiter(vim).awaitResult(task);
        } catch (RemoteException e) {
            throw new ListingFailed("could not list the logs in " + folder + ": " + vim.failure("search the datastore of", e).getMessage());
        } catch (ConnectorException e) {
            throw new ListingFailed("could not list the logs in " + folder + ": " + e.getMessage());
        }
        if (outcome.error() != null) {
            if (outcome.error().startsWith("FileNotFound")) {
                throw new ListingFailed("the log folder " + folder + " does not exist on the datastore (FileNotFound)");
            }
            throw new ListingFailed("could not list the logs in " + folder + ": " + outcome.error());
        }
        LogFile current = null;
        List<LogFile> rotated = new ArrayList<>();
        if (outcome.result() instanceof HostDatastoreBrowserSearchResults results && results.getFile() != null) {
            for (FileInfo f : results.getFile()) {
                Matcher m = LOG_NAME.matcher(f.getPath() == null ? "" : f.getPath());
                if (!m.matches()) {
                    continue;
                }
                long size = f.getFileSize() == null ? -1 : f.getFileSize();
                LogFile file = new DatastoreLogFile(access, ds.datacenterPath(), folder.resolve(f.getPath()), size);
                if (m.group(1) == null) {
                    current = file;
                } else {
                    rotated.add(file);
                }
            }
        }
        return VmwareLogRotation.newestFirst(current, rotated);
    }

    private static ManagedObjectReference[] refs(Object v) {
        return v instanceof ManagedObjectReference[] a ? a : null;
    }

    /** The folder could not be listed; the message says which and why. */
    private static final class ListingFailed extends Exception {
        private static final long serialVersionUID = 1L;

        ListingFailed(String message) {
            super(message);
        }
    }
}
