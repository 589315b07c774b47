#!/usr/bin/env bash
# Smoke test of the loopback vboxweb endpoint: a small SOAP client of its own (Python's standard
# library, keep-alive) logs on, reads, locks, changes, saves and unlocks machines of examples/vbox-lab
# and checks every answer and fault against what VirtualBox's sources say; restarts the endpoint to
# see the saved state; plays 7.1, a password and TLS; and, when python3-lxml is there, validates every
# recorded exchange against VirtualBox's WSDL with tools/corpus-check (vbox-api section).
# Usage: tools/vboxweb-endpoint/smoke.sh [CORPUS_ROOT]   (default ../shared/corpus next to the repo)
# Exit 0 when every check passed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
corpus="${1:-$repo/../shared/corpus}"
work="$(mktemp -d "${TMPDIR:-/tmp}/vboxweb-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -r "$repo/examples/vbox-lab" "$work/fleet"
mkdir -p "$work/rec"
PYTHON="${PYTHON:-python3}"
"$PYTHON" - "$here/run" "$work" <<'PYEOF'
import base64, hashlib, http.client, json, os, re, signal, ssl, subprocess, sys, time
import xml.etree.ElementTree as ET

RUN, WORK = sys.argv[1], sys.argv[2]
FLEET = os.path.join(WORK, "fleet")
ENV = "{http://schemas.xmlsoap.org/soap/envelope/}"
VBOX = "{http://www.virtualbox.org/}"
REF = re.compile(r"^[0-9a-f]{16}-[0-9a-f]{16}$")
failures = []
checks = 0

def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL " + what)

