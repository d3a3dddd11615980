#!/bin/sh
# SPDX-License-Identifier: MIT
# The build follows its settings (in a build directory of its own):
#  - an object is rebuilt when a header it includes changes (src/syscall.h,
#    src/vg.h), when the flags change (EXTRA_CFLAGS) and when the compiler
#    changes (CC=clang, ./configure --cc=clang), and not otherwise;
#  - the library is linked with -z defs and with LDFLAGS;
#  - ./configure takes --opt=VALUE and --opt VALUE, defaults to
#    /usr/local, refuses a compiler that does not run;
#  - make clean removes build/ and every build-*/ directory.
# All of it in a copy of the sources: touching a header here must not
# make the real build stale.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
mkdir "$tmp/src-copy"
cp -R Makefile configure mk src include README.md "$tmp/src-copy/"
cd "$tmp/src-copy" || exit 1
b=$tmp/b
o=$b/src/queue.o

mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL ${MAKE:-make} \
		--no-print-directory B="$b" "$@" > "$tmp/log" 2>&1 ||
		{ cat "$tmp/log"; fail "make $* failed"; }
}
# built NAME CMD...: fails unless the make rebuilt $o (NAME says why)
built() {
	what=$1; shift
	mk "$@" "$o"
	grep -q -- "-o $o " "$tmp/log" || fail "$what: $o not rebuilt"
}
same() {
	what=$1; shift
	mk "$@" "$o"
	! grep -q -- "-o $o " "$tmp/log" || fail "$what: $o rebuilt"
}

built "first build"
same "nothing changed"
sleep 1; touch src/syscall.h
built "src/syscall.h touched"
same "after that"
grep -q 'syscall.h' "$b/src/queue.d" || fail "no dependency on syscall.h"
mk "$b/src/setup.o"
grep -q "vg.h" "$b/src/setup.d" || fail "no dependency on vg.h"
built "EXTRA_CFLAGS=-Werror" EXTRA_CFLAGS=-Werror
same "EXTRA_CFLAGS=-Werror again" EXTRA_CFLAGS=-Werror
built "back to no EXTRA_CFLAGS"
if command -v clang >/dev/null 2>&1; then
	built "CC=clang" CC=clang
	same "CC=clang again" CC=clang
	built "back to cc"
fi

# -z defs and LDFLAGS on the link
mk LDFLAGS=-Wl,--build-id=sha1 "$b/liburing.so.$(sh mk/version.sh)"
grep -q -- '-z,defs' "$tmp/log" || fail "the library is linked without -z defs"
grep -q -- '--build-id=sha1' "$tmp/log" || fail "LDFLAGS not passed to the link"

# ./configure, in a scratch directory (it writes config-host.mk there)
cp configure "$tmp/"
(cd "$tmp" && sh ./configure > /dev/null) || fail "plain ./configure"
grep -qx 'prefix ?= /usr/local' "$tmp/config-host.mk" ||
	fail "the default prefix is not /usr/local"
sh ./configure --help | grep -q '\[/usr/local\]' ||
	fail "--help gives another default prefix"
(cd "$tmp" && sh ./configure --prefix /x --libdir=/x/l > /dev/null) ||
	fail "./configure --prefix /x failed"
grep -qx 'prefix ?= /x' "$tmp/config-host.mk" &&
grep -qx 'libdir ?= /x/l' "$tmp/config-host.mk" ||
	fail "--prefix /x or --libdir=/x/l not taken"
(cd "$tmp" && sh ./configure --cc=/no/such/cc > /dev/null 2>&1) &&
	fail "a --cc that does not run was accepted"
(cd "$tmp" && sh ./configure --bogus > /dev/null 2>&1) &&
	fail "an unknown option was accepted"
if command -v clang >/dev/null 2>&1; then
	# ./configure --cc=clang, then make: the objects are rebuilt
	mkdir "$tmp/tree"
	cp -R Makefile configure mk src include "$tmp/tree/"
	(cd "$tmp/tree" && sh ./configure --cc=clang > /dev/null &&
	 env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL ${MAKE:-make} B=b \
		b/src/queue.o > "$tmp/log" 2>&1) || fail "configure --cc=clang"
	grep -q '^clang ' "$tmp/log" ||
		fail "after ./configure --cc=clang, make did not use clang"
	rm -rf "$tmp/tree"
fi

# make clean and distclean take every build directory
mkdir "$tmp/tree"
cp -R Makefile mk "$tmp/tree/"
mkdir -p "$tmp/tree/build/x" "$tmp/tree/build-asan-gcc" "$tmp/tree/build-fuzz" \
	"$tmp/tree/build-scan" "$tmp/tree/build-vg" "$tmp/tree/build-cross-arm64"
echo 'prefix ?= /x' > "$tmp/tree/config-host.mk"
(cd "$tmp/tree" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	${MAKE:-make} -s distclean > /dev/null 2>&1) || fail "make distclean"
left=$(cd "$tmp/tree" && ls -d build* config-host.mk 2>/dev/null)
[ -z "$left" ] || fail "make distclean left: $left"

echo "build settings: header, flag and compiler changes rebuild; -z defs and LDFLAGS; configure forms; clean takes build-*/"
exit 0
