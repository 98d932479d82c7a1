#!/usr/bin/env bash
# The main job on the bundled synthetic sample: install packages, build, make a "seized laptop"
# (FAT32, ext4, NTFS images and an E01, all fake data) and an operator's phone, ingest them with
# custody details while scanning them for personal data, find the voice-changer, deepfake and
# softphone software on them, match their phone numbers against the
# intercepted calls and victims' complaints, re-verify the evidence hashes, verify the custody
# chain, and write the JSON report (personal data masked) and the HTML report into out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
out=out/demo
rm -rf "$out" && mkdir -p "$out"
IZSHI_SYNTH=build/tools/izshi-synth/izshi-synth samples/make-sample.sh "$out/evidence" --seed 42 >/dev/null
izshi=build/tools/izshi/izshi
export IZSHI_EXAMINER="${IZSHI_EXAMINER:-demo examiner}"
"$izshi" --authorization "demo: synthetic data" ingest --find-pii --case "$out/case.izshi" \
  --exhibit DEMO-1 --seized-from "call-center office (synthetic)" --seized-at 2024-03-15T10:00+05:00 \
  --seized-by "Anti Call-Center (demo)" \
  "$out/evidence/laptop-fat32.img" "$out/evidence/laptop-ext4.img" "$out/evidence/laptop-ntfs.img" \
  "$out/evidence/laptop.E01" "$out/evidence/tree" "$out/evidence/phone"
"$izshi" find-software --case "$out/case.izshi"
# Intercepted calls are listed in Kazakhstan time (UTC+5); a call in a softphone log within two
# minutes of one is shown as near.
"$izshi" match-numbers --case "$out/case.izshi" --utc-offset +05:00 --window 120 \
  --watchlist "$out/evidence/watchlists/intercepted_calls.csv:intercepts" \
  --watchlist "$out/evidence/watchlists/victims_complaints.txt:complaints"
"$izshi" hash --case "$out/case.izshi" --verify
"$izshi" custody verify --case "$out/case.izshi"
"$izshi" report --case "$out/case.izshi" --format json -o "$out/report.json"
"$izshi" report --case "$out/case.izshi" --format html -o "$out/report.html"
echo "Done: $out/report.json and $out/report.html (case file $out/case.izshi)"
