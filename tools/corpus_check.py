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


def check_vbox(folder, ctx):
    """Every .vbox read by hvdiag without an error, and its facts agree with the file's own XML."""
    r = SectionResult("vbox")
    files = sorted(f for f in os.listdir(folder) if f.lower().endswith(".vbox")
                   and os.path.isfile(os.path.join(folder, f)))
    others = sorted(f for f in os.listdir(folder) if f not in files)
    if not files:
        r.lines.append("FAIL no .vbox files in %s" % folder)
        r.fail("(folder)", "no .vbox files")
        r.summary = "vbox: no .vbox files"
        return r
    try:
        inv = ctx["inventory"](os.path.abspath(folder))
    except (RuntimeError, OSError) as e:
        for f in files:
            r.fail(f, "hvdiag did not run")
        r.lines.append("FAIL hvdiag inventory: %s" % e)
        r.summary = "vbox: %d files: hvdiag did not run" % len(files)
        r.finish(files)
        return r

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

    n_read = n_agree = n_differ = 0
    for f in files:
        problems = []
        for e in errors.get(f, []):
            problems.append("hvdiag: %s%s" % ("%s: " % e["location"] if e.get("location") else "", e.get("message")))
        if f not in vms and not problems:
            problems.append("neither read as a VM nor reported as an error")
        if f in vms:
            n_read += 1
            try:
                theirs = vbox_facts(os.path.join(folder, f))
            except (ValueError, OSError) as e:
                problems.append("the XML check cannot read it: %s" % e)
                theirs = None
            if theirs is not None:
                ours = our_vbox_facts(vms[f])
                for field in VBOX_FIELDS:
                    if ours[field] == theirs[field]:
                        n_agree += 1
                    else:
                        n_differ += 1
                        problems.append("%s: hvdiag %r, the file %r" % (field, ours[field], theirs[field]))
        if problems:
            for p in problems:
                r.fail(f, p)
                r.lines.append("FAIL %s: %s" % (f, p))
        else:
            vm = vms[f]
            r.lines.append("ok %s: %s, %s, USB %s, %s CPU, %s MiB" % (
                f, vm.get("name"), vm.get("hardwareVersion"),
                our_vbox_facts(vm)["usbControllers"] or "none", vm.get("vcpus"), vm.get("memoryMiB")))
    for f in others:
        r.lines.append("note %s: not a .vbox file, not checked here" % f)
    r.summary = ("vbox: %d .vbox files: %d read, %d with errors or differences; %d facts agree with the XML, "
                 "%d differ%s" % (len(files), n_read, len(r.failed), n_agree, n_differ,
                                  "; %d other files not checked" % len(others) if others else ""))
    r.finish(files)
    return r


SECTIONS = {
    "vmx-libvirt": check_vmx_libvirt,
    "vbox": check_vbox,
}


# ---------------------------------------------------------------------------------------------
# Driver


def run(root, ctx, out=sys.stdout):
    """Runs every section on the corpus root; returns (passed, failed)."""
    passed = failed = 0
    folders = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    for name in sorted(set(folders) | set(SECTIONS)):
        section = SECTIONS.get(name)
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


USAGE = """usage: tools/corpus-check CORPUS_ROOT   (e.g. ../shared/corpus)
       tools/corpus-check --self-test
Runs hvdiag's readers over the real-world files in CORPUS_ROOT and compares with the reference
results there. Exit 0 when every file passed, 1 when some failed, 2 on a usage error.
HVDIAG=path overrides the hvdiag launcher; VMX_INVENTORY_JSON=file uses a saved inventory of
vmx-libvirt instead."""


def main(argv):
    if len(argv) == 1 and argv[0] == "--self-test":
        return self_test()
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
    _, failed = run(root, {"inventory": inventory})
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
            # One .vbox that hvdiag reads as the file says, so that only the vmx-libvirt files vary here.
            vbox = os.path.join(self.tmp, "vbox", "ok.vbox")
            with open(vbox, "w") as f:
                f.write(_SELF_VBOX_NEW)
            self.vbox_inv = {"targets": [{"vms": [_vbox_vm(vbox)], "errors": []}]}
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
            passed, failed = run(self.tmp, {"inventory": lambda f: self.vbox_inv if f.endswith("vbox") else inv,
                                            "known_dir": self.known}, out)
            # The vbox file above passes in every vmx-libvirt test: count only the vmx-libvirt files.
            self.assertIn("ok ok.vbox", out.getvalue())
            return passed - 1, failed, out.getvalue()

        def test_agreement(self):
            self.add("a")
            self.add("b", mem=512, xml_mem=(512, "MiB"), guest="winxppro", arch="i686", firmware="bios",
                     xml_efi=False)
            passed, failed, out = self.check()
            self.assertEqual((2, 0), (passed, failed), out)
            self.assertIn("8 fields agree, 0 differ", out)
            self.assertIn("hardware version not in libvirt's XML (2 files)", out)
            self.assertIn("winrm: not checked yet", out)
            self.assertTrue(out.rstrip().endswith("corpus-check: 3 passed, 0 failed"), out)

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
            passed, failed = run(self.tmp, {"inventory": broken, "known_dir": self.known}, out)
            self.assertEqual((0, 3), (passed, failed), out.getvalue())
            self.assertIn("vbox: 1 files: hvdiag did not run", out.getvalue())
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
            self.write("showvminfo.txt", "name=\"x\"\n")
            r, out = self.check([_vbox_vm(new), _vbox_vm(old, id="bbbbbbbb-0000-4000-8000-000000000001", name="old",
                                                         usbControllers=[{"type": "OHCI"}, {"type": "EHCI"}],
                                                         vcpus=1, memoryMiB=512)])
            self.assertEqual((["new.vbox", "old.vbox"], {}), (sorted(r.passed), r.failed), out)
            self.assertIn("10 facts agree with the XML, 0 differ", out)
            self.assertIn("ok new.vbox: new, 1.19, USB OHCI,XHCI, 2 CPU, 2048 MiB", out)
            self.assertIn("note showvminfo.txt: not a .vbox file", out)

        def test_snapshot_hardware_counted_as_the_vms_fails(self):
            new = self.write("new.vbox", _SELF_VBOX_NEW)
            r, out = self.check([_vbox_vm(new, vcpus=8, usbControllers=[{"type": "OHCI"}])])
            self.assertEqual(["new.vbox"], list(r.failed), out)
            self.assertIn("FAIL new.vbox: vcpus: hvdiag '8', the file '2'", out)
            self.assertIn("FAIL new.vbox: usbControllers: hvdiag 'OHCI', the file 'OHCI,XHCI'", out)

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

    suite = unittest.TestSuite([unittest.defaultTestLoader.loadTestsFromTestCase(T),
                                unittest.defaultTestLoader.loadTestsFromTestCase(VboxT)])
    result = unittest.TextTestRunner(verbosity=1, stream=sys.stderr).run(suite)
    print("corpus-check self-test: %d passed, %d failed" % (
        result.testsRun - len(result.failures) - len(result.errors), len(result.failures) + len(result.errors)))
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
