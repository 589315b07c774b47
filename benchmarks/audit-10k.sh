#!/usr/bin/env bash
# End-to-end benchmark: `hvdiag audit` on 10,000 generated .vmx files, beside two floors measured
# in the same run: (1) merely reading the same files (cat), (2) starting and stopping the headless
# application with no work (hvdiag --version). Prints wall times (median of RUNS), peak RSS, and
# the audit's distance from the start-up floor.
# Usage: benchmarks/audit-10k.sh [COUNT] [RUNS]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
count=${1:-10000}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$repo/benchmarks/generate-vmx-fleet.py" "$work/fleet" "$count"
"$repo/hvdiag" --version >/dev/null   # builds the product if needed, outside the timings

measure() { # label, command... -> prints median seconds and max RSS (KiB) over $runs runs
  local label=$1; shift
  local times=() rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || true
    read -r t m < <(tail -n 1 "$work/time")
    times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-34s %8.2f s   peak RSS %6d MiB\n' "$label" "$median" $((rss / 1024))
  echo "$median" >"$work/$label.median"
}

echo "hvdiag audit of $count .vmx files, median of $runs runs, $(nproc) cores"
measure read-floor bash -c "find '$work/fleet' -name '*.vmx' -print0 | xargs -0 cat >/dev/null"
measure startup-floor "$repo/hvdiag" --version
measure audit "$repo/hvdiag" audit "$work/fleet" --format json --output "$work/report.json"
measure audit-text "$repo/hvdiag" audit "$work/fleet" --output "$work/report.txt"
python3 - "$work" <<'PY'
import sys, os, json
w = sys.argv[1]
m = {k: float(open(os.path.join(w, k + ".median")).read()) for k in ("read-floor", "startup-floor", "audit")}
r = json.load(open(os.path.join(w, "report.json")))
print(f"audit - startup floor: {m['audit'] - m['startup-floor']:.2f} s (aim: within 2 s)")
print(f"audit / startup floor: {m['audit'] / m['startup-floor']:.2f}x; audit / read floor: {m['audit'] / max(m['read-floor'], 0.01):.1f}x")
print(f"VMs audited: {r['summary']['vms']}, findings: {r['summary']['findings']}")
PY
