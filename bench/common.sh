# Shared by the benchmark scripts in bench/; sourced, never run:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
#
# What a sourcing script provides:
#   OUT, RAW   the work folder and the raw.tsv file that measure() appends to
#   COLD       1 to call drop_from_cache KEY before every measured run
#   drop_from_cache KEY   (only called when COLD=1) evict that run's input from the page cache
#   first_run KEY         called after run 1 of KEY while its output is still in $WORK
#   TOOLS, RUNS, run_TOOL for measure_interleaved: the keys, the rounds, an exported function per key
# shellcheck shell=bash

readonly LINE=1024                    # small files are whole 1 KiB "lines" (see make_small_files)
readonly FILES_PER_DIR=100

# --- messages and tools ----------------------------------------------------------------------

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
say() { echo "$(basename "$0"): $*" >&2; }

# require "PACKAGES" TOOL...: dies naming the Debian packages to install when a tool is missing;
# /usr/bin/time (package time) is always required.
require() {
  local packages=$1 tool
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "missing $tool (apt-get install $packages)"
  done
  [[ -x /usr/bin/time ]] || die "missing /usr/bin/time (apt-get install time)"
}

find_izshi() {
  local repo_root
  repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  if [[ -n "${IZSHI:-}" ]]; then echo "$IZSHI"
  elif [[ -x "$repo_root/build/tools/izshi/izshi" ]]; then echo "$repo_root/build/tools/izshi/izshi"
  elif command -v izshi >/dev/null; then command -v izshi
  else die "izshi not found: build the project or set IZSHI"; fi
}

# Measure a copy, so that a rebuild of the checkout during the run cannot change the binary.
# Sets IZSHI_BIN (the copy, $OUT/izshi) and IZSHI_DESC (version, commit, binary hash, build time).
copy_izshi() {
  local izshi
  izshi="$(find_izshi)"
  IZSHI_BIN="$OUT/izshi"
  cp "$izshi" "$IZSHI_BIN"
  # shellcheck disable=SC2034  # used by the sourcing script
  IZSHI_DESC="$("$IZSHI_BIN" --version 2>/dev/null | head -1), checkout at $(git -C "$(dirname "$izshi")" rev-parse --short HEAD 2>/dev/null || echo "? (not in a checkout)") (binary sha256 $(sha256sum "$IZSHI_BIN" | cut -c1-12), built $(date -u -r "$izshi" +%Y-%m-%dT%H:%MZ))"
}

find_synth() {
  local repo_root
  repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  if [[ -n "${IZSHI_SYNTH:-}" ]]; then echo "$IZSHI_SYNTH"
  elif [[ -x "$repo_root/build/tools/izshi-synth/izshi-synth" ]]; then echo "$repo_root/build/tools/izshi-synth/izshi-synth"
  else die "izshi-synth not found: build the project or set IZSHI_SYNTH"; fi
}

# --- content ---------------------------------------------------------------------------------

# random_stream SEED STREAM: an endless pseudo-random stream, AES-128-CTR over zeros keyed by the
# seed and a stream number. Its reader stops early, so the SIGPIPE status is expected and ignored.
random_stream() {
  openssl enc -aes-128-ctr -nosalt -K "$(printf '%016x%016x' "$1" "$2")" -iv 0 </dev/zero 2>/dev/null || true
}

# random_lines SEED STREAM: the same as 1 KiB lines: 1023 bytes without a newline, then a newline.
random_lines() { random_stream "$1" "$2" | tr -d '\n' | fold -b -w $((LINE - 1)) || true; }

# make_small_files DIR COUNT SEED: COUNT files of 1..64 KiB, DIR/d0000/f000000.bin ..., 100 to a
# folder. One process per file costs ~10 ms here (20000 files: minutes), so the files are cut from
# one stream of 1 KiB lines by a single csplit: each file takes 1..64 whole lines.
# Same COUNT and SEED, same files.
make_small_files() {
  local dir=$1 count=$2 seed=$3 flat="$1/.flat" lines_total=0 line_numbers=() sizes i sub
  mkdir -p "$flat"
  random_stream "$seed" 1 | head -c $((count * 8 + 4096)) >"$flat/.seed"
  mapfile -t sizes < <(shuf -r -i 1-64 -n "$count" --random-source="$flat/.seed")
  for ((i = 0; i < count; i++)); do
    lines_total=$((lines_total + sizes[i]))
    ((i + 1 < count)) && line_numbers+=($((lines_total + 1)))
  done
  if ((count == 1)); then  # csplit wants at least one cut
    random_lines "$seed" 2 | head -n "$lines_total" >"$flat/f000000.bin"
  else
    random_lines "$seed" 2 | head -n "$lines_total" | csplit -s -f "$flat/f" -b '%06d.bin' - "${line_numbers[@]}"
  fi
  # f000000.bin .. f000099.bin go to d0000, the next hundred to d0001, ...
  for ((i = 0; i * FILES_PER_DIR < count; i++)); do
    sub=$(printf 'd%04d' "$i")
    mkdir -p "$dir/$sub"
    mv "$flat"/f"$(printf '%04d' "$i")"??.bin "$dir/$sub/"
  done
  rm -rf "$flat"
}

# --- measuring -------------------------------------------------------------------------------

