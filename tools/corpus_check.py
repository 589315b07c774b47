"""corpus-check: hvdiag's conformance check over real-world files (see tools/corpus-check).

The corpus (../shared/corpus) holds files written by hypervisors and by libvirt, which the project
may not copy: this module only reads them from the folder it is given. Each corpus folder is one
section, a function taking the folder and returning a SectionResult; folders without a section are
reported as "not checked yet".

A check is one file: it passes when hvdiag reads it (or rejects it with a reason) and every field
where hvdiag and the reference disagree is explained in the section's known list
(tools/corpus-check.d/<section>-known.tsv). A known entry that no longer occurs is stale and fails
its file too, so the list cannot rot.
"""

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
KNOWN_DIR = os.path.join(HERE, "corpus-check.d")

UNKNOWN = "unknown"


# ---------------------------------------------------------------------------------------------
# Results


class SectionResult:
    """Per-file outcomes of one section: passed/failed file names, lines to print, a summary."""

    def __init__(self, name):
        self.name = name
        self.passed = []
        self.failed = {}  # file -> [reasons]
        self.lines = []
        self.summary = ""

    def fail(self, file, reason):
        self.failed.setdefault(file, []).append(reason)

    def finish(self, files):
        for f in files:
            if f not in self.failed:
                self.passed.append(f)


# ---------------------------------------------------------------------------------------------
# Known lists


KNOWN_COLUMNS = ["file", "field", "ours", "libvirt's", "why"]


def read_known(path):
    """The rows of a known-differences TSV: {(file, field): (ours, theirs, why)}.

    Lines starting with '#' and blank lines are comments; the first other line is the header."""
    known = {}
    problems = []
    if not os.path.exists(path):
        return known, problems
    header_seen = False
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if not header_seen:
                header_seen = True
                if cols != KNOWN_COLUMNS:
                    problems.append("%s:%d: header should be %s" % (path, n, "\\t".join(KNOWN_COLUMNS)))
                continue
            if len(cols) != 5 or not all(c.strip() for c in cols):
                problems.append("%s:%d: expected 5 non-empty tab-separated columns" % (path, n))
                continue
            key = (cols[0], cols[1])
            if key in known:
                problems.append("%s:%d: %s %s listed twice" % (path, n, cols[0], cols[1]))
            known[key] = (cols[2], cols[3], cols[4])
    return known, problems


# ---------------------------------------------------------------------------------------------
# libvirt domain XML


# libvirt's memory units (docs/formatdomain: "b", "KB" = 1000, "k"/"KiB" = 1024, ...); default KiB.
_UNITS = {
    "b": 1, "bytes": 1,
    "kb": 1000, "k": 1024, "kib": 1024,
    "mb": 1000 ** 2, "m": 1024 ** 2, "mib": 1024 ** 2,
    "gb": 1000 ** 3, "g": 1024 ** 3, "gib": 1024 ** 3,
    "tb": 1000 ** 4, "t": 1024 ** 4, "tib": 1024 ** 4,
    "pb": 1000 ** 5, "p": 1024 ** 5, "pib": 1024 ** 5,
    "eb": 1000 ** 6, "e": 1024 ** 6, "eib": 1024 ** 6,
}


