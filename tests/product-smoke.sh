#!/usr/bin/env bash
# End-to-end checks of the built product through the hvdiag launcher, as an admin would run it.
# Prints "N passed, M failed" and exits non-zero when anything failed.
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
hv="$repo/hvdiag"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0; failed=0
check() { # name, command...
  local name=$1; shift
  if "$@" >"$work/last.out" 2>"$work/last.err"; then passed=$((passed+1)); echo "ok      $name"
  else failed=$((failed+1)); echo "FAILED  $name"; sed 's/^/    /' "$work/last.out" "$work/last.err" | tail -n 20; fi
}
exit_code_is() { local want=$1; shift; "$@"; local got=$?; [ "$got" = "$want" ] || { echo "exit code $got, expected $want"; return 1; }; }

check "audit of the lab exits 1 (error findings)" exit_code_is 1 "$hv" audit "$repo/examples/lab"
check "text report ends with the summary" bash -c "'$hv' audit '$repo/examples/lab' | tail -n 1 | grep -E '^[0-9]+ VMs, [0-9]+ hosts? audited'"
check "json report parses and has findings" bash -c "'$hv' audit '$repo/examples/lab' --format json --output '$work/lab.json'; python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d[\"findings\"])>0 and d[\"summary\"][\"vms\"]>=20, d[\"summary\"]' '$work/lab.json'"
check "--fail-on info counts info findings too" exit_code_is 1 "$hv" audit "$repo/examples/lab" --fail-on info --format csv --output "$work/lab.csv"
check "the README's first command: audit --evidence of the lab names the dongle that crashed Win7 CAD (1)" bash -c "'$hv' audit --evidence --since 2026-11-01 '$repo/examples/lab' >'$work/ev.txt'; code=\$?; [ \$code = 1 ] && grep -q \"evidence-crash-after-usb-connect  Guest stop code 0xFE BUGCODE_USB_DRIVER 2 s after USB device 'Aladdin HASP HL 3.25' (0529:0001)\" '$work/ev.txt'"
check "events of the offline libvirt and VirtualBox labs as JSON" bash -c "'$hv' events '$repo/examples/libvirt-lab' '$repo/examples/vbox-lab' --since 2026-11-01 --format json --output '$work/events.json' && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); kinds={e[\"kind\"] for v in d[\"vms\"] for e in v[\"events\"]}; assert {\"crashed\",\"hard-power-off\",\"usb-connected\"} <= kinds, kinds' '$work/events.json'"
check "events refuses a window that ends before it starts (2)" exit_code_is 2 "$hv" events "$repo/examples/lab" --since 2026-11-30 --until 2026-11-01
check "rules lists at least 15 rules" bash -c "[ \$('$hv' rules | grep -cE '^[a-z]+-[a-z0-9-]+  \[') -ge 15 ]"
check "a missing target is an input error (2)" exit_code_is 2 "$hv" audit "$work/no-such-folder"
check "an unknown option is a usage error (2)" exit_code_is 2 "$hv" audit --no-such-option
check "connectors lists the .vmx and vSphere connectors from the service registry" bash -c "'$hv' connectors > '$work/conn.txt'; grep -q '^vmx  ' '$work/conn.txt' && grep -q '^vsphere  ' '$work/conn.txt'"
check "inventory of the lab as JSON lists every .vmx" bash -c "'$hv' inventory '$repo/examples/lab' --format json --output '$work/inv.json' && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); n=len(d[\"targets\"][0][\"vms\"]); assert n==int(sys.argv[2]), n' '$work/inv.json' \$(find '$repo/examples/lab' -name '*.vmx' | wc -l)"
check "audit --help and help fix print their usage" bash -c "'$hv' audit --help | head -n 1 | grep -q '^Usage: hvdiag audit' && '$hv' help fix | head -n 1 | grep -q '^Usage: hvdiag fix'"
check "the completion script completes 'hvdiag inv' in bash" bash -c "'$hv' completion > '$work/completion.bash' && source '$work/completion.bash' && COMP_WORDS=(hvdiag inv) COMP_CWORD=1 COMP_LINE='hvdiag inv' COMP_POINT=10 && _complete_hvdiag hvdiag inv hvdiag && [ \"\${COMPREPLY[*]}\" = inventory ]"
cp -a "$repo/examples/lab" "$work/lab-copy"
check "fix --dry-run changes nothing" bash -c "'$hv' fix '$work/lab-copy' --dry-run >/dev/null && diff -r '$repo/examples/lab' '$work/lab-copy'"
check "fix --yes applies and journals" bash -c "'$hv' fix '$work/lab-copy' --yes --journal '$work/journal.jsonl'; test -s '$work/journal.jsonl' && ! diff -rq '$repo/examples/lab' '$work/lab-copy' >/dev/null"
check "undo restores every file byte for byte" bash -c "'$hv' undo '$work/journal.jsonl' && diff -r '$repo/examples/lab' '$work/lab-copy'"

# vSphere through the product, against the simulator harness on loopback.
harness=$("$repo/tools/vcsim-harness/build.sh" 2>"$work/harness-build.err") || { echo "harness build failed:"; cat "$work/harness-build.err"; }
if [ -n "${harness:-}" ]; then
  export VCSIM_PASSWORD="smoke-$$"
  "$harness" -vms 200 -user admin >"$work/harness.out" 2>"$work/harness.err" &
  harness_pid=$!
  trap 'kill "$harness_pid" 2>/dev/null; rm -rf "$work"' EXIT
  for _ in $(seq 300); do grep -q '^ready' "$work/harness.out" 2>/dev/null && break; sleep 0.1; done
  url=$(sed -n 's/^url //p' "$work/harness.out"); thumb=$(sed -n 's/^thumbprint //p' "$work/harness.out")
  hostport=${url#https://}; hostport=${hostport%/sdk}
  export HVDIAG_PASSWORD="$VCSIM_PASSWORD"
  check "vsphere: an unknown certificate is refused with its thumbprint (2)" bash -c "'$hv' audit vsphere://admin@$hostport </dev/null 2>'$work/refused.err'; code=\$?; cat '$work/refused.err'; [ \$code = 2 ] && grep -q '$thumb' '$work/refused.err'"
  check "vsphere: audit with the thumbprint prints findings (1)" bash -c "'$hv' audit vsphere://admin@$hostport --thumbprint '$thumb' </dev/null >'$work/vs.txt'; code=\$?; tail -n 1 '$work/vs.txt'; [ \$code = 1 ] && tail -n 1 '$work/vs.txt' | grep -qE '^200 VMs, [0-9]+ hosts? audited'"
  check "vsphere: a wrong password is a connection error (2)" exit_code_is 2 env HVDIAG_PASSWORD=wrong "$hv" audit vsphere://admin@$hostport --thumbprint "$thumb"
  check "vsphere: fix --dry-run previews" bash -c "'$hv' fix vsphere://admin@$hostport --thumbprint '$thumb' --rule power-hard-poweroff --dry-run </dev/null | grep -q 'Nothing was changed'"
else
  failed=$((failed+1)); echo "FAILED  vsphere: the simulator harness could not be built"
fi

# VirtualBox through the product: .vbox files offline, and the loopback vboxwebsrv endpoint.
check "connectors lists the VirtualBox connector" bash -c "'$hv' connectors | grep -q '^virtualbox  '"
nvbox=$(find "$repo/examples/vbox-lab" -name '*.vbox' | wc -l)
check "virtualbox: audit of the .vbox folder prints findings (1)" bash -c "'$hv' audit '$repo/examples/vbox-lab' >'$work/vb.txt'; code=\$?; tail -n 1 '$work/vb.txt'; [ \$code = 1 ] && tail -n 1 '$work/vb.txt' | grep -qE '^$nvbox VMs, 1 hosts? audited'"
cp -a "$repo/examples/vbox-lab" "$work/vbox-files"
check "virtualbox: a fix to .vbox files is refused, naming the web service" bash -c "'$hv' fix '$work/vbox-files' --yes --journal '$work/vbox-files.jsonl' >'$work/vbf.txt' 2>&1; cat '$work/vbf.txt'; grep -q 'vbox://' '$work/vbf.txt' && diff -r '$repo/examples/vbox-lab' '$work/vbox-files'"
cp -a "$repo/examples/vbox-lab" "$work/vbox-served"
export HVDIAG_VBOXWEB_PASSWORD="smoke-vbox-$$"
"$repo/tools/vboxweb-endpoint/run" --fleet "$work/vbox-served" --port 0 --version 6.1.50 --user admin >"$work/vboxweb.out" 2>"$work/vboxweb.err" &
vboxweb_pid=$!
trap 'kill "${harness_pid:-}" "$vboxweb_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 600); do grep -q '^listening on' "$work/vboxweb.out" 2>/dev/null && break; sleep 0.1; done
vbox_url=$(sed -n 's/^listening on //p' "$work/vboxweb.out" | head -n 1); vbox_hp=${vbox_url#http://}; vbox_hp=${vbox_hp%/}
if [ -n "$vbox_hp" ]; then
  vbox="vbox://admin@$vbox_hp"
  check "virtualbox: audit over the web service prints findings (1)" bash -c "HVDIAG_PASSWORD='$HVDIAG_VBOXWEB_PASSWORD' '$hv' audit '$vbox' --extpacks none </dev/null >'$work/vbw.txt'; code=\$?; tail -n 1 '$work/vbw.txt'; [ \$code = 1 ] && grep -q usb-vbox-extpack-missing '$work/vbw.txt' && tail -n 1 '$work/vbw.txt' | grep -qE '^$nvbox VMs, 1 hosts? audited'"
  check "virtualbox: a wrong password is a connection error (2)" exit_code_is 2 env HVDIAG_PASSWORD=wrong "$hv" audit "$vbox"
  check "virtualbox: fix --yes deactivates the any-device filters, re-audit finds none" bash -c "HVDIAG_PASSWORD='$HVDIAG_VBOXWEB_PASSWORD' '$hv' fix '$vbox' --rule usb-filter-matches-any --yes --journal '$work/vbox.jsonl' </dev/null && HVDIAG_PASSWORD='$HVDIAG_VBOXWEB_PASSWORD' '$hv' audit '$vbox' --format json --output '$work/vbox-after.json' </dev/null; python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert not [f for f in d[\"findings\"] if f[\"ruleId\"]==\"usb-filter-matches-any\"], d[\"summary\"]' '$work/vbox-after.json'"
  any_filters=$(grep -c 'usb-filter-matches-any' "$work/vbw.txt" || true)
  check "virtualbox: undo brings the filters back" bash -c "[ $any_filters -gt 0 ] && HVDIAG_PASSWORD='$HVDIAG_VBOXWEB_PASSWORD' '$hv' undo '$work/vbox.jsonl' </dev/null && HVDIAG_PASSWORD='$HVDIAG_VBOXWEB_PASSWORD' '$hv' audit '$vbox' --format json --output '$work/vbox-undone.json' </dev/null; python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len([f for f in d[\"findings\"] if f[\"ruleId\"]==\"usb-filter-matches-any\"])==$any_filters, d[\"summary\"]' '$work/vbox-undone.json'"
else
  failed=$((failed+1)); echo "FAILED  virtualbox: the vboxweb endpoint did not start"; cat "$work/vboxweb.err"
fi
# Hyper-V through the product: the loopback WinRM endpoint serving a copy of examples/hyperv-lab.
check "connectors lists the Hyper-V connector" bash -c "'$hv' connectors | grep -q '^hyperv  '"
nhyperv=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["VMs"]))' "$repo/examples/hyperv-lab/host.json")
cp "$repo/examples/hyperv-lab/host.json" "$work/hyperv-host.json"
export HVDIAG_WINRM_PASSWORD="smoke-winrm-$$"
"$repo/tools/winrm-endpoint/run" --fleet "$work/hyperv-host.json" --port 0 >"$work/winrm.out" 2>"$work/winrm.err" &
winrm_pid=$!
trap 'kill "${harness_pid:-}" "${vboxweb_pid:-}" "$winrm_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 600); do grep -q '^thumbprint ' "$work/winrm.out" 2>/dev/null && break; sleep 0.1; done
winrm_url=$(sed -n 's/^listening on //p' "$work/winrm.out" | head -n 1); winrm_hp=${winrm_url#https://}; winrm_hp=${winrm_hp%/}
winrm_thumb=$(sed -n 's/^thumbprint //p' "$work/winrm.out" | head -n 1)
if [ -n "$winrm_hp" ] && [ -n "$winrm_thumb" ]; then
  hyperv="winrm+https://Administrator@$winrm_hp"
  pw="HVDIAG_PASSWORD='$HVDIAG_WINRM_PASSWORD'"
  check "hyperv: an unknown certificate is refused with its thumbprint (2)" bash -c "$pw '$hv' audit '$hyperv' </dev/null 2>'$work/hv-refused.err'; code=\$?; cat '$work/hv-refused.err'; [ \$code = 2 ] && grep -q -- '--thumbprint $winrm_thumb' '$work/hv-refused.err'"
  check "hyperv: audit with the thumbprint prints findings (1)" bash -c "$pw '$hv' audit '$hyperv' --thumbprint '$winrm_thumb' </dev/null >'$work/hv.txt'; code=\$?; tail -n 1 '$work/hv.txt'; [ \$code = 1 ] && grep -q 'hw-hyperv-below-8' '$work/hv.txt' && tail -n 1 '$work/hv.txt' | grep -qE '^$nhyperv VMs, 1 hosts? audited'"
  check "hyperv: a wrong password is a connection error (2) naming the host" bash -c "HVDIAG_PASSWORD=wrong '$hv' audit '$hyperv' --thumbprint '$winrm_thumb' </dev/null 2>'$work/hv-wrong.err'; code=\$?; cat '$work/hv-wrong.err'; [ \$code = 2 ] && grep -q '$winrm_hp' '$work/hv-wrong.err'"
  check "hyperv: fix --yes sets sql-reporting's stop action, re-audit finds no power-hard-poweroff" bash -c "grep -q 'power-hard-poweroff' '$work/hv.txt' && $pw '$hv' fix '$hyperv' --thumbprint '$winrm_thumb' --rule power-hard-poweroff --yes --journal '$work/hyperv.jsonl' </dev/null >'$work/hv-fix.txt'; code=\$?; cat '$work/hv-fix.txt'; [ \$code = 0 ] && grep -q '^APPLIED  sql-reporting' '$work/hv-fix.txt' && $pw '$hv' audit '$hyperv' --thumbprint '$winrm_thumb' --format json --output '$work/hv-after.json' </dev/null; python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[\"summary\"][\"vms\"]==$nhyperv and not [f for f in d[\"findings\"] if f[\"ruleId\"]==\"power-hard-poweroff\"], d[\"summary\"]' '$work/hv-after.json'"
  check "hyperv: undo brings the TurnOff stop action back, the host file as the lab's" bash -c "$pw '$hv' undo '$work/hyperv.jsonl' --thumbprint '$winrm_thumb' </dev/null && $pw '$hv' audit '$hyperv' --thumbprint '$winrm_thumb' --format json --output '$work/hv-undone.json' </dev/null; python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [f[\"vmName\"] for f in d[\"findings\"] if f[\"ruleId\"]==\"power-hard-poweroff\"]==[\"sql-reporting\"], d[\"summary\"]' '$work/hv-undone.json' && cmp '$repo/examples/hyperv-lab/host.json' '$work/hyperv-host.json'"
else
  failed=$((failed+1)); echo "FAILED  hyperv: the WinRM endpoint did not start"; cat "$work/winrm.err"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
