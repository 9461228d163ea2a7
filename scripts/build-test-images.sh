#!/usr/bin/env bash
# Builds the real test images Drydock's tests and benchmarks use, from Debian packages only.
#   debian   debootstrap --variant=minbase bookworm (one layer, ~120 MB)
#   busybox  Debian's busybox-static with its applet links (one layer)
#   layered  busybox + a layer adding files + a layer deleting a file and a directory (umoci whiteouts)
#   opaque   busybox + a layer filling /var/cache/app + a hand-made layer that makes it opaque (.wh..wh..opq)
#   removed  busybox + a dpkg database of three packages + a layer that uninstalls one (rewrites the status, deletes its files)
#   node     busybox + /app/node_modules from a real `npm install` (needs the npm registry), the Python
#            metadata of three Debian python3 packages, two JARs from Debian's maven and a Go binary
#   node5k   busybox + 5,000 generated packages under /app/node_modules (some scoped, some nested)
#   alpine   busybox + a hand-written /lib/apk/db/installed (apk-tools is not packaged in Debian)
#   rpm      busybox + two noarch rpms built by rpmbuild and installed into an rpmdb.sqlite by rpm
#   malware-samples, ordinary   see their block below (content signatures: real tools, and an image that must stay clean)
# Each image is written as an OCI layout (NAME-oci:TAG), a docker-archive (NAME.docker.tar) and an
# oci-archive (NAME.oci.tar), plus the root filesystem it was built from (rootfs/NAME).
# Fixed file times and creation dates make the digests reproducible for the same package versions.
# Usage: build-test-images.sh [OUT_DIR] [IMAGE...]   (default OUT_DIR: $XDG_CACHE_HOME/drydock-test-images)
set -euo pipefail
OUT=${1:-${DRYDOCK_TEST_IMAGES:-${XDG_CACHE_HOME:-$HOME/.cache}/drydock-test-images}}
shift || true
WANT=("$@"); [ ${#WANT[@]} -gt 0 ] || WANT=(busybox layered opaque removed debian)
EPOCH=1700000000
CREATED=2023-11-14T22:13:20Z
SUITE=bookworm
log() { printf '[build-test-images] %s\n' "$*" >&2; }
mkdir -p "$OUT/rootfs"
LOCK="$OUT/.lock"; exec 9>"$LOCK"; flock 9

debian_mirror() {
  local f uri=""
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk -v s="$SUITE" 'BEGIN{RS="";FS="\n"}{u="";ok=0;for(i=1;i<=NF;i++){if($i~/^URIs:/){split($i,a," ");u=a[2]} if($i~/^Suites:/){n=split($i,b," ");for(j=2;j<=n;j++)if(b[j]==s)ok=1}} if(ok&&u!=""){print u;exit}}' "$f")
    [ -n "$uri" ] && break
  done
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk -v s="$SUITE" '$1=="deb" && $3==s {print $2; exit}' /etc/apt/sources.list)
  fi
  printf '%s' "$uri"
}

busybox_rootfs() {
  local dir=$1 a
  rm -rf "$dir"; mkdir -p "$dir"/{bin,etc,tmp,proc,sys,dev,root}
  cp /bin/busybox "$dir/bin/busybox"
  for a in $("$dir/bin/busybox" --list); do [ "$a" = busybox ] || ln -sf busybox "$dir/bin/$a"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$dir/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$dir/etc/group"
  printf 'NAME="BusyBox"\nID=busybox\nVERSION_ID=1.35.0\nPRETTY_NAME="BusyBox v1.35.0"\n' >"$dir/etc/os-release"
  chmod 1777 "$dir/tmp"
}

# layout_new LAYOUT TAG: an empty image to repack layers into
layout_new() {
  rm -rf "$1"; umoci init --layout "$1"; umoci new --image "$1:$2"
}

# layer_commit LAYOUT TAG BUNDLE: repack the bundle's rootfs as a new layer (umoci writes whiteouts for removals)
layer_commit() {
  find "$3/rootfs" -exec touch -h -d "@$EPOCH" {} +
  umoci repack --history.created "$CREATED" --history.created_by "${4:-drydock test layer}" --image "$1:$2" "$3"
}