def mib_text(nbytes):
    """Bytes as MiB text: "1024", or "1000.5" when not a whole number of MiB."""
    mib = nbytes / (1024 ** 2)
    if nbytes % (1024 ** 2) == 0:
        return str(nbytes // (1024 ** 2))
    return ("%.3f" % mib).rstrip("0").rstrip(".")


def libvirt_facts(xml_path):
    """What a libvirt domain XML says about the fields hvdiag also reports, as text values.

    Raises ValueError with a reason when the XML cannot be read."""
    try:
        root = ET.parse(xml_path).getroot()
    except ET.ParseError as e:
        raise ValueError("not well-formed XML: %s" % e)
    if root.tag != "domain":
        raise ValueError("root element is <%s>, expected <domain>" % root.tag)
    facts = {}

    vcpu = root.find("vcpu")
    facts["vcpus"] = vcpu.text.strip() if vcpu is not None and vcpu.text else UNKNOWN

    mem = root.find("memory")
    if mem is None or not (mem.text or "").strip():
        facts["memoryMiB"] = UNKNOWN
    else:
        unit = (mem.get("unit") or "KiB").lower()
        if unit not in _UNITS:
            raise ValueError("<memory unit='%s'> is not a unit libvirt knows" % mem.get("unit"))
        facts["memoryMiB"] = mib_text(int(mem.text.strip()) * _UNITS[unit])

    os_el = root.find("os")
    efi = False
    arch = UNKNOWN
    if os_el is not None:
        efi = (os_el.get("firmware") or "").lower() == "efi" or os_el.find("loader") is not None
        t = os_el.find("type")
        if t is not None and t.get("arch"):
            arch = t.get("arch")
    facts["firmware"] = "EFI" if efi else "BIOS"
    facts["guestArch"] = arch
    # libvirt's vmx driver does not put virtualHW.version into the domain XML.
    facts["hardwareVersion"] = None
    return facts


_64BIT = re.compile(r"(-64|_64|64guest|guest64)$", re.IGNORECASE)


def arch_of_guest(guest_id):
    """libvirt's rule for a VMware guestOS id: x86_64 when it ends in -64, else i686."""
    if not guest_id:
        return UNKNOWN
    return "x86_64" if _64BIT.search(guest_id) else "i686"


def our_facts(vm):
    def text(v):
        return UNKNOWN if v is None else str(v)

    return {
        "vcpus": text(vm.get("vcpus")),
        "memoryMiB": text(vm.get("memoryMiB")),
        "firmware": text(vm.get("firmware")),
        "guestArch": arch_of_guest((vm.get("guestOs") or {}).get("id") or ""),
        "hardwareVersion": text(vm.get("hardwareVersion")),
    }


COMPARED_FIELDS = ["vcpus", "memoryMiB", "firmware", "guestArch", "hardwareVersion"]


# ---------------------------------------------------------------------------------------------
# hvdiag


def run_inventory(folder):
    """hvdiag's inventory of a folder as parsed JSON. Exit 2 only means some files had errors."""
    hvdiag = os.environ.get("HVDIAG", os.path.join(REPO, "hvdiag"))
    print("corpus-check: %s inventory %s (builds the product on first use)" % (hvdiag, folder), file=sys.stderr)
    p = subprocess.run([hvdiag, "inventory", folder, "--format", "json"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    if p.returncode not in (0, 2):
        raise RuntimeError("%s inventory exited %d: %s" % (hvdiag, p.returncode,
                                                          p.stderr.decode("utf-8", "replace")[-2000:]))
    try:
        return json.loads(p.stdout.decode("utf-8"))
    except ValueError as e:
        raise RuntimeError("%s inventory printed no JSON (%s): %s" % (
            hvdiag, e, p.stderr.decode("utf-8", "replace")[-2000:]))


_CRASH = re.compile(r"\b(java|javax|org|com)\.[\w.$]+(Exception|Error)\b|\bNullPointer|\bat [\w.$]+\(")


def clear_reason(message):
    """A rejection reason an admin can act on: some words on what was expected, not a stack trace."""
    if not message or _CRASH.search(message):
        return False
    return len(re.findall(r"[A-Za-z]{2,}", message)) >= 3


def _canon(path, base):
    return os.path.realpath(os.path.join(base, path))


# ---------------------------------------------------------------------------------------------
# Section: vmx-libvirt


def check_vmx_libvirt(folder, ctx):
    """Every .vmx read or rejected with a reason; fields compared with libvirt's expected XML."""
    r = SectionResult("vmx-libvirt")
    known_path = os.path.join(ctx.get("known_dir", KNOWN_DIR), "vmx-libvirt-known.tsv")
    known, known_problems = read_known(known_path)
    for p in known_problems:
        r.lines.append("FAIL known list: " + p)
        r.fail("(known list)", p)

    vmx_files = sorted(f for f in os.listdir(folder) if f.lower().endswith(".vmx")
                       and os.path.isfile(os.path.join(folder, f)))
    if not vmx_files:
        r.lines.append("FAIL no .vmx files in %s" % folder)
        r.fail("(folder)", "no .vmx files")
        r.summary = "vmx-libvirt: no .vmx files"
        return r

    try:
        inv = ctx["inventory"](os.path.abspath(folder))
    except (RuntimeError, OSError) as e:
        for f in vmx_files:
            r.fail(f, "hvdiag did not run")
        r.lines.append("FAIL hvdiag inventory: %s" % e)
        r.summary = "vmx-libvirt: %d files: hvdiag did not run" % len(vmx_files)
        r.finish(vmx_files)
        return r

    base = REPO
    by_path = {os.path.realpath(os.path.join(folder, f)): f for f in vmx_files}
    vms = {}
    errors = {}
    other_errors = []
    for t in inv.get("targets", []):
        for vm in t.get("vms", []):
            f = by_path.get(_canon(vm.get("id", ""), base))
            if f is None:
                r.lines.append("note: VM %r is not one of the folder's .vmx files" % vm.get("id"))
            else:
                vms[f] = vm
        for e in t.get("errors", []):
            f = by_path.get(_canon(e.get("object", ""), base))
            if f is None:
                other_errors.append(e)
            else:
                errors.setdefault(f, []).append(e)

    n_read = n_warned = n_rejected = n_unexplained = 0
    for f in vmx_files:
        errs = errors.get(f, [])
        if f in vms:
            n_read += 1
            if errs:
                n_warned += 1
                for e in errs:
                    where = e.get("location") or "whole file"
                    r.lines.append("warn %s (%s): %s" % (f, where, e.get("message")))
                    if not clear_reason(e.get("message")):
                        r.fail(f, "unclear error")
                        r.lines.append("FAIL %s: the error above does not say what was expected" % f)
        elif errs:
            if any(clear_reason(e.get("message")) for e in errs):
                n_rejected += 1
                for e in errs:
                    r.lines.append("rejected %s%s: %s" % (
                        f, " (%s)" % e["location"] if e.get("location") else "", e.get("message")))
            else:
                n_unexplained += 1
                r.fail(f, "rejected without a clear reason")
                for e in errs:
                    r.lines.append("FAIL %s rejected without a clear reason: %r" % (f, e.get("message")))
        else:
            n_unexplained += 1
            r.fail(f, "neither read nor rejected")
            r.lines.append("FAIL %s: neither read as a VM nor rejected with an error" % f)
    for e in other_errors:
        r.lines.append("note: error on %s (%s): %s" % (e.get("object"), e.get("location") or "-", e.get("message")))

    # Field comparison against libvirt's expected XML.
    orphans = sorted(x for x in os.listdir(folder) if x.lower().endswith(".xml")
                     and x[:-4] + ".vmx" not in vmx_files)
    for x in orphans:
        r.lines.append("note %s: no .vmx of that name, not compared" % x)
    n_xml = n_agree = n_known = n_diff_unexplained = n_not_in_xml = 0
    used_known = set()
    for f in vmx_files:
        xml = os.path.join(folder, f[:-4] + ".xml")
        if not os.path.isfile(xml):
            continue
        n_xml += 1
        try:
            theirs = libvirt_facts(xml)
        except (ValueError, OSError) as e:
            r.fail(f, "expected XML unreadable")
            r.lines.append("FAIL %s: libvirt's XML cannot be read: %s" % (os.path.basename(xml), e))
            continue
        if f not in vms:
            r.lines.append("note %s: libvirt has an expected XML but hvdiag did not read the file" % f)
            continue
        ours = our_facts(vms[f])
        for field in COMPARED_FIELDS:
            if theirs[field] is None:
                n_not_in_xml += 1
                continue
            key = (f, field)
            if ours[field] == theirs[field]:
                n_agree += 1
                continue
            k = known.get(key)
            if k and k[0] == ours[field] and k[1] == theirs[field]:
                n_known += 1
                used_known.add(key)
                continue
            n_diff_unexplained += 1
            r.fail(f, "%s differs" % field)
            r.lines.append("FAIL %s %s: ours %s, libvirt's %s (not in %s)" % (
                f, field, ours[field], theirs[field], os.path.basename(known_path)))
    n_stale = 0
    for key, (ours_v, theirs_v, why) in sorted(known.items()):
        if key in used_known:
            continue
        n_stale += 1
        f = key[0]
        r.fail(f if f in vmx_files else "(known list) " + f, "stale known entry")
        r.lines.append("FAIL stale known entry %s %s (ours %s, libvirt's %s): no longer occurs" % (
            key[0], key[1], ours_v, theirs_v))

    rejected_part = "%d rejected with a reason" % n_rejected
    r.summary = ("vmx-libvirt: %d files: %d read (%d with damaged lines), %s, %d unexplained; "
                 "%d expected XMLs%s: %d fields agree, %d differ (libvirt's mapping, listed), %d unexplained"
                 "%s; hardware version not in libvirt's XML (%d files)"
                 % (len(vmx_files), n_read, n_warned, rejected_part, n_unexplained,
                    n_xml + len(orphans), " (%d without a .vmx)" % len(orphans) if orphans else "",
                    n_agree, n_known, n_diff_unexplained,
                    ", %d stale known entries" % n_stale if n_stale else "", n_not_in_xml))
    r.finish(vmx_files)
    return r


# ---------------------------------------------------------------------------------------------
# Section: vbox


def _local(tag):
    """An element's name without its namespace: .vbox files use innotek's or virtualbox.org's."""
    return tag.rsplit("}", 1)[-1]


def _child(el, name):
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _path(el, *names):
    for n in names:
        if el is None:
            return None
        el = _child(el, n)
    return el


def vbox_facts(path):
    """What a .vbox file says, read here independently of hvdiag: name, uuid, USB controller types,
    CPU count and RAM of the VM's own settings (Machine/Hardware, never a Snapshot's copy).

    Raises ValueError with a reason when the file is not a VM's settings."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        raise ValueError("not well-formed XML: %s" % e)
    if _local(root.tag) != "VirtualBox":
        raise ValueError("root element is <%s>, expected <VirtualBox>" % _local(root.tag))
    machine = _child(root, "Machine")
    if machine is None:
        raise ValueError("no <Machine> element")
    hw = _child(machine, "Hardware")
    if hw is None:
        raise ValueError("no <Machine><Hardware> element")
    types = []
    legacy = _child(hw, "USBController")
    if legacy is not None:  # settings before 1.14
        if legacy.get("enabled") == "true":
            types.append("OHCI")
        if legacy.get("enabledEhci") == "true":
            types.append("EHCI")
    controllers = _path(hw, "USB", "Controllers")
    if controllers is not None:  # settings 1.14 and later
        types += [c.get("type") for c in controllers if _local(c.tag) == "Controller"]
    # From settings 1.20 the CPU count is in Machine/Platform; absent, VirtualBox takes 1.
    cpu = _path(machine, "Platform", "CPU")
    if cpu is None:
        cpu = _child(hw, "CPU")
    memory = _child(hw, "Memory")
    return {
        "id": (machine.get("uuid") or "").strip("{}").lower(),
        "name": machine.get("name") or "",
        "usbControllers": ",".join(sorted(types)),
        "vcpus": (cpu.get("count") if cpu is not None else None) or "1",
        "memoryMiB": memory.get("RAMSize") if memory is not None and memory.get("RAMSize") else UNKNOWN,
    }


def our_vbox_facts(vm):
    return {
        "id": vm.get("id") or "",
        "name": vm.get("name") or "",
        "usbControllers": ",".join(sorted(c.get("type", "") for c in vm.get("usbControllers", []))),
        "vcpus": UNKNOWN if vm.get("vcpus") is None else str(vm.get("vcpus")),
        "memoryMiB": UNKNOWN if vm.get("memoryMiB") is None else str(vm.get("memoryMiB")),
    }


VBOX_FIELDS = ["id", "name", "usbControllers", "vcpus", "memoryMiB"]
CAPTURE_FIELDS = ["id", "name", "usbControllers", "usbFilters", "vcpus", "memoryMiB"]

_CAPTURE_LINE = re.compile(r'^(?:"((?:[^"\\]|\\.)*)"|([^="]+))=(.*)$')
_CAPTURE_FILTER = re.compile(r"^USBFilter[A-Za-z]+?(\d+)$")


def _closes(value):
    """Whether a quoted value's text (after its opening quote) holds its closing quote."""
    i = 0
    while i < len(value):
        if value[i] == "\\":
            i += 2
            continue
        if value[i] == '"':
            return True
        i += 1
    return False


def showvminfo_pairs(path):
    """The key=value pairs of saved `VBoxManage showvminfo --machinereadable` output, read here
    independently of hvdiag. A quoted value may run over lines (VBoxManage keeps a description's
    newlines). Raises ValueError naming the line that is not key=value."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace").lstrip("\ufeff")
    pairs = {}
    open_key = None
    for n, line in enumerate(text.splitlines(), 1):
        if open_key is not None:  # inside a value that spans lines: only its closing quote matters
            if _closes(line):
                open_key = None
            continue
        if not line.strip():
            continue
        m = _CAPTURE_LINE.match(line)
        if not m:
            raise ValueError("line %d is not key=value: %r" % (n, line[:60]))
        key = m.group(1) if m.group(1) is not None else m.group(2).strip()
        value = m.group(3)
        if value.startswith('"'):
            if not _closes(value[1:]):
                open_key = key
            value = value[1:]
            end = 0
            while end < len(value) and value[end] != '"':
                end += 2 if value[end] == "\\" else 1
            value = value[:end].replace('\\"', '"').replace("\\\\", "\\")
        pairs[key] = value
    if open_key is not None:
        raise ValueError("the value of %s is never closed" % open_key)
    return pairs


def showvminfo_facts(path):
    """What a showvminfo capture says: UUID (else hvdiag knows the VM by its file), name (else the
    file name), USB controllers from usb/ehci/xhci, filter count, CPUs and memory where printed."""
    kv = showvminfo_pairs(path)
    if not any(k in kv for k in ("UUID", "name", "usb", "ehci", "xhci")):
        raise ValueError("no name=, UUID= or usb= line: not showvminfo output")
    types = [t for key, t in (("usb", "OHCI"), ("ehci", "EHCI"), ("xhci", "XHCI")) if kv.get(key) == "on"]
    filters = {m.group(1) for m in (_CAPTURE_FILTER.match(k) for k in kv) if m}
    uuid = kv.get("UUID", "").strip().strip("{}").lower()
    return {
        "id": uuid or os.path.realpath(path),
        "name": kv.get("name", os.path.basename(path)),
        "usbControllers": ",".join(sorted(types)),
        "usbFilters": str(len(filters)),
        "vcpus": kv.get("cpus", UNKNOWN),
        "memoryMiB": kv.get("memory", UNKNOWN),
    }


def our_capture_facts(vm):
    facts = our_vbox_facts(vm)
    if facts["id"].startswith("/"):
        facts["id"] = os.path.realpath(facts["id"])
    facts["usbFilters"] = str(len(vm.get("usbFilters", [])))
    return facts


def _is_capture_name(f):
    return f.lower().endswith((".txt", ".showvminfo"))


def inventory_by_file(folder, files, ctx, r):
    """hvdiag's inventory of a folder, its VMs and errors keyed by the folder's file they came from
    (a VM by its source, an error by its object). None when hvdiag did not run: every file has then
    failed in r, with the reason."""
    try:
        inv = ctx["inventory"](os.path.abspath(folder))
    except (RuntimeError, OSError) as e:
        for f in files:
            r.fail(f, "hvdiag did not run")
        r.lines.append("FAIL hvdiag inventory: %s" % e)
        r.summary = "%s: %d files: hvdiag did not run" % (r.name, len(files))
        r.finish(files)
        return None
    by_path = {os.path.realpath(os.path.join(folder, f)): f for f in files}
    vms, errors = {}, {}
    for t in inv.get("targets", []):
        for vm in t.get("vms", []):
            f = by_path.get(_canon(vm.get("source", ""), REPO))
            if f is not None:
                vms[f] = vm
        for e in t.get("errors", []):
            f = by_path.get(_canon(e.get("object", ""), REPO))
            if f is not None:
                errors.setdefault(f, []).append(e)
    return vms, errors


def check_vbox(folder, ctx):
    """Every .vbox and every showvminfo capture (.txt, .showvminfo) read by hvdiag without an error,
    and its facts agree with what the file itself says (its XML, or its key=value lines)."""
    r = SectionResult("vbox")
    names = sorted(f for f in os.listdir(folder) if os.path.isfile(os.path.join(folder, f)))
    files = [f for f in names if f.lower().endswith(".vbox")]
    captures = [f for f in names if _is_capture_name(f)]
    others = [f for f in names if f not in files and f not in captures]
    if not files:
        r.lines.append("FAIL no .vbox files in %s" % folder)
        r.fail("(folder)", "no .vbox files")
        r.summary = "vbox: no .vbox files"
        return r
    checked = files + captures
    found = inventory_by_file(folder, checked, ctx, r)
    if found is None:
        return r
    vms, errors = found

    tally = {}  # kind -> [read, agree, differ]
    for f in checked:
        capture = f in captures
        kind = "capture" if capture else "vbox"
        t = tally.setdefault(kind, [0, 0, 0])
        problems = []
        for e in errors.get(f, []):
            problems.append("hvdiag: %s%s" % ("%s: " % e["location"] if e.get("location") else "", e.get("message")))
        if f not in vms and not problems:
            problems.append("neither read as a VM nor reported as an error")
        if f in vms:
            t[0] += 1
            try:
                theirs = showvminfo_facts(os.path.join(folder, f)) if capture else vbox_facts(os.path.join(folder, f))
            except (ValueError, OSError) as e:
                problems.append("the %s check cannot read it: %s" % ("key=value" if capture else "XML", e))
                theirs = None
            if theirs is not None:
                ours = our_capture_facts(vms[f]) if capture else our_vbox_facts(vms[f])
                for field in (CAPTURE_FIELDS if capture else VBOX_FIELDS):
                    if ours[field] == theirs[field]:
                        t[1] += 1
                    else:
                        t[2] += 1
                        problems.append("%s: hvdiag %r, the file %r" % (field, ours[field], theirs[field]))
        if problems:
            for p in problems:
                r.fail(f, p)
                r.lines.append("FAIL %s: %s" % (f, p))
        elif capture:
            vm = vms[f]
            ours = our_capture_facts(vm)
            r.lines.append("ok %s (showvminfo): %s, USB %s, %s filters, %s CPU, %s MiB" % (
                f, vm.get("name"), ours["usbControllers"] or "none", ours["usbFilters"], ours["vcpus"],
                ours["memoryMiB"]))
        else:
            vm = vms[f]
            r.lines.append("ok %s: %s, %s, USB %s, %s CPU, %s MiB" % (
                f, vm.get("name"), vm.get("hardwareVersion"),
                our_vbox_facts(vm)["usbControllers"] or "none", vm.get("vcpus"), vm.get("memoryMiB")))
    for f in others:
        r.lines.append("note %s: neither a .vbox file nor a showvminfo capture, not checked here" % f)

    def failed(group):
        return len([f for f in group if f in r.failed])
    v = tally.get("vbox", [0, 0, 0])
    summary = ("vbox: %d .vbox files: %d read, %d with errors or differences; %d facts agree with the XML, %d differ"
               % (len(files), v[0], failed(files), v[1], v[2]))
    if captures:
        c = tally.get("capture", [0, 0, 0])
        summary += ("; %d showvminfo captures: %d read, %d with errors or differences; %d facts agree with their "
                    "key=value lines, %d differ" % (len(captures), c[0], failed(captures), c[1], c[2]))
    if others:
        summary += "; %d other files not checked" % len(others)
    r.summary = summary
    r.finish(checked)
    return r


# ---------------------------------------------------------------------------------------------
# Section: vbox-api (the VirtualBox web service exchanges the loopback endpoint recorded)

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
VBOX_NS = "http://www.virtualbox.org/"
WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
NO_RECORDINGS = "run tools/test first: the connector tests record their exchanges"


def recording_files(ctx):
    """The .jsonl recordings to check: VBOXWEB_RECORDINGS (files or folders, os.pathsep-separated)
    or else bundles/*/target/vboxweb-requests and tests/*/target/vboxweb-requests."""
    given = ctx.get("recordings")
    if given is None and os.environ.get("VBOXWEB_RECORDINGS"):
        given = os.environ["VBOXWEB_RECORDINGS"].split(os.pathsep)
    if given is None:
        given = []
        for top in ("bundles", "tests"):
            base = os.path.join(REPO, top)
            if os.path.isdir(base):
                for d in sorted(os.listdir(base)):
                    given.append(os.path.join(base, d, "target", "vboxweb-requests"))
    files = []
    for g in given:
        if os.path.isdir(g):
            files.extend(os.path.join(g, f) for f in sorted(os.listdir(g)) if f.endswith(".jsonl"))
        elif os.path.isfile(g):
            files.append(g)
    return files


class VboxWsdl:
    """VirtualBox's WSDL of one version: its XML Schema (for lxml) and, per operation of the
    vboxBinding, the input and output elements and the declared fault elements."""

    def __init__(self, path):
        from lxml import etree
        self.path = path
        tree = etree.parse(path, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
        ns = {"wsdl": WSDL_NS, "xsd": XSD_NS}
        schema = tree.find("wsdl:types/xsd:schema", ns)
        if schema is None:
            raise ValueError("%s has no wsdl:types/xsd:schema" % path)
        # The schema's QName values (type="vbox:...") use prefixes declared on wsdl:definitions:
        # carry every namespace in scope over to the standalone schema.
        import copy
        standalone = etree.Element(schema.tag, attrib=dict(schema.attrib), nsmap=schema.nsmap)
        standalone.extend(copy.deepcopy(c) for c in schema)
        self.schema = etree.XMLSchema(etree.ElementTree(standalone))
        messages = {}
        for m in tree.findall("wsdl:message", ns):
            part = m.find("wsdl:part", ns)
            if part is not None and part.get("element"):
                messages[m.get("name")] = part.get("element").split(":", 1)[-1]
        port_types = {pt.get("name"): pt for pt in tree.findall("wsdl:portType", ns)}
        binding = tree.find("wsdl:binding[@name='vboxBinding']", ns)
        if binding is None:
            raise ValueError("%s has no wsdl:binding vboxBinding" % path)
        port_type = port_types[binding.get("type").split(":", 1)[-1]]
        bound = {o.get("name") for o in binding.findall("wsdl:operation", ns)}
        self.by_input = {}
        for op in port_type.findall("wsdl:operation", ns):
            if op.get("name") not in bound:
                continue
            msg = lambda e: messages.get((e.get("message") or "").split(":", 1)[-1]) if e is not None else None
            inp, out = msg(op.find("wsdl:input", ns)), msg(op.find("wsdl:output", ns))
            faults = {msg(f) for f in op.findall("wsdl:fault", ns)}
            if inp:
                self.by_input[inp] = (op.get("name"), out, faults)

    def validate(self, element):
        """lxml's message when the element is not valid against the schema, else None."""
        from lxml import etree
        doc = etree.fromstring(etree.tostring(element))
        if self.schema.validate(doc):
            return None
        return "; ".join("line %d: %s" % (e.line, e.message) for e in self.schema.error_log)


def _body_child(text, what):
    from lxml import etree
    try:
        root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as e:
        raise ValueError("%s is not well-formed XML: %s" % (what, e))
    if root.tag != "{%s}Envelope" % SOAP_ENV:
        raise ValueError("%s is not a SOAP 1.1 Envelope but <%s>" % (what, root.tag))
    body = root.find("{%s}Body" % SOAP_ENV)
    children = [c for c in body] if body is not None else []
    if len(children) != 1:
        raise ValueError("%s's SOAP Body has %d elements, expected 1" % (what, len(children)))
    return children[0]


def check_exchange(wsdl, rec):
    """Problems of one recorded exchange (a list of texts); (request ok, response ok)."""
    problems = []
    try:
        req = _body_child(rec["request"], "request")
    except ValueError as e:
        return [str(e)], False, False
    qname = req.tag
    local = qname.split("}", 1)[-1]
    if not qname.startswith("{%s}" % VBOX_NS) or local not in wsdl.by_input:
        return ["request <%s> is not the input element of any operation of vboxBinding in %s"
                % (qname, os.path.basename(wsdl.path))], False, False
    op, out_el, faults = wsdl.by_input[local]
    msg = wsdl.validate(req)
    req_ok = msg is None
    if msg:
        problems.append("%s request: %s" % (op, msg))
    try:
        resp = _body_child(rec["response"], "response")
    except ValueError as e:
        return problems + ["%s %s" % (op, e)], req_ok, False
    status = rec.get("status")
    if resp.tag == "{%s}Fault" % SOAP_ENV:
        if status != 500:
            problems.append("%s: a SOAP Fault with HTTP status %s (SOAP 1.1 faults go with 500)" % (op, status))
        if resp.find("faultcode") is None or resp.find("faultstring") is None:
            problems.append("%s: a Fault without faultcode or faultstring" % op)
        detail = resp.find("detail")
        for d in (list(detail) if detail is not None else []):
            name = d.tag.split("}", 1)[-1]
            if not d.tag.startswith("{%s}" % VBOX_NS) or name not in faults:
                problems.append("%s: fault detail <%s> is not a fault the operation declares (%s)"
                                % (op, d.tag, ", ".join(sorted(faults))))
                continue
            m = wsdl.validate(d)
            if m:
                problems.append("%s fault %s: %s" % (op, name, m))
    elif resp.tag == "{%s}%s" % (VBOX_NS, out_el):
        if status != 200:
            problems.append("%s: a response with HTTP status %s" % (op, status))
        m = wsdl.validate(resp)
        if m:
            problems.append("%s response: %s" % (op, m))
    else:
        problems.append("%s: response <%s> is neither %s nor a SOAP Fault" % (op, resp.tag, out_el))
    resp_ok = not [p for p in problems if not p.startswith(op + " request")]
    return problems, req_ok, resp_ok


def check_vbox_api(folder, ctx):
    """Every recorded web service request and response, valid against VirtualBox's WSDL of its version."""
    r = SectionResult("vbox-api")
    try:
        import lxml.etree  # noqa: F401
    except ImportError:
        r.lines.append("FAIL python3-lxml is missing: tools/install-packages installs it (Debian's python3)")
        r.fail("(lxml)", "python3-lxml missing")
        r.summary = "vbox-api: not checked (python3-lxml missing)"
        return r
    files = recording_files(ctx)
    if not files:
        r.lines.append("FAIL no recordings of web service exchanges: " + NO_RECORDINGS)
        r.fail("(recordings)", "none")
        r.summary = "vbox-api: no recordings (%s)" % NO_RECORDINGS
        return r
    wsdls = {}
    counts = {}  # version -> [requests, valid requests, responses valid]
    n_exchanges = 0
    for path in files:
        name = os.path.relpath(path, REPO) if path.startswith(REPO) else path
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                where = "%s:%d" % (name, n)
                try:
                    rec = json.loads(line)
                    version = rec["api"].replace("_", ".")
                    rec["request"], rec["response"]
                except (ValueError, KeyError, AttributeError) as e:
                    r.fail(name, "unreadable line")
                    r.lines.append("FAIL %s: not a recording line (%s)" % (where, e))
                    continue
                if version not in wsdls:
                    wsdl_path = os.path.join(folder, "vboxweb-%s.wsdl" % version)
                    try:
                        wsdls[version] = VboxWsdl(wsdl_path)
                    except (OSError, ValueError, KeyError) as e:
                        wsdls[version] = None
                        r.lines.append("FAIL no usable WSDL for API %s: %s" % (rec["api"], e))
                wsdl = wsdls[version]
                c = counts.setdefault(version, [0, 0, 0])
                c[0] += 1
                n_exchanges += 1
                if wsdl is None:
                    r.fail(name, "no WSDL for API %s" % rec["api"])
                    continue
                problems, req_ok, resp_ok = check_exchange(wsdl, rec)
                c[1] += req_ok
                c[2] += resp_ok
                for p in problems:
                    r.fail(name, p)
                    r.lines.append("FAIL %s (%s): %s" % (where, rec.get("operation") or "?", p))
    for version in sorted(counts):
        req, req_ok, resp_ok = counts[version]
        r.lines.append("vbox-api %s: %d requests, %d responses valid against vboxweb-%s.wsdl%s" % (
            version, req_ok, resp_ok, version, "" if req_ok == req == resp_ok else " (of %d exchanges)" % req))
    r.summary = "vbox-api: %d exchanges in %d recordings, %d with problems" % (
        n_exchanges, len(files), sum(len(v) for v in r.failed.values()))
    r.finish(files)
    return r


# ---------------------------------------------------------------------------------------------
# Section: winrm (recorded WinRM exchanges with real Windows hosts, replayed through hvdiag's parser)

WS_SOAP = "http://www.w3.org/2003/05/soap-envelope"
WS_ADDR = "http://schemas.xmlsoap.org/ws/2004/08/addressing"
WS_MAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"
WS_SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell"
WS_ENUM = "http://schemas.xmlsoap.org/ws/2004/09/enumeration"
WS_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault"
WS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
WS_TIMEOUT = 2150858793
# winrm4j's recordings leave these for its test to fill in; any well-formed values do.
WINRM_PLACEHOLDERS = {"${messageId}": "uuid:00000000-0000-4000-8000-000000000000",
                      "${serviceUrl}": "https://winrm.invalid:5986/wsman"}
NOT_BUILT = ("build the hyperv bundle first: flock /tmp/hvdiag-build.lock tools/mvn -o -B -q clean verify "
             "-pl target-platform,bundles/org.hvdiag.core,bundles/org.hvdiag.audit,bundles/org.hvdiag.hyperv")


def winrm_responses(path):
    """The response bodies a recording holds, in order: [(label, xml text)]. Three layouts: winrm4j's
    <recording><item><request/><response/></item>...; pypsrp's YAML (messages: [{request, response}]);
    a bare SOAP envelope (OpenNMS's WireMock answer files). ValueError when it is none of them."""
    name = os.path.basename(path)
    if name.lower().endswith((".yml", ".yaml")):
        import yaml
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        messages = doc.get("messages") if isinstance(doc, dict) else None
        if not isinstance(messages, list) or not messages:
            raise ValueError("a .yml recording without a 'messages' list")
        out = []
        for i, m in enumerate(messages, 1):
            if not isinstance(m, dict) or not isinstance(m.get("response"), str) or not m["response"].strip():
                raise ValueError("message %d has no response text" % i)
            out.append(("message %d" % i, m["response"]))
        return out
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if re.search(r"<recording\b", text):
        items = len(re.findall(r"<item\b", text))
        # Sliced from the text, not re-serialised: the parser sees the bytes as recorded.
        bodies = re.findall(r"<response>(.*?)</response>", text, re.S)
        if not bodies or len(bodies) != items:
            raise ValueError("a recording with %d items but %d <response> elements" % (items, len(bodies)))
        out = []
        for i, b in enumerate(bodies, 1):
            for k, v in WINRM_PLACEHOLDERS.items():
                b = b.replace(k, v)
            out.append(("item %d" % i, b.strip()))
        return out
    if re.search(r"<(\w+:)?Envelope\b", text):
        return [("response", text)]
    raise ValueError("neither a winrm4j recording, a pypsrp .yml nor a SOAP envelope")


def _ws(s):
    return " ".join((s or "").split())


def winrm_facts(xml_text):
    """What the response says, read with ElementTree and the Action header (the Java parser goes by
    the Body's elements): the same keys ReplayCheck prints, for the fields that are compared."""
    data = xml_text.encode("utf-8")
    root = ET.fromstring(data)
    if root.tag != "{%s}Envelope" % WS_SOAP:
        raise ValueError("not a SOAP 1.2 Envelope: <%s>" % root.tag)
    action = _ws(root.findtext("{%s}Header/{%s}Action" % (WS_SOAP, WS_ADDR)))
    body = root.find("{%s}Body" % WS_SOAP)
    tail = action.rsplit("/", 1)[-1]
    facts = {"action": action}
    if action.endswith("/fault") or tail == "Fault":
        facts["kind"] = "fault"
        f = body.find("{%s}Fault" % WS_SOAP)
        facts["subcode"] = _ws(f.findtext("{%s}Code/{%s}Subcode/{%s}Value" % (WS_SOAP, WS_SOAP, WS_SOAP)))
        wf = f.find(".//{%s}WSManFault" % WS_FAULT)
        facts["wsmanCode"] = int(wf.get("Code")) if wf is not None and wf.get("Code") else None
        msg = wf.find("{%s}Message" % WS_FAULT) if wf is not None else None
        facts["message"] = _ws(" ".join(msg.itertext())) if msg is not None else ""
        facts["operationTimeout"] = facts["wsmanCode"] == WS_TIMEOUT
    elif tail == "CreateResponse":
        facts["kind"] = "shellCreated"
        ids = {_ws(s.text) for s in body.iter("{%s}Selector" % WS_MAN) if s.get("Name") == "ShellId"}
        ids |= {_ws(s.text) for s in body.iter("{%s}ShellId" % WS_SHELL)}
        if len(ids) != 1:
            raise ValueError("a CreateResponse naming %d shell ids" % len(ids))
        facts["shellId"] = ids.pop()
    elif tail == "CommandResponse":
        facts["kind"] = "commandStarted"
        facts["commandId"] = _ws(body.findtext(".//{%s}CommandId" % WS_SHELL))
    elif tail == "ReceiveResponse":
        facts["kind"] = "received"
        streams = {}
        for s in body.iter("{%s}Stream" % WS_SHELL):
            st = streams.setdefault(s.get("Name"), {"chunks": 0, "bytes": b"", "end": False})
            st["chunks"] += 1
            st["bytes"] += base64.b64decode("".join((s.text or "").split()), validate=True)
            st["end"] = st["end"] or (s.get("End") or "").lower() == "true"
        facts["streams"] = streams
        state = body.find(".//{%s}CommandState" % WS_SHELL)
        facts["state"] = state.get("State") if state is not None else None
        code = state.findtext("{%s}ExitCode" % WS_SHELL) if state is not None else None
        facts["exitCode"] = int(code) if code is not None else None
    elif tail in ("EnumerateResponse", "PullResponse"):
        facts["kind"] = "enumerated"
        resp = body[0]
        end = resp.find("{%s}EndOfSequence" % WS_MAN) is not None or resp.find("{%s}EndOfSequence" % WS_ENUM) is not None
        facts["endOfSequence"] = end
        facts["context"] = None if end else (_ws(resp.findtext("{%s}EnumerationContext" % WS_ENUM)) or None)
        items = resp.find("{%s}Items" % WS_MAN)
        if items is None:
            items = resp.find("{%s}Items" % WS_ENUM)
        facts["items"] = []
        for it in (list(items) if items is not None else []):
            props = {}
            for p in it:
                name = p.tag.split("}", 1)[-1]
                value = None if p.get("{%s}nil" % WS_XSI) == "true" else (p.text or "")
                if name in props:
                    props[name] = (props[name] if isinstance(props[name], list) else [props[name]]) + [value]
                else:
                    props[name] = value
            facts["items"].append({"element": it.tag.split("}", 1)[-1], "properties": props})
    else:
        facts["kind"] = "acknowledged"
    return facts


def winrm_differences(ours, theirs):
    """Fields where the client's parse and the check's reading differ: [(field, ours, theirs)]."""
    diffs = []

    def cmp(field, a, b):
        if a != b:
            diffs.append((field, a, b))
    cmp("kind", ours.get("kind"), theirs["kind"])
    if ours.get("kind") != theirs["kind"]:
        return diffs
    kind = theirs["kind"]
    keys = {"fault": ("subcode", "wsmanCode", "message", "operationTimeout"), "shellCreated": ("shellId",),
            "commandStarted": ("commandId",), "received": ("state", "exitCode"),
            "enumerated": ("endOfSequence", "context", "items")}.get(kind, ())
    for k in keys:
        a = ours.get(k)
        if k == "items" and isinstance(a, list):
            a = [{"element": i.get("element"), "properties": i.get("properties")} for i in a]
        cmp(k, a, theirs[k])
    if kind == "received":
        mine = ours.get("streams") or {}
        cmp("stream names", sorted(mine), sorted(theirs["streams"]))
        for name, st in theirs["streams"].items():
            m = mine.get(name) or {}
            try:
                got = base64.b64decode(m.get("bytes", ""))
            except (ValueError, TypeError):
                got = None
            cmp("%s bytes" % name, got, st["bytes"])
            cmp("%s chunks" % name, m.get("chunks"), st["chunks"])
            cmp("%s end" % name, m.get("end"), st["end"])
    return diffs


def run_replay(paths):
    """hvdiag's reply parser (org.hvdiag.hyperv.internal.ReplayCheck) over reply files: one dict per file."""
    core = os.path.join(REPO, "bundles", "org.hvdiag.core", "target", "classes")
    hyperv = os.path.join(REPO, "bundles", "org.hvdiag.hyperv", "target", "classes")
    if not os.path.exists(os.path.join(hyperv, "org", "hvdiag", "hyperv", "internal", "ReplayCheck.class")):
        raise RuntimeError(NOT_BUILT)
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
    p = subprocess.run([java, "-cp", core + os.pathsep + hyperv, "org.hvdiag.hyperv.internal.ReplayCheck"] + paths,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError("ReplayCheck exited %d: %s" % (p.returncode, p.stderr.decode("utf-8", "replace")[-2000:]))
    lines = [json.loads(l) for l in p.stdout.decode("utf-8").splitlines() if l.strip()]
    if len(lines) != len(paths):
        raise RuntimeError("ReplayCheck printed %d results for %d replies" % (len(lines), len(paths)))
    return lines


def check_winrm(folder, ctx):
    """Every response of every recorded exchange, read by hvdiag's WS-Management parser, agrees with what
    the check reads from the same XML: shell and command ids, decoded stdout/stderr bytes, exit codes,
    faults (operation timeouts recognised), enumeration contexts and items with their fragments."""
    r = SectionResult("winrm")
    files = sorted(f for f in os.listdir(folder) if os.path.isfile(os.path.join(folder, f)))
    if not files:
        r.fail("(folder)", "no recordings")
        r.lines.append("FAIL no recordings in %s" % folder)
        r.summary = "winrm: no recordings"
        return r
    replay = ctx.get("replay", run_replay)
    tmp = tempfile.mkdtemp(prefix="corpus-check-winrm-")
    try:
        jobs = []  # (file, label, path, facts or error)
        for f in files:
            try:
                responses = winrm_responses(os.path.join(folder, f))
            except (ValueError, OSError, UnicodeDecodeError) as e:
                r.fail(f, "not readable as a recording: %s" % e)
                r.lines.append("FAIL %s: not readable as a recording: %s" % (f, e))
                continue
            except Exception as e:  # yaml's own errors
                r.fail(f, "not readable as a recording: %s" % e)
                r.lines.append("FAIL %s: not readable as a recording: %s" % (f, _ws(str(e))))
                continue
            for label, text in responses:
                path = os.path.join(tmp, "%03d.xml" % len(jobs))
                with open(path, "w", encoding="utf-8") as out:
                    out.write(text)
                try:
                    facts = winrm_facts(text)
                except (ET.ParseError, ValueError, IndexError, TypeError) as e:
                    facts = "the check cannot read it: %s" % e
                jobs.append((f, label, path, facts))
        try:
            results = replay([j[2] for j in jobs]) if jobs else []
        except (RuntimeError, OSError) as e:
            for f in sorted({j[0] for j in jobs}):
                r.fail(f, "hvdiag's parser did not run")
            r.lines.append("FAIL hvdiag's parser did not run: %s" % e)
            r.summary = "winrm: %d recordings: hvdiag's parser did not run" % len(files)
            r.finish(files)
            return r
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    parsed = agree = 0
    kinds = {}
    chunks = fragments = timeouts = 0
    per_file = {}
    for (f, label, _path, theirs), ours in zip(jobs, results):
        per_file.setdefault(f, []).append(label)
        if not ours.get("ok"):
            r.fail(f, "%s: %s" % (label, ours.get("error")))
            r.lines.append("FAIL %s %s: hvdiag cannot parse it: %s" % (f, label, ours.get("error")))
            continue
        parsed += 1
        if isinstance(theirs, str):
            r.fail(f, "%s: %s" % (label, theirs))
            r.lines.append("FAIL %s %s: %s" % (f, label, theirs))
            continue
        diffs = winrm_differences(ours, theirs)
        if diffs:
            for field, a, b in diffs:
                r.fail(f, "%s: %s differs" % (label, field))
                r.lines.append("FAIL %s %s: %s: hvdiag %r, the XML %r" % (f, label, field, a, b))
            continue
        agree += 1
        kinds[theirs["kind"]] = kinds.get(theirs["kind"], 0) + 1
        if theirs["kind"] == "received":
            chunks += sum(s["chunks"] for s in theirs["streams"].values())
        elif theirs["kind"] == "enumerated":
            fragments += len(theirs["items"])
        elif theirs["kind"] == "fault" and theirs["operationTimeout"]:
            timeouts += 1
    for f in files:
        if f in per_file and f not in r.failed:
            r.lines.append("ok %s: %d responses" % (f, len(per_file[f])))
    total = len(jobs)
    r.summary = ("winrm: %d recordings: %d responses, %d parsed, %d agree with the XML (%d shells created, "
                 "%d commands, %d receives with %d stream chunks, %d faults of which %d operation timeouts, "
                 "%d enumerations with %d items, %d other); %d recordings failed" % (
                     len(files), total, parsed, agree, kinds.get("shellCreated", 0), kinds.get("commandStarted", 0),
                     kinds.get("received", 0), chunks, kinds.get("fault", 0), timeouts, kinds.get("enumerated", 0),
                     fragments, kinds.get("acknowledged", 0), len(r.failed)))
    r.finish(files)
    return r


# ---------------------------------------------------------------------------------------------
# Section: libvirt-xml (libvirt's own domain XML test files)


def domain_facts(path):
    """What a domain XML says, read here with ElementTree: name, uuid, USB controller models as
    written (None where absent), the devices on the guest's USB bus (USB host devices, USB
    redirection channels, disks with a USB target), redirfilter rules that allow. Raises ValueError
    for a file that is not a well-formed domain XML."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        raise ValueError("not well-formed: %s" % e)
    if root.tag != "domain":
        raise ValueError("root element <%s>, not <domain>" % root.tag)
    devices = root.find("devices")
    devices = devices if devices is not None else ET.Element("devices")
    models = [c.get("model") for c in devices.findall("controller") if c.get("type") == "usb"]
    hostdevs = [h for h in devices.findall("hostdev") if h.get("type") == "usb" and h.get("mode", "subsystem") == "subsystem"]
    redirdevs = [r for r in devices.findall("redirdev") if r.get("bus") == "usb"]
    usb_disks = [d for d in devices.findall("disk") if d.find("target") is not None and d.find("target").get("bus") == "usb"]
    allows = [u for f in devices.findall("redirfilter") for u in f.findall("usbdev") if u.get("allow") == "yes"]
    return {"name": (root.findtext("name") or "").strip(), "uuid": (root.findtext("uuid") or "").strip().lower(),
            "models": models, "hostdevs": len(hostdevs), "usb_devices": len(hostdevs) + len(redirdevs) + len(usb_disks),
            "allows": len(allows)}


def check_libvirt_xml(folder, ctx):
    """Every domain XML of libvirt's test corpus read by hvdiag, or refused with a reason an admin can
    act on (some are invalid on purpose); what hvdiag read agrees with the file: name, uuid, the USB
    controller models it names, USB host devices, and redirfilter rules that let devices through."""
    r = SectionResult("libvirt-xml")
    files = sorted(f for f in os.listdir(folder) if f.lower().endswith(".xml"))
    if not files:
        r.fail("(folder)", "no .xml files")
        r.summary = "libvirt-xml: no .xml files"
        return r
    found = inventory_by_file(folder, files, ctx, r)
    if found is None:
        return r
    vms, errors = found
    n_read = n_rejected = n_agree = n_differ = 0
    for f in files:
        path = os.path.join(folder, f)
        if f in errors and f not in vms:
            message = errors[f][0].get("message", "")
            if clear_reason(message):
                n_rejected += 1
                r.lines.append("ok %s: refused: %s" % (f, message))
            else:
                r.fail(f, "refused without a clear reason: %r" % message)
                r.lines.append("FAIL %s: refused without a clear reason: %r" % (f, message))
            continue
        vm = vms.get(f)
        if vm is None:
            r.fail(f, "neither read nor refused")
            r.lines.append("FAIL %s: neither read nor refused" % f)
            continue
        n_read += 1
        try:
            facts = domain_facts(path)
        except ValueError as e:
            r.fail(f, "hvdiag read a file the reference cannot: %s" % e)
            r.lines.append("FAIL %s: hvdiag read it, but it is %s" % (f, e))
            continue
        ours_models = [c.get("model") for c in vm.get("usbControllers", [])]
        wrong = []
        if vm.get("name") != facts["name"]:
            wrong.append("name %r, the file says %r" % (vm.get("name"), facts["name"]))
        if facts["uuid"] and vm.get("id") != facts["uuid"]:
            wrong.append("id %r, the file's uuid is %r" % (vm.get("id"), facts["uuid"]))
        if "none" in facts["models"] and ours_models:
            wrong.append("controllers %s, the file says model='none'" % ours_models)
        for m in facts["models"]:
            if m not in (None, "none") and m not in ours_models:
                wrong.append("no %s controller (hvdiag read %s)" % (m, ours_models))
        if len(vm.get("usbDevices", [])) != facts["usb_devices"]:
            wrong.append("%d USB devices, the file has %d on the USB bus (host devices, redirection channels, USB disks)"
                         % (len(vm.get("usbDevices", [])), facts["usb_devices"]))
        if len(vm.get("usbFilters", [])) != facts["allows"]:
            wrong.append("%d USB filters, the file has %d redirfilter rules that allow" % (len(vm.get("usbFilters", [])), facts["allows"]))
        if wrong:
            n_differ += 1
            for w in wrong:
                r.fail(f, w)
                r.lines.append("FAIL %s: %s" % (f, w))
        else:
            n_agree += 1
    r.summary = ("libvirt-xml: %d domain XMLs: %d read, %d refused with a reason; %d agree with the file "
                 "(name, uuid, USB controller models, USB devices, allowing filters), %d differ"
                 % (len(files), n_read, n_rejected, n_agree, n_differ))
    r.finish(files)
    return r


SECTIONS = {
    "libvirt-xml": check_libvirt_xml,
    "vmx-libvirt": check_vmx_libvirt,
    "vbox": check_vbox,
    "vbox-api": check_vbox_api,
    "winrm": check_winrm,
}


# ---------------------------------------------------------------------------------------------
# Driver


def run(root, ctx, out=sys.stdout):
    """Runs every section (ctx["sections"], else all) on the corpus root; returns (passed, failed).
    With ctx["only"], runs that section alone."""
    passed = failed = 0
    sections = ctx.get("sections", SECTIONS)
    folders = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    names = sorted(set(folders) | set(sections))
    if ctx.get("only"):
        names = [ctx["only"]]
    for name in names:
        section = sections.get(name)
        if section is None:
            print("%s: not checked yet" % name, file=out)
            continue
        folder = os.path.join(root, name)
        if not os.path.isdir(folder):
            print("FAIL %s: folder missing from the corpus" % name, file=out)
            print("%s: folder missing" % name, file=out)
            failed += 1
            continue
        r = section(folder, ctx)
        for line in r.lines:
            print("  " + line, file=out)
        print(r.summary, file=out)
        passed += len(r.passed)
        failed += len(r.failed)
    print("corpus-check: %d passed, %d failed" % (passed, failed), file=out)
    return passed, failed


USAGE = """usage: tools/corpus-check [--only SECTION] CORPUS_ROOT   (e.g. ../shared/corpus)
       tools/corpus-check --self-test
Runs hvdiag's readers over the real-world files in CORPUS_ROOT and compares with the reference
results there. Exit 0 when every file passed, 1 when some failed, 2 on a usage error.
HVDIAG=path overrides the hvdiag launcher; VMX_INVENTORY_JSON=file uses a saved inventory of
vmx-libvirt instead. vbox-api validates the web service exchanges the tests recorded
(bundles/*/target/vboxweb-requests, tests/*/target/vboxweb-requests; VBOXWEB_RECORDINGS=files or
folders instead) against the WSDLs. winrm replays the recorded WinRM exchanges through the hyperv
bundle's own reply parser (its built classes under bundles/*/target/classes; JAVA_HOME/bin/java or
java runs it) and compares with what it reads from the same XML itself."""


def main(argv):
    if len(argv) == 1 and argv[0] == "--self-test":
        return self_test()
    only = None
    if len(argv) == 3 and argv[0] == "--only":
        only, argv = argv[1], argv[2:]
        if only not in SECTIONS:
            print("corpus-check: no section %r (sections: %s)" % (only, ", ".join(sorted(SECTIONS))), file=sys.stderr)
            return 2
    if len(argv) != 1 or argv[0].startswith("-"):
        print(USAGE, file=sys.stderr)
        return 2
    root = argv[0]
    if not os.path.isdir(root):
        print("corpus-check: %s is not a directory\n%s" % (root, USAGE), file=sys.stderr)
        return 2
    saved = os.environ.get("VMX_INVENTORY_JSON")
    if saved:
        def inventory(folder):
            if os.path.basename(folder) != "vmx-libvirt":
                return run_inventory(folder)
            with open(saved, encoding="utf-8") as f:
                return json.load(f)
    else:
        inventory = run_inventory
    _, failed = run(root, {"inventory": inventory, "only": only})
    return 1 if failed else 0


# ---------------------------------------------------------------------------------------------
# Self-test: a tiny corpus written here, and the inventory hvdiag would print for it.

_SELF_VMX = '.encoding = "UTF-8"\nconfig.version = "8"\nvirtualHW.version = "13"\nnumvcpus = "2"\nmemsize = "%d"\n' \
            'guestOS = "%s"\nfirmware = "%s"\n'
_SELF_XML = """<domain type='vmware'>
  <name>t</name>
  <memory unit='%s'>%d</memory>
  <vcpu placement='static'>2</vcpu>
  <os%s>
    <type arch='%s'>hvm</type>
  </os>
</domain>
"""


def _vm(path, vcpus, mem, guest, firmware):
    return {"id": path, "name": "t", "hardwareVersion": "vmx-13", "firmware": firmware,
            "guestOs": {"id": guest, "family": "OTHER", "name": guest, "server": False},
            "vcpus": vcpus, "memoryMiB": mem}


_SELF_VBOX_NEW = """<?xml version="1.0"?>
<VirtualBox xmlns="http://www.virtualbox.org/" version="1.19-linux">
  <Machine uuid="{AAAAAAAA-0000-4000-8000-000000000001}" name="new" OSType="Ubuntu_64">
    <Snapshot uuid="{AAAAAAAA-0000-4000-8000-000000000002}" name="s" timeStamp="2024-01-01T00:00:00Z">
      <Hardware><CPU count="8"/><Memory RAMSize="999"/>
        <USB><Controllers><Controller name="OHCI" type="OHCI"/></Controllers></USB></Hardware>
    </Snapshot>
    <Hardware>
      <CPU count="2"/>
      <Memory RAMSize="2048"/>
      <USB><Controllers><Controller name="xHCI" type="XHCI"/><Controller name="OHCI" type="OHCI"/></Controllers></USB>
    </Hardware>
  </Machine>
</VirtualBox>
"""

_SELF_VBOX_OLD = """<?xml version="1.0"?>
<VirtualBox xmlns="http://www.innotek.de/VirtualBox-settings" version="1.12-windows">
  <Machine uuid="{bbbbbbbb-0000-4000-8000-000000000001}" name="old" OSType="WindowsXP">
    <Hardware version="2">
      <Memory RAMSize="512"/>
      <USBController enabled="true" enabledEhci="true"/>
    </Hardware>
  </Machine>
</VirtualBox>
"""


def _vbox_vm(path, **fields):
    """The VM hvdiag prints for _SELF_VBOX_NEW, with fields replaced."""
    vm = {"id": "aaaaaaaa-0000-4000-8000-000000000001", "name": "new", "source": path, "hardwareVersion": "1.19",
          "usbControllers": [{"id": "xHCI", "type": "XHCI"}, {"id": "OHCI", "type": "OHCI"}],
          "vcpus": 2, "memoryMiB": 2048}
    vm.update(fields)
    return vm

_SELF_CAPTURE = 'name="Lab \\"7\\""\nostype="Ubuntu (64-bit)"\nUUID="cccccccc-0000-4000-8000-000000000001"\n' \
                'memory=4096\ncpus=2\n"SATA-0-0"="/vms/lab7/disk.vdi"\ndescription="two\nlines, usb=\\"off\\""\n' \
                'usb="on"\nehci="off"\nxhci="on"\nUSBFilterActive1="on"\nUSBFilterName1="stick"\n' \
                'USBFilterVendorId1="0781"\nUSBFilterActive2="off"\nUSBFilterName2="any"\n'
_SELF_USB_ONLY = 'usb="on"\nehci="on"\nxhci="off"\n'


def _capture_vm(path, **fields):
    """The VM hvdiag prints for _SELF_CAPTURE, with fields replaced."""
    vm = {"id": "cccccccc-0000-4000-8000-000000000001", "name": 'Lab "7"', "source": path,
          "usbControllers": [{"id": "OHCI", "type": "OHCI"}, {"id": "xHCI", "type": "XHCI"}],
          "usbFilters": [{"name": "stick"}, {"name": "any"}], "vcpus": 2, "memoryMiB": 4096}
    vm.update(fields)
    return vm


# A WSDL of VirtualBox's shape, reduced to one operation (the real ones are in the corpus).
_SELF_WSDL = """<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:vbox="http://www.virtualbox.org/"
    name="VirtualBox" targetNamespace="http://www.virtualbox.org/">
  <wsdl:types>
    <xsd:schema targetNamespace="http://www.virtualbox.org/">
      <xsd:element name="IMachine_getCPUCount"><xsd:complexType><xsd:sequence>
        <xsd:element name="_this" type="xsd:string"/></xsd:sequence></xsd:complexType></xsd:element>
      <xsd:element name="IMachine_getCPUCountResponse"><xsd:complexType><xsd:sequence>
        <xsd:element name="returnval" type="xsd:unsignedInt"/></xsd:sequence></xsd:complexType></xsd:element>
      <xsd:element name="IMachine_getNameResponse"><xsd:complexType><xsd:sequence>
        <xsd:element name="returnval" type="xsd:string"/></xsd:sequence></xsd:complexType></xsd:element>
      <xsd:element name="IMachine_getPlatform"><xsd:complexType><xsd:sequence>
        <xsd:element name="_this" type="xsd:string"/></xsd:sequence></xsd:complexType></xsd:element>
      <xsd:element name="InvalidObjectFault"><xsd:complexType><xsd:sequence>
        <xsd:element name="badObjectID" type="xsd:string"/></xsd:sequence></xsd:complexType></xsd:element>
      <xsd:element name="RuntimeFault"><xsd:complexType><xsd:sequence>
        <xsd:element name="resultCode" type="xsd:int"/><xsd:element name="returnval" type="xsd:string"/>
      </xsd:sequence></xsd:complexType></xsd:element>
    </xsd:schema>
  </wsdl:types>
  <wsdl:message name="InvalidObjectFaultMsg"><wsdl:part name="fault" element="vbox:InvalidObjectFault"/></wsdl:message>
  <wsdl:message name="RuntimeFaultMsg"><wsdl:part name="fault" element="vbox:RuntimeFault"/></wsdl:message>
  <wsdl:message name="IMachine_getCPUCountRequestMsg"><wsdl:part name="parameters" element="vbox:IMachine_getCPUCount"/></wsdl:message>
  <wsdl:message name="IMachine_getCPUCountResultMsg"><wsdl:part name="parameters" element="vbox:IMachine_getCPUCountResponse"/></wsdl:message>
  <wsdl:portType name="vboxPortType">
    <wsdl:operation name="IMachine_getCPUCount">
      <wsdl:input message="vbox:IMachine_getCPUCountRequestMsg"/>
      <wsdl:output message="vbox:IMachine_getCPUCountResultMsg"/>
      <wsdl:fault name="InvalidObjectFault" message="vbox:InvalidObjectFaultMsg"/>
      <wsdl:fault name="RuntimeFault" message="vbox:RuntimeFaultMsg"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="vboxBinding" type="vbox:vboxPortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="IMachine_getCPUCount"><soap:operation soapAction="" style="document"/></wsdl:operation>
  </wsdl:binding>
</wsdl:definitions>
"""
_SELF_ENV = ('<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"'
             ' xmlns:vbox="http://www.virtualbox.org/"><SOAP-ENV:Body>%s</SOAP-ENV:Body></SOAP-ENV:Envelope>')

# Small WinRM recordings in the three layouts of the corpus, written here (not copied from it).
_SELF_WS_HEAD = ('<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
                 'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" '
                 'xmlns:x="http://schemas.xmlsoap.org/ws/2004/09/transfer" '
                 'xmlns:n="http://schemas.xmlsoap.org/ws/2004/09/enumeration" '
                 'xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" '
                 'xmlns:rsp="http://schemas.microsoft.com/wbem/wsman/1/windows/shell">')


def _self_ws(action, body):
    return (_SELF_WS_HEAD + "<s:Header><a:Action>%s</a:Action><a:RelatesTo>${messageId}</a:RelatesTo></s:Header>"
            "<s:Body>%s</s:Body></s:Envelope>" % (action, body))


_SELF_WS_CREATE = _self_ws("http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse",
                           "<x:ResourceCreated><a:Address>${serviceUrl}</a:Address><a:ReferenceParameters>"
                           "<w:SelectorSet><w:Selector Name=\"ShellId\">SH-1</w:Selector></w:SelectorSet>"
                           "</a:ReferenceParameters></x:ResourceCreated>")
_SELF_WS_RECEIVE = _self_ws("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/ReceiveResponse",
                            "<rsp:ReceiveResponse><rsp:Stream Name=\"stdout\" CommandId=\"C-1\">aGVs</rsp:Stream>"
                            "<rsp:Stream Name=\"stdout\" CommandId=\"C-1\" End=\"true\">bG8=</rsp:Stream>"
                            "<rsp:Stream Name=\"stderr\" CommandId=\"C-1\" End=\"true\"></rsp:Stream>"
                            "<rsp:CommandState CommandId=\"C-1\" State=\"http://schemas.microsoft.com/wbem/wsman/1/"
                            "windows/shell/CommandState/Done\"><rsp:ExitCode>3</rsp:ExitCode></rsp:CommandState>"
                            "</rsp:ReceiveResponse>")
_SELF_WS_TIMEOUT = _self_ws("http://schemas.dmtf.org/wbem/wsman/1/wsman/fault",
                            "<s:Fault><s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>w:TimedOut</s:Value>"
                            "</s:Subcode></s:Code><s:Reason><s:Text>late</s:Text></s:Reason><s:Detail>"
                            "<f:WSManFault xmlns:f=\"http://schemas.microsoft.com/wbem/wsman/1/wsmanfault\" "
                            "Code=\"2150858793\"><f:Message>late  </f:Message></f:WSManFault></s:Detail></s:Fault>")
_SELF_WS_ENUM = _self_ws("http://schemas.xmlsoap.org/ws/2004/09/enumeration/EnumerateResponse",
                         "<n:EnumerateResponse><n:EnumerationContext>uuid:E-1</n:EnumerationContext><w:Items>"
                         "<w:XmlFragment xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><Name>A:</Name>"
                         "<Size xsi:nil=\"true\"/></w:XmlFragment></w:Items></n:EnumerateResponse>")


def _self_recording(*responses):
    items = "".join("<item><request action=\"x\"/><response>%s</response></item>" % r for r in responses)
    return '<?xml version="1.0"?>\n<!DOCTYPE recording [<!ELEMENT recording (item*)>]>\n<recording>%s</recording>\n' % items


def _self_yml(*responses):
    import yaml
    return yaml.safe_dump({"messages": [{"request": "<r/>", "response": r} for r in responses]})


def _fake_replay(mutate=None):
    """What a correct ReplayCheck prints for the files, from the check's own reading; mutate(dict) to plant a fault."""
    def replay(paths):
        out = []
        for p in paths:
            with open(p, encoding="utf-8") as f:
                facts = winrm_facts(f.read())
            d = dict(facts, ok=True, file=p)
            if "streams" in d:
                d["streams"] = {k: dict(v, bytes=base64.b64encode(v["bytes"]).decode("ascii"))
                                for k, v in d["streams"].items()}
            if mutate:
                d = mutate(d)
            out.append(d)
        return out
    return replay


VMX_ONLY = {"vmx-libvirt": check_vmx_libvirt}


def self_test():
    import io
    import unittest

    class T(unittest.TestCase):
        def setUp(self):
            self.tmp = tempfile.mkdtemp(prefix="corpus-check-selftest-")
            self.folder = os.path.join(self.tmp, "vmx-libvirt")
            self.known = os.path.join(self.tmp, "known")
            os.makedirs(self.folder)
            os.makedirs(self.known)
            for d in ("vbox", "winrm"):
                os.makedirs(os.path.join(self.tmp, d))
            self.vms = []
            self.errors = []

        def tearDown(self):
            shutil.rmtree(self.tmp)

        def write(self, name, text):
            with open(os.path.join(self.folder, name), "w") as f:
                f.write(text)
            return os.path.join(self.folder, name)

        def add(self, base, mem=1024, xml_mem=(1048576, "KiB"), guest="rhel7-64", arch="x86_64",
                firmware="efi", xml_efi=True, read=True):
            p = self.write(base + ".vmx", _SELF_VMX % (mem, guest, firmware))
            self.write(base + ".xml", _SELF_XML % (xml_mem[1], xml_mem[0],
                                                   " firmware='efi'" if xml_efi else "", arch))
            if read:
                self.vms.append(_vm(p, 2, mem, guest, "EFI" if firmware == "efi" else "BIOS"))
            return p

        def known_list(self, *rows):
            with open(os.path.join(self.known, "vmx-libvirt-known.tsv"), "w") as f:
                f.write("# test\n" + "\t".join(KNOWN_COLUMNS) + "\n")
                for row in rows:
                    f.write("\t".join(row) + "\n")

        def check(self):
            inv = {"schema": "x", "targets": [{"target": self.folder, "hosts": [],
                                               "vms": self.vms, "errors": self.errors}]}
            out = io.StringIO()
            passed, failed = run(self.tmp, {"inventory": lambda _f: inv, "known_dir": self.known,
                                            "sections": VMX_ONLY}, out)
            return passed, failed, out.getvalue()

        def test_agreement(self):
            self.add("a")
            self.add("b", mem=512, xml_mem=(512, "MiB"), guest="winxppro", arch="i686", firmware="bios",
                     xml_efi=False)
            passed, failed, out = self.check()
            self.assertEqual((2, 0), (passed, failed), out)
            self.assertIn("8 fields agree, 0 differ", out)
            self.assertIn("hardware version not in libvirt's XML (2 files)", out)
            self.assertIn("winrm: not checked yet", out)
            self.assertTrue(out.rstrip().endswith("corpus-check: 2 passed, 0 failed"), out)

        def test_planted_disagreement_fails(self):
            self.add("a")
            self.add("b", xml_mem=(2, "GiB"))  # libvirt says 2048 MiB, hvdiag 1024
            passed, failed, out = self.check()
            self.assertEqual((1, 1), (passed, failed), out)
            self.assertIn("FAIL b.vmx memoryMiB: ours 1024, libvirt's 2048", out)
            self.assertIn("1 unexplained", out)

        def test_listed_disagreement_passes_and_stale_entry_fails(self):
            self.add("a")
            self.add("b", xml_mem=(2, "GiB"))
            self.known_list(("b.vmx", "memoryMiB", "1024", "2048", "planted"))
            passed, failed, out = self.check()
            self.assertEqual((2, 0), (passed, failed), out)
            self.assertIn("1 differ (libvirt's mapping, listed)", out)
            self.known_list(("b.vmx", "memoryMiB", "1024", "2048", "planted"),
                            ("a.vmx", "vcpus", "2", "4", "no longer true"))
            passed, failed, out = self.check()
            self.assertEqual((1, 1), (passed, failed), out)
            self.assertIn("FAIL stale known entry a.vmx vcpus", out)

        def test_file_neither_read_nor_rejected_fails(self):
            self.add("a", read=False)
            passed, failed, out = self.check()
            self.assertEqual((0, 1), (passed, failed), out)
            self.assertIn("FAIL a.vmx: neither read", out)

        def test_rejection_needs_a_reason(self):
            p = self.add("a", read=False)
            self.errors.append({"object": p, "location": "", "message": "java.lang.NullPointerException"})
            passed, failed, out = self.check()
            self.assertEqual((0, 1), (passed, failed), out)
            self.errors[0]["message"] = "encrypted VM: its settings cannot be read without the password"
            passed, failed, out = self.check()
            self.assertEqual((1, 0), (passed, failed), out)
            self.assertIn("1 rejected with a reason", out)

        def test_damaged_line_is_a_warning(self):
            p = self.add("a")
            self.errors.append({"object": p, "location": "line 3", "message": "not a key = \"value\" line"})
            passed, failed, out = self.check()
            self.assertEqual((1, 0), (passed, failed), out)
            self.assertIn("1 read (1 with damaged lines)", out)
            self.assertIn("warn a.vmx (line 3)", out)

        def test_unknown_vs_default(self):
            self.add("a")
            self.vms[0]["memoryMiB"] = None
            self.vms[0]["guestOs"]["id"] = ""
            passed, failed, out = self.check()
            self.assertIn("memoryMiB: ours unknown, libvirt's 1024", out)
            self.assertIn("guestArch: ours unknown, libvirt's x86_64", out)

        def test_units_and_arch(self):
            self.assertEqual("1000", mib_text(1024000 * 1024))
            self.assertEqual("0.5", mib_text(512 * 1024))
            self.assertEqual("x86_64", arch_of_guest("windows2019srvNext-64"))
            self.assertEqual("x86_64", arch_of_guest("windows7_64Guest"))
            self.assertEqual("i686", arch_of_guest("winxppro"))
            self.assertEqual(UNKNOWN, arch_of_guest(""))
            self.assertFalse(clear_reason("could not be read: java.lang.IllegalStateException: x"))
            self.assertTrue(clear_reason('memsize = "abc": expected a whole number of MiB, e.g. "4096"'))

        def test_hvdiag_not_running_fails_every_file(self):
            self.add("a")
            self.add("b")

            def broken(_folder):
                raise RuntimeError("hvdiag inventory exited 1: build failed")
            out = io.StringIO()
            passed, failed = run(self.tmp, {"inventory": broken, "known_dir": self.known, "sections": VMX_ONLY}, out)
            self.assertEqual((0, 2), (passed, failed), out.getvalue())
            self.assertIn("FAIL hvdiag inventory: hvdiag inventory exited 1", out.getvalue())

        def test_libvirt_firmware_and_units(self):
            p = os.path.join(self.tmp, "d.xml")
            with open(p, "w") as f:
                f.write("<domain><memory>2097152</memory><vcpu>4</vcpu><os><type arch='i686'>hvm</type>"
                        "<loader readonly='yes' type='pflash'>/x/OVMF.fd</loader></os></domain>")
            facts = libvirt_facts(p)
            self.assertEqual(("2048", "4", "EFI", "i686", None), (
                facts["memoryMiB"], facts["vcpus"], facts["firmware"], facts["guestArch"], facts["hardwareVersion"]))
            with open(p, "w") as f:
                f.write("<domain><memory unit='bytes'>1048576</memory><os/></domain>")
            facts = libvirt_facts(p)
            self.assertEqual(("1", UNKNOWN, "BIOS", UNKNOWN), (
                facts["memoryMiB"], facts["vcpus"], facts["firmware"], facts["guestArch"]))

        def test_usage(self):
            saved, sys.stderr = sys.stderr, io.StringIO()
            try:
                self.assertEqual(2, main([]))
                self.assertEqual(2, main([os.path.join(self.tmp, "nope")]))
                self.assertEqual(2, main([self.tmp, "extra"]))
                self.assertIn("usage:", sys.stderr.getvalue())
            finally:
                sys.stderr = saved


    class VboxT(unittest.TestCase):
        """The vbox section alone: its own folder, its own inventory."""

        def setUp(self):
            self.tmp = tempfile.mkdtemp(prefix="corpus-check-selftest-vbox-")
            self.folder = os.path.join(self.tmp, "vbox")
            os.makedirs(self.folder)

        def tearDown(self):
            shutil.rmtree(self.tmp)

        def write(self, name, text):
            p = os.path.join(self.folder, name)
            with open(p, "w") as f:
                f.write(text)
            return p

        def check(self, vms, errors=()):
            inv = {"targets": [{"vms": vms, "errors": list(errors)}]}
            r = check_vbox(self.folder, {"inventory": lambda _f: inv})
            return r, "\n".join(r.lines + [r.summary])

        def test_both_layouts_agree(self):
            new = self.write("new.vbox", _SELF_VBOX_NEW)
            old = self.write("old.vbox", _SELF_VBOX_OLD)
            self.write("README.md", "where the files come from\n")
            r, out = self.check([_vbox_vm(new), _vbox_vm(old, id="bbbbbbbb-0000-4000-8000-000000000001", name="old",
                                                         usbControllers=[{"type": "OHCI"}, {"type": "EHCI"}],
                                                         vcpus=1, memoryMiB=512)])
            self.assertEqual((["new.vbox", "old.vbox"], {}), (sorted(r.passed), r.failed), out)
            self.assertIn("10 facts agree with the XML, 0 differ", out)
            self.assertIn("ok new.vbox: new, 1.19, USB OHCI,XHCI, 2 CPU, 2048 MiB", out)
            self.assertIn("note README.md: neither a .vbox file nor a showvminfo capture", out)

        def test_snapshot_hardware_counted_as_the_vms_fails(self):
            new = self.write("new.vbox", _SELF_VBOX_NEW)
            r, out = self.check([_vbox_vm(new, vcpus=8, usbControllers=[{"type": "OHCI"}])])
            self.assertEqual(["new.vbox"], list(r.failed), out)
            self.assertIn("FAIL new.vbox: vcpus: hvdiag '8', the file '2'", out)
            self.assertIn("FAIL new.vbox: usbControllers: hvdiag 'OHCI', the file 'OHCI,XHCI'", out)

        def test_showvminfo_captures_agree_with_their_key_value_lines(self):
            new = self.write("new.vbox", _SELF_VBOX_NEW)
            full = self.write("lab7.txt", _SELF_CAPTURE)
            usb = self.write("usb-only.showvminfo", _SELF_USB_ONLY)
            r, out = self.check([_vbox_vm(new), _capture_vm(full),
                                 {"id": os.path.realpath(usb), "name": "usb-only.showvminfo", "source": usb,
                                  "usbControllers": [{"type": "OHCI"}, {"type": "EHCI"}], "usbFilters": [],
                                  "vcpus": None, "memoryMiB": None}])
            self.assertEqual((["lab7.txt", "new.vbox", "usb-only.showvminfo"], {}), (sorted(r.passed), r.failed), out)
            self.assertIn("2 showvminfo captures: 2 read, 0 with errors or differences; "
                          "12 facts agree with their key=value lines, 0 differ", out)
            self.assertIn("ok lab7.txt (showvminfo): Lab \"7\", USB OHCI,XHCI, 2 filters, 2 CPU, 4096 MiB", out)

        def test_a_capture_hvdiag_reads_differently_fails(self):
            self.write("new.vbox", _SELF_VBOX_NEW)
            full = self.write("lab7.txt", _SELF_CAPTURE)
            r, out = self.check([_capture_vm(full, usbFilters=[{"name": "stick"}], usbControllers=[{"type": "OHCI"}])])
            self.assertIn("lab7.txt", r.failed, out)
            self.assertIn("FAIL lab7.txt: usbControllers: hvdiag 'OHCI', the file 'OHCI,XHCI'", out)
            self.assertIn("FAIL lab7.txt: usbFilters: hvdiag '1', the file '2'", out)

        def test_a_capture_hvdiag_rejects_or_skips_fails(self):
            self.write("new.vbox", _SELF_VBOX_NEW)
            full = self.write("lab7.txt", _SELF_CAPTURE)
            self.write("other.txt", _SELF_USB_ONLY)
            r, out = self.check([], [{"object": full, "location": "line 7", "message": "expected key=value"}])
            self.assertIn("FAIL lab7.txt: hvdiag: line 7: expected key=value", out)
            self.assertIn("FAIL other.txt: neither read as a VM nor reported as an error", out)

        def test_a_capture_the_check_cannot_read_fails(self):
            self.write("new.vbox", _SELF_VBOX_NEW)
            bad = self.write("bad.txt", 'name="x"\nthis is no setting\n')
            r, out = self.check([_capture_vm(bad)])
            self.assertIn("FAIL bad.txt: the key=value check cannot read it: line 2 is not key=value", out)

        def test_showvminfo_pairs(self):
            p = self.write("p.txt", '\ufeffname="a \\"b\\" \\\\ c"\n"IDE-1-0"="emptydrive"\nVideoMode="720,400,0"@0,0 1\n'
                                     'description="x\nusb=\\"on\\"\n"\nusb="off"\nvideocapopts=\n')
            kv = showvminfo_pairs(p)
            self.assertEqual('a "b" \\ c', kv["name"])
            self.assertEqual("emptydrive", kv["IDE-1-0"])
            self.assertEqual("720,400,0", kv["VideoMode"])
            self.assertEqual("off", kv["usb"])
            self.assertEqual("", kv["videocapopts"])

        def test_an_error_fails_the_file_even_when_read(self):
            new = self.write("new.vbox", _SELF_VBOX_NEW)
            r, out = self.check([_vbox_vm(new)], [{"object": new, "location": "line 3", "message": "odd"}])
            self.assertEqual(["new.vbox"], list(r.failed), out)
            self.assertIn("FAIL new.vbox: hvdiag: line 3: odd", out)

        def test_a_file_hvdiag_skipped_fails(self):
            self.write("new.vbox", _SELF_VBOX_NEW)
            r, out = self.check([])
            self.assertIn("FAIL new.vbox: neither read as a VM nor reported as an error", out)

        def test_no_vbox_files_fails(self):
            r, out = self.check([])
            self.assertEqual(["(folder)"], list(r.failed), out)

        def test_facts_from_the_xml(self):
            p = self.write("p.vbox", _SELF_VBOX_NEW.replace("<CPU count=\"2\"/>", "").replace(
                "</Hardware>\n  </Machine>", "</Hardware>\n    <Platform architecture=\"x86\"><CPU count=\"6\"/></Platform>\n  </Machine>"))
            facts = vbox_facts(p)
            self.assertEqual(("aaaaaaaa-0000-4000-8000-000000000001", "6", "2048", "OHCI,XHCI"),
                             (facts["id"], facts["vcpus"], facts["memoryMiB"], facts["usbControllers"]))
            q = self.write("q.vbox", "<VirtualBox version='1.16'><Global/></VirtualBox>")
            with self.assertRaises(ValueError):
                vbox_facts(q)


    class VboxApi(unittest.TestCase):
        """The vbox-api section on a small WSDL of VirtualBox's shape and hand-made recordings."""

        def setUp(self):
            self.tmp = tempfile.mkdtemp(prefix="corpus-check-selftest-")
            self.folder = os.path.join(self.tmp, "vbox-api")
            os.makedirs(self.folder)
            with open(os.path.join(self.folder, "vboxweb-7.0.wsdl"), "w") as f:
                f.write(_SELF_WSDL)
            self.rec = os.path.join(self.tmp, "rec.jsonl")
            self.lines = []

        def tearDown(self):
            shutil.rmtree(self.tmp)

        def add(self, request_body, response_body, status=200):
            self.lines.append(json.dumps({"api": "7_0", "operation": "x", "status": status,
                                          "request": _SELF_ENV % request_body, "response": _SELF_ENV % response_body}))

        def check(self, recordings=None):
            with open(self.rec, "w") as f:
                f.write("\n".join(self.lines) + "\n")
            out = io.StringIO()
            passed, failed = run(self.tmp, {"only": "vbox-api", "recordings": [self.rec] if recordings is None
                                            else recordings}, out)
            return passed, failed, out.getvalue()

        GOOD_REQ = "<vbox:IMachine_getCPUCount><_this>0123456789abcdef-0000000000000002</_this></vbox:IMachine_getCPUCount>"

        def test_valid_exchange_and_declared_fault(self):
            self.add(self.GOOD_REQ, "<vbox:IMachine_getCPUCountResponse><returnval>4</returnval></vbox:IMachine_getCPUCountResponse>")
            self.add(self.GOOD_REQ, "<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>x</faultstring>"
                     "<detail><vbox:RuntimeFault><resultCode>-2135228409</resultCode><returnval>r</returnval>"
                     "</vbox:RuntimeFault></detail></SOAP-ENV:Fault>", 500)
            passed, failed, out = self.check()
            self.assertEqual((1, 0), (passed, failed), out)
            self.assertIn("vbox-api 7.0: 2 requests, 2 responses valid against vboxweb-7.0.wsdl", out)

        def test_misnamed_parameter_fails_with_lxml_message(self):
            self.add(self.GOOD_REQ.replace("_this>", "this>"),
                     "<vbox:IMachine_getCPUCountResponse><returnval>4</returnval></vbox:IMachine_getCPUCountResponse>")
            passed, failed, out = self.check()
            self.assertEqual((0, 1), (passed, failed), out)
            self.assertIn("IMachine_getCPUCount request: line 1: Element 'this': This element is not expected", out)
            self.assertIn("vbox-api 7.0: 0 requests, 1 responses valid", out)

        def test_wrong_type_in_response_fails(self):
            self.add(self.GOOD_REQ, "<vbox:IMachine_getCPUCountResponse><returnval>four</returnval></vbox:IMachine_getCPUCountResponse>")
            passed, failed, out = self.check()
            self.assertEqual((0, 1), (passed, failed), out)
            self.assertIn("IMachine_getCPUCount response: line 1: Element 'returnval': 'four' is not a valid value", out)

        def test_operation_not_in_binding_fails(self):
            self.add("<vbox:IMachine_getPlatform><_this>a</_this></vbox:IMachine_getPlatform>",
                     "<vbox:IMachine_getPlatformResponse><returnval>b</returnval></vbox:IMachine_getPlatformResponse>")
            passed, failed, out = self.check()
            self.assertEqual((0, 1), (passed, failed), out)
            self.assertIn("is not the input element of any operation of vboxBinding in vboxweb-7.0.wsdl", out)

        def test_undeclared_fault_and_other_response_fail(self):
            self.add(self.GOOD_REQ, "<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>x</faultstring>"
                     "<detail><vbox:OtherFault/></detail></SOAP-ENV:Fault>", 500)
            self.add(self.GOOD_REQ, "<vbox:IMachine_getNameResponse><returnval>4</returnval></vbox:IMachine_getNameResponse>")
            passed, failed, out = self.check()
            self.assertEqual((0, 1), (passed, failed), out)
            self.assertIn("fault detail <{http://www.virtualbox.org/}OtherFault> is not a fault the operation declares", out)
            self.assertIn("is neither IMachine_getCPUCountResponse nor a SOAP Fault", out)

        def test_no_recordings_fails_clearly(self):
            passed, failed, out = self.check(recordings=[os.path.join(self.tmp, "none")])
            self.assertEqual((0, 1), (passed, failed), out)
            self.assertIn("run tools/test first: the connector tests record their exchanges", out)


    class WinrmT(unittest.TestCase):
        """The winrm section on recordings written here, with a stand-in for the Java parser (and the
        real one when the hyperv bundle is built)."""

        def setUp(self):
            self.tmp = tempfile.mkdtemp(prefix="corpus-check-selftest-")
            self.folder = os.path.join(self.tmp, "winrm")
            os.makedirs(self.folder)
            self.write("shell.xml", _self_recording(_SELF_WS_CREATE, _SELF_WS_RECEIVE))
            self.write("timeout.yml", _self_yml(_SELF_WS_TIMEOUT, _SELF_WS_RECEIVE))
            self.write("enum.xml", '<?xml version="1.0" encoding="UTF-8"?>\n' + _SELF_WS_ENUM)

        def tearDown(self):
            shutil.rmtree(self.tmp)

        def write(self, name, text):
            with open(os.path.join(self.folder, name), "w", encoding="utf-8") as f:
                f.write(text)

        def check(self, replay):
            out = io.StringIO()
            passed, failed = run(self.tmp, {"only": "winrm", "replay": replay}, out)
            return passed, failed, out.getvalue()

        def test_agreement_and_counts(self):
            passed, failed, out = self.check(_fake_replay())
            self.assertEqual((3, 0), (passed, failed), out)
            self.assertIn("winrm: 3 recordings: 5 responses, 5 parsed, 5 agree with the XML (1 shells created, "
                          "0 commands, 2 receives with 6 stream chunks, 1 faults of which 1 operation timeouts, "
                          "1 enumerations with 1 items, 0 other); 0 recordings failed", out)

        def test_facts_decode_the_streams_and_fill_in_placeholders(self):
            facts = winrm_facts(_SELF_WS_RECEIVE)
            self.assertEqual(b"hello", facts["streams"]["stdout"]["bytes"])
            self.assertEqual((2, True, 3), (facts["streams"]["stdout"]["chunks"], facts["streams"]["stdout"]["end"],
                                            facts["exitCode"]))
            responses = winrm_responses(os.path.join(self.folder, "shell.xml"))
            self.assertEqual(["item 1", "item 2"], [label for label, _ in responses])
            self.assertNotIn("${", responses[0][1])
            self.assertEqual("SH-1", winrm_facts(responses[0][1])["shellId"])
            self.assertEqual({"element": "XmlFragment", "properties": {"Name": "A:", "Size": None}},
                             winrm_facts(_SELF_WS_ENUM)["items"][0])

        def test_a_planted_difference_fails_its_recording(self):
            seen = []

            def wrong_exit(d):
                # the first receive in file order is shell.xml's (enum.xml has none)
                if d.get("kind") == "received" and not seen:
                    seen.append(d)
                    d["exitCode"] = 0
                return d
            passed, failed, out = self.check(_fake_replay(wrong_exit))
            self.assertEqual((2, 1), (passed, failed), out)
            self.assertIn("FAIL shell.xml item 2: exitCode: hvdiag 0, the XML 3", out)

        def test_wrong_stream_bytes_and_missed_timeout_fail(self):
            def damage(d):
                if d.get("kind") == "received":
                    d["streams"]["stdout"]["bytes"] = base64.b64encode(b"help").decode()
                if d.get("kind") == "fault":
                    d["operationTimeout"] = False
                return d
            passed, failed, out = self.check(_fake_replay(damage))
            self.assertEqual((1, 2), (passed, failed), out)
            self.assertIn("stdout bytes: hvdiag b'help', the XML b'hello'", out)
            self.assertIn("FAIL timeout.yml message 1: operationTimeout: hvdiag False, the XML True", out)

        def test_a_reply_the_parser_rejects_fails_with_its_reason(self):
            def reject(d):
                return {"ok": False, "file": d["file"], "error": "expected a SOAP 1.2 Envelope"} \
                    if d.get("kind") == "enumerated" else d
            passed, failed, out = self.check(_fake_replay(reject))
            self.assertEqual((2, 1), (passed, failed), out)
            self.assertIn("FAIL enum.xml response: hvdiag cannot parse it: expected a SOAP 1.2 Envelope", out)

        def test_an_unreadable_recording_fails_with_the_reason(self):
            self.write("broken.yml", "messages: []\n")
            self.write("count.xml", "<recording><item><request/></item></recording>")
            passed, failed, out = self.check(_fake_replay())
            self.assertEqual((3, 2), (passed, failed), out)
            self.assertIn("FAIL broken.yml: not readable as a recording: a .yml recording without a 'messages' list", out)
            self.assertIn("FAIL count.xml: not readable as a recording: a recording with 1 items but 0 <response>", out)

        def test_parser_not_built_fails_every_recording(self):
            def not_built(_paths):
                raise RuntimeError(NOT_BUILT)
            passed, failed, out = self.check(not_built)
            self.assertEqual((0, 3), (passed, failed), out)
            self.assertIn("build the hyperv bundle first", out)

        @unittest.skipUnless(os.path.exists(os.path.join(REPO, "bundles", "org.hvdiag.hyperv", "target", "classes")),
                             "the hyperv bundle is not built")
        def test_the_real_parser_agrees(self):
            passed, failed, out = self.check(run_replay)
            self.assertEqual((3, 0), (passed, failed), out)

    class LibvirtT(unittest.TestCase):
        """The libvirt-xml section on domain XMLs written here and the inventory hvdiag would print."""

        def setUp(self):
            self.tmp = tempfile.mkdtemp(prefix="corpus-check-selftest-libvirt-")
            self.folder = os.path.join(self.tmp, "libvirt-xml")
            os.makedirs(self.folder)
            self.vms, self.errors = [], []

        def tearDown(self):
            shutil.rmtree(self.tmp)

        def domain(self, name, body):
            p = os.path.join(self.folder, name)
            with open(p, "w") as f:
                f.write("<domain type='qemu'><name>%s</name><uuid>C7A5FDBD-EDAF-9455-926A-D65C16DB1809</uuid>"
                        "<devices>%s</devices></domain>" % (name[:-4], body))
            return p

        def check(self):
            out = io.StringIO()
            inv = {"targets": [{"vms": self.vms, "errors": self.errors}]}
            passed, failed = run(self.tmp, {"inventory": lambda _f: inv, "sections": {"libvirt-xml": check_libvirt_xml}}, out)
            return passed, failed, out.getvalue()

        def vm(self, path, models, devices=0, filters=0):
            self.vms.append({"id": "c7a5fdbd-edaf-9455-926a-d65c16db1809", "name": os.path.basename(path)[:-4],
                             "source": path, "usbControllers": [{"model": m} for m in models],
                             "usbDevices": [{}] * devices, "usbFilters": [{}] * filters})

        def test_agreement(self):
            p = self.domain("a.xml", "<controller type='usb' model='qemu-xhci'/><hostdev mode='subsystem' type='usb'/>"
                            "<redirfilter><usbdev allow='yes'/><usbdev allow='no'/></redirfilter>")
            self.vm(p, ["qemu-xhci"], devices=1, filters=1)
            passed, failed, out = self.check()
            self.assertEqual((1, 0), (passed, failed), out)
            self.assertIn("1 read, 0 refused with a reason; 1 agree", out)

        def test_planted_difference_fails(self):
            p = self.domain("a.xml", "<controller type='usb' model='nec-xhci'/>")
            self.vm(p, ["piix3-uhci"])
            passed, failed, out = self.check()
            self.assertEqual((0, 1), (passed, failed), out)
            self.assertIn("no nec-xhci controller", out)

        def test_refusal_needs_a_reason_and_silence_fails(self):
            p = self.domain("bad.xml", "")
            self.domain("lost.xml", "")
            self.errors.append({"object": p, "location": "line 1", "message": "expected a USB port number, found 99"})
            passed, failed, out = self.check()
            self.assertEqual((1, 1), (passed, failed), out)
            self.assertIn("lost.xml: neither read nor refused", out)

    suite = unittest.TestSuite([unittest.defaultTestLoader.loadTestsFromTestCase(T),
                                unittest.defaultTestLoader.loadTestsFromTestCase(VboxT),
                                unittest.defaultTestLoader.loadTestsFromTestCase(VboxApi),
                                unittest.defaultTestLoader.loadTestsFromTestCase(WinrmT),
                                unittest.defaultTestLoader.loadTestsFromTestCase(LibvirtT)])
    result = unittest.TextTestRunner(verbosity=1, stream=sys.stderr).run(suite)
    print("corpus-check self-test: %d passed, %d failed" % (
        result.testsRun - len(result.failures) - len(result.errors), len(result.failures) + len(result.errors)))
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
