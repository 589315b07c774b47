#!/usr/bin/env bash
# Many targets in one audit: four vSphere simulator harnesses of COUNT VMs each (default 2,500, so
# 10,000 VMs in all), audited end to end with the product, in one run of this script:
#   (a) one after another: four separate `hvdiag audit vsphere://...` runs in a row (four JVMs);
#   (b) one `hvdiag audit` of the four targets with --parallel 1 (one JVM, one target at a time);
#   (c) one `hvdiag audit` of the four targets at once (the default, --parallel 4);
#   and the JVM start-up floor (`hvdiag --version`).
# Each harness has a fresh self-signed certificate, and one --thumbprint trusts one certificate, so
# the four are trusted the way an admin trusts a company CA: a trust store given to the JVM
# (javax.net.ssl.trustStore) holding the four certificates, each checked against the thumbprint its
# harness printed. Every run uses -Xmx512m, as benchmarks/vsphere-10k.sh does.
# DELAY (a Go duration, default 0s) makes each harness wait that long before answering each SOAP
# request, as a distant or busy vCenter does: on loopback the client's own CPU is all there is to
# overlap, with a delay the servers' latency is too.
# Prints medians of RUNS runs, (a)/(c) and (b)/(c), and peak RSS.
# Usage: benchmarks/targets-4x2500.sh [COUNT] [RUNS] [DELAY]   e.g. benchmarks/targets-4x2500.sh 2500 3 200ms
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
count=${1:-2500}
runs=${2:-3}
delay=${3:-0s}
servers=4
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

"$repo/hvdiag" --version >/dev/null   # builds the product if needed, outside the timings
bin=$("$repo/tools/vcsim-harness/build.sh")
export VCSIM_PASSWORD="bench-$$" HVDIAG_PASSWORD="bench-$$"
targets=()
for i in $(seq "$servers"); do
  "$bin" -vms "$count" -user bench -sdk-delay "$delay" >"$work/harness$i.out" 2>"$work/harness$i.err" &
  pids+=($!)
  for _ in $(seq 600); do grep -q '^ready' "$work/harness$i.out" 2>/dev/null && break; sleep 0.1; done
  grep -q '^ready' "$work/harness$i.out" || { cat "$work/harness$i.err" >&2; echo "harness $i did not start" >&2; exit 2; }
  sdk=$(sed -n 's/^url //p' "$work/harness$i.out")
  thumb=$(sed -n 's/^thumbprint //p' "$work/harness$i.out")
  hostport=${sdk#https://}; hostport=${hostport%/sdk}
  # Trust exactly the certificate the harness says it serves.
  keytool -printcert -sslserver "$hostport" -rfc 2>/dev/null >"$work/cert$i.pem"
  got=$(openssl x509 -in "$work/cert$i.pem" -noout -fingerprint -sha256 | sed 's/^.*=//')
  [ "$got" = "$thumb" ] || { echo "harness $i serves $got, printed $thumb" >&2; exit 2; }
  keytool -importcert -noprompt -alias "harness$i" -file "$work/cert$i.pem" -keystore "$work/trust.p12" \
    -storetype PKCS12 -storepass bench-trust >/dev/null 2>&1
  targets+=("vsphere://bench@$hostport")
done
java_opts="-Xshare:auto -Xmx512m -Djavax.net.ssl.trustStore=$work/trust.p12 -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword=bench-trust"

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
summary() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(len(r['targets']), r['summary']['vms'], r['summary']['findings'], len(r['errors']))" "$1"; }
# runs one command, timed: t (seconds) and m (peak RSS, KiB); its exit code 1 (findings) is expected
timed() {
  local code=0
  HVDIAG_JAVA_OPTS="$java_opts" /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || code=$?
  [ "$code" -le 1 ] || { cat "$work/err" >&2; echo "exit $code: $*" >&2; exit 2; }
  read -r t m < <(tail -n 1 "$work/time")
}

startup_t=(); seq_t=(); p1_t=(); p4_t=()
startup_rss=0; seq_rss=0; p1_rss=0; p4_rss=0
max() { [ "$1" -gt "$2" ] && echo "$1" || echo "$2"; }
for r in $(seq "$runs"); do
  timed "$repo/hvdiag" --version; startup_t+=("$t"); startup_rss=$(max "$m" "$startup_rss")
  # (a) four runs in a row
  s=$(date +%s.%N)
  seq_findings=0
  for i in $(seq "$servers"); do
    timed "$repo/hvdiag" audit "${targets[$((i-1))]}" --format json --output "$work/seq$i.json"
    seq_rss=$(max "$m" "$seq_rss")
    read -r _ _ f _ < <(summary "$work/seq$i.json"); seq_findings=$((seq_findings + f))
  done
  e=$(date +%s.%N); seq_t+=("$(echo "$e - $s" | bc)")
  # (b) one run, one target at a time
  timed "$repo/hvdiag" audit "${targets[@]}" --parallel 1 --format json --output "$work/p1.json"
  p1_t+=("$t"); p1_rss=$(max "$m" "$p1_rss")
  # (c) one run, all at once
  timed "$repo/hvdiag" audit "${targets[@]}" --format json --output "$work/p4.json"
  p4_t+=("$t"); p4_rss=$(max "$m" "$p4_rss")
done
read -r p1_targets p1_vms p1_findings p1_errors < <(summary "$work/p1.json")
read -r p4_targets p4_vms p4_findings p4_errors < <(summary "$work/p4.json")
[ "$p4_vms" = $((servers * count)) ] && [ "$p4_findings" = "$seq_findings" ] && [ "$p1_findings" = "$seq_findings" ] \
  && [ "$p4_errors" = 0 ] || { echo "reports differ: (a) $seq_findings findings; (b) $p1_vms VMs $p1_findings findings $p1_errors errors; (c) $p4_vms VMs $p4_findings findings $p4_errors errors" >&2; exit 2; }

startup=$(median "${startup_t[@]}"); seq=$(median "${seq_t[@]}"); p1=$(median "${p1_t[@]}"); p4=$(median "${p4_t[@]}")
echo "Four vSphere simulator harnesses of $count VMs each ($((servers * count)) VMs, $p4_findings findings), $delay before each SOAP answer, median of $runs runs, $(nproc) cores, -Xmx512m"
printf '(a) one after another: 4 hvdiag audit runs    %6.2f s   (peak RSS of one run %d MiB)\n' "$seq" $((seq_rss / 1024))
printf '(b) one run, --parallel 1                     %6.2f s   (peak RSS %d MiB)\n' "$p1" $((p1_rss / 1024))
printf '(c) one run, all 4 at once (--parallel 4)     %6.2f s   (peak RSS %d MiB)\n' "$p4" $((p4_rss / 1024))
printf '    JVM start-up floor (hvdiag --version)     %6.2f s   (peak RSS %d MiB)\n' "$startup" $((startup_rss / 1024))
printf '(a)/(c) = %.2f; (b)/(c) = %.2f; (c) - start-up floor = %.2f s, %.0f VMs/s\n' "$(echo "$seq / $p4" | bc -l)" \
  "$(echo "$p1 / $p4" | bc -l)" "$(echo "$p4 - $startup" | bc -l)" "$(echo "$servers * $count / ($p4 - $startup)" | bc -l)"