class Endpoint:
    def __init__(self, *args, env=None, record="smoke.jsonl"):
        e = dict(os.environ)
        e.pop("HVDIAG_VBOXWEB_PASSWORD", None)
        e.update(env or {})
        cmd = [RUN, "--fleet", FLEET, "--port", "0"] + (["--record", os.path.join(WORK, "rec", record)] if record else []) + list(args)
        self.p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e, text=True)
        first = self.p.stdout.readline()
        m = re.match(r"^listening on (https?)://127\.0\.0\.1:(\d+)/$", first.strip())
        if not m:
            raise SystemExit("endpoint did not start: %r %s" % (first, self.p.stderr.read()))
        self.tls, self.port = m.group(1) == "https", int(m.group(2))
        self.thumbprint = self.p.stdout.readline().split()[1] if self.tls else None
        if self.tls:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            self.conn = http.client.HTTPSConnection("127.0.0.1", self.port, context=ctx)
        else:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port)

    def call(self, op, *params):
        body = "".join("<%s>%s</%s>" % (k, v, k) for k, v in params)
        env = ('<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"'
               ' xmlns:vbox="http://www.virtualbox.org/"><SOAP-ENV:Body><vbox:%s>%s</vbox:%s></SOAP-ENV:Body></SOAP-ENV:Envelope>' % (op, body, op))
        self.conn.request("POST", "/", env.encode(), {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'})
        r = self.conn.getresponse()
        data = r.read()
        root = ET.fromstring(data)
        fault = root.find(ENV + "Body/" + ENV + "Fault")
        if fault is not None:
            return r.status, {"faultcode": fault.findtext("faultcode"), "faultstring": fault.findtext("faultstring"),
                              "resultCode": fault.findtext("detail/" + VBOX + "RuntimeFault/resultCode"),
                              "badObjectID": fault.findtext("detail/" + VBOX + "InvalidObjectFault/badObjectID")}
        resp = root.find(ENV + "Body/" + VBOX + op + "Response")
        assert resp is not None, data
        return r.status, [e.text or "" for e in resp.findall("returnval")]

    def ok(self, op, *params):
        status, out = self.call(op, *params)
        check(status == 200 and isinstance(out, list), "%s answers 200 (got %s %s)" % (op, status, out))
        return out if isinstance(out, list) else []

    def one(self, op, *params):
        out = self.ok(op, *params)
        return out[0] if out else None

    def fault(self, op, code, text, *params):
        status, out = self.call(op, *params)
        good = status == 500 and isinstance(out, dict) and out["resultCode"] == str(code) and text in (out["faultstring"] or "")
        check(good, "%s fails with %s '%s' (got %s %s)" % (op, code, text, status, out))
        return out

    def stop(self, sig=signal.SIGTERM):
        self.conn.close()
        self.p.send_signal(sig)
        return self.p.wait(timeout=20)

def signed(code):
    return code - (1 << 32) if code >= 1 << 31 else code

INVALID_VM_STATE, INVALID_OBJECT_STATE, OBJECT_IN_USE = signed(0x80BB0002), signed(0x80BB0007), signed(0x80BB000C)
OBJECT_NOT_FOUND, E_INVALIDARG, E_ACCESSDENIED, E_UNEXPECTED = signed(0x80BB0001), signed(0x80070057), signed(0x80070005), signed(0x8000FFFF)
LAB = sorted(d for d in os.listdir(FLEET) if os.path.isdir(os.path.join(FLEET, d)))  # the README is no machine

# ---- 7.0: reads, locking rules, faults, save ----
ep = Endpoint("--version", "7.0.14", "--running", "win10-helpdesk")
vb = ep.one("IWebsessionManager_logon", ("username", "admin"), ("password", "anything"))
check(vb is not None and REF.match(vb), "logon gives a managed object reference: %r" % vb)
check(ep.one("IVirtualBox_getAPIVersion", ("_this", vb)) == "7_0", "API version 7_0")
check(ep.one("IVirtualBox_getVersion", ("_this", vb)) == "7.0.14", "version 7.0.14")
machines = ep.ok("IVirtualBox_getMachines", ("_this", vb))
check(len(machines) == len(LAB), "getMachines lists the %d lab machines (got %d)" % (len(LAB), len(machines)))
check(machines == ep.ok("IVirtualBox_getMachines", ("_this", vb)), "the same machine gets the same reference twice")
names = sorted(ep.one("IMachine_getName", ("_this", m)) for m in machines)
check(names == LAB, "machine names are the lab's: %s" % names)
host = ep.one("IVirtualBox_getHost", ("_this", vb))
check(ep.one("IHost_getMemorySize", ("_this", host)) == "32768", "host memory defaults to 32768 MiB")
check(ep.ok("IHost_getUSBDevices", ("_this", host)) == [], "the loopback host has no USB devices")
ubuntu = ep.one("IVirtualBox_findMachine", ("_this", vb), ("nameOrId", "ubuntu-classroom-07"))
check(ubuntu in machines, "findMachine gives the reference getMachines gave")
ep.fault("IVirtualBox_findMachine", OBJECT_NOT_FOUND, "Could not find a registered machine named 'nope'", ("_this", vb), ("nameOrId", "nope"))
ctrls = ep.ok("IMachine_getUSBControllers", ("_this", ubuntu))
check(sorted(ep.one("IUSBController_getType", ("_this", c)) for c in ctrls) == ["EHCI", "OHCI"], "ubuntu has OHCI and EHCI")
check(sorted(ep.one("IUSBController_getUSBStandard", ("_this", c)) for c in ctrls) == [str(0x101), str(0x200)], "USB standards are BCD")
filters_obj = ep.one("IMachine_getUSBDeviceFilters", ("_this", ubuntu))
flist = ep.ok("IUSBDeviceFilters_getDeviceFilters", ("_this", filters_obj))
check(len(flist) == 1 and ep.one("IUSBDeviceFilter_getVendorId", ("_this", flist[0])) == "", "ubuntu's filter matches any device")
win10 = ep.one("IVirtualBox_findMachine", ("_this", vb), ("nameOrId", "win10-helpdesk"))
check(ep.one("IMachine_getFirmwareType", ("_this", win10)) == "EFI", "win10 boots EFI")
check(ep.one("IMachine_getState", ("_this", win10)) == "Running", "win10 runs (--running)")
check(ep.one("IMachine_getSessionState", ("_this", win10)) == "Locked", "a running VM's session is locked by its process")
check(ep.one("IMachine_getGuestPropertyValue", ("_this", win10), ("property", "/VirtualBox/GuestAdd/Version")) == "7.0.14", "win10 Guest Additions")
legacy = ep.one("IVirtualBox_findMachine", ("_this", vb), ("nameOrId", "legacy-cent-41"))
check(sorted(ep.one("IUSBController_getName", ("_this", c)) for c in ep.ok("IMachine_getUSBControllers", ("_this", legacy))) == ["EHCI", "OHCI"], "settings 1.12 USBController@enabled,@enabledEhci read")
centos = ep.one("IVirtualBox_findMachine", ("_this", vb), ("nameOrId", "centos-web-staging"))
check(ep.one("IMachine_getCPUCount", ("_this", centos)) == "2", "centos: the current Hardware, not the snapshot's")
check(ep.one("IMachine_getSnapshotCount", ("_this", centos)) == "1", "centos has a snapshot")
# VM logs: Logs/VBox.log[.N] beside the .vbox (win10-scanner keeps two), at most 512 KiB a readLog.
scanner = ep.one("IVirtualBox_findMachine", ("_this", vb), ("nameOrId", "win10-scanner"))
log0 = ep.one("IMachine_queryLogFilename", ("_this", scanner), ("idx", "0"))
check(log0.endswith("/win10-scanner/Logs/VBox.log"), "queryLogFilename(0) is Logs/VBox.log: %r" % log0)
check(ep.one("IMachine_queryLogFilename", ("_this", scanner), ("idx", "2")) in ("", None), "a log that is not there has no name")
with open(os.path.join(FLEET, "win10-scanner", "Logs", "VBox.log"), "rb") as f:
    want = f.read()
got = base64.b64decode(ep.one("IMachine_readLog", ("_this", scanner), ("idx", "0"), ("offset", "0"), ("size", "1000000")))
check(got == want, "readLog hands out the file's bytes (%d of %d)" % (len(got), len(want)))
check(ep.one("IMachine_readLog", ("_this", scanner), ("idx", "0"), ("offset", str(len(want))), ("size", "10")) in ("", None), "readLog at the end answers no bytes")
ep.fault("IMachine_readLog", E_INVALIDARG, "The size argument (-1) is negative", ("_this", scanner), ("idx", "0"), ("offset", "0"), ("size", "-1"))
status, out = ep.call("IMachine_getDescription", ("_this", ubuntu))
check(status == 500 and out["faultcode"] == "SOAP-ENV:Server" and "does not serve IMachine_getDescription" in out["faultstring"], "an operation the endpoint does not serve says so: %s" % (out,))

ep.fault("IMachine_setCPUCount", INVALID_VM_STATE, "The machine is not mutable (state is PoweredOff)", ("_this", ubuntu), ("CPUCount", "4"))
s1 = ep.one("IWebsessionManager_getSessionObject", ("refIVirtualBox", vb))
s2 = ep.one("IWebsessionManager_getSessionObject", ("refIVirtualBox", vb))
check(ep.one("ISession_getState", ("_this", s1)) == "Unlocked", "a new session is unlocked")
ep.fault("ISession_getMachine", E_UNEXPECTED, "The session is not locked (session state: Unlocked)", ("_this", s1))
ep.ok("IMachine_lockMachine", ("_this", ubuntu), ("session", s1), ("lockType", "Write"))
ep.fault("IMachine_lockMachine", INVALID_OBJECT_STATE, "The machine 'ubuntu-classroom-07' is already locked for a session (or being unlocked)",
         ("_this", ubuntu), ("session", s2), ("lockType", "Write"))
ep.fault("IMachine_lockMachine", INVALID_OBJECT_STATE, "The given session is busy", ("_this", centos), ("session", s1), ("lockType", "Write"))
sm = ep.one("ISession_getMachine", ("_this", s1))
check(sm != ubuntu, "the session machine is another object than the registered one")
x = ep.one("IMachine_addUSBController", ("_this", sm), ("name", "xHCI"), ("type", "XHCI"))
check(ep.one("IUSBController_getType", ("_this", x)) == "XHCI", "xHCI added")
ep.fault("IMachine_addUSBController", OBJECT_IN_USE, "USB controller named 'EHCI' already exists", ("_this", sm), ("name", "EHCI"), ("type", "EHCI"))
ep.fault("IMachine_addUSBController", E_INVALIDARG, "Too many USB controllers of this type", ("_this", sm), ("name", "EHCI2"), ("type", "EHCI"))
ep.fault("IMachine_removeUSBController", OBJECT_NOT_FOUND, "named 'nope'", ("_this", sm), ("name", "nope"))
ep.ok("IMachine_removeUSBController", ("_this", sm), ("name", "OHCI"))
ep.ok("IMachine_setCPUCount", ("_this", sm), ("CPUCount", "4"))
ep.fault("IMachine_setCPUCount", E_INVALIDARG, "Invalid virtual CPU count: 65", ("_this", sm), ("CPUCount", "65"))
ep.ok("IMachine_setMemorySize", ("_this", sm), ("memorySize", "6144"))
check(ep.one("IMachine_getCPUCount", ("_this", ubuntu)) == "2", "the registered machine keeps 2 vCPUs until saveSettings")
ep.ok("IMachine_saveSettings", ("_this", sm))
ep.ok("ISession_unlockMachine", ("_this", s1))
check(ep.one("IMachine_getCPUCount", ("_this", ubuntu)) == "4", "saved: 4 vCPUs")
ep.fault("IMachine_getName", E_ACCESSDENIED, "The object is not ready", ("_this", sm))
# discardSettings and an unlock without save drop changes.
ep.ok("IMachine_lockMachine", ("_this", ubuntu), ("session", s2), ("lockType", "Write"))
sm2 = ep.one("ISession_getMachine", ("_this", s2))
ep.ok("IMachine_setMemorySize", ("_this", sm2), ("memorySize", "512"))
ep.ok("IMachine_discardSettings", ("_this", sm2))
check(ep.one("IMachine_getMemorySize", ("_this", sm2)) == "6144", "discardSettings drops the change")
ep.ok("IMachine_setCPUCount", ("_this", sm2), ("CPUCount", "8"))
ep.ok("ISession_unlockMachine", ("_this", s2))
check(ep.one("IMachine_getCPUCount", ("_this", ubuntu)) == "4", "unlock without saveSettings drops the change")
# A running VM: no write lock, a shared one; controllers cannot change, filters can.
ep.fault("IMachine_lockMachine", INVALID_OBJECT_STATE, "already locked for a session", ("_this", win10), ("session", s1), ("lockType", "Write"))
ep.ok("IMachine_lockMachine", ("_this", win10), ("session", s1), ("lockType", "Shared"))
wsm = ep.one("ISession_getMachine", ("_this", s1))
ep.fault("IMachine_addUSBController", INVALID_VM_STATE, "The machine is not mutable (state is Running)", ("_this", wsm), ("name", "EHCI"), ("type", "EHCI"))
ep.fault("IMachine_setMemorySize", INVALID_VM_STATE, "not mutable (state is Running)", ("_this", wsm), ("memorySize", "4096"))
wf = ep.one("IMachine_getUSBDeviceFilters", ("_this", wsm))
nf = ep.one("IUSBDeviceFilters_createDeviceFilter", ("_this", wf), ("name", "SmartCard reader"))
ep.ok("IUSBDeviceFilter_setVendorId", ("_this", nf), ("vendorId", "076b"))
ep.fault("IUSBDeviceFilter_setProductId", E_INVALIDARG, "The Product ID value '12345' is too big (max 0xFFFF)", ("_this", nf), ("productId", "12345"))
ep.ok("IUSBDeviceFilter_setActive", ("_this", nf), ("active", "true"))
ep.ok("IUSBDeviceFilters_insertDeviceFilter", ("_this", wf), ("position", "0"), ("filter", nf))
ep.fault("IUSBDeviceFilters_insertDeviceFilter", INVALID_OBJECT_STATE, "already in the list", ("_this", wf), ("position", "0"), ("filter", nf))
ep.ok("IMachine_saveSettings", ("_this", wsm))
ep.ok("ISession_unlockMachine", ("_this", s1))
check(ep.one("IMachine_getSessionState", ("_this", win10)) == "Locked", "the VM process keeps its lock after the shared session unlocks")
wflist = ep.ok("IUSBDeviceFilters_getDeviceFilters", ("_this", ep.one("IMachine_getUSBDeviceFilters", ("_this", win10))))
check([ep.one("IUSBDeviceFilter_getName", ("_this", f)) for f in wflist] == ["SmartCard reader", "Logitech Unifying receiver"], "the filter was inserted first")
ep.fault("IUSBDeviceFilter_setActive", INVALID_VM_STATE, "not mutable, saved or running", ("_this", wflist[0]), ("active", "false"))
# Logoff frees every reference; a session left locked in it is unlocked.
ep.ok("IMachine_lockMachine", ("_this", centos), ("session", s2), ("lockType", "Write"))
ep.ok("IWebsessionManager_logoff", ("refIVirtualBox", vb))
status, out = ep.call("IMachine_getName", ("_this", ubuntu))
check(status == 500 and out["badObjectID"] == ubuntu and out["faultstring"] == 'VirtualBox error: Invalid managed object reference "%s"' % ubuntu, "a freed reference is an InvalidObjectFault: %s" % (out,))
vb2 = ep.one("IWebsessionManager_logon", ("username", ""), ("password", ""))
c2 = ep.one("IVirtualBox_findMachine", ("_this", vb2), ("nameOrId", "centos-web-staging"))
check(ep.one("IMachine_getSessionState", ("_this", c2)) == "Unlocked", "logoff unlocked the session left locked")
rc = ep.stop(signal.SIGTERM)
check(rc == 0, "SIGTERM stops the endpoint with exit 0 (got %s)" % rc)
saved = open(os.path.join(FLEET, "ubuntu-classroom-07", "ubuntu-classroom-07.vbox")).read()
check('type="XHCI"' in saved and 'type="OHCI"' not in saved.split("<Hardware>")[-1] and 'RAMSize="6144"' in saved and saved.startswith('<?xml version="1.0"?>\n<!--\n** DO NOT EDIT'), "the .vbox file holds the saved hardware")
check(not [f for f in os.listdir(os.path.join(FLEET, "ubuntu-classroom-07")) if f.endswith(".tmp")], "no temporary file is left")

# ---- after a restart (SIGKILL this time): the saved state, and 7.1's API ----
ep = Endpoint("--version", "7.1.4", "--running", "win10-helpdesk", record="smoke-71.jsonl")
vb = ep.one("IWebsessionManager_logon", ("username", "a"), ("password", "b"))
check(ep.one("IVirtualBox_getAPIVersion", ("_this", vb)) == "7_1", "API version 7_1")
ubuntu = ep.one("IVirtualBox_findMachine", ("_this", vb), ("nameOrId", "ubuntu-classroom-07"))
check(ep.one("IMachine_getCPUCount", ("_this", ubuntu)) == "4", "restarted: the saved 4 vCPUs")
check(sorted(ep.one("IUSBController_getType", ("_this", c)) for c in ep.ok("IMachine_getUSBControllers", ("_this", ubuntu))) == ["EHCI", "XHCI"], "restarted: EHCI and xHCI")
runner = ep.one("IVirtualBox_findMachine", ("_this", vb), ("nameOrId", "build-runner-16"))
check(ep.one("IPlatform_getChipsetType", ("_this", ep.one("IMachine_getPlatform", ("_this", runner)))) == "ICH9", "7.1: chipset through IPlatform")
check(ep.one("IMachine_getCPUHotPlugEnabled", ("_this", runner)) == "true", "build runner has CPU hot-plug")
win10 = ep.one("IVirtualBox_findMachine", ("_this", vb), ("nameOrId", "win10-helpdesk"))
check(ep.one("IFirmwareSettings_getFirmwareType", ("_this", ep.one("IMachine_getFirmwareSettings", ("_this", win10)))) == "EFI", "7.1: firmware through IFirmwareSettings")
status, out = ep.call("IPlatform_getChipsetType", ("_this", win10))
check(status == 500 and out["badObjectID"] == win10, "an IMachine reference is no IPlatform")
# An old-layout file (1.12) keeps its layout when saved.
legacy = ep.one("IVirtualBox_findMachine", ("_this", vb), ("nameOrId", "legacy-cent-41"))
s = ep.one("IWebsessionManager_getSessionObject", ("refIVirtualBox", vb))
ep.ok("IMachine_lockMachine", ("_this", legacy), ("session", s), ("lockType", "Write"))
lsm = ep.one("ISession_getMachine", ("_this", s))
ep.ok("IMachine_removeUSBController", ("_this", lsm), ("name", "EHCI"))
ep.ok("IMachine_saveSettings", ("_this", lsm))
ep.ok("ISession_unlockMachine", ("_this", s))
ep.stop(signal.SIGKILL)
old = open(os.path.join(FLEET, "legacy-cent-41", "legacy-cent-41.vbox")).read()
check('version="1.12-linux"' in old and 'enabledEhci="false"' in old and "<USB>" not in old and 'vendorId="067b"' in old, "1.12 file saved in its own layout")

# ---- operations a version's WSDL lacks: gSOAP's fault (not recorded: no client may send them) ----
for version, op in (("7.0.14", "IMachine_getPlatform"), ("7.1.4", "IMachine_getChipsetType")):
    ep = Endpoint("--version", version, record=None)
    vb = ep.one("IWebsessionManager_logon", ("username", "a"), ("password", "b"))
    m = ep.ok("IVirtualBox_getMachines", ("_this", vb))[0]
    status, out = ep.call(op, ("_this", m))
    check(status == 500 and out["faultcode"] == "SOAP-ENV:Client" and out["faultstring"]
          == "Method 'vbox:%s' not implemented: method name or namespace not recognized" % op, "%s has no %s: %s" % (version, op, out))
    ep.stop()

# ---- a password, and TLS with a pinned thumbprint ----
ep = Endpoint("--user", "admin", "--tls", env={"HVDIAG_VBOXWEB_PASSWORD": "s3cret"}, record="smoke-tls.jsonl")
check(ep.tls and re.match(r"^([0-9A-F]{2}:){31}[0-9A-F]{2}$", ep.thumbprint or ""), "TLS prints a SHA-256 thumbprint")
status, out = ep.call("IWebsessionManager_logon", ("username", "admin"), ("password", "wrong"))
check(status == 500 and isinstance(out, dict) and out["faultcode"] == "SOAP-ENV:Client", "a wrong password fails the logon")
check(REF.match(ep.one("IWebsessionManager_logon", ("username", "admin"), ("password", "s3cret")) or ""), "the right password logs on")
der = ep.conn.sock.getpeercert(binary_form=True)
check(":".join("%02X" % b for b in hashlib.sha256(der).digest()) == ep.thumbprint, "the printed thumbprint is the served certificate's")
ep.stop()

lines = 0
for name in os.listdir(os.path.join(WORK, "rec")):
    for line in open(os.path.join(WORK, "rec", name)):
        rec = json.loads(line)
        lines += 1
        check(set(rec) == {"api", "operation", "request", "response", "status"}, "recorded line has its five fields")
check(lines > 100, "exchanges were recorded (%d)" % lines)
print("vboxweb smoke: %d checks, %d failed" % (checks, len(failures)))
sys.exit(1 if failures else 0)
PYEOF
# The WSDL check of what was recorded (needs python3-lxml: Debian's python3 has it, tools/install-packages).
if [ -d "$corpus/vbox-api" ]; then
  VBOXWEB_RECORDINGS="$work/rec" "$repo/tools/corpus-check" --only vbox-api "$corpus"
else
  echo "vboxweb smoke: $corpus/vbox-api not found: recordings not validated against the WSDL" >&2; exit 1
fi
