package org.hvdiag.vboxweb;

import java.util.Map;

/**
 * IUSBController, IUSBDeviceFilters and IUSBDeviceFilter as USBControllerImpl.cpp,
 * USBDeviceFiltersImpl.cpp and USBDeviceFilterImpl.cpp answer them. Filters change on any session
 * machine, also of a running VM.
 */
final class UsbOperations {
    private static final String[] TEXT_FIELDS = { "Name", "VendorId", "ProductId", "Revision", "Manufacturer", "Product",
            "SerialNumber", "Port", "Remote" };

    private UsbOperations() {
    }

    static void register(Map<String, Handler> t) {
        t.put("IUSBController_getName", c -> Call.one(c.self(UsbController.class).name()));
        t.put("IUSBController_getType", c -> Call.one(c.self(UsbController.class).type()));
        t.put("IUSBController_getUSBStandard", c -> Call.one(Integer.toString(c.self(UsbController.class).usbStandard())));

        t.put("IUSBDeviceFilters_getDeviceFilters", c -> {
            MachineObject m = c.part("IUSBDeviceFilters").machine();
            String[] refs = new String[m.filters.size()];
            for (int i = 0; i < refs.length; i++) {
                refs[i] = c.ref(m.filters.get(i));
            }
            return refs;
        });
        t.put("IUSBDeviceFilters_createDeviceFilter", c -> {
            MachineObject m = c.part("IUSBDeviceFilters").machine();
            m.checkFiltersChangeable();
            String name = c.param("name");
            if (name.isEmpty()) {
                // USBDeviceFilter::init asserts a non-empty name (ComAssertRet ... E_INVALIDARG).
                throw new VboxError(ResultCode.E_INVALIDARG, "Assertion failed: [aParent && aName && *aName]");
            }
            return Call.one(c.ref(new UsbFilter(m, name)));
        });
        t.put("IUSBDeviceFilters_insertDeviceFilter", c -> {
            long position = c.unsignedInt("position");
            MachineObject m = c.part("IUSBDeviceFilters").machine();
            m.checkFiltersChangeable();
            UsbFilter f = c.endpoint.websessions.resolve(c.param("filter"), UsbFilter.class);
            if (f.inList) {
                throw new VboxError(ResultCode.VBOX_E_INVALID_OBJECT_STATE, "The given USB device pFilter is already in the list");
            }
            int at = (int) Math.min(position, m.filters.size());
            m.filters.add(at, f.owner == m ? f : f.copyFor(m));
            m.filters.get(at).inList = true;
            f.inList = true;
            return null;
        });
        t.put("IUSBDeviceFilters_removeDeviceFilter", c -> {
            long position = c.unsignedInt("position");
            MachineObject m = c.part("IUSBDeviceFilters").machine();
            m.checkFiltersChangeable();
            if (m.filters.isEmpty()) {
                throw new VboxError(ResultCode.E_INVALIDARG, "The USB device pFilter list is empty");
            }
            if (position >= m.filters.size()) {
                throw new VboxError(ResultCode.E_INVALIDARG, "Invalid position: " + position + " (must be in range [0, "
                        + (m.filters.size() - 1) + "])");
            }
            UsbFilter f = m.filters.remove((int) position);
            f.inList = false;
            return Call.one(c.ref(f));
        });

        for (String field : TEXT_FIELDS) {
            t.put("IUSBDeviceFilter_get" + field, c -> Call.one(filter(c).get(field)));
            t.put("IUSBDeviceFilter_set" + field, c -> {
                String name = Character.toLowerCase(field.charAt(0)) + field.substring(1);
                filter(c).set(field, c.param(name));
                return null;
            });
        }
        t.put("IUSBDeviceFilter_getActive", c -> Call.one(Boolean.toString(filter(c).active)));
        t.put("IUSBDeviceFilter_setActive", c -> {
            boolean on = c.bool("active");
            filter(c).setActive(on);
            return null;
        });
        t.put("IUSBDeviceFilter_getMaskedInterfaces", c -> Call.one(Long.toString(filter(c).maskedInterfaces)));
        t.put("IUSBDeviceFilter_setMaskedInterfaces", c -> {
            long v = c.unsignedInt("maskedInterfaces");
            filter(c).setMaskedInterfaces(v);
            return null;
        });
    }

    private static UsbFilter filter(Call c) throws SoapFault, VboxError {
        UsbFilter f = c.self(UsbFilter.class);
        f.owner.checkReady();
        return f;
    }
}