# measure KEY RUN COMMAND...: runs COMMAND in a fresh WORK folder ($OUT/work/KEY-RUN) under
# /usr/bin/time and appends "KEY run wall user sys maxrss_kib load1" to $RAW. With COLD=1 it first
# calls drop_from_cache KEY; after run 1 it calls first_run KEY (sanity counts, outputs to keep).
# WORK is global: export it, and commands run by bash -c can write there.
measure() {
  local tool=$1 run=$2
  shift 2
  WORK="$OUT/work/$tool-$run"
  rm -rf "$WORK"
  mkdir -p "$WORK"
  ((COLD)) && drop_from_cache "$tool"
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)   # other work on the machine skews the run; raw.tsv keeps it
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$@" >"$WORK/stdout" 2>"$WORK/stderr" ||
    die "$tool run $run failed (exit $?); see $WORK/stderr"
  printf '%s\t%s\t%s\t%s\n' "$tool" "$run" "$(tr ' ' '\t' <"$WORK/time")" "$load" >>"$RAW"
  ((run == 1)) && first_run "$tool"
  rm -rf "$WORK"
}

# measure_interleaved: RUNS rounds of every tool in TOOLS, each through the exported function
# run_<tool>, so that a slow period of the machine hits every tool alike.
measure_interleaved() {
  local run tool
  for ((run = 1; run <= RUNS; run++)); do
    for tool in "${TOOLS[@]}"; do
      say "run $run/$RUNS: $tool"
      measure "$tool" "$run" bash -c "set -euo pipefail; run_$tool"
    done
  done
}

# collect KEY...: reads the runs of each KEY from $RAW into the associative arrays WALL (median
# wall time, hundredths of s), CPU (median user+sys, hundredths), RSS (largest max RSS, KiB) and
# SHOWN (every run's wall time as printed), which the caller declares (declare -A, local is fine).
# shellcheck disable=SC2034,SC2004  # the arrays are the caller's
collect() {
  local tool name run wall user sys rss walls cpus rsss shown
  for tool in "$@"; do
    walls=() cpus=() rsss=() shown=()
    while IFS=$'\t' read -r name run wall user sys rss _; do
      [[ "$name" == "$tool" ]] || continue
      walls+=("$(cs "$wall")")
      cpus+=($(($(cs "$user") + $(cs "$sys"))))
      rsss+=("$rss")
      shown+=("$wall")
    done < <(tail -n +2 "$RAW")
    WALL[$tool]=$(median "${walls[@]}")
    CPU[$tool]=$(median "${cpus[@]}")
    RSS[$tool]=$(printf '%s\n' "${rsss[@]}" | sort -n | tail -1)
    SHOWN[$tool]="${shown[*]}"
  done
}

# run_and_report [FILE...]: reads the FILEs once (every tool then starts from the same warm cache),
# runs every tool with measure_interleaved into a fresh $OUT/raw.tsv, then calls the sourcing script's
# report() and says where the results are.
run_and_report() {
  RAW="$OUT/raw.tsv"
  printf 'tool\trun\twall_s\tuser_s\tsys_s\tmaxrss_kib\tload1_before\n' >"$RAW"
  (($#)) && cat "$@" >/dev/null
  # shellcheck disable=SC2034  # read by the sourcing script's report()
  LOAD_BEFORE=$(load_average)
  measure_interleaved
  rm -rf "$OUT/work"
  report
  say "wrote $OUT/results.md and $RAW"
}

# comparison_table COLUMN COUNTS BASELINE: the Markdown table of every tool in TOOLS (row title from
# TITLE), with a COLUMN of the caller's associative array named COUNTS, the medians collect() left in
# WALL, CPU, RSS and SHOWN, and the wall time as a ratio to the tool BASELINE.
comparison_table() {
  local column=$1 baseline=$3 tool
  local -n counts=$2
  echo "| Tool | $column | Wall, median (s) | All runs (s) | CPU user+sys, median (s) | Max RSS (MiB) | wall / $baseline |"
  echo "|---|--:|--:|---|--:|--:|--:|"
  for tool in "${TOOLS[@]}"; do
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "${TITLE[$tool]}" "${counts[$tool]:-}" "$(show_cs "${WALL[$tool]}")" \
      "${SHOWN[$tool]}" "$(show_cs "${CPU[$tool]}")" "$(show_mib "${RSS[$tool]}")" "$(ratio "${WALL[$tool]}" "${WALL[$baseline]}")"
  done
}

# --- arithmetic in hundredths (no floating point in bash) -------------------------------------

cs() { local v=${1/./}; echo $((10#$v)); }                         # "12.34" -> 1234
show_cs() { printf '%d.%02d' $(($1 / 100)) $(($1 % 100)); }        # 1234 -> "12.34"
show_mib() { local t=$((($1 * 10 + 512) / 1024)); printf '%d.%d' $((t / 10)) $((t % 10)); }  # KiB -> "81.8"
ratio() { if (($2 > 0)); then show_cs $((($1 * 1000 / $2 + 5) / 10)); else echo "n/a"; fi; }  # a / b
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }  # the lower one when even

# --- the machine -----------------------------------------------------------------------------

machine() {
  local cpu mem_kib
  cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
  mem_kib=$(grep '^MemTotal:' /proc/meminfo | tr -s ' ' | cut -d' ' -f2)
  echo "$(nproc) CPUs ($cpu), $((mem_kib / 1048576)) GiB RAM, $(uname -r)"
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }
