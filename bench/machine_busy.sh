#!/usr/bin/env bash
# How busy the whole machine was while COMMAND ran: every process's CPU, including those no one waits for
# (Chromium's renderers, daemonised servers), which `time` does not count. docs/testing.md has what it measured.
#   bench/machine_busy.sh make test
set -uo pipefail
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
read -r busy0 all0 < <(busy)
start=$(date +%s.%N)
"$@"
code=$?
read -r busy1 all1 < <(busy)
hz=$(getconf CLK_TCK)
awk -v b=$((busy1 - busy0)) -v a=$((all1 - all0)) -v hz="$hz" -v s="$start" -v e="$(date +%s.%N)" -v n="$(nproc)" \
  'BEGIN { printf "%.0f s wall; the machine busy %.0f%% of %d cores: %.0f CPU s\n", e - s, 100 * b / a, n, b / hz }' >&2
exit $code
