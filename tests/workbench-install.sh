#!/usr/bin/env bash
# The update-site install test. tests/org.hvdiag.ui.install (built by `mvn package`) materialized a
# plain Eclipse 4.34 platform with no hvdiag in it and installed the hvdiag UI feature into it from
# releng/org.hvdiag.site with the p2 director, plus a small check bundle. This starts that platform
# (the IDE workbench application, not ours) and checks that the Diagnostics perspective opens with
# its views, that p2 recorded the feature as installed, and that no hvdiag error was logged.
# Needs a display: tools/test runs it under tools/with-xvfb.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
plain="$here/tests/org.hvdiag.ui.install/target/products/org.hvdiag.plainplatform/linux/gtk/x86_64/plain-eclipse"
shots="$here/tests/org.hvdiag.ui.install/target/screenshots"
fail() { echo "workbench-install: FAIL: $*" >&2; exit 1; }
[ -d "$plain" ] || fail "no plain platform at $plain: build with tools/mvn package first"
[ -n "${DISPLAY:-}" ] || fail "no DISPLAY: run under tools/with-xvfb"

profile_dir="$plain/p2/org.eclipse.equinox.p2.engine/profileRegistry/DefaultProfile.profile"
latest=$(ls -t "$profile_dir"/*.profile.gz | head -n 1)
# Read whole before grepping: with pipefail, grep -q closing the pipe early fails zcat (SIGPIPE).
latest_profile=$(zcat "$latest")
grep -q "id='org.hvdiag.ui.feature.feature.group'" <<<"$latest_profile" || fail "p2 does not list the hvdiag UI feature as installed"
[ -n "$(ls "$plain"/plugins/org.hvdiag.ui_*.jar 2>/dev/null)" ] || fail "org.hvdiag.ui is not in the platform's plugins"
first=$(ls -tr "$profile_dir"/*.profile.gz | head -n 1)
first_profile=$(zcat "$first")
if grep -q "id='org.hvdiag.ui'" <<<"$first_profile"; then fail "the platform as first materialized already had hvdiag in it"; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
launcher=$(ls "$plain"/plugins/org.eclipse.equinox.launcher_*.jar | head -n 1)
start=$(date +%s)
timeout 180 java -Dhvdiag.installcheck="$work/check.txt" -jar "$launcher" -install "$plain" -data "$work/workspace" \
  -nosplash >"$work/stdout.txt" 2>&1 || fail "the platform did not start and stop cleanly (exit $?): $(tail -n 20 "$work/stdout.txt")"
[ -f "$work/check.txt" ] || fail "the check bundle wrote nothing: $(tail -n 20 "$work/stdout.txt")"
cat "$work/check.txt"
grep -qx "perspective org.hvdiag.ui.perspective: installed as 'Diagnostics'" "$work/check.txt" || fail "the Diagnostics perspective is not installed"
grep -qx "active perspective: org.hvdiag.ui.perspective" "$work/check.txt" || fail "the Diagnostics perspective did not open"
for view in connections inventory findings details chart; do
  grep -q "^view org.hvdiag.ui.$view: open as " "$work/check.txt" || fail "view $view is not open"
done
if [ -f "$work/workspace/.metadata/.log" ] && grep -q "org.hvdiag" "$work/workspace/.metadata/.log"; then
  fail "hvdiag logged errors: $(grep -B2 -A6 org.hvdiag "$work/workspace/.metadata/.log" | head -n 40)"
fi
mkdir -p "$shots"
cp "$work/check.txt.png" "$shots/installed-into-plain-eclipse.png"
echo "workbench-install: OK: installed from the update site and opened in $(( $(date +%s) - start )) s; screenshot $shots/installed-into-plain-eclipse.png"
