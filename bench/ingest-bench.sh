#!/usr/bin/env bash
# Benchmarks `izshi ingest` against The Sleuth Kit on the same ext4 image, in the same run.
#
#   bench/ingest-bench.sh [--files N] [--large MIB] [--runs R] [--seed S] [--image FILE] [--cold] [--out DIR]
#
# Speed is never asserted: each tool runs R times (interleaved, so drift hits all of them alike)
# and the medians are reported side by side as ratios izshi / peer. The peers:
#   tsk_loaddb -h      TSK's own "inventory into SQLite", with an MD5 of every file
#   tsk_loaddb         the same without hashing
#   fls+recover+hdeep  fls -r -p (the listing), tsk_recover -e (every file out, deleted ones too),
#                      hashdeep -r -c md5,sha1,sha256 on what came out; timed as one pipeline
# izshi does more than any of them: it also types every file with libmagic and hashes the whole
# media (MD5, SHA-1, SHA-256) on a second thread. docs/performance.md has the measured numbers.
#
# Debian packages used: sleuthkit, hashdeep, e2fsprogs, coreutils, openssl, time (and sqlite3,
# optional, for the sanity counts). izshi is taken from $IZSHI, else build/tools/izshi/izshi.
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

export PATH="$PATH:/usr/sbin:/sbin"   # mke2fs lives there for non-root users
export LC_ALL=C
readonly BENCH_EPOCH=1710496800       # fixed times, so that rebuilding gives the same image
export E2FSPROGS_FAKE_TIME=$BENCH_EPOCH
readonly FS_UUID="0b5e4c1d-2a3f-4e6b-9d7c-8f1a2b3c4d5e"
readonly LARGE_COUNT=3

usage() {
  cat <<'USAGE'
Usage: bench/ingest-bench.sh [OPTIONS]

Builds an ext4 image (N small files of 1-64 KiB and a few large ones, pseudo-random content
from a fixed seed), then times izshi ingest, tsk_loaddb -h, tsk_loaddb and
fls -r -p + tsk_recover -e + hashdeep on it, and writes a Markdown table to OUT/results.md.

  --files N     small files in the image (default 20000)
  --large MIB   total size of the 3 large files (default 300)
  --runs R      runs of each tool; the median is reported (default 3)
  --seed S      seed of the content (default 1); same seed, same files
  --image FILE  benchmark this image instead of building one
                (e.g. laptop-ext4.img from samples/make-sample.sh)
  --cold        drop the image from the page cache before every run (default: warm cache)
  --out DIR     work and output folder (default /tmp/izshi-bench); built images are kept
                there and reused when asked for again

Environment: IZSHI=/path/to/izshi (default: build/tools/izshi/izshi in this checkout)
USAGE
}

check_tools() {
  require "sleuthkit hashdeep e2fsprogs openssl coreutils" mke2fs tsk_loaddb tsk_recover fls hashdeep openssl shuf csplit fold
}

# --- the image -------------------------------------------------------------------------------

make_large_files() {
  local tree=$1 each=$((LARGE_MIB / LARGE_COUNT)) k
  ((each > 0)) || return 0
  mkdir -p "$tree/large"
  for ((k = 1; k <= LARGE_COUNT; k++)); do
    random_stream "$SEED" $((10 + k)) | head -c "$((each << 20))" >"$tree/large/big-$k.bin"
  done
}

build_image() {
  local img=$1 tree="$OUT/tree" bytes
  say "building $img ($FILES small files, $LARGE_MIB MiB of large ones, seed $SEED)"
  rm -rf "$tree" "$img"
  make_small_files "$tree/small" "$FILES" "$SEED"
  make_large_files "$tree"
  find "$tree" -exec touch -h -d "@$BENCH_EPOCH" {} +
  # Room for the data, 4 KiB rounding per file, the inode tables and the journal.
  bytes=$(du -s --block-size=1 "$tree" | cut -f1)
  truncate -s $((bytes + bytes / 8 + 128 * 1024 * 1024)) "$img.tmp"
  mke2fs -q -F -t ext4 -L izshi-bench -U "$FS_UUID" -E "hash_seed=$FS_UUID" -d "$tree" "$img.tmp"
  mv "$img.tmp" "$img"
  rm -rf "$tree"
}

# --- measuring -------------------------------------------------------------------------------

drop_from_cache() { sync "$IMAGE"; dd if="$IMAGE" iflag=nocache count=0 status=none; }

# measure (common.sh) runs each tool; run 1 also counts the files it hashed.
first_run() { COUNTS[$1]=$(count_files "$1"); }

# Regular files each tool hashed (or, for plain tsk_loaddb, listed): shows they did the same work.
count_files() {
  local q="SELECT COUNT(*) FROM"
  case "$1" in
    izshi) sql "$WORK/case.izshi" "$q files WHERE kind = 'file' AND md5 IS NOT NULL" ;;
    tsk_loaddb_h) sql "$WORK/tsk.db" "$q tsk_files WHERE type = 0 AND meta_type = 1 AND md5 IS NOT NULL" ;;
    tsk_loaddb) sql "$WORK/tsk.db" "$q tsk_files WHERE type = 0 AND meta_type = 1" ;;
    fls_recover_hashdeep) grep -vc '^[%#]' "$WORK/hashes.txt" || true ;;
  esac
}

sql() { if command -v sqlite3 >/dev/null; then sqlite3 "$1" "$2"; else echo "n/a"; fi; }