# finish NAME TAG CMD ENV: config, gc, and the two archive forms
finish() {
  local name=$1 tag=$2 layout=$OUT/$1-oci
  umoci config --image "$layout:$tag" --tag "$tag" --created "$CREATED" --history.created "$CREATED" \
    --os linux --architecture amd64 --config.cmd "$3" --config.env "$4" --config.label "org.drydock.test=$name"
  umoci gc --layout "$layout"
  chmod -R a+rX "$layout"
  rm -f "$OUT/$name.docker.tar" "$OUT/$name.oci.tar"
  skopeo copy -q "oci:$layout:$tag" "docker-archive:$OUT/$name.docker.tar:localhost/drydock-test/$name:$tag"
  skopeo copy -q "oci:$layout:$tag" "oci-archive:$OUT/$name.oci.tar:$tag"
  jq -r '.manifests[0].digest' "$layout/index.json" >"$OUT/.built-$name"
  log "$name:$tag -> $(cat "$OUT/.built-$name")"
}

single_layer_image() {
  local name=$1 tag=$2 src=$3 cmd=$4 env=$5 work
  work=$(mktemp -d "$OUT/.work-$name.XXXX")
  layout_new "$OUT/$name-oci" "$tag"
  umoci unpack --image "$OUT/$name-oci:$tag" "$work/bundle" >/dev/null
  rm -rf "$work/bundle/rootfs"; cp -a "$src" "$work/bundle/rootfs"
  layer_commit "$OUT/$name-oci" "$tag" "$work/bundle" "copy $name rootfs"
  rm -rf "$work"
  finish "$name" "$tag" "$cmd" "$env"
}

built() { [ -f "$OUT/.built-$1" ] && [ -f "$OUT/$1.docker.tar" ] && [ -f "$OUT/$1.oci.tar" ] && [ "${FORCE:-0}" != 1 ]; }

build_busybox() {
  built busybox && { log "busybox exists"; return; }
  busybox_rootfs "$OUT/rootfs/busybox"
  find "$OUT/rootfs/busybox" -exec touch -h -d "@$EPOCH" {} +
  single_layer_image busybox latest "$OUT/rootfs/busybox" /bin/sh PATH=/bin
}

build_layered() {
  built layered && { log "layered exists"; return; }
  local name=layered tag=v1 layout=$OUT/layered-oci work
  work=$(mktemp -d "$OUT/.work-layered.XXXX")
  layout_new "$layout" "$tag"
  umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  rm -rf "$work/b/rootfs"; busybox_rootfs "$work/b/rootfs"
  layer_commit "$layout" "$tag" "$work/b" "base: busybox"
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  mkdir -p "$work/b/rootfs/opt/app/cache" "$work/b/rootfs/usr/local/bin"
  printf 'secret-config\n' >"$work/b/rootfs/opt/app/config.ini"
  printf 'cached\n' >"$work/b/rootfs/opt/app/cache/item1"
  printf 'cached\n' >"$work/b/rootfs/opt/app/cache/item2"
  printf '#!/bin/sh\necho hello\n' >"$work/b/rootfs/usr/local/bin/hello.sh"; chmod 0755 "$work/b/rootfs/usr/local/bin/hello.sh"
  printf 'keep\n' >"$work/b/rootfs/opt/app/keep.txt"
  layer_commit "$layout" "$tag" "$work/b" "add app files"
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  rm -f "$work/b/rootfs/opt/app/config.ini"
  rm -rf "$work/b/rootfs/opt/app/cache"
  layer_commit "$layout" "$tag" "$work/b" "delete config and cache"
  rm -rf "$work"
  finish "$name" "$tag" /bin/sh PATH=/bin
  rm -rf "$OUT/rootfs/layered"
}

build_opaque() {
  built opaque && { log "opaque exists"; return; }
  local name=opaque tag=v1 layout=$OUT/opaque-oci work
  work=$(mktemp -d "$OUT/.work-opaque.XXXX")
  layout_new "$layout" "$tag"
  umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  rm -rf "$work/b/rootfs"; busybox_rootfs "$work/b/rootfs"
  mkdir -p "$work/b/rootfs/var/cache/app/sub"
  printf 'old\n' >"$work/b/rootfs/var/cache/app/old.dat"
  printf 'old\n' >"$work/b/rootfs/var/cache/app/sub/nested.dat"
  layer_commit "$layout" "$tag" "$work/b" "base: busybox with a cache"
  # umoci writes per-file whiteouts only, so the opaque layer is a tar made by hand, added verbatim.
  mkdir -p "$work/l/var/cache/app"
  : >"$work/l/var/cache/app/.wh..wh..opq"
  printf 'fresh\n' >"$work/l/var/cache/app/new.dat"
  tar --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner -C "$work/l" -cf "$work/opaque.tar" var
  umoci raw add-layer --history.created "$CREATED" --history.created_by "replace cache (opaque)" --image "$layout:$tag" "$work/opaque.tar"
  rm -rf "$work"
  finish "$name" "$tag" /bin/sh PATH=/bin
}

dpkg_stanza() { # NAME VERSION
  printf 'Package: %s\nStatus: install ok installed\nPriority: optional\nSection: misc\nInstalled-Size: 10\nMaintainer: Drydock Tests <tests@drydock.invalid>\nArchitecture: amd64\nVersion: %s\nDescription: test package %s\n\n' "$1" "$2" "$1"
}

build_removed() {
  built removed && { log "removed exists"; return; }
  local name=removed tag=v1 layout=$OUT/removed-oci work r
  work=$(mktemp -d "$OUT/.work-removed.XXXX")
  layout_new "$layout" "$tag"
  umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  rm -rf "$work/b/rootfs"; busybox_rootfs "$work/b/rootfs"; r=$work/b/rootfs
  printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n' >"$r/etc/os-release"
  printf '12.5\n' >"$r/etc/debian_version"
  mkdir -p "$r/var/lib/dpkg/info" "$r/usr/bin" "$r/usr/share/doc/netcat-traditional"
  { dpkg_stanza base-files 12.4+deb12u5; dpkg_stanza netcat-traditional 1.10-47; dpkg_stanza zlib1g 1:1.2.13.dfsg-1; } >"$r/var/lib/dpkg/status"
  printf '#!/bin/sh\n' >"$r/usr/bin/nc.traditional"; chmod 0755 "$r/usr/bin/nc.traditional"
  printf '/usr/bin/nc.traditional\n' >"$r/var/lib/dpkg/info/netcat-traditional.list"
  printf 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: GPL-2+\n' >"$r/usr/share/doc/netcat-traditional/copyright"
  layer_commit "$layout" "$tag" "$work/b" "install base-files netcat-traditional zlib1g"
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null; r=$work/b/rootfs
  { dpkg_stanza base-files 12.4+deb12u5; dpkg_stanza zlib1g 1:1.2.13.dfsg-1; } >"$r/var/lib/dpkg/status"
  rm -rf "$r/usr/bin/nc.traditional" "$r/var/lib/dpkg/info/netcat-traditional.list" "$r/usr/share/doc/netcat-traditional"
  layer_commit "$layout" "$tag" "$work/b" "apt-get purge netcat-traditional"
  rm -rf "$work"
  finish "$name" "$tag" /bin/sh PATH=/bin
}

build_debian() {
  built debian && { log "debian exists"; return; }
  local dir=$OUT/rootfs/debian mirror
  if [ ! -f "$dir.complete" ]; then
    rm -rf "$dir"; mirror=$(debian_mirror)
    log "debootstrap --variant=minbase $SUITE (about a minute)"
    debootstrap --variant=minbase "$SUITE" "$dir" ${mirror:+"$mirror"} >"$OUT/debootstrap.log" 2>&1 ||
      { log "debootstrap failed; see $OUT/debootstrap.log"; tail -5 "$OUT/debootstrap.log" >&2; exit 1; }
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
    find "$dir" -exec touch -h -d "@$EPOCH" {} +
    touch "$dir.complete"   # beside the rootfs, so dir:rootfs/debian equals the image
  fi
  single_layer_image debian bookworm "$dir" /bin/bash PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
}

# Language packages written by the real package managers, at pinned versions.
build_node() {
  built node && { log "node exists"; return; }
  local dir=$OUT/rootfs/node work jar
  work=$(mktemp -d "$OUT/.work-node.XXXX")
  busybox_rootfs "$dir"
  mkdir -p "$dir/app" "$dir/opt/lib" "$dir/usr/local/bin" "$work/go"
  cat >"$dir/app/package.json" <<'JSON'
{ "name": "drydock-test-app", "version": "1.0.0", "private": true,
  "dependencies": { "express": "4.18.2", "lodash": "4.17.21", "@sindresorhus/is": "4.6.0", "semver": "7.5.4" } }
JSON
  log "npm install (express, lodash, @sindresorhus/is, semver)"
  (cd "$dir/app" && npm install --ignore-scripts --no-audit --no-fund --omit=dev --cache "$work/npm-cache" >"$work/npm.log" 2>&1) ||
    { cat "$work/npm.log" >&2; exit 1; }
  # PyPI is out of reach: the metadata Debian's python3 packages installed on this host (dist-info and egg-info).
  mkdir -p "$dir/usr/lib/python3/dist-packages"
  for py in distro PyYAML PyJWT; do
    cp -a /usr/lib/python3/dist-packages/"$py"-*.*-info "$dir/usr/lib/python3/dist-packages/" ||
      { log "node needs Debian's python3-distro, python3-yaml and python3-jwt installed"; exit 1; }
  done
  for jar in commons-io commons-lang3; do cp -L "/usr/share/maven/lib/$jar.jar" "$dir/opt/lib/$jar.jar"; done
  printf 'module example.com/drydock/hello\n\ngo 1.19\n' >"$work/go/go.mod"
  printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n' >"$work/go/main.go"
  (cd "$work/go" && GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod GOCACHE="$work/gocache" CGO_ENABLED=0 \
    go build -trimpath -o "$dir/usr/local/bin/hello" .)
  rm -rf "$work"
  find "$dir" -exec touch -h -d "@$EPOCH" {} +
  single_layer_image node v1 "$dir" /bin/sh PATH=/usr/local/bin:/bin
}

# 5,000 package.json files: 4,000 top level, 500 scoped (@scope-N/lib-NNN), 500 nested one level down.
build_node5k() {
  built node5k && { log "node5k exists"; return; }
  local dir=$OUT/rootfs/node5k
  busybox_rootfs "$dir"
  python3 - "$dir/app" <<'PY'
import json, os, sys
app = sys.argv[1]
def package(path, name, version):
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "package.json"), "w") as f:
        json.dump({"name": name, "version": version, "description": "generated", "main": "index.js", "license": "MIT"}, f, indent=2)
    with open(os.path.join(path, "index.js"), "w") as f:
        f.write("module.exports = %s;\n" % json.dumps(name))
