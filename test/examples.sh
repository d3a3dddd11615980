#!/bin/sh
# SPDX-License-Identifier: MIT
# Smoke tests of the examples: they run and their output is right.
B=${B:-build}
E=$B/examples
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# a file whose size is not a multiple of any buffer size
head -c 3000001 /dev/urandom > "$dir/src" || fail "no source file"

"$E/io_uring-cp" "$dir/src" "$dir/dst" || fail "io_uring-cp exited $?"
cmp "$dir/src" "$dir/dst" || fail "io_uring-cp: copy differs"
: > "$dir/empty"
"$E/io_uring-cp" "$dir/empty" "$dir/empty2" || fail "cp of empty file"
[ ! -s "$dir/empty2" ] || fail "cp of empty file is not empty"
echo "io_uring-cp: 3000001 bytes copied identically"

# io_uring-test reads up to 4 x 32 KiB
out=$("$E/io_uring-test" "$dir/src") || fail "io_uring-test exited $?"
[ "$out" = "Submitted=4, completed=4, bytes=131072" ] ||
	fail "io_uring-test said: $out"
head -c 40000 "$dir/src" > "$dir/small"
out=$("$E/io_uring-test" "$dir/small") || fail "io_uring-test exited $?"
[ "$out" = "Submitted=2, completed=2, bytes=40000" ] ||
	fail "io_uring-test (small) said: $out"
echo "io_uring-test: $out"
"$E/io_uring-test" "$dir/missing" 2>/dev/null && fail "missing file accepted"
exit 0
