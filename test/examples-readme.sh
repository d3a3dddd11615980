#!/bin/sh
# SPDX-License-Identifier: MIT
# The first program in README.md (its first ```c block) builds as the
# README says, warning-free, also as strict C99, and prints a file byte
# for byte; a missing file fails with a message naming it (not the usage
# line).  README.md quotes no figures that go stale: no test counts, no
# benchmark numbers (those live in bench/RESULTS.md, dated).
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
$CC -std=c99 -Iinclude $CFLAGS -Wall -Wextra -Werror -o "$dir/first" \
	"$dir/first.c" "$B/liburing.a" $LDFLAGS ||
	fail "the README's first program does not build with -std=c99"

head -c 100003 /dev/urandom > "$dir/data"
timeout $((20 * ${T_SLOW:-1})) "$dir/first" "$dir/data" > "$dir/out" ||
	fail "first exited $?"
cmp "$dir/data" "$dir/out" || fail "first printed something else"
: > "$dir/empty"
[ -z "$("$dir/first" "$dir/empty")" ] || fail "empty file not empty"
"$dir/first" "$dir/missing" 2> "$dir/err" && fail "a missing file succeeded"
grep -q "$dir/missing: No such file or directory" "$dir/err" ||
	fail "a missing file: $(cat "$dir/err")"
"$dir/first" 2> "$dir/err"
[ $? -eq 2 ] && grep -q '^usage: ' "$dir/err" || fail "no usage without FILE"
if grep -nE '[0-9]+ passed|[0-9]+\.[0-9]+ Mops|insn ratio' README.md; then
	fail "README.md quotes figures that go stale"
fi
echo "README first program ($lines lines): builds as C99, prints 100003 bytes exactly, names a missing file"
exit 0
