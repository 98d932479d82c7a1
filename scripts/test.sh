#!/usr/bin/env bash
# The whole test suite, as CI runs it: install packages, build, run every test with ctest.
# The tests read ../shared/corpus (unpacked into build/corpus on first use) and build the sample
# images into build/sample, each once under a lock, so ctest runs the tests in parallel.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
cd build && ctest --output-on-failure --timeout 1200 -j"$(nproc)"
