#!/bin/sh
# deps.sh - make sure the Debian packages highwater builds with are present.
# As root it installs what is missing with apt-get (and says so); as another
# user it prints the exact command and fails, so nothing half-builds.
# usage: tools/deps.sh PACKAGE...   (Debian package names)
missing=""
for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "highwater: installing missing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || { echo "highwater: apt-get update failed" >&2; exit 1; }
    apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
        echo "highwater: apt-get install$missing failed" >&2; exit 1; }
    echo "highwater: installed$missing"
else
    echo "highwater: missing Debian packages:$missing" >&2
    echo "run:  sudo apt-get install$missing" >&2
    exit 1
fi
