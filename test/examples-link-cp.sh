#!/bin/sh
# SPDX-License-Identifier: MIT
# link-cp copies through linked read->write chains: the copies must be
# identical for odd sizes, exact multiples of its chunk size and empty
# files, and a missing source must fail.
. test/examples-util.inc
need_op READ
need_op WRITE

for size in 3000001 1310720 1 0; do
	head -c $size /dev/urandom > "$dir/src" || fail "no source file"
	timeout $((20 * T_SLOW)) "$E/link-cp" "$dir/src" "$dir/dst" ||
		fail "link-cp of $size bytes exited $?"
	cmp "$dir/src" "$dir/dst" || fail "link-cp: $size-byte copy differs"
done
echo "link-cp: copies of 3000001, 1310720, 1 and 0 bytes are identical"

"$E/link-cp" "$dir/missing" "$dir/dst" 2>/dev/null &&
	fail "link-cp accepted a missing source"
exit 0