run_izshi() { "$IZSHI_BIN" --quiet --json ingest --case "$WORK/case.izshi" "$IMAGE"; }
run_tsk_loaddb_h() { tsk_loaddb -h -d "$WORK/tsk.db" "$IMAGE"; }
run_tsk_loaddb() { tsk_loaddb -d "$WORK/tsk.db" "$IMAGE"; }
run_fls_recover_hashdeep() {
  fls -r -p "$IMAGE" >"$WORK/fls.txt"
  tsk_recover -e "$IMAGE" "$WORK/files"
  hashdeep -r -c md5,sha1,sha256 "$WORK/files" >"$WORK/hashes.txt"
}
export -f run_izshi run_tsk_loaddb_h run_tsk_loaddb run_fls_recover_hashdeep

readonly TOOLS=(izshi tsk_loaddb_h tsk_loaddb fls_recover_hashdeep)
# shellcheck disable=SC2016  # the backquotes are Markdown code spans
declare -A TITLE=(
  [izshi]='`izshi --quiet --json ingest --case C image`'
  [tsk_loaddb_h]='`tsk_loaddb -h -d DB image`'
  [tsk_loaddb]='`tsk_loaddb -d DB image`'
  [fls_recover_hashdeep]='`fls -r -p` + `tsk_recover -e` + `hashdeep -c md5,sha1,sha256`'
)
declare -A DOES=(
  [izshi]='list, MD5+SHA-1+SHA-256 and libmagic type of every file, media hashed'
  [tsk_loaddb_h]='list, MD5 of every file'
  [tsk_loaddb]='list only'
  [fls_recover_hashdeep]='list, copy every file out, MD5+SHA-1+SHA-256'
)
declare -A COUNTS=()

report() {
  local tool
  declare -A WALL CPU RSS SHOWN
  collect "${TOOLS[@]}"
  {
    echo "- Image: \`$IMAGE_LABEL\`, $(du -m --apparent-size "$IMAGE" | cut -f1) MiB ($IMAGE_NOTE)"
    echo "- Runs: $RUNS of each tool, interleaved; page cache $( ((COLD)) && echo "dropped before every run" || echo "warm")"
    echo "- Machine: $(machine); load average before the runs $LOAD_BEFORE, after $(load_average)"
    echo "- izshi: $IZSHI_DESC"
    echo
    echo "| Tool | Does | Files | Wall, median (s) | All runs (s) | CPU user+sys, median (s) | Max RSS (MiB) | Time izshi / tool | RSS izshi / tool |"
    echo "|---|---|--:|--:|---|--:|--:|--:|--:|"
    for tool in "${TOOLS[@]}"; do
      printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "${TITLE[$tool]}" "${DOES[$tool]}" \
        "${COUNTS[$tool]:-?}" "$(show_cs "${WALL[$tool]}")" "${SHOWN[$tool]}" "$(show_cs "${CPU[$tool]}")" \
        "$(show_mib "${RSS[$tool]}")" "$(ratio "${WALL[izshi]}" "${WALL[$tool]}")" \
        "$(ratio "${RSS[izshi]}" "${RSS[$tool]}")"
    done
    echo
    echo "Files: regular files hashed (listed, for plain tsk_loaddb), counted from the first run."
  } >"$OUT/results.md"
  cat "$OUT/results.md"
}

# --- main ------------------------------------------------------------------------------------

main() {
  FILES=20000 LARGE_MIB=300 RUNS=3 SEED=1 IMAGE="" COLD=0 OUT=/tmp/izshi-bench
  while (($#)); do
    case "$1" in
      -h|--help) usage; exit 0 ;;
      --files|--large|--runs|--seed|--image|--out)
        [[ $# -ge 2 ]] || die "$1 needs a value"
        case "$1" in
          --files) FILES=$2 ;; --large) LARGE_MIB=$2 ;; --runs) RUNS=$2 ;;
          --seed) SEED=$2 ;; --image) IMAGE=$2 ;; --out) OUT=$2 ;;
        esac
        shift 2 ;;
      --cold) COLD=1; shift ;;
      *) usage >&2; die "unknown argument $1" ;;
    esac
  done
  local n
  for n in "$FILES" "$LARGE_MIB" "$RUNS" "$SEED"; do [[ "$n" =~ ^[0-9]+$ ]] || die "not a number: $n"; done
  ((FILES >= 1 && FILES <= 999999)) || die "--files must be 1..999999"
  ((RUNS >= 1)) || die "--runs must be at least 1"
  check_tools
  mkdir -p "$OUT"
  OUT="$(cd "$OUT" && pwd)"

  copy_izshi   # into $OUT: sets IZSHI_BIN and IZSHI_DESC

  if [[ -n "$IMAGE" ]]; then
    [[ -f "$IMAGE" ]] || die "no such image: $IMAGE"
    IMAGE="$(cd "$(dirname "$IMAGE")" && pwd)/$(basename "$IMAGE")"
    IMAGE_LABEL=$IMAGE
    IMAGE_NOTE="given with --image"
  else
    IMAGE="$OUT/ingest-bench-${FILES}f-${LARGE_MIB}m-s${SEED}.img"
    IMAGE_LABEL=$(basename "$IMAGE")
    IMAGE_NOTE="ext4, $FILES files of 1-64 KiB in $(((FILES + FILES_PER_DIR - 1) / FILES_PER_DIR)) folders, $LARGE_COUNT files totalling $LARGE_MIB MiB"
    if [[ -f "$IMAGE" ]]; then
      say "reusing $IMAGE"
    else
      local started=$SECONDS
      build_image "$IMAGE"
      say "image built in $((SECONDS - started)) s"
    fi
  fi

  export IMAGE IZSHI_BIN WORK
  if ((COLD)); then run_and_report; else run_and_report "$IMAGE"; fi
}

main "$@"
