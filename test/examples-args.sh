#!/bin/sh
# SPDX-License-Identifier: MIT
# The examples' command lines: every example answers --help with its
# usage on stdout and exit 0, and bad input (a number out of range or not
# a number, a wrong argument count, an unknown option) with a usage line
# on stderr and exit 2; a copy never destroys data, names the file that
# failed, and refuses what it cannot copy honestly; a failed run exits
# non-zero.
B=${B:-build}
E=$B/examples
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
n=0

# expect RC CMD...: runs CMD (10 s at most), checks its exit status; its
# output is left in $dir/out and $dir/err.
expect() {
	want=$1
	shift
	timeout 10 "$@" > "$dir/out" 2> "$dir/err" < /dev/null
	rc=$?
	[ $rc -eq "$want" ] ||
		fail "$* exited $rc, not $want: $(cat "$dir/out" "$dir/err")"
	n=$((n + 1))
}

for p in io_uring-test io_uring-cp link-cp io_uring-udp echo-server \
	 send-zerocopy poll-bench reg-wait io_uring-probe; do
	expect 0 "$E/$p" --help
	grep -q "^usage: $E/$p" "$dir/out" || fail "$p --help: no usage"
	expect 2 "$E/$p" --no-such-option
	grep -q "^usage: " "$dir/err" || fail "$p: no usage on stderr"
done

# README's examples table names every option each usage line has
for p in io_uring-test io_uring-cp link-cp io_uring-udp echo-server \
	 send-zerocopy poll-bench reg-wait io_uring-probe; do
	row=$(grep "^| \[\`$p\.c\`\]" README.md) || fail "README: no row for $p"
	for o in $("$E/$p" --help | grep -oE -- '(^| |\[|\|)-(-[a-z]+|[a-z])' |
		   sed 's/^[ [|]*//' | grep -vx -- '--help' | sort -u); do
		printf '%s\n' "$row" | grep -q -- "$o" ||
			fail "README's row for $p lacks $o"
	done
done

# numbers are whole and in range
expect 2 "$E/echo-server" -p 70000
expect 2 "$E/echo-server" -c abc
expect 2 "$E/echo-server" -c 0
expect 2 "$E/echo-server" -c 9000 -s 0
expect 2 "$E/echo-server" -c 9000 -r 10x
expect 2 "$E/echo-server" -c 9000 -n 3
expect 2 "$E/echo-server" -n -1
expect 2 "$E/io_uring-udp" -c 9000 -n 0
expect 2 "$E/io_uring-udp" -n -5
expect 2 "$E/io_uring-udp" -p 65536
expect 2 "$E/poll-bench" -r 0
expect 2 "$E/poll-bench" -n 0
expect 2 "$E/poll-bench" extra
expect 2 "$E/send-zerocopy" -m 0
expect 2 "$E/send-zerocopy" -b -1
expect 2 "$E/reg-wait" 5
expect 2 "$E/io_uring-test"
expect 2 "$E/io_uring-test" a b
grep -q '^usage: ' "$dir/err" || fail "io_uring-test a b: no usage"

# copies: wrong counts, then files that must survive
for p in io_uring-cp link-cp; do
	expect 2 "$E/$p" a
	expect 2 "$E/$p" a b c
	echo keep > "$dir/keep"
	expect 1 "$E/$p" "$dir/missing" "$dir/keep"
	grep -q "$dir/missing" "$dir/err" || fail "$p: error names no file"
	[ "$(cat "$dir/keep")" = keep ] || fail "$p: a missing source truncated DEST"
	expect 1 "$E/$p" "$dir/keep" "$dir/keep"
	[ "$(cat "$dir/keep")" = keep ] || fail "$p f f emptied f"
	ln -sf keep "$dir/link"
	expect 1 "$E/$p" "$dir/keep" "$dir/link"
	[ "$(cat "$dir/keep")" = keep ] || fail "$p f link-to-f emptied f"
	expect 1 "$E/$p" /dev/zero "$dir/z"
	grep -q 'not a regular file' "$dir/err" || fail "$p /dev/zero: $(cat "$dir/err")"
	echo data | timeout 10 "$E/$p" /dev/stdin "$dir/p" 2> "$dir/err" &&
		fail "$p: a pipe copied as if empty"
	echo old > "$dir/old"
	expect 0 "$E/$p" "$dir/keep" "$dir/old"
	cmp -s "$dir/keep" "$dir/old" || fail "$p: DEST is not SOURCE"
done

# failed work fails: these need io_uring itself
if ! "$E/io_uring-probe" > /dev/null 2>&1; then
	echo "examples-args: $n command lines checked (SKIP (part): io_uring unavailable, runs not checked)"
	exit 0
fi
expect 1 "$E/io_uring-test" /tmp
grep -q 'Is a directory' "$dir/err" || fail "io_uring-test /tmp: $(cat "$dir/err")"
# nothing listens on UDP port 1 of 127.0.0.1: every datagram is refused
expect 1 "$E/io_uring-udp" -c 1 -n 2
grep -q '0 of 2 datagrams echoed intact, 0 lost, 2 failed' "$dir/out" ||
	fail "io_uring-udp without a server: $(cat "$dir/out" "$dir/err")"
echo "examples-args: $n command lines checked, exit codes and files as documented"
exit 0
