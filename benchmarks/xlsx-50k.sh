#!/usr/bin/env bash
# End-to-end benchmark of the xlsx workbook: `hvdiag audit --format xlsx` of a generated fleet that
# yields over 50,000 findings (42,000 .vmx files by default), beside the same audit written as CSV in
# the same run (the baseline: same read, same rules, a writer that streams text). Both also run with a
# 256 MiB heap, to show that the workbook needs no more memory than the CSV. Prints wall times (median
# of RUNS), peak RSS, the workbook's cost over the CSV, and the rows found in the workbook.
# Usage: benchmarks/xlsx-50k.sh [COUNT] [RUNS]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
count=${1:-42000}
runs=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$repo/benchmarks/generate-vmx-fleet.py" "$work/fleet" "$count"
"$repo/hvdiag" --version >/dev/null   # builds the product if needed, outside the timings

measure() { # label, java options, format -> prints median seconds and max RSS (KiB) over $runs runs
  local label=$1 opts=$2 format=$3
  local times=() rss=0
  for _ in $(seq "$runs"); do
    # exit code 1 (findings at or above error) is the expected outcome here
    HVDIAG_JAVA_OPTS="$opts" /usr/bin/time -f "%e %M" -o "$work/time" \
      "$repo/hvdiag" audit "$work/fleet" --format "$format" -o "$work/$label.$format" >/dev/null 2>"$work/stderr" || true
    read -r t m < <(tail -n 1 "$work/time")
    times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  [ -s "$work/$label.$format" ] || { echo "$label: no report written: $(cat "$work/stderr")" >&2; exit 1; }
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-16s %8.2f s   peak RSS %6d MiB   %6d KiB written\n' "$label" "$median" $((rss / 1024)) \
    $(( $(stat -c %s "$work/$label.$format") / 1024 ))
  echo "$median $rss" >"$work/$label.m"
}

echo "hvdiag audit of $count .vmx files, median of $runs runs, $(nproc) cores"
measure csv "-Xshare:auto" csv
measure xlsx "-Xshare:auto" xlsx
measure csv-256m "-Xshare:auto -Xmx256m" csv
measure xlsx-256m "-Xshare:auto -Xmx256m" xlsx
python3 - "$work" <<'PY'
import os, re, sys, zipfile
w = sys.argv[1]
m = {k: [float(x) for x in open(os.path.join(w, k + ".m")).read().split()] for k in ("csv", "xlsx", "csv-256m", "xlsx-256m")}
with open(os.path.join(w, "csv.csv"), newline="") as f:
    import csv
    findings = sum(1 for _ in csv.reader(f)) - 1
# Through the zip's central directory, as spreadsheets read it; the Findings sheet is the first.
with zipfile.ZipFile(os.path.join(w, "xlsx.xlsx")) as z:
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
rows = len(re.findall(r"<row ", sheet)) - 1
print(f"findings: {findings} in the CSV, {rows} rows in the workbook's Findings sheet" + ("" if rows == findings else "  MISMATCH"))
print(f"xlsx / csv: {m['xlsx'][0] / m['csv'][0]:.2f}x wall ({m['xlsx'][0] - m['csv'][0]:+.2f} s), "
      f"{m['xlsx'][1] / m['csv'][1]:.2f}x peak RSS")
print(f"with -Xmx256m: xlsx / csv {m['xlsx-256m'][0] / m['csv-256m'][0]:.2f}x wall, "
      f"{m['xlsx-256m'][1] / m['csv-256m'][1]:.2f}x peak RSS")
PY
