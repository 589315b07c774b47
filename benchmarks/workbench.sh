#!/usr/bin/env bash
# Workbench benchmark: time from launch to the first window, and time for the Findings view to show
# an audit of about 50,000 findings (then to sort and filter them), then to open the Inventory's
# largest node (the row with the most children, inventory-open-largest-*), on the built product
# under a private Xvfb. The fleet: N copies of the lab's Kiosk 01 (3 findings each) plus one host finding.
# Usage: benchmarks/workbench.sh [VMS]   (default 16667 VMs = 50,002 findings)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
vms="${1:-16667}"
product="$here/releng/org.hvdiag.workbench/target/products/org.hvdiag.ui.workbench.product/linux/gtk/x86_64/hvdiag-workbench"
[ -d "$product" ] || { echo "workbench.sh: build the product first (tools/mvn -DskipTests package)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$here/examples/lab" "$work/fleet" "$vms" <<'PY'
import os, shutil, sys
lab, fleet, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(fleet)
shutil.copy(os.path.join(lab, "hvdiag-host.properties"), fleet)
kiosk = open(os.path.join(lab, "kiosk-01", "kiosk-01.vmx"), encoding="utf-8").read()
for i in range(n):
    name = "kiosk-%05d" % i
    os.makedirs(os.path.join(fleet, name))
    with open(os.path.join(fleet, name, name + ".vmx"), "w", encoding="utf-8") as f:
        f.write(kiosk.replace('displayName = "Kiosk 01"', 'displayName = "%s"' % name))
PY
launcher=$(ls "$product"/plugins/org.eclipse.equinox.launcher_*.jar | head -n 1)
run() {
  local timings="$1" folder="$2"
  "$here/tools/with-xvfb" java -Xshare:auto -Dhvdiag.timings="$timings" -Dhvdiag.startFolder="$folder" \
    -jar "$launcher" -install "$product" -data "$work/ws-$RANDOM" -nosplash >/dev/null 2>&1 &
  local pid=$!
  # The lab run has findings too, so the workbench closes itself; a run that hangs is stopped.
  for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
echo "first window (3 runs, ms since JVM start, lab audited):"
for i in 1 2 3; do run "$work/lab-$i.txt" "$here/examples/lab"; grep first-window-ms "$work/lab-$i.txt"; done
echo "fleet of $vms VMs:"
run "$work/fleet.txt" "$work/fleet"
cat "$work/fleet.txt"
