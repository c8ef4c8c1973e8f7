#!/usr/bin/env bash
# Prints 1 if LeakSanitizer works here (it needs ptrace, which some containers forbid), else 0.
set -euo pipefail

cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/leak.c" <<'C'
#include <stdlib.h>
#include <string.h>
static void *keep;
int main(void) { keep = malloc(64); memset(keep, 1, 64); keep = 0; return 0; }
C
if ! "$cc" -fsanitize=address -g -O0 "$tmp/leak.c" -o "$tmp/leak" 2>"$tmp/cc.err"; then
  echo 0
  exit 0
fi
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=23 "$tmp/leak" >"$tmp/out" 2>&1 || true
if grep -q 'detected memory leaks' "$tmp/out"; then
  echo 1
else
  echo 0
fi
