#!/usr/bin/env bash
# Benchmarks `izshi hash` against hashdeep and coreutils on the same files, in the same run.
#
#   bench/hash-bench.sh [--files N] [--large-mib M] [--runs R] [--seed S] [--algorithms LIST]
#                       [--threads T] [--cold] [--out DIR]
#
# Speed is never asserted: each tool runs R times (interleaved, so drift hits all of them alike)
# and the medians are reported side by side as ratios izshi / peer, on two inputs:
#   tree    N small files of 1-64 KiB in folders of 100 (the many-files case)
#   large   one file of M MiB (the throughput case; also compared with OpenSSL's single-core speed)
# The peers:
#   hashdeep -r -c LIST              every algorithm in one read, one thread per core
#   find | xargs -0 md5sum (etc.)    one coreutils tool per algorithm, serial, as a user types it;
#                                    plus their sum, which is the work izshi does (every algorithm)
# Every peer's digests are compared with izshi's on the first run; a difference stops the run.
#
# Debian packages used: hashdeep, coreutils, openssl, time, findutils. izshi is taken from
# $IZSHI, else build/tools/izshi/izshi.
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

export LC_ALL=C
readonly ALL_ALGORITHMS="md5 sha1 sha256 sha512 sha3-256 blake2b512"   # what izshi hash -a takes
readonly HASHDEEP_ALGORITHMS="md5 sha1 sha256"                         # ... and hashdeep too
declare -A COREUTILS=([md5]=md5sum [sha1]=sha1sum [sha256]=sha256sum [sha512]=sha512sum [blake2b512]=b2sum)
readonly OPENSSL_BYTES=4194304 OPENSSL_SECONDS=3

usage() {
  cat <<'USAGE'
Usage: bench/hash-bench.sh [OPTIONS]

Builds a tree of N small files (1-64 KiB, 100 to a folder) and one large file of M MiB
(pseudo-random content from a fixed seed), then times izshi hash, hashdeep and the coreutils
md5sum/sha1sum/sha256sum/sha512sum/b2sum on each, measures OpenSSL's single-core speed of each
algorithm, and writes Markdown tables to OUT/results.md.

  --files N          small files in the tree (default 20000)
  --large-mib M      size of the large file in MiB (default 2048)
  --runs R           runs of each tool; the median is reported (default 3)
  --seed S           seed of the content (default 1); same seed, same files
  --algorithms LIST  comma-separated, of md5, sha1, sha256, sha512, sha3-256, blake2b512
                     (default md5,sha256); hashdeep only runs when LIST is within md5,sha1,sha256
  --threads T        izshi --threads T (default: izshi uses all cores)
  --cold             drop the inputs' contents from the page cache before every run
                     (default: warm cache)
  --out DIR          work and output folder (default /tmp/izshi-hash-bench); the built inputs
                     are kept there and reused when asked for again

Environment: IZSHI=/path/to/izshi (default: build/tools/izshi/izshi in this checkout)
USAGE
}

check_tools() {
  require "hashdeep coreutils openssl findutils" hashdeep openssl find xargs shuf csplit fold \
    md5sum sha1sum sha256sum sha512sum b2sum
}

# --- the inputs ------------------------------------------------------------------------------

build_tree() {
  say "building $TREE ($FILES files of 1-64 KiB, seed $SEED)"
  rm -rf "$TREE" "$TREE.tmp"
  make_small_files "$TREE.tmp" "$FILES" "$SEED"
  mv "$TREE.tmp" "$TREE"
}

build_large() {
  say "building $LARGE ($LARGE_MIB MiB, seed $SEED)"
  rm -f "$LARGE" "$LARGE.tmp"
  random_stream "$SEED" 10 | head -c "$((LARGE_MIB << 20))" >"$LARGE.tmp"
  mv "$LARGE.tmp" "$LARGE"
}

