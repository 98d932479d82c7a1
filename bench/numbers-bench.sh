#!/usr/bin/env bash
# Benchmarks `izshi match-numbers`: a watchlist of W entries against a case with N phone findings,
# next to the same join done by the sqlite3 tool on the same case, in the same run.
#
#   bench/numbers-bench.sh [--findings N] [--watchlist W] [--runs R] [--seed S] [--out DIR]
#
# Speed is never asserted. Inputs (generated, seeded; every number is random and belongs to nobody):
#   evidence/numbers.csv   N distinct Kazakh mobile numbers in E.164, one per row ("id;phone"):
#                          ingest + find-pii --types phone turn them into N phone findings
#   watchlist.csv          W entries "номер;время;метка", the numbers in four written forms
#                          (+7..., 8 7xx xxx xx xx, +7 (7xx) xxx-xx-xx, 87xx...), 10 % of them in
#                          the evidence
#   watchlist-e164.txt     the same numbers already in E.164, for the sqlite3 peer (which cannot
#                          normalise written forms: it is given the easier input)
# Timed, R runs each, interleaved:
#   load      izshi match-numbers on a case with no numbers: reading and normalising the list
#   match     izshi match-numbers on the case: load, match, links, store and seal the run
#   hmac      the same with --key: HMAC-SHA256 of both sides
#   sqlite3   .import of the E.164 list into a temporary table and a join with the findings
# Debian packages used: python3, sqlite3, time (and coreutils).
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export LC_ALL=C.UTF-8

usage() {
  cat <<'USAGE'
Usage: bench/numbers-bench.sh [OPTIONS]

Times izshi match-numbers (watchlist load, plain and HMAC matching) and an sqlite3 join of the same
numbers on the same case, and writes a Markdown table to OUT/results.md.

  --findings N    phone findings in the case (default 1000000)
  --watchlist W   watchlist entries (default 100000)
  --runs R        runs of each; the median is reported (default 3)
  --seed S        seed of the numbers (default 1)
  --out DIR       work and output folder (default /tmp/izshi-numbers-bench); inputs are kept

Environment: IZSHI (default: build/tools/izshi/izshi in this checkout)
USAGE
}