nm = os.path.join(app, "node_modules")
for i in range(4000):
    package(os.path.join(nm, "pkg-%04d" % i), "pkg-%04d" % i, "1.%d.%d" % (i // 100, i % 100))
for i in range(500):
    scope = "@scope-%d" % (i % 10)
    package(os.path.join(nm, scope, "lib-%03d" % i), "%s/lib-%03d" % (scope, i), "2.0.%d" % i)
for i in range(500):
    package(os.path.join(nm, "pkg-%04d" % (i * 8), "node_modules", "dep-%03d" % i), "dep-%03d" % i, "0.1.%d" % i)
with open(os.path.join(app, "package.json"), "w") as f:
    json.dump({"name": "node5k", "version": "1.0.0", "private": True}, f)
PY
  find "$dir" -exec touch -h -d "@$EPOCH" {} +
  single_layer_image node5k v1 "$dir" /bin/sh PATH=/bin
}

# apk-tools is not packaged in Debian and Alpine's mirrors are out of reach: the installed database is
# written by hand in apk's format (one paragraph per package, one-letter keys).
build_alpine() {
  built alpine && { log "alpine exists"; return; }
  local dir=$OUT/rootfs/alpine
  busybox_rootfs "$dir"
  mkdir -p "$dir/lib/apk/db" "$dir/etc/apk"
  echo 3.19.1 >"$dir/etc/alpine-release"
  printf 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME="Alpine Linux v3.19"\n' >"$dir/etc/os-release"
  cat >"$dir/lib/apk/db/installed" <<'APK'
C:Q1xDrydockTestBusyboxAAAAAAAAAAAA=
P:busybox
V:1.36.1-r15
A:x86_64
S:500000
I:900000
T:Size optimized toolbox of many common UNIX utilities
U:https://busybox.net/
L:GPL-2.0-only
o:busybox
t:1700000000
F:bin
R:busybox

C:Q1xDrydockTestOpensslBBBBBBBBBBBB=
P:libcrypto3
V:3.1.4-r5
A:x86_64
S:1700000
I:4300000
T:Crypto library from openssl
U:https://www.openssl.org/
L:Apache-2.0
o:openssl
t:1700000000
D:so:libc.musl-x86_64.so.1

C:Q1xDrydockTestMuslCCCCCCCCCCCCCCC=
P:musl
V:1.2.4_git20230717-r4
A:x86_64
S:400000
I:600000
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT
o:musl
t:1700000000

APK
  find "$dir" -exec touch -h -d "@$EPOCH" {} +
  single_layer_image alpine 3.19 "$dir" /bin/sh PATH=/bin
}

# Two noarch rpms built by rpmbuild and installed by rpm into an rpmdb.sqlite (rpm 4.18's default
# backend); one carries an epoch.
build_rpm() {
  built rpm && { log "rpm exists"; return; }
  local dir=$OUT/rootfs/rpm work n name ver epoch
  work=$(mktemp -d "$OUT/.work-rpm.XXXX")
  busybox_rootfs "$dir"
  mkdir -p "$work"/{SPECS,BUILD,RPMS,SOURCES,SRPMS}
  for n in labtool:1.2.3:0 openssl-libs:3.0.7:1; do
    IFS=: read -r name ver epoch <<<"$n"
    {
      printf 'Name: %s\nVersion: %s\nRelease: 1.el9\n' "$name" "$ver"
      [ "$epoch" = 0 ] || printf 'Epoch: %s\n' "$epoch"
      printf 'Summary: drydock test package\nLicense: MIT\nBuildArch: noarch\n%%description\nTest package.\n'
      printf '%%install\nmkdir -p %%{buildroot}/usr/share/%s\necho %s > %%{buildroot}/usr/share/%s/README\n' "$name" "$name" "$name"
      printf '%%files\n/usr/share/%s/README\n' "$name"
    } >"$work/SPECS/$name.spec"
    rpmbuild --define "_topdir $work" -bb "$work/SPECS/$name.spec" >"$work/rpmbuild.log" 2>&1 ||
      { cat "$work/rpmbuild.log" >&2; exit 1; }
  done
  printf 'NAME="Rocky Linux"\nVERSION="9.3 (Blue Onyx)"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.3"\nPRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"\n' >"$dir/etc/os-release"
  echo 'Rocky Linux release 9.3 (Blue Onyx)' >"$dir/etc/redhat-release"
  rpm --root "$dir" --dbpath /var/lib/rpm --initdb
  rpm --root "$dir" --dbpath /var/lib/rpm -i --nodeps --ignoreos --ignorearch "$work"/RPMS/noarch/*.rpm 2>"$work/rpm.log" ||
    { cat "$work/rpm.log" >&2; exit 1; }
  rm -f "$dir"/var/lib/rpm/rpmdb.sqlite-shm "$dir"/var/lib/rpm/rpmdb.sqlite-wal "$dir"/var/lib/rpm/.rpm.lock
  rm -rf "$work"
  find "$dir" -exec touch -h -d "@$EPOCH" {} +
  single_layer_image rpm 9.3 "$dir" /bin/sh PATH=/bin
}

# ---------------------------------------------------------------- malicious-content samples (content signatures)
# Real tools from Debian packages (apt-get download + dpkg-deb -x, nothing installed), extracted into images.
SIG_DEBS=(nmap masscan hydra john sqlmap ncat monero)
# A Monero mainnet address generated for these tests (prefix 18, Keccak-256 checksum; no key behind it).
SIG_WALLET=41oFuK6MZ4TTwF5R34b3fkXmeZVMpydTShVhbsV2fstH6GHXXaedRzzXnWiFo3TosaP5f2NALgQewLqofQKPvR2dTCByeg2

# sig_fetch DIR PKG...: the .debs of PKG into DIR (cached there)
sig_fetch() {
  local dir=$1; shift
  mkdir -p "$dir"
  (cd "$dir" && for p in "$@"; do ls "${p}"_*.deb >/dev/null 2>&1 || apt-get download "$p" >/dev/null 2>&1 ||
    { log "apt-get download $p failed (needs the Debian mirror)"; exit 1; }; done)
}

#   malware-samples  layer 1 busybox; layer 2 nmap, nping, masscan, hydra, john, sqlmap, ncat, monerod and
#                    monero-wallet-cli from Debian; layer 3 an EICAR file, an XMRig-style config.json with a stratum
#                    URL and a wallet, a README that only talks about mining; layer 4 deletes masscan.
#                    rootfs/malware-samples keeps layer 3's files (for hashes).
build_malware_samples() {
  built malware-samples && { log "malware-samples exists"; return; }
  local name=malware-samples tag=v1 layout=$OUT/malware-samples-oci work debs=$OUT/debs r p
  work=$(mktemp -d "$OUT/.work-sig.XXXX")
  sig_fetch "$debs" "${SIG_DEBS[@]}"
  layout_new "$layout" "$tag"
  umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  rm -rf "$work/b/rootfs"; busybox_rootfs "$work/b/rootfs"
  layer_commit "$layout" "$tag" "$work/b" "base: busybox"
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null; r=$work/b/rootfs
  for p in "${SIG_DEBS[@]}"; do dpkg-deb -x "$(ls "$debs/${p}"_*.deb | head -1)" "$work/x-$p"; done
  mkdir -p "$r/usr/bin" "$r/usr/sbin" "$r/usr/share"
  cp "$work/x-nmap/usr/bin/nmap" "$work/x-nmap/usr/bin/nping" "$work/x-masscan/usr/bin/masscan" "$work/x-hydra/usr/bin/hydra" \
    "$work/x-ncat/usr/bin/ncat" "$work/x-monero/usr/bin/monerod" "$work/x-monero/usr/bin/monero-wallet-cli" "$r/usr/bin/"
  cp "$work/x-john/usr/sbin/john" "$r/usr/sbin/"
  cp -a "$work/x-sqlmap/usr/share/sqlmap" "$r/usr/share/sqlmap"
  ln -s ../share/sqlmap/sqlmap.py "$r/usr/bin/sqlmap"
  layer_commit "$layout" "$tag" "$work/b" "install scanners, crackers and a Monero node (Debian packages)"
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null; r=$work/b/rootfs
  mkdir -p "$r/opt/miner" "$r/srv/av"
  printf '%s\r\n' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' >"$r/srv/av/eicar.com"
  cat >"$r/opt/miner/config.json" <<JSON
{
    "autosave": true,
    "donate-level": 1,
    "cpu": { "enabled": true, "huge-pages": true },
    "randomx": { "init": -1, "mode": "auto" },
    "pools": [
        {
            "url": "stratum+tcp://pool.supportxmr.com:3333",
            "user": "$SIG_WALLET",
            "pass": "x",
            "keepalive": true,
            "tls": false
        }
    ]
}
JSON
  cat >"$r/opt/miner/README.md" <<'MD'
# Notes on mining

XMRig and xmr-stak are Monero miners. They speak the Stratum protocol: a miner logs in to a pool with
mining.subscribe and mining.authorize, over stratum+tcp or stratum+ssl. Pools such as SupportXMR publish the
address to use. Nothing here runs a miner.
MD
  layer_commit "$layout" "$tag" "$work/b" "add an EICAR file and a miner configuration"
  rm -rf "$OUT/rootfs/$name"; cp -a "$r" "$OUT/rootfs/$name"
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  rm -f "$work/b/rootfs/usr/bin/masscan"
  layer_commit "$layout" "$tag" "$work/b" "rm /usr/bin/masscan"
  rm -rf "$work"
  finish "$name" "$tag" /bin/sh PATH=/usr/bin:/usr/sbin:/bin
}

#   ordinary  debootstrap minbase bookworm with python3, nodejs, openssl and curl installed, plus documentation that
#             talks about coin mining and hacking tools in prose (no working URL, wallet or binary).
build_ordinary() {
  built ordinary && { log "ordinary exists"; return; }
  local dir=$OUT/rootfs/ordinary mirror
  if [ ! -f "$dir.complete" ]; then
    rm -rf "$dir"; mirror=$(debian_mirror)
    log "debootstrap --variant=minbase --include=python3,nodejs,openssl,curl $SUITE (a few minutes)"
    debootstrap --variant=minbase --include=python3,nodejs,openssl,curl,ca-certificates "$SUITE" "$dir" ${mirror:+"$mirror"} \
      >"$OUT/debootstrap-ordinary.log" 2>&1 ||
      { log "debootstrap failed; see $OUT/debootstrap-ordinary.log"; tail -5 "$OUT/debootstrap-ordinary.log" >&2; exit 1; }
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
    find "$dir" -exec touch -h -d "@$EPOCH" {} +
    touch "$dir.complete"
  fi
  # The documentation is (re)written on every build, so that it can change without a new debootstrap.
  mkdir -p "$dir/usr/share/doc/drydock-notes"
  cat >"$dir/usr/share/doc/drydock-notes/mining.txt" <<'TXT'
About cryptocurrency mining and security tools

Attackers who break into a container often start a coin miner such as XMRig (xmrig), xmr-stak,
cpuminer, ccminer, ethminer, T-Rex, NBMiner, lolMiner, PhoenixMiner, GMiner or TeamRedMiner. The miner
connects to a pool over the Stratum protocol (stratum+tcp, stratum+ssl or stratum+tls) and pays a
wallet; the config.json of XMRig lists its pools, the donate-level and the RandomX settings.
Penetration testers use nmap, masscan, zmap, hydra, medusa, john, hashcat, sqlmap, nikto, metasploit,
mimikatz, impacket, responder, chisel, frp and ncat. This text only names them.

Quoted from manuals: "Usage: nmap [Scan Type(s)] [Options] {target specification}" (https://nmap.org),
"Nmap done: 1 IP address (1 host up)", "Starting Nmap 7.93", "John the Ripper password cracker", the
pool URL form stratum+tcp://pool.example.com:3333, a miner's "pools": [ ... ] section, and the
anti-virus test string X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H* in a sentence.
TXT
  printf 'See mining.txt: nmap, masscan and xmrig are only named here.\n' >"$dir/usr/share/doc/drydock-notes/README"
  mkdir -p "$dir/opt/notes"   # the same prose outside the documentation tree: Markdown is documentation anywhere
  cp "$dir/usr/share/doc/drydock-notes/mining.txt" "$dir/opt/notes/mining.md"
  find "$dir/usr/share/doc/drydock-notes" "$dir/opt/notes" -exec touch -h -d "@$EPOCH" {} +
  single_layer_image ordinary bookworm "$dir" /bin/bash PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
}

for image in "${WANT[@]}"; do
  case "$image" in
    busybox) build_busybox ;;
    layered) build_layered ;;
    opaque) build_opaque ;;
    removed) build_removed ;;
    debian) build_debian ;;
    node) build_node ;;
    node5k) build_node5k ;;
    alpine) build_alpine ;;
    rpm) build_rpm ;;
    malware-samples) build_malware_samples ;;
    ordinary) build_ordinary ;;
    *) log "unknown image '$image' (busybox, layered, opaque, removed, debian, node, node5k, alpine, rpm, malware-samples, ordinary)"; exit 2 ;;
  esac
done
echo "$OUT"
