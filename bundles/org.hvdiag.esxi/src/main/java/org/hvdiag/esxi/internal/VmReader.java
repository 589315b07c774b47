package org.hvdiag.esxi.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.vmware.vim25.ManagedObjectReference;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.model.ObjectError;

/** Re-reads given VMs (before and after a change) with the inventory's property paths, in one call. */
final class VmReader {
    private final VimConnection vim;

    VmReader(VimConnection vim) {
        this.vim = vim;
    }

    Map<String, VmMapper.Mapped> read(List<String> vmIds) throws ConnectorException {
        List<ManagedObjectReference> refs = new ArrayList<>(vmIds.size());
        for (String id : vmIds) {
            refs.add(VimConnection.ref("VirtualMachine", id));
        }
        Map<String, VmMapper.Mapped> out = new HashMap<>();
        List<ObjectError> ignored = new ArrayList<>();
        new PropertyReader(vim).read("VirtualMachine", refs, VmProperties.VM_PATHS,
                oc -> out.put(oc.getObj().getVal(), VmMapper.map(oc, vim.url().text(), ignored)));
        return out;
    }

    VmMapper.Mapped read(String vmId) throws ConnectorException {
        return read(List.of(vmId)).get(vmId);
    }
}
