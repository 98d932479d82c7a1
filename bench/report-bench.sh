#!/usr/bin/env bash
# Benchmarks `izshi report` on a large case: F files and N personal-data findings (defaults 1,000,000
# and 5,000,000), next to the sqlite3 tool running the aggregate queries the HTML report needs, on
# the same case file, in the same run.
#
#   bench/report-bench.sh [--files F] [--findings N] [--runs R] [--out DIR]
#
# Speed is never asserted. The case is made by `izshi ingest` of a one-file folder, then grown with
# rows inserted by sqlite3 (generated paths, times over the 90 days before an invented seizure,
# hashes, and findings of five types spread over a fifth of the files, values repeating so that
# some files are personal-data databases). Rows added behind izshi's back break the custody seals,
# which the report shows; rendering is what is measured.
# Timed, R runs each, interleaved:
#   html      izshi report --format html (every section; 200 rows per table)
#   md        izshi report --format md
#   sqlite3   the HTML report's aggregate queries run by the sqlite3 tool (databases, files with most
#             findings, findings per item and per type, distinct IINs, four MACB day histograms)
# Debian packages used: sqlite3, time (and coreutils).
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
  cat <<'USAGE'
Usage: bench/report-bench.sh [OPTIONS]

Builds a case of F files and N findings, then times izshi report --format html and md against the
sqlite3 tool running the same aggregate queries, and writes a Markdown table to OUT/results.md.

  --files F      file rows (default 1000000)
  --findings N   personal-data findings (default 5000000)
  --runs R       runs of each; the median is reported (default 3)
  --out DIR      work and output folder (default /tmp/izshi-report-bench); the case is kept

Environment: IZSHI (default: build/tools/izshi/izshi in this checkout)
USAGE
}

build_case() {
  CASE="$OUT/large-f$FILES-n$FINDINGS.izshi"
  [[ -f "$CASE" ]] && return
  say "building $CASE"
  rm -rf "$OUT/one" "$CASE"*
  mkdir -p "$OUT/one" && echo "one file" >"$OUT/one/a.txt"
  "$IZSHI_BIN" --quiet ingest --case "$CASE.tmp" --seized-at 2024-03-15T10:00Z "$OUT/one" >/dev/null
  sqlite3 "$CASE.tmp" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $FILES)
INSERT INTO files(evidence_id, walk_key, path, name, kind, allocated, size, mtime, atime, ctime, crtime, mime, md5, sha1, sha256)
SELECT 1, 'k' || i, 'dir' || (i % 1000) || '/file' || i || '.txt', 'file' || i || '.txt', 'file', (i % 17) != 0, i % 65536,
       strftime('%Y-%m-%dT%H:%M:%SZ', 1710496800 - (i * 7919 % 7776000), 'unixepoch'),
       strftime('%Y-%m-%dT%H:%M:%SZ', 1710496800 - (i * 104729 % 2592000), 'unixepoch'),
       strftime('%Y-%m-%dT%H:%M:%SZ', 1710496800 - (i * 1299709 % 3888000), 'unixepoch'),
       strftime('%Y-%m-%dT%H:%M:%SZ', 1710496800 - (i * 15485863 % 7776000), 'unixepoch'),
       'text/plain', printf('%032x', i), printf('%040x', i), printf('%064x', i) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $FINDINGS)
INSERT INTO findings(evidence_id, file_id, region_id, offset, location, type, value, encoding, score, note, context)
SELECT 1, 2 + (i % ($FILES / 5)), NULL, i, '',
       CASE i % 5 WHEN 0 THEN 'iin' WHEN 1 THEN 'phone' WHEN 2 THEN 'email' WHEN 3 THEN 'iban' ELSE 'card' END,
       printf('%012d', i % ($FINDINGS / 2)), 'ascii', 80, '', 'context of finding ' || i FROM n;
UPDATE pii_scans SET findings = $FINDINGS;
INSERT OR IGNORE INTO pii_scans(evidence_id, types, finished_at, files, regions, findings, records)
VALUES (1, 'iin,phone,email,iban,card', '2024-03-15T10:00:00Z', $FILES, 0, $FINDINGS, 0);
COMMIT;
SQL
  mv "$CASE.tmp" "$CASE"
}

drop_from_cache() { :; }
first_run() {
  case "$1" in
    html) SHOWN_FIGURE[$1]="$(grep -o 'id="fig-citizens" data-value="[0-9]*"' "$WORK/out.html" | grep -o '[0-9]*"$' | tr -d '"') citizens" ;;
    *) ;;
  esac
}

