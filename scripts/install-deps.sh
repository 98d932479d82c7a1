#!/usr/bin/env bash
# Installs every Debian 12 package Izshi needs to build, test, benchmark and make its samples.
# Run as root (or through sudo). Safe to run again.
set -euo pipefail
packages=(
  cmake g++ make pkg-config                       # toolchain
  libcli11-dev libfmt-dev libsqlitecpp-dev libsqlite3-dev libssl-dev nlohmann-json3-dev catch2
  libmagic-dev libmagic-mgc libtsk-dev libewf-dev libarchive-dev libphonenumber-dev libyara-dev
  libregf-dev libbfio-dev                         # libregf.h includes libbfio.h; libregf-dev does not pull it
  ntfs-3g-dev                                     # izshi-synth makes NTFS folders without mounting
  sleuthkit ewf-tools hashdeep yara               # peer tools: ground truth, benchmarks
  gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 libhivex-bin   # find-software tests: PE files, registry hives
  dosfstools mtools e2fsprogs ntfs-3g             # sample images without mounting
  sqlite3 openssl zip unzip gzip file time python3-jsonschema   # tests and benchmarks
  chromium python3-pyld                           # report tests: headless Chromium; JSON-LD expansion
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi
