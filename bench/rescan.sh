#!/usr/bin/env bash
# Times `drydock rescan` over a store of N copies of the node test image's report (83 packages: npm, Python, Maven, a Go
# binary) against the advisory database built from ../shared/testdata/vuln-data, beside a warm-cache `drydock scan` of the
# same image, in interleaved rounds:
#   steady   rescan with the database the reports were matched with: every row read, matched and compared, none written;
#   changed  rescan with that database plus one advisory for express (which the image carries): every row rewritten;
#   scan     `scan oci:node --advisory-db ...` with a warm layer cache: what re-matching by scanning again would cost
#            (the image is local here; a registry adds the pull).
# Prints medians, milliseconds per image and the ratios.  Usage: bench/rescan.sh [--rounds N] [--images N]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=7; images=300
while [ $# -gt 0 ]; do case "$1" in
  --rounds) rounds=$2; shift 2 ;; --images) images=$2; shift 2 ;;
  *) echo "usage: $0 [--rounds N] [--images N]" >&2; exit 2 ;; esac; done
data=$root/../shared/testdata/vuln-data
[ -d "$data" ] || { echo "rescan.sh: $data is absent" >&2; exit 2; }
ti=${DRYDOCK_TEST_IMAGES:-$root/.testdata/images}
[ -d "$ti/node-oci" ] || "$root/scripts/build-test-images.sh" "$ti" node
"$root/drydock" --version >/dev/null
cli=$root/.build/cli-${DRYDOCK_BUILD:-aot}/drydock
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
sources=(); for s in alpine-secdb cisa-kev debian-security-tracker go-vulndb osv-malicious-npm-sample pypa-advisory-database rustsec-advisory-db; do
  sources+=(--source "$data/$s"); done
"$cli" db build "${sources[@]}" --output "$work/before.db" >/dev/null
"$cli" db build "${sources[@]}" --source "$data/ghsa-npm-sample/2024/03/GHSA-rv95-896h-c2vc/GHSA-rv95-896h-c2vc.json" --output "$work/express.db" >/dev/null
"$cli" scan "oci:$ti/node-oci:v1" --advisory-db "$work/before.db" --cache-dir "$work/cache" -q --format json -o "$work/node.json"
"$cli" rescan --db "$work/store.db" --advisory-db "$work/before.db" >/dev/null   # creates the tables
python3 "$root/bench/lib/make_rescan_store.py" "$work/store.db" "$work/node.json" "$images"
"$cli" rescan --db "$work/store.db" --advisory-db "$work/before.db" --format json -o "$work/first.json"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert (r['images'], r['updated'], len(r['changed'])) == ($images, 0, 0), r" "$work/first.json"
time_of() { /usr/bin/time -f '%e' "$@" 2>&1 >/dev/null | tail -1; }
steady=(); changed=(); scan=()
for i in $(seq "$rounds"); do
  steady+=("$(time_of "$cli" rescan --db "$work/store.db" --advisory-db "$work/before.db" --format json -o "$work/steady.json")")
  cp "$work/store.db" "$work/changing.db"
  changed+=("$(time_of "$cli" rescan --db "$work/changing.db" --advisory-db "$work/express.db" --format json -o "$work/changed.json")")
  scan+=("$(time_of "$cli" scan "oci:$ti/node-oci:v1" --advisory-db "$work/before.db" --cache-dir "$work/cache" -q --format json -o "$work/scan.json")")
done
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert (r['updated'], len(r['changed'])) == ($images, $images), (r['updated'], len(r['changed']))" "$work/changed.json"
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms=$(median "${steady[@]}"); mc=$(median "${changed[@]}"); mw=$(median "${scan[@]}")
echo "rescan over $images stored node reports, $rounds rounds (median wall seconds; samples in brackets)"
printf '  %-8s %7s s  %7.1f ms/image  [%s]\n' steady "$ms" "$(echo "$ms * 1000 / $images" | bc -l)" "${steady[*]}"
printf '  %-8s %7s s  %7.1f ms/image  [%s]\n' changed "$mc" "$(echo "$mc * 1000 / $images" | bc -l)" "${changed[*]}"
printf '  %-8s %7s s  %7.1f ms/image  [%s]\n' scan "$mw" "$(echo "$mw * 1000" | bc -l)" "${scan[*]}"
printf '  warm scan / steady rescan per image: %.1fx; changed / steady: %.2f\n' \
  "$(echo "$mw * $images / $ms" | bc -l)" "$(echo "$mc / $ms" | bc -l)"
