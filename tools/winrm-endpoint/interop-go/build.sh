#!/usr/bin/env bash
# Builds interop-go offline with Debian's golang-go against the masterzen/winrm sources of
# golang-github-masterzen-winrm-dev (GOPATH mode: Debian ships them under /usr/share/gocode), as
# tools/vcsim-harness/build.sh does for govmomi. Prints the binary's path; rebuilds only when
# main.go is newer.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${WINRM_INTEROP_OUT:-$here/../build/interop-go}"
bin="$out/interop-go"
if [ -x "$bin" ] && [ -z "$(find "$here" -maxdepth 1 -name '*.go' -newer "$bin" -print -quit)" ]; then
  echo "$bin"; exit 0
fi
command -v go >/dev/null || { echo "build.sh: 'go' not found: apt-get install golang-go golang-github-masterzen-winrm-dev" >&2; exit 2; }
[ -d /usr/share/gocode/src/github.com/masterzen/winrm ] || { echo "build.sh: masterzen/winrm sources missing: apt-get install golang-github-masterzen-winrm-dev" >&2; exit 2; }
gopath="$out/gopath"
mkdir -p "$gopath/src/hvdiag" "$out"
for d in /usr/share/gocode/src/*; do
  [ -e "$gopath/src/$(basename "$d")" ] || ln -s "$d" "$gopath/src/$(basename "$d")"
done
rm -rf "$gopath/src/hvdiag/interop-go"
mkdir -p "$gopath/src/hvdiag/interop-go"
cp "$here"/*.go "$gopath/src/hvdiag/interop-go/"
export GOPATH="$gopath" GO111MODULE=off GOCACHE="${GOCACHE:-$out/gocache}" GOPROXY=off
(cd "$gopath/src/hvdiag/interop-go" && go build -o "$bin" .) >&2
echo "$bin"
