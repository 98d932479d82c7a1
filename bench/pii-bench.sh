#!/usr/bin/env bash
# Benchmarks `izshi find-pii` against hashing and plain reading of the same input, in the same run.
#
#   bench/pii-bench.sh [--raw-mib M] [--image-mib M] [--runs R] [--seed S] [--out DIR]
#
# Speed is never asserted: each tool runs R times (interleaved) and the medians are reported as
# MB/s and as a ratio to `openssl dgst -sha256` (OpenSSL uses the CPU's SHA instructions; coreutils
# sha256sum does not) on two inputs:
#   raw     M MiB of pseudo-random bytes with a generated identity record every 64 KiB, ingested
#           as a disk image without a file system: find-pii scans it as one raw region
#   image   an ext4 image of about M MiB built with mke2fs -d from the sample generator's laptop
#           tree plus large files of random bytes with identity records: files, slack, unallocated
# find-pii runs with --threads 1 and --threads 2 (and --rescan, so every run scans everything).
# The identities come from izshi-synth: generated, belonging to nobody.
#
# Debian packages used: python3, e2fsprogs, openssl, time (and coreutils). izshi and izshi-synth
# are taken from $IZSHI / $IZSHI_SYNTH, else the build folder of this checkout.
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

export PATH="$PATH:/usr/sbin:/sbin"
export LC_ALL=C

usage() {
  cat <<'USAGE'
Usage: bench/pii-bench.sh [OPTIONS]

Builds a raw stream and an ext4 image holding generated identities, ingests both, then times
izshi find-pii (1 and 2 threads), openssl dgst -sha256 and cat on each, and writes a Markdown
table to OUT/results.md.

  --raw-mib M     size of the raw stream (default 1024)
  --image-mib M   approximate size of the ext4 image (default 1024)
  --runs R        runs of each tool; the median is reported (default 3)
  --seed S        seed of the content (default 1)
  --out DIR       work and output folder (default /tmp/izshi-pii-bench); inputs are kept and reused

Environment: IZSHI, IZSHI_SYNTH (default: build/tools/... in this checkout)
USAGE
}

# write_records FILE MIB SEED IDENTITIES_CSV: MIB MiB of pseudo-random bytes (Python's seeded
# generator) with one identity line from the CSV after every 64 KiB.
write_records() {
  python3 - "$@" <<'PY'
import random, sys
path, mib, seed, identities = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rows = [line.rstrip("\n").encode() for line in open(identities, encoding="utf-8")][1:]
rng = random.Random(seed)
with open(path, "wb") as out:
    written = 0
    while written < mib << 20:
        out.write(rng.randbytes(65536))
        record = b"; " + rows[rng.randrange(len(rows))] + b"\n"
        out.write(record)
        written += 65536 + len(record)
PY
}

build_inputs() {
  local synth ids tree bytes k
  synth="$(find_synth)"
  ids="$OUT/identities-s$SEED.csv"
  [[ -f "$ids" ]] || "$synth" identities --count 2000 --seed "$SEED" >"$ids"
  if [[ ! -f "$RAW_INPUT" ]]; then
    say "building $RAW_INPUT"
    write_records "$RAW_INPUT.tmp" "$RAW_MIB" "$SEED" "$ids"
    mv "$RAW_INPUT.tmp" "$RAW_INPUT"
  fi
  if [[ ! -f "$IMAGE_INPUT" ]]; then
    say "building $IMAGE_INPUT"
    tree="$OUT/tree"
    rm -rf "$tree"
    "$synth" tree --seed "$SEED" --out "$tree" >/dev/null
    mkdir -p "$tree/data"
    for ((k = 1; k * 64 <= IMAGE_MIB; k++)); do
      write_records "$tree/data/export-$k.bin" 64 $((SEED * 1000 + k)) "$ids"
    done
    bytes=$(du -s --block-size=1 "$tree" | cut -f1)
    truncate -s $((bytes + bytes / 5 + 64 * 1024 * 1024)) "$IMAGE_INPUT.tmp"
    mke2fs -q -F -t ext4 -d "$tree" "$IMAGE_INPUT.tmp"
    mv "$IMAGE_INPUT.tmp" "$IMAGE_INPUT"
    rm -rf "$tree"
  fi
}

ingest_inputs() {
  local input
  for input in raw image; do
    rm -f "$OUT/$input.izshi"*
    say "ingesting the $input input (not timed)"
    "$IZSHI_BIN" --quiet ingest --case "$OUT/$input.izshi" "$(input_path "$input")" >/dev/null
  done
}

input_path() { if [[ $1 == raw ]]; then echo "$RAW_INPUT"; else echo "$IMAGE_INPUT"; fi; }

# measure's hooks (common.sh)
drop_from_cache() { :; }
first_run() {
  case "$1" in
    */find-pii-*) FOUND[$1]=$(grep -o '"distinct_iins":[0-9]*' "$WORK/stdout" | cut -d: -f2) ;;
  esac
}

run_find_pii() { "$IZSHI_BIN" --quiet --json --threads "$2" find-pii --case "$OUT/$1.izshi" --rescan; }
run_openssl() { openssl dgst -sha256 "$(input_path "$1")"; }
run_cat() { cat "$(input_path "$1")" >/dev/null; }
export -f run_find_pii run_openssl run_cat input_path
export RAW_INPUT IMAGE_INPUT

