#!/usr/bin/env bash
# Benchmarks `izshi find-software` against the yara tool reading every file of the same input, in
# the same run.
#
#   bench/software-bench.sh [--files N] [--runs R] [--seed S] [--out DIR]
#
# Speed is never asserted. Input: an ext4 image (mke2fs -d) of N generated files of 1-64 KiB in
# folders of 100 (pseudo-random bytes, common.sh) plus the sample generator's laptop tree with its
# voice-changer, RVC and DeepFaceLive artifacts and look-alikes; it is ingested once (not timed).
# Timed, R runs each, interleaved:
#   izshi      izshi find-software --rescan: every file judged by path, only the files whose type can
#              hold content indicators read (the laptop's programs, models and settings)
#   yara       yara -r with the same shipped rules over the same files extracted into a folder:
#              every file read and scanned (externals fixed, so path rules cannot fire)
#   fls        fls -r -p on the image: listing every path, what judging by path needs at the least
# Debian packages used: yara, sleuthkit, e2fsprogs, time (and coreutils, openssl).
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export PATH="$PATH:/usr/sbin:/sbin"

usage() {
  cat <<'USAGE'
Usage: bench/software-bench.sh [OPTIONS]

Builds an ext4 image of generated files plus the sample laptop tree, ingests it, then times izshi
find-software, yara -r over the same files and fls -r, and writes a Markdown table to OUT/results.md.

  --files N   generated files of 1-64 KiB besides the laptop tree (default 20000)
  --runs R    runs of each tool; the median is reported (default 3)
  --seed S    seed of the generated files (default 1)
  --out DIR   work and output folder (default /tmp/izshi-software-bench); inputs are kept

Environment: IZSHI, IZSHI_SYNTH (default: build/tools/... in this checkout)
USAGE
}

build_input() {
  TREE="$OUT/tree-f$FILES-s$SEED"
  IMAGE="$OUT/software-f$FILES-s$SEED.img"
  if [[ ! -f "$IMAGE" ]]; then
    say "building $IMAGE"
    rm -rf "$TREE"
    "$(find_synth)" tree --seed 42 --out "$TREE" --manifest "$OUT/manifest.json" >/dev/null
    make_small_files "$TREE/data" "$FILES" "$SEED"
    local bytes
    bytes=$(du -s --block-size=1 "$TREE" | cut -f1)
    truncate -s $((bytes * 2 + 64 * 1024 * 1024)) "$IMAGE.tmp"
    mke2fs -q -F -t ext4 -d "$TREE" "$IMAGE.tmp"
    mv "$IMAGE.tmp" "$IMAGE"
  fi
  rm -f "$OUT/case.izshi"*
  say "ingesting (not timed)"
  "$IZSHI_BIN" --quiet ingest --case "$OUT/case.izshi" "$IMAGE" >/dev/null
}

drop_from_cache() { :; }
first_run() {
  case "$1" in
    izshi) FOUND[$1]=$(grep -o '"tool":"[^"]*"' "$WORK/stdout" | sort -u | wc -l) ;;
    yara) FOUND[$1]=$(cut -d' ' -f1 "$WORK/stdout" | sort -u | wc -l) ;;
    fls) FOUND[$1]="$(wc -l <"$WORK/stdout") paths" ;;
  esac
}

run_izshi() { "$IZSHI_BIN" --quiet --json find-software --case "$OUT/case.izshi" --rescan; }
run_yara() {
  yara -r -d artifact=file -d filepath= -d filename= -d extension= -d evidence_label= -d file_size=0 \
    "$RULES_DIR"/*.yar "$TREE"
}
run_fls() { fls -r -p "$IMAGE"; }
export -f run_izshi run_yara run_fls

report() {
  declare -A WALL CPU RSS SHOWN
  collect "${TOOLS[@]}"
  {
    echo "- Input: \`$(basename "$IMAGE")\`, ext4, $(du -m --apparent-size "$IMAGE" | cut -f1) MiB: $FILES generated files of 1-64 KiB plus the sample laptop tree ($(find "$TREE" -type f | wc -l) files in all)"
    echo "- Rules: the $(find "$RULES_DIR" -name '*.yar' | wc -l) shipped rule files ($("$IZSHI_BIN" find-software --list-rules | wc -l) rules)"
    echo "- Runs: $RUNS of each tool, interleaved; page cache warm"
    echo "- Machine: $(machine); load average before the runs $LOAD_BEFORE, after $(load_average)"
    echo "- izshi: $IZSHI_DESC"
    echo
    comparison_table Found FOUND yara
    echo
    echo "Found: tools for izshi; rules that matched for yara (content only: its externals are fixed); paths listed for fls."
  } >"$OUT/results.md"
  cat "$OUT/results.md"
}

readonly TOOLS=(izshi yara fls)
# shellcheck disable=SC2016  # the backquotes are Markdown
declare -A TITLE=(
  [izshi]='`izshi find-software --rescan` (paths of all, content of programs/models/settings)'
  [yara]='`yara -r` over the extracted folder (content of every file)'
  [fls]='`fls -r -p` (listing every path)'
)
# shellcheck disable=SC2034  # read through comparison_table in common.sh
declare -A FOUND=()

main() {
  # shellcheck disable=SC2034  # COLD is read by measure() in common.sh
  FILES=20000 RUNS=3 SEED=1 OUT=/tmp/izshi-software-bench COLD=0
  while (($#)); do
    case "$1" in
      -h|--help) usage; exit 0 ;;
      --files|--runs|--seed|--out)
        [[ $# -ge 2 ]] || die "$1 needs a value"
        case "$1" in --files) FILES=$2 ;; --runs) RUNS=$2 ;; --seed) SEED=$2 ;; --out) OUT=$2 ;; esac
        shift 2 ;;
      *) usage >&2; die "unknown argument $1" ;;
    esac
  done
  local n
  for n in "$FILES" "$RUNS" "$SEED"; do [[ "$n" =~ ^[0-9]+$ ]] || die "not a number: $n"; done
  ((RUNS >= 1 && FILES >= 1)) || die "--runs and --files must be at least 1"
  require "yara sleuthkit e2fsprogs openssl coreutils" yara fls mke2fs openssl shuf csplit fold
  mkdir -p "$OUT"
  OUT="$(cd "$OUT" && pwd -P)"
  RULES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../rules" && pwd)"
  copy_izshi
  export IZSHI_BIN OUT WORK RULES_DIR
  build_input
  export TREE IMAGE
  run_and_report "$IMAGE"
}

main "$@"
