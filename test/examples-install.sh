#!/bin/sh
# SPDX-License-Identifier: MIT
# make install puts io_uring-probe into $(bindir) and its page into
# section 1 (here under a DESTDIR), the installed tool runs on its own
# (no run path into the build tree), and make uninstall removes both.
# The page lives beside the tool in examples/, as test/man-check.sh takes
# sections 2, 3 and 7 only, so it is linted here the same way.
B=${B:-build}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A make of our own, not a part of the make check that runs us.
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
		${MAKE:-make} -s --no-print-directory B="$B" DESTDIR="$dir" \
		prefix=/usr/local "$@" > "$dir.log" 2>&1 ||
		{ cat "$dir.log"; rm -f "$dir.log"; fail "make $* failed"; }
	rm -f "$dir.log"
}

page=examples/io_uring-probe.1
if command -v mandoc >/dev/null 2>&1; then
	out=$(mandoc -Tlint -W warning "$page" 2>&1)
	[ -z "$out" ] || fail "mandoc lint: $out"
elif command -v groff >/dev/null 2>&1; then
	out=$(groff -man -ww -z "$page" 2>&1)
	[ -z "$out" ] || fail "groff lint: $out"
else
	echo "SKIP (part): neither mandoc nor groff, $page not linted"
fi

mk install
bin=$dir/usr/local/bin/io_uring-probe
[ -x "$bin" ] || fail "no $bin"
[ -f "$dir/usr/local/share/man/man1/io_uring-probe.1" ] ||
	fail "no man1/io_uring-probe.1"
if readelf -d "$bin" 2>/dev/null | grep -Eq 'R(UN)?PATH'; then
	fail "the installed io_uring-probe has a run path"
fi
out=$("$bin" 2>&1)
rc=$?
case $rc in
0)	printf '%s\n' "$out" | grep -q '^Opcodes (IORING_OP_\*):$' ||
		fail "installed probe printed no opcodes" ;;
1)	echo "io_uring unavailable; the installed probe said so: $out" ;;
*)	fail "installed probe exited $rc: $out" ;;
esac

mk uninstall
[ ! -e "$bin" ] || fail "uninstall left $bin"
[ ! -e "$dir/usr/local/share/man/man1/io_uring-probe.1" ] ||
	fail "uninstall left man1/io_uring-probe.1"
echo "install: io_uring-probe and its man page installed and removed"
exit 0
