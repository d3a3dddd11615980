#!/bin/sh
# SPDX-License-Identifier: MIT
# The first program in README.md (its first ```c block) builds as the
# README says, warning-free, and prints a file byte for byte; a missing
# file fails with a message.
B=${B:-build}
CC=${CC:-cc}
# under make check-sanitize these carry the sanitizer flags
CFLAGS=${CFLAGS:-}
LDFLAGS=${LDFLAGS:-}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

awk '/^```c$/ { f = 1; next } /^```$/ { if (f) exit } f' README.md \
	> "$dir/first.c"
[ -s "$dir/first.c" ] || fail "no C block in README.md"
lines=$(wc -l < "$dir/first.c")
$CC -Iinclude $CFLAGS -Wall -Wextra -Werror -o "$dir/first" \
	"$dir/first.c" "$B/liburing.a" $LDFLAGS ||
	fail "the README's first program does not build"

head -c 100003 /dev/urandom > "$dir/data"
timeout $((20 * T_SLOW)) "$dir/first" "$dir/data" > "$dir/out" ||
	fail "first exited $?"
cmp "$dir/data" "$dir/out" || fail "first printed something else"
: > "$dir/empty"
[ -z "$("$dir/first" "$dir/empty")" ] || fail "empty file not empty"
"$dir/first" "$dir/missing" 2>/dev/null && fail "a missing file succeeded"
echo "README first program ($lines lines): builds, prints 100003 bytes exactly"
exit 0