run_html() { "$IZSHI_BIN" report --case "$CASE" --format html -o "$WORK/out.html"; }
run_md() { "$IZSHI_BIN" report --case "$CASE" --format md -o "$WORK/out.md"; }
run_sqlite3() {
  sqlite3 "file:$CASE?mode=ro" <<'SQL' >/dev/null
SELECT x.file_id, count(DISTINCT CASE WHEN x.type = 'iin' THEN x.value END) AS iins,
       count(DISTINCT CASE WHEN x.type = 'phone' THEN x.value END) AS phones, group_concat(DISTINCT x.type)
FROM findings x JOIN files f ON f.id = x.file_id GROUP BY x.file_id HAVING iins >= 100 OR (iins >= 10 AND phones * 2 >= iins);
SELECT f.path, count(*) AS n, group_concat(DISTINCT x.type) FROM findings x JOIN files f ON f.id = x.file_id
GROUP BY x.file_id ORDER BY n DESC LIMIT 200;
SELECT evidence_id, count(*) FROM findings GROUP BY evidence_id;
SELECT type, count(*) FROM findings GROUP BY type;
SELECT count(DISTINCT value) FROM findings WHERE type = 'iin';
SELECT substr(mtime, 1, 10) AS d, count(*) FROM files WHERE d BETWEEN '2024-02-14' AND '2024-04-14' GROUP BY d;
SELECT substr(atime, 1, 10) AS d, count(*) FROM files WHERE d BETWEEN '2024-02-14' AND '2024-04-14' GROUP BY d;
SELECT substr(ctime, 1, 10) AS d, count(*) FROM files WHERE d BETWEEN '2024-02-14' AND '2024-04-14' GROUP BY d;
SELECT substr(crtime, 1, 10) AS d, count(*) FROM files WHERE d BETWEEN '2024-02-14' AND '2024-04-14' GROUP BY d;
SQL
}
export -f run_html run_md run_sqlite3

report() {
  declare -A WALL CPU RSS SHOWN
  collect "${TOOLS[@]}"
  {
    echo "- Case: \`$(basename "$CASE")\`, $(du -m "$CASE" | cut -f1) MiB: $FILES files, $FINDINGS findings (rows inserted with sqlite3)"
    echo "- Runs: $RUNS of each, interleaved; page cache warm"
    echo "- Machine: $(machine); load average before the runs $LOAD_BEFORE, after $(load_average)"
    echo "- izshi: $IZSHI_DESC"
    echo
    comparison_table Shows SHOWN_FIGURE sqlite3
    echo
    echo "izshi maps up to 256 MiB of the case file (PRAGMA mmap_size): those pages count in its max RSS and are page cache."
  } >"$OUT/results.md"
  cat "$OUT/results.md"
}

readonly TOOLS=(html md sqlite3)
# shellcheck disable=SC2016  # the backquotes are Markdown
declare -A TITLE=(
  [html]='`izshi report --format html`'
  [md]='`izshi report --format md`'
  [sqlite3]='`sqlite3`: the HTML report'"'"'s aggregate queries'
)
# shellcheck disable=SC2034  # read through comparison_table in common.sh
declare -A SHOWN_FIGURE=()

main() {
  # shellcheck disable=SC2034  # COLD is read by measure() in common.sh
  FILES=1000000 FINDINGS=5000000 RUNS=3 OUT=/tmp/izshi-report-bench COLD=0
  while (($#)); do
    case "$1" in
      -h|--help) usage; exit 0 ;;
      --files|--findings|--runs|--out)
        [[ $# -ge 2 ]] || die "$1 needs a value"
        case "$1" in --files) FILES=$2 ;; --findings) FINDINGS=$2 ;; --runs) RUNS=$2 ;; --out) OUT=$2 ;; esac
        shift 2 ;;
      *) usage >&2; die "unknown argument $1" ;;
    esac
  done
  local n
  for n in "$FILES" "$FINDINGS" "$RUNS"; do [[ "$n" =~ ^[0-9]+$ ]] || die "not a number: $n"; done
  ((RUNS >= 1 && FILES >= 10 && FINDINGS >= 10)) || die "need --runs >= 1, --files and --findings >= 10"
  require "sqlite3 coreutils" sqlite3
  mkdir -p "$OUT"
  OUT="$(cd "$OUT" && pwd -P)"
  copy_izshi
  build_case
  export IZSHI_BIN OUT WORK CASE
  run_and_report "$CASE"
}

main "$@"
