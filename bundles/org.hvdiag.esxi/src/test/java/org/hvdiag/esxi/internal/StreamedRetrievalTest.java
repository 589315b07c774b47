package org.hvdiag.esxi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.RetrieveResult;
import com.vmware.vim25.VirtualDevice;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.ObjectError;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.ToolsState;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.model.Vm;
import org.hvdiag.core.tls.PinnedTrust;

/**
 * The streamed property read on recorded answers (tools/vcsim-harness, see
 * src/test/resources/vsphere-answers/README.md) and on one written in a newer vCenter's style:
 * the model it gives is the one yavijava's reader gives for the same bytes, pages are followed with
 * their tokens, and faults, unreadable properties, newer types and cut-off answers are handled.
 */
class StreamedRetrievalTest {
    private static final String SOURCE = "vsphere://admin@vc.example:443";
    private static final List<String> PAGES = List.of("vm-page1.xml", "vm-page2.xml", "vm-page3.xml");

    static byte[] answer(String name) throws IOException {
        try (InputStream in = StreamedRetrievalTest.class.getResourceAsStream("/vsphere-answers/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    static List<ObjectProperties> streamed(byte[] answer, List<String> tokens) throws Exception {
        List<ObjectProperties> out = new ArrayList<>();
        RetrieveResultParser.parse(new ByteArrayInputStream(answer), new RetrieveResultParser.Page() {
            @Override
            public void token(String token) {
                tokens.add(token);
            }

            @Override
            public void object(ObjectProperties object) {
                out.add(object);
            }
        });
        return out;
    }

    /** The same bytes through yavijava's own unmarshaller, as the connector read them before. */
    static ObjectContent[] yavijava(byte[] answer) throws Exception {
        PinnedClient client = new PinnedClient("https://127.0.0.1:1/sdk", new PinnedTrust(""), 1000, 1000);
        RetrieveResult r = (RetrieveResult) client.unMarshall("RetrieveResult", new ByteArrayInputStream(answer));
        return r.getObjects();
    }

    @Test
    void streamedVmsAreTheVmsYavijavaReadsFromTheSameAnswers() throws Exception {
        int vms = 0;
        int usb = 0;
        for (String page : PAGES) {
            byte[] bytes = answer(page);
            List<ObjectProperties> fast = streamed(bytes, new ArrayList<>());
            ObjectContent[] slow = yavijava(bytes);
            assertEquals(slow.length, fast.size(), page);
            for (int i = 0; i < slow.length; i++) {
                List<ObjectError> fastErrors = new ArrayList<>();
                List<ObjectError> slowErrors = new ArrayList<>();
                VmMapper.Mapped f = VmMapper.map(fast.get(i), SOURCE, fastErrors);
                VmMapper.Mapped s = VmMapper.map(slow[i], SOURCE, slowErrors);
                assertEquals(s.vm(), f.vm(), page + " " + s.vm().id());
                assertEquals(slowErrors, fastErrors, page + " " + s.vm().id());
                // What the journal would keep of each USB device for undo is the same too.
                assertEquals(records(s.usbDevices()), records(f.usbDevices()), page + " " + s.vm().id());
                usb += f.usbDevices().size();
                vms++;
            }
        }
        assertEquals(12, vms, "the harness's 12 VMs over three pages");
        assertTrue(usb > 20, "USB controllers and devices compared: " + usb);
    }

    private static List<String> records(List<VirtualDevice> devices) {
        List<String> out = new ArrayList<>();
        devices.forEach(d -> out.add(DeviceRecord.of(d).toString()));
        return out;
    }

    @Test
    void streamedHostsAreTheHostsYavijavaReads() throws Exception {
        byte[] bytes = answer("host-page.xml");
        List<ObjectProperties> fast = streamed(bytes, new ArrayList<>());
        ObjectContent[] slow = yavijava(bytes);
        assertEquals(slow.length, fast.size());
        assertFalse(fast.isEmpty());
        for (int i = 0; i < slow.length; i++) {
            Host h = HostMapper.map(fast.get(i));
            assertEquals(HostMapper.map(ObjectProperties.of(slow[i])), h);
            assertTrue(h.productVersion().startsWith("ESXi "), h.productVersion());
            assertTrue(h.memoryMiB() > 0 && h.cpuCores() > 0, h.toString());
        }
    }

    @Test
    void aPropertyTheServerCouldNotReadIsAnErrorOnThatVmOnly() throws Exception {
        List<ObjectProperties> page = streamed(answer("vm-page1.xml"), new ArrayList<>());
        for (ObjectProperties o : page) {
            List<ObjectError> errors = new ArrayList<>();
            Vm vm = VmMapper.map(o, SOURCE, errors).vm();
            assertEquals(List.of(new ObjectError(o.id(), "config.noSuchProperty", "the server could not read it (InvalidProperty)")),
                    errors, o.id());
            assertFalse(vm.name().isEmpty(), "the other properties are still read: " + o.id());
        }
    }

    @Test
    void newerDeviceTypesFieldsAndValueTypesAreIgnoredNotFatal() throws Exception {
        List<String> tokens = new ArrayList<>();
        List<ObjectProperties> page = streamed(answer("vcenter-newer-fields.xml"), tokens);
        assertEquals(List.of(), tokens, "a last page has no token");
        assertEquals(1, page.size());
        assertFalse(page.get(0).values().containsKey("config.sgxInfo"), "a structured value of an unknown type is left out");
        List<ObjectError> errors = new ArrayList<>();
        Vm vm = VmMapper.map(page.get(0), SOURCE, errors).vm();
        assertEquals("vm-1001", vm.id());
        assertEquals("build-agent-07 & co", vm.name());
        assertEquals("vmx-21", vm.hardwareVersion().toString());
        assertEquals("efi", vm.firmware().name().toLowerCase(), "an enum of an unknown type is kept as its text");
        assertEquals(8, vm.vcpus());
        assertEquals(32768, vm.memoryMiB());
        assertTrue(vm.cpuHotAdd());
        assertFalse(vm.memoryHotAdd());
        assertFalse(vm.deviceHotplug());
        assertEquals(PowerState.POWERED_ON, vm.powerState());
        assertEquals(ToolsState.OUT_OF_DATE, vm.toolsState());
        assertEquals(PowerOffBehaviour.HARD, vm.powerOffBehaviour());
        assertEquals("manual", vm.toolsUpgradePolicy());
        assertEquals("host-2011", vm.hostId());
        assertEquals(List.of(new UsbController("14000", UsbControllerType.XHCI, "VirtualUSBXHCIController", true)), vm.usbControllers());
        assertEquals(List.of(new UsbDevice("16000", 0x0781, 0x5581, "USB 1", UsbSpeed.USB_3_X, "14000", true)), vm.usbDevices());
        assertEquals("8388608", vm.raw("svga.vramSize"));
        assertEquals("vid:0x0781 pid:0x5581", vm.raw("usb.autoConnect.device0"));
        assertEquals(1, vm.usbFilters().size(), vm.usbFilters().toString());
        assertEquals(List.of(new ObjectError("vm-1001", "guest.toolsVersion", "the server could not read it (NoPermission)")), errors);
    }

    /** Recorded pages served in turn; each request kept, and the first page held back until the second is asked for. */
    private static final class RecordedServer implements SoapTransport {
        final List<String> requests = Collections.synchronizedList(new ArrayList<>());
        final Map<String, byte[]> byToken = new LinkedHashMap<>();
        final CountDownLatch nextAsked = new CountDownLatch(1);
        volatile boolean firstPageWaited;
        boolean holdFirst;
        byte[] first;

        @Override
        public InputStream send(String envelope) {
            requests.add(envelope);
            if (envelope.contains("<RetrievePropertiesEx ")) {
                return holdFirst ? heldBack(first) : new ByteArrayInputStream(first);
            }
            nextAsked.countDown();
            for (var e : byToken.entrySet()) {
                if (envelope.contains("<token>" + e.getKey() + "</token>")) {
                    return new ByteArrayInputStream(e.getValue());
                }
            }
            throw new AssertionError("unexpected request " + envelope);
        }

        /** The answer's last bytes are given only once the next page has been asked for (or after 30 s, and the test fails). */
        private InputStream heldBack(byte[] bytes) {
            int split = bytes.length - 64;
            InputStream tail = new InputStream() {
                InputStream rest;

                @Override
                public int read() throws IOException {
                    if (rest == null) {
                        try {
                            firstPageWaited = nextAsked.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                        rest = new ByteArrayInputStream(bytes, split, bytes.length - split);
                    }
                    return rest.read();
                }
            };
            return new java.io.SequenceInputStream(new ByteArrayInputStream(bytes, 0, split), tail);
        }
    }

    private static VsphereUrl server() throws ConnectorException {
        return VsphereUrl.parse("vsphere://admin@vc.example");
    }

    @Test
    void pagesAreFollowedByTheirTokensAndTheNextIsAskedForBeforeThisOneEnds() throws Exception {
        RecordedServer server = new RecordedServer();
        server.first = answer("vm-page1.xml");
        server.holdFirst = true;
        server.byToken.put("page-1", answer("vm-page2.xml"));
        server.byToken.put("page-2", answer("vm-page3.xml"));
        List<String> ids = new ArrayList<>();
        int[] worked = {0};
        Progress progress = new Progress() {
            @Override public void begin(String task, int totalWork) { }
            @Override public void worked(int units) { worked[0] += units; }
            @Override public boolean isCanceled() { return false; }
        };
        new StreamedRetrieval(server, server(), "propertyCollector")
                .readView("session[1]view-9", "VirtualMachine", VmProperties.VM_PATHS, 5, progress, o -> ids.add(o.id()));
        assertEquals(12, ids.size(), ids.toString());
        assertEquals(12, worked[0]);
        assertEquals(12, ids.stream().distinct().count());
        assertEquals(3, server.requests.size());
        String first = server.requests.get(0);
        assertTrue(first.contains("<obj type=\"ContainerView\">session[1]view-9</obj>"), first);
        assertTrue(first.contains("<maxObjects>5</maxObjects>"), first);
        assertTrue(first.contains("<type>VirtualMachine</type>"), first);
        VmProperties.VM_PATHS.forEach(p -> assertTrue(first.contains("<pathSet>" + p + "</pathSet>"), p));
        assertTrue(server.requests.get(1).contains("<ContinueRetrievePropertiesEx xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">"
                + "propertyCollector</_this><token>page-1</token>"), server.requests.get(1));
        assertTrue(server.requests.get(2).contains("<token>page-2</token>"), server.requests.get(2));
        assertTrue(server.firstPageWaited, "page 2 was asked for while page 1 was still being read");
    }

    @Test
    void aFaultNamesItsTypeAndTheServer() throws Exception {
        RecordedServer server = new RecordedServer();
        server.first = answer("vm-page1.xml");
        server.byToken.put("page-1", answer("fault-unknown-token.xml"));
        List<String> ids = new ArrayList<>();
        ConnectorException e = assertThrows(ConnectorException.class, () -> new StreamedRetrieval(server, server(), "propertyCollector")
                .readView("view-9", "VirtualMachine", List.of("name"), 5, Progress.NONE, o -> ids.add(o.id())));
        assertEquals("cannot read VirtualMachine properties from vc.example:443: InvalidArgument: unknown token page-1 "
                + "(fault answering ContinueRetrievePropertiesEx)", e.getMessage());
        assertEquals(5, ids.size(), "the first page was handed on before the fault");
    }

    @Test
    void anAnswerCutOffInTheMiddleIsAnErrorNamingTheServer() throws Exception {
        byte[] whole = answer("vm-page2.xml");
        for (int cut : new int[] {0, 200, whole.length / 2, whole.length - 30}) {
            RecordedServer server = new RecordedServer();
            server.first = answer("vm-page1.xml");
            server.byToken.put("page-1", Arrays.copyOf(whole, cut));
            ConnectorException e = assertThrows(ConnectorException.class, () -> new StreamedRetrieval(server, server(), "propertyCollector")
                    .readView("view-9", "VirtualMachine", List.of("name"), 5, Progress.NONE, o -> { }), "cut at " + cut);
            assertTrue(e.getMessage().startsWith("the answer of vc.example:443 to ContinueRetrievePropertiesEx (VirtualMachine "
                    + "properties) is cut off or malformed ("), cut + ": " + e.getMessage());
        }
    }

    /**
     * Over real HTTP: the server sends half the answer it announced and closes the connection. The
     * session cookie went with the request, and the error names the server but never the cookie.
     */
    @Test
    void aConnectionDroppedMidAnswerNamesTheServerAndNeverTheCookie() throws Exception {
        String secret = "52a1b3c4-d5e6-cookie-secret";
        byte[] whole = answer("vm-page1.xml");
        AtomicReference<String> head = new AtomicReference<>("");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    head.set(readRequest(s.getInputStream()));
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: " + whole.length
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(whole, 0, whole.length / 2);
                    out.flush();
                } catch (IOException e) {
                    head.set("server failed: " + e);
                }
            });
            t.start();
            int port = listener.getLocalPort();
            PinnedClient client = new PinnedClient("http://127.0.0.1:" + port + "/sdk", new PinnedTrust(""), 5000, 5000);
            client.setCookie("vmware_soap_session=\"" + secret + "\"");
            VsphereUrl url = VsphereUrl.parse("vsphere://admin@127.0.0.1:" + port);
            List<String> ids = new ArrayList<>();
            ConnectorException e = assertThrows(ConnectorException.class, () -> new StreamedRetrieval(client, url, "propertyCollector")
                    .readView("view-9", "VirtualMachine", List.of("name"), 5, Progress.NONE, o -> ids.add(o.id())));
            t.join(10_000);
            assertTrue(head.get().contains(secret), "the request carried the session cookie: " + head.get());
            assertTrue(head.get().startsWith("POST /sdk "), head.get());
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
            assertFalse(e.getMessage().contains(secret), e.getMessage());
            assertFalse(String.valueOf(e.getCause()).contains(secret));
            assertTrue(ids.size() < 5, "not every object of the cut page can have been read: " + ids);
        }
    }

    /** The request line and headers, and the body by its Content-Length. */
    private static String readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).strip()));
            }
        }
        return head.toString();
    }

    @Test
    void anAnswerThatIsNotSoapIsRefused() throws Exception {
        RecordedServer server = new RecordedServer();
        server.first = "<html><body>502 Bad Gateway</body></html>                                                        "
                .getBytes(StandardCharsets.UTF_8);
        ConnectorException e = assertThrows(ConnectorException.class, () -> new StreamedRetrieval(server, server(), "propertyCollector")
                .readView("view-9", "VirtualMachine", List.of("name"), 5, Progress.NONE, o -> { }));
        assertTrue(e.getMessage().contains("vc.example:443") && e.getMessage().contains("not a SOAP envelope"), e.getMessage());
    }

    @Test
    void requestTextIsEscaped() {
        String r = RetrieveRequest.next("propertyCollector", "a<b&\"c\"");
        assertTrue(r.contains("<token>a&lt;b&amp;&quot;c&quot;</token>"), r);
    }
}
