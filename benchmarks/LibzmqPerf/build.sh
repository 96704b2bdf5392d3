#!/usr/bin/env bash
# Builds zmqperf (the libzmq side of the comparison runner) against Debian's libzmq3-dev.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/bin}"
mkdir -p "$out"
gcc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -o "$out/zmqperf" \
    "$here/main.c" "$here/common.c" "$here/roles.c" "$here/inproc.c" -lzmq -lpthread
echo "$out/zmqperf"