mb_per_s() {  # bytes, wall in hundredths -> "123.4"
  if (($2 > 0)); then local t=$(($1 * 10 / 10000 / $2)); printf '%d.%d' $((t / 10)) $((t % 10)); else echo "n/a"; fi
}

report() {
  local input tool key bytes
  declare -A WALL CPU RSS SHOWN
  {
    echo "- Raw stream: \`$(basename "$RAW_INPUT")\`, $RAW_MIB MiB, a generated identity record every 64 KiB"
    echo "- Image: \`$(basename "$IMAGE_INPUT")\`, ext4, $(du -m --apparent-size "$IMAGE_INPUT" | cut -f1) MiB (the sample laptop tree plus $((IMAGE_MIB / 64)) files of 64 MiB with records)"
    echo "- Runs: $RUNS of each tool, interleaved; page cache warm"
    echo "- Machine: $(machine); load average before the runs $LOAD_BEFORE, after $(load_average)"
    echo "- izshi: $IZSHI_DESC"
    for input in raw image; do
      bytes=$(stat -c %s "$(input_path "$input")")
      collect "${TOOLS[@]/#/$input/}"
      echo
      echo "#### $input"
      echo
      echo "| Tool | Distinct IINs | Wall, median (s) | All runs (s) | CPU user+sys, median (s) | Max RSS (MiB) | MB/s | throughput / openssl |"
      echo "|---|--:|--:|---|--:|--:|--:|--:|"
      for tool in "${TOOLS[@]}"; do
        key="$input/$tool"
        printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "${TITLE[$tool]}" "${FOUND[$key]:-}" \
          "$(show_cs "${WALL[$key]}")" "${SHOWN[$key]}" "$(show_cs "${CPU[$key]}")" "$(show_mib "${RSS[$key]}")" \
          "$(mb_per_s "$bytes" "${WALL[$key]}")" "$(ratio "${WALL[$input/openssl]}" "${WALL[$key]}")"
      done
    done
    echo
    echo "MB = 10^6 bytes of the input. throughput / openssl above 1 means faster than openssl dgst -sha256."
  } >"$OUT/results.md"
  cat "$OUT/results.md"
}

readonly TOOLS=(find-pii-1 find-pii-2 openssl cat)
# shellcheck disable=SC2016  # Markdown code spans
declare -A TITLE=(
  [find-pii-1]='`izshi --threads 1 find-pii --rescan`'
  [find-pii-2]='`izshi --threads 2 find-pii --rescan`'
  [openssl]='`openssl dgst -sha256`'
  [cat]='`cat > /dev/null`'
)
declare -A FOUND=()

main() {
  # shellcheck disable=SC2034  # COLD is read by measure() in common.sh; this benchmark runs warm
  RAW_MIB=1024 IMAGE_MIB=1024 RUNS=3 SEED=1 OUT=/tmp/izshi-pii-bench COLD=0
  while (($#)); do
    case "$1" in
      -h|--help) usage; exit 0 ;;
      --raw-mib|--image-mib|--runs|--seed|--out)
        [[ $# -ge 2 ]] || die "$1 needs a value"
        case "$1" in
          --raw-mib) RAW_MIB=$2 ;; --image-mib) IMAGE_MIB=$2 ;; --runs) RUNS=$2 ;; --seed) SEED=$2 ;; --out) OUT=$2 ;;
        esac
        shift 2 ;;
      *) usage >&2; die "unknown argument $1" ;;
    esac
  done
  local n
  for n in "$RAW_MIB" "$IMAGE_MIB" "$RUNS" "$SEED"; do [[ "$n" =~ ^[0-9]+$ ]] || die "not a number: $n"; done
  ((RUNS >= 1 && IMAGE_MIB >= 64)) || die "--runs must be at least 1 and --image-mib at least 64"
  require "python3 e2fsprogs openssl coreutils" python3 mke2fs openssl
  mkdir -p "$OUT"
  OUT="$(cd "$OUT" && pwd -P)"
  copy_izshi
  RAW_INPUT="$OUT/raw-${RAW_MIB}m-s$SEED.dd"
  IMAGE_INPUT="$OUT/image-${IMAGE_MIB}m-s$SEED.img"
  export RAW_INPUT IMAGE_INPUT IZSHI_BIN OUT WORK
  build_inputs
  ingest_inputs
  RAW="$OUT/raw.tsv"
  printf 'tool\trun\twall_s\tuser_s\tsys_s\tmaxrss_kib\tload1_before\n' >"$RAW"
  cat "$RAW_INPUT" "$IMAGE_INPUT" >/dev/null
  LOAD_BEFORE=$(load_average)
  local run input tool
  for ((run = 1; run <= RUNS; run++)); do
    for input in raw image; do
      for tool in "${TOOLS[@]}"; do
        say "run $run/$RUNS: $input $tool"
        case "$tool" in
          find-pii-*) measure "$input/$tool" "$run" bash -c "run_find_pii $input ${tool#find-pii-}" ;;
          *) measure "$input/$tool" "$run" bash -c "run_$tool $input" ;;
        esac
      done
    done
  done
  rm -rf "$OUT/work"
  report
  say "wrote $OUT/results.md and $RAW"
}

main "$@"