# The tree, or the large file, whichever KEY (tree/..., large/...) reads; null-separated.
inputs_of() {
  case "$1" in
    tree/*) find "$TREE" -type f -print0 ;;
    large/*) printf '%s\0' "$LARGE" ;;
  esac
}

# Only the file contents leave the cache: dropping directory entries and inodes needs root
# (echo 2 >/proc/sys/vm/drop_caches). One dd per file: about 20 s for 20000 files.
drop_from_cache() {
  inputs_of "$1" | xargs -0 sync --
  inputs_of "$1" | xargs -0 -I{} dd if={} iflag=nocache count=0 status=none
}

# --- the tools -------------------------------------------------------------------------------

# command_of KEY: sets CMD to what measure runs for KEY (input/tool).
command_of() {
  local tool=${1#*/}
  # shellcheck disable=SC2016  # $1 and $2 are the inner shell's
  case "$1" in
    tree/izshi) CMD=("$IZSHI_BIN" --quiet "${THREAD_OPTION[@]}" hash -r -a "$ALGORITHMS" "$TREE") ;;
    tree/hashdeep) CMD=(hashdeep -r -c "$ALGORITHMS" "$TREE") ;;
    tree/*) CMD=(bash -c 'set -euo pipefail; find "$1" -type f -print0 | xargs -0 "$2"' find-xargs "$TREE" "$tool") ;;
    large/izshi) CMD=("$IZSHI_BIN" --quiet "${THREAD_OPTION[@]}" hash -a "$ALGORITHMS" "$LARGE") ;;
    large/hashdeep) CMD=(hashdeep -c "$ALGORITHMS" "$LARGE") ;;
    large/*) CMD=("$tool" "$LARGE") ;;
  esac
}

# title_of KEY: the Tool column (Markdown; the | of a pipeline escaped).
title_of() {
  local tool=${1#*/} threads=""
  [[ -n "$THREADS" ]] && threads="--threads $THREADS "
  # shellcheck disable=SC2016  # the backquotes are Markdown code spans
  case "$1" in
    tree/izshi) echo "\`izshi --quiet ${threads}hash -r -a $ALGORITHMS TREE\`" ;;
    tree/hashdeep) echo "\`hashdeep -r -c $ALGORITHMS TREE\`" ;;
    tree/coreutils) echo "coreutils, all algorithms ($(join ' + ' "${CORE_TOOLS[@]}"))" ;;
    tree/*) echo "\`find TREE -type f -print0 \\| xargs -0 $tool\`" ;;
    large/izshi) echo "\`izshi --quiet ${threads}hash -a $ALGORITHMS FILE\`" ;;
    large/hashdeep) echo "\`hashdeep -c $ALGORITHMS FILE\`" ;;
    large/coreutils) echo "coreutils, all algorithms ($(join ' + ' "${CORE_TOOLS[@]}"))" ;;
    large/*) echo "\`$tool FILE\`" ;;
  esac
}

# --- sanity: the same files, the same digests ------------------------------------------------

# normalize FILE: a hashdeep-format listing without its header lines, the digest columns put in
# the order of ALGORITHMS (hashdeep prints its own order, izshi the order asked), sorted.
normalize() {
  awk -F, -v list="$ALGORITHMS" '
    BEGIN { n = split(list, want, ",") }
    /^%%%% size,/ { m = split(substr($0, 6), names, ","); for (i = 2; i < m; i++) col[names[i]] = i
                    digests = m - 2; next }
    /^(%%%%|##)/ { next }
    { name = $(digests + 2); for (i = digests + 3; i <= NF; i++) name = name "," $i
      line = $1; for (i = 1; i <= n; i++) line = line "," (col[want[i]] ? $(col[want[i]]) : "missing")
      print line "," name }' "$1" | sort
}

# izshi's digests of one algorithm as its coreutils tool prints them ("digest  path"), sorted.
izshi_as_coreutils() {
  local input=$1 algorithm=$2 i=0 a k=0
  for a in "${ALGORITHM_LIST[@]}"; do i=$((i + 1)); [[ "$a" == "$algorithm" ]] && k=$((i + 1)); done
  awk -F, -v k="$k" -v n="${#ALGORITHM_LIST[@]}" '
    { name = $(n + 2); for (i = n + 3; i <= NF; i++) name = name "," $i; print $k "  " name }' \
    "$OUT/check/$input-izshi.txt" | sort
}

# Called by measure after run 1 of KEY: count the files, compare the digests with izshi's.
first_run() {
  local key=$1 input=${1%%/*} tool=${1#*/} check="$OUT/check"
  mkdir -p "$check"
  case "$tool" in
    izshi)
      normalize "$WORK/stdout" >"$check/$input-izshi.txt"
      COUNTS[$key]=$(wc -l <"$check/$input-izshi.txt")
      SAME[$key]="(reference)" ;;
    hashdeep)
      normalize "$WORK/stdout" >"$check/$input-hashdeep.txt"
      COUNTS[$key]=$(wc -l <"$check/$input-hashdeep.txt")
      same_as_izshi "$key" "$check/$input-izshi.txt" "$check/$input-hashdeep.txt" ;;
    *)
      sort "$WORK/stdout" >"$check/$input-$tool.txt"
      COUNTS[$key]=$(wc -l <"$check/$input-$tool.txt")
      izshi_as_coreutils "$input" "${ALGORITHM_OF[$tool]}" >"$check/$input-izshi-$tool.txt"
      same_as_izshi "$key" "$check/$input-izshi-$tool.txt" "$check/$input-$tool.txt" ;;
  esac
}