write_inputs() {
  python3 - "$OUT" "$FINDINGS" "$ENTRIES" "$SEED" <<'PY'
import os, random, sys
out, findings, entries, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
prefixes = ["701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778"]
def number():
    return "7" + rng.choice(prefixes) + "%07d" % rng.randrange(10 ** 7)
evidence = set()
while len(evidence) < findings:
    evidence.add(number())
evidence = sorted(evidence)
rng.shuffle(evidence)
os.makedirs(os.path.join(out, "evidence"), exist_ok=True)
with open(os.path.join(out, "evidence", "numbers.csv"), "w") as f:
    f.write("id;phone\n")
    for i, n in enumerate(evidence):
        f.write("%d;+%s\n" % (i, n))
listed = evidence[: entries // 10]
others = set()
while len(listed) + len(others) < entries:
    n = number()
    if n not in others:
        others.add(n)
others -= set(evidence)
listed += sorted(others)
rng.shuffle(listed)
def written(n, i):
    return ["+" + n, "8 %s %s %s %s" % (n[1:4], n[4:7], n[7:9], n[9:11]),
            "+7 (%s) %s-%s-%s" % (n[1:4], n[4:7], n[7:9], n[9:11]), "8" + n[1:]][i % 4]
with open(os.path.join(out, "watchlist.csv"), "w") as f, open(os.path.join(out, "watchlist-e164.txt"), "w") as e:
    f.write("номер;время;метка\n")
    for i, n in enumerate(listed):
        f.write("%s;2024-03-%02d 10:%02d:00;entry %d\n" % (written(n, i), 1 + i % 28, i % 60, i))
        e.write("+%s\n" % n)
PY
}

build_cases() {
  local stamp="$OUT/inputs-n$FINDINGS-w$ENTRIES-s$SEED"
  if [[ ! -f "$stamp" ]]; then
    say "writing $FINDINGS numbers and a $ENTRIES-entry watchlist"
    rm -rf "$OUT/evidence" "$OUT"/*.izshi*
    write_inputs
    say "ingesting and scanning for phone numbers (timed once, not compared)"
    mkdir -p "$OUT/empty"
    "$IZSHI_BIN" --quiet ingest --case "$OUT/empty.izshi" "$OUT/empty" >/dev/null
    "$IZSHI_BIN" --quiet find-pii --case "$OUT/empty.izshi" --types phone >/dev/null
    /usr/bin/time -f '%e %M' -o "$OUT/ingest.time" "$IZSHI_BIN" --quiet ingest --case "$OUT/case.izshi" "$OUT/evidence" >/dev/null
    /usr/bin/time -f '%e %M' -o "$OUT/find-pii.time" "$IZSHI_BIN" --quiet find-pii --case "$OUT/case.izshi" --types phone >/dev/null
    openssl rand -hex 32 >"$OUT/bench.key"
    touch "$stamp"
  fi
  PHONES=$(sqlite3 "file:$OUT/case.izshi?mode=ro" "SELECT count(*) FROM findings WHERE type = 'phone'")
}

drop_from_cache() { :; }
first_run() {
  case "$1" in
    load|match|hmac) MATCHED[$1]=$(grep -o '"matches":[0-9]*' "$WORK/stdout" | head -1 | cut -d: -f2) ;;
    sqlite3) MATCHED[$1]=$(tail -1 "$WORK/stdout") ;;
  esac
}

run_izshi_match() {  # case [extra options]
  local case_file=$1
  shift
  "$IZSHI_BIN" --quiet --json match-numbers --case "$OUT/$case_file" --watchlist "$OUT/watchlist.csv" "$@"
}
# The peer: the E.164 list joined with the findings by SQLite itself, on a read-only connection.
# CROSS JOIN keeps the list outside, each entry looked up in the findings_value index: SQLite's
# planner left alone scans the findings instead, a hundred times slower here.
run_sqlite_join() {
  sqlite3 "file:$OUT/case.izshi?mode=ro" \
    "CREATE TEMP TABLE w(number TEXT);" ".import $OUT/watchlist-e164.txt w" \
    "SELECT count(*) FROM w CROSS JOIN findings x ON x.type = 'phone' AND x.value = w.number;"
}
export -f run_izshi_match run_sqlite_join

report() {
  declare -A WALL CPU RSS SHOWN
  collect "${TOOLS[@]}"
  {
    echo "- Case: $PHONES phone findings from one CSV of $FINDINGS numbers (ingest $(cut -d' ' -f1 "$OUT/ingest.time") s, find-pii --types phone $(cut -d' ' -f1 "$OUT/find-pii.time") s with $(show_mib "$(cut -d' ' -f2 "$OUT/find-pii.time")") MiB, once)"
    echo "- Watchlist: $ENTRIES entries in four written forms, $((ENTRIES / 10)) of them in the evidence"
    echo "- Runs: $RUNS of each, interleaved; page cache warm"
    echo "- Machine: $(machine); load average before the runs $LOAD_BEFORE, after $(load_average)"
    echo "- izshi: $IZSHI_DESC"
    echo
    comparison_table Matches MATCHED sqlite3
    echo
    echo "izshi's max RSS includes the case file's pages it maps (PRAGMA mmap_size); they are page cache, shared."
  } >"$OUT/results.md"
  cat "$OUT/results.md"
}

readonly TOOLS=(load match hmac sqlite3)
# shellcheck disable=SC2016  # the backquotes are Markdown
declare -A TITLE=(
  [load]='`izshi match-numbers` on an empty case (load the list)'
  [match]='`izshi match-numbers` (load, match, links, store, seal)'
  [hmac]='`izshi match-numbers --key` (HMAC-SHA256 both sides)'
  [sqlite3]='`sqlite3`: import the E.164 list, join with findings'
)
# shellcheck disable=SC2034  # read through comparison_table in common.sh
declare -A MATCHED=()

main() {
  # shellcheck disable=SC2034  # COLD is read by measure() in common.sh
  FINDINGS=1000000 ENTRIES=100000 RUNS=3 SEED=1 OUT=/tmp/izshi-numbers-bench COLD=0
  while (($#)); do
    case "$1" in
      -h|--help) usage; exit 0 ;;
      --findings|--watchlist|--runs|--seed|--out)
        [[ $# -ge 2 ]] || die "$1 needs a value"
        case "$1" in
          --findings) FINDINGS=$2 ;; --watchlist) ENTRIES=$2 ;; --runs) RUNS=$2 ;; --seed) SEED=$2 ;; --out) OUT=$2 ;;
        esac
        shift 2 ;;
      *) usage >&2; die "unknown argument $1" ;;
    esac
  done
  local n
  for n in "$FINDINGS" "$ENTRIES" "$RUNS" "$SEED"; do [[ "$n" =~ ^[0-9]+$ ]] || die "not a number: $n"; done
  ((RUNS >= 1 && ENTRIES >= 10 && FINDINGS >= ENTRIES / 10)) || die "need --runs >= 1, --watchlist >= 10, --findings >= watchlist/10"
  require "python3 sqlite3 openssl coreutils" python3 sqlite3 openssl
  mkdir -p "$OUT"
  OUT="$(cd "$OUT" && pwd -P)"
  copy_izshi
  export IZSHI_BIN OUT WORK
  build_cases
  RAW="$OUT/raw.tsv"
  printf 'tool\trun\twall_s\tuser_s\tsys_s\tmaxrss_kib\tload1_before\n' >"$RAW"
  cat "$OUT/case.izshi" >/dev/null
  LOAD_BEFORE=$(load_average)
  local run
  for ((run = 1; run <= RUNS; run++)); do
    say "run $run/$RUNS"
    measure load "$run" bash -c "run_izshi_match empty.izshi"
    measure match "$run" bash -c "run_izshi_match case.izshi"
    measure hmac "$run" bash -c "run_izshi_match case.izshi --key $OUT/bench.key"
    measure sqlite3 "$run" bash -c run_sqlite_join
  done
  rm -rf "$OUT/work"
  report
  say "wrote $OUT/results.md and $RAW"
}

main "$@"
