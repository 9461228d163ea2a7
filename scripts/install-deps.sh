#!/usr/bin/env bash
# Installs the Debian packages that building, testing and benchmarking Drydock need (idempotent, root).
set -euo pipefail
PKGS=(docker-registry skopeo umoci debootstrap busybox-static runc strace iptables iproute2 apache2-utils jq curl time zstd gzip rpm db5.3-util golang-go openssl openssh-client gnupg gcc-mingw-w64-x86-64)
# User rules (--yara-rules, --clamd): libyara for the YARA analyzer, a real clamd for the tests (no signatures: the tests write their own).
PKGS+=(libyara9 clamav-daemon clamav)
# The project database's tests start their own PostgreSQL server (initdb into a temp folder, a loopback port).
PKGS+=(postgresql)
# The population HTML report is opened in a real browser by its tests (headless screenshot of a local file, no network).
PKGS+=(chromium)
# The sandbox accepts crun as well as runc (--runtime crun); its tests run both.
PKGS+=(crun)
# npm builds the node test images; a Node.js from elsewhere (NodeSource) ships its own npm and conflicts with Debian's.
command -v npm >/dev/null || PKGS+=(npm)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1; fi
  echo "install-deps: apt-get install ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The tests start their own clamd with signatures they write; Debian's services would download signature databases.
  if [[ " ${missing[*]} " == *" clamav-daemon "* ]] && [ -d /run/systemd/system ]; then
    systemctl disable --now clamav-freshclam.service clamav-daemon.service clamav-daemon.socket >/dev/null 2>&1 || true
  fi
  # Debian's default cluster is not used: the tests run their own server.
  if [[ " ${missing[*]} " == *" postgresql "* ]] && [ -d /run/systemd/system ]; then
    systemctl disable --now postgresql.service >/dev/null 2>&1 || true
  fi
fi
# Executables samples: UPX packs copies of busybox and of a mingw-built PE. Bookworm has upx-ucl in its
# backports suite only; the suite is added from the mirror the system already uses.
if ! dpkg-query -W -f='${Status}' upx-ucl 2>/dev/null | grep -q 'install ok installed'; then
  if [ "$(id -u)" != 0 ]; then echo "install-deps: need root to install: upx-ucl" >&2; exit 1; fi
  suite=$(. /etc/os-release; echo "${VERSION_CODENAME:-}")
  if ! apt-cache policy upx-ucl 2>/dev/null | grep -q 'Candidate: [0-9]' && [ -n "$suite" ]; then
    mirror=$(awk -v s="$suite" 'BEGIN{RS="";FS="\n"}{u="";ok=0;for(i=1;i<=NF;i++){if($i~/^URIs:/){split($i,a," ");u=a[2]} if($i~/^Suites:/){n=split($i,b," ");for(j=2;j<=n;j++)if(b[j]==s)ok=1}} if(ok&&u!=""){print u;exit}}' /etc/apt/sources.list.d/*.sources 2>/dev/null)
    [ -n "$mirror" ] || mirror=$(awk -v s="$suite" '$1=="deb" && $3==s {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
    printf 'Types: deb\nURIs: %s\nSuites: %s-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$mirror" "$suite" >/etc/apt/sources.list.d/drydock-backports.sources
    apt-get update -qq
  fi
  echo "install-deps: apt-get install upx-ucl" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -t "$suite-backports" upx-ucl >/dev/null 2>&1 ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends upx-ucl >/dev/null
fi
# The content-signature test images fetch real tools with `apt-get download`, which needs the package lists.
if ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then echo "install-deps: need root to run apt-get update (no package lists)" >&2; exit 1; fi
  apt-get update -qq
fi
command -v dotnet >/dev/null || { echo "install-deps: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
# crun on a hybrid cgroup host needs every controller off cgroup v2 (runc does not): see the script.
if [ "$(id -u)" = 0 ]; then "$(dirname "${BASH_SOURCE[0]}")/sandbox-host-setup.sh" || echo "install-deps: crun sandbox tests will be skipped" >&2; fi