same_as_izshi() {
  if cmp -s "$2" "$3"; then
    SAME[$1]=yes
  else
    SAME[$1]=NO
    DIFFERENT+=("$1")
    say "$1: digests differ from izshi's: diff $2 $3"
  fi
}

# --- the report ------------------------------------------------------------------------------

# join SEPARATOR ITEM...: the items with the separator between them
join() { local sep=$1 all; shift; all=$(printf "%s$sep" "$@"); echo "${all%"$sep"}"; }

# tenths VALUE: 1234 -> "123.4"
tenths() { printf '%d.%d' $(($1 / 10)) $(($1 % 10)); }

# mbps BYTES WALL_CS: throughput in tenths of MB/s (MB = 10^6 bytes), rounded
mbps() { if (($2 > 0)); then tenths $((($1 + $2 * 500) / ($2 * 1000))); else echo "n/a"; fi; }

# The coreutils sum row of INPUT: per-tool medians added up, runs added up run by run.
add_coreutils_row() {
  local input=$1 key tool i sum_wall=0 sum_cpu=0 max_rss=0 runs=() shown
  key="$input/coreutils"
  for tool in "${CORE_TOOLS[@]}"; do
    sum_wall=$((sum_wall + WALL[$input/$tool]))
    sum_cpu=$((sum_cpu + CPU[$input/$tool]))
    ((RSS[$input/$tool] > max_rss)) && max_rss=${RSS[$input/$tool]}
    read -r -a shown <<<"${SHOWN[$input/$tool]}"
    for i in "${!shown[@]}"; do runs[i]=$((${runs[i]:-0} + $(cs "${shown[i]}"))); done
  done
  WALL[$key]=$sum_wall CPU[$key]=$sum_cpu RSS[$key]=$max_rss
  SHOWN[$key]=$(for i in "${!runs[@]}"; do show_cs "${runs[i]}"; echo; done | paste -sd' ')
  COUNTS[$key]="" SAME[$key]=""
}

table() {
  local input=$1 key bytes=$2 head sep
  head="| Tool | Files | Same digests as izshi | Wall, median (s) | All runs (s) | CPU user+sys, median (s) | Max RSS (MiB) | Time izshi / tool |"
  sep="|---|--:|:-:|--:|---|--:|--:|--:|"
  [[ "$input" == large ]] && head+=" MB/s |" sep+="--:|"
  echo "$head"
  echo "$sep"
  for key in "${ROWS[@]}"; do
    [[ "$key" == "$input"/* ]] || continue
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |' "$(title_of "$key")" "${COUNTS[$key]}" \
      "${SAME[$key]}" "$(show_cs "${WALL[$key]}")" "${SHOWN[$key]}" "$(show_cs "${CPU[$key]}")" \
      "$(show_mib "${RSS[$key]}")" "$(ratio "${WALL[$input/izshi]}" "${WALL[$key]}")"
    [[ "$input" == large ]] && printf ' %s |' "$(mbps "$bytes" "${WALL[$key]}")"
    echo
  done
}

# OpenSSL's single-core EVP speed of each algorithm, in hundredths of kB/s (1000 bytes).
openssl_speeds() {
  local algorithm line
  for algorithm in "${ALGORITHM_LIST[@]}"; do
    say "openssl speed -evp $algorithm"
    line=$(openssl speed -evp "$algorithm" -bytes "$OPENSSL_BYTES" -seconds "$OPENSSL_SECONDS" 2>/dev/null | tail -1)
    [[ "$line" =~ ([0-9]+\.[0-9][0-9])k$ ]] || die "cannot read the speed of $algorithm from openssl: $line"
    SPEED[$algorithm]=$(cs "${BASH_REMATCH[1]}")
  done
}

report() {
  local key algorithm slowest="" speeds=() serial_ns=0 izshi_bps pct note=""
  declare -A WALL CPU RSS SHOWN
  collect "${MEASURED[@]}"
  if ((${#CORE_TOOLS[@]} > 1)); then add_coreutils_row tree; add_coreutils_row large; fi
  local tree_bytes large_bytes=$((LARGE_MIB << 20))
  tree_bytes=$(find "$TREE" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  for algorithm in "${ALGORITHM_LIST[@]}"; do
    [[ -z "$slowest" ]] || ((SPEED[$algorithm] < SPEED[$slowest])) && slowest=$algorithm
    speeds+=("$algorithm $(tenths $(((SPEED[$algorithm] + 5000) / 10000))) MB/s")
    serial_ns=$((serial_ns + 100000000000000 / SPEED[$algorithm]))   # ns per MB, one after another
  done
  izshi_bps=$((WALL[large/izshi] > 0 ? large_bytes * 100 / WALL[large/izshi] : 0))
  pct=$(((izshi_bps * 1000 + SPEED[$slowest] * 5) / (SPEED[$slowest] * 10)))   # tenths of a percent
  [[ -n "$MISSING_PEERS" ]] && note=" ($MISSING_PEERS)"
  {
    echo "- Tree: \`$(basename "$TREE")\`, $FILES files of 1-64 KiB in $(((FILES + FILES_PER_DIR - 1) / FILES_PER_DIR)) folders, $(show_mib $((tree_bytes / 1024))) MiB"
    echo "- Large file: \`$(basename "$LARGE")\`, $LARGE_MIB MiB"
    echo "- Algorithms: $ALGORITHMS$note; izshi threads: ${THREADS:-all ($(nproc))}"
    echo "- Runs: $RUNS_DONE of each tool$( ((RUNS_DONE < RUNS)) && echo " (of $RUNS: stopped, as the digests differ)"), interleaved; page cache $( ((COLD)) && echo "dropped (file contents) before every run" || echo "warm")"
    echo "- Machine: $(machine); load average before the runs $LOAD_BEFORE, after $(load_average)"
    echo "- izshi: $IZSHI_DESC"
    echo "- Peers: hashdeep $(hashdeep -V 2>/dev/null), $(md5sum --version | head -1), $(openssl version)"
    echo
    echo "### Tree: $FILES small files"
    echo
    table tree "$tree_bytes"
    echo
    echo "### Large file: $LARGE_MIB MiB"
    echo
    table large "$large_bytes"
    echo
    echo "OpenSSL single-core EVP speed (\`openssl speed -evp ALG -bytes $OPENSSL_BYTES -seconds $OPENSSL_SECONDS\`): $(join ', ' "${speeds[@]}"); all of them one after another on one core: $(tenths $(((10000000000 + serial_ns / 2) / serial_ns))) MB/s."
    echo
    echo "izshi on the large file: $(mbps "$large_bytes" "${WALL[large/izshi]}") MB/s, $(tenths "$pct")% of the single-core speed of the slowest algorithm ($slowest) (goal: at least 90%)."
    echo
    echo "Files: files hashed, counted from the first run. Same digests as izshi: every digest and path of the first run compared with izshi's. MB = 10^6 bytes. Time izshi / tool below 1 means izshi is faster."
  } >"$OUT/results.md"
  cat "$OUT/results.md"
}

# --- main ------------------------------------------------------------------------------------

main() {
  FILES=20000 LARGE_MIB=2048 RUNS=3 SEED=1 ALGORITHMS=md5,sha256 THREADS="" COLD=0 OUT=/tmp/izshi-hash-bench
  while (($#)); do
    case "$1" in
      -h|--help) usage; exit 0 ;;
      --files|--large-mib|--runs|--seed|--algorithms|--threads|--out)
        [[ $# -ge 2 ]] || die "$1 needs a value"
        case "$1" in
          --files) FILES=$2 ;; --large-mib) LARGE_MIB=$2 ;; --runs) RUNS=$2 ;; --seed) SEED=$2 ;;
          --algorithms) ALGORITHMS=$2 ;; --threads) THREADS=$2 ;; --out) OUT=$2 ;;
        esac
        shift 2 ;;
      --cold) COLD=1; shift ;;
      *) usage >&2; die "unknown argument $1" ;;
    esac
  done
  local n algorithm
  for n in "$FILES" "$LARGE_MIB" "$RUNS" "$SEED" ${THREADS:+"$THREADS"}; do
    [[ "$n" =~ ^[0-9]+$ ]] || die "not a number: $n"
  done
  ((FILES >= 1 && FILES <= 999999)) || die "--files must be 1..999999"
  ((LARGE_MIB >= 1)) || die "--large-mib must be at least 1"
  ((RUNS >= 1)) || die "--runs must be at least 1"
  [[ -z "$THREADS" ]] || ((THREADS >= 1)) || die "--threads must be at least 1"
  IFS=, read -r -a ALGORITHM_LIST <<<"$ALGORITHMS"
  ((${#ALGORITHM_LIST[@]})) || die "--algorithms is empty"
  declare -A seen=()
  for algorithm in "${ALGORITHM_LIST[@]}"; do
    [[ " $ALL_ALGORITHMS " == *" $algorithm "* ]] || die "unknown algorithm $algorithm (known: ${ALL_ALGORITHMS// /, })"
    [[ -z "${seen[$algorithm]:-}" ]] || die "$algorithm given twice"
    seen[$algorithm]=1
  done
  check_tools
  mkdir -p "$OUT"
  OUT="$(cd "$OUT" && pwd -P)"   # physical, as the tools print the paths they hashed
  copy_izshi                     # into $OUT: sets IZSHI_BIN and IZSHI_DESC
  THREAD_OPTION=()
  [[ -n "$THREADS" ]] && THREAD_OPTION=(--threads "$THREADS")

  # The peers: hashdeep when it knows every algorithm, one coreutils tool per algorithm that has one.
  local with_hashdeep=1 missing=()
  CORE_TOOLS=() MISSING_PEERS=""
  declare -gA ALGORITHM_OF=()
  for algorithm in "${ALGORITHM_LIST[@]}"; do
    [[ " $HASHDEEP_ALGORITHMS " == *" $algorithm "* ]] || with_hashdeep=0
    if [[ -z "${COREUTILS[$algorithm]:-}" ]]; then
      missing+=("no coreutils tool for $algorithm")
    else
      CORE_TOOLS+=("${COREUTILS[$algorithm]}")
      ALGORITHM_OF[${COREUTILS[$algorithm]}]=$algorithm
    fi
  done
  ((with_hashdeep)) || missing=("hashdeep left out: it does only ${HASHDEEP_ALGORITHMS// /, }" "${missing[@]}")
  MISSING_PEERS=$(join '; ' "${missing[@]}")
  local tools=(izshi) input
  ((with_hashdeep)) && tools+=(hashdeep)
  tools+=("${CORE_TOOLS[@]}")
  MEASURED=() ROWS=()   # the keys measured, in the order of a run; the rows of the report
  for input in tree large; do
    for n in "${tools[@]}"; do MEASURED+=("$input/$n") ROWS+=("$input/$n"); done
    ((${#CORE_TOOLS[@]} > 1)) && ROWS+=("$input/coreutils")
  done

  TREE="$OUT/hash-tree-${FILES}f-s${SEED}"
  LARGE="$OUT/hash-large-${LARGE_MIB}m-s${SEED}.bin"
  local started=$SECONDS
  if [[ -d "$TREE" ]]; then say "reusing $TREE"; else build_tree; fi
  if [[ -f "$LARGE" ]]; then say "reusing $LARGE"; else build_large; fi
  ((SECONDS - started < 2)) || say "inputs ready in $((SECONDS - started)) s"

  RAW="$OUT/raw.tsv"
  printf 'input/tool\trun\twall_s\tuser_s\tsys_s\tmaxrss_kib\tload1_before\n' >"$RAW"
  rm -rf "$OUT/check" "$OUT/work"
  declare -gA COUNTS=() SAME=() SPEED=()
  DIFFERENT=()
  if ((!COLD)); then   # every tool then starts from the same warm cache
    find "$TREE" -type f -print0 | xargs -0 cat >/dev/null
    cat "$LARGE" >/dev/null
  fi
  LOAD_BEFORE=$(load_average)
  local run key
  for ((run = 1; run <= RUNS; run++)); do
    RUNS_DONE=$run
    for key in "${MEASURED[@]}"; do
      say "run $run/$RUNS: $key"
      command_of "$key"
      measure "$key" "$run" "${CMD[@]}"
    done
    ((${#DIFFERENT[@]} == 0)) || break   # no point in timing tools that disagree
  done
  rm -rf "$OUT/work"
  openssl_speeds
  report
  ((${#DIFFERENT[@]} == 0)) || die "digests differ from izshi's for ${DIFFERENT[*]}: see $OUT/check"
  rm -rf "$OUT/check"
  say "wrote $OUT/results.md and $RAW"
}

main "$@"
