#!/bin/sh
# SPDX-License-Identifier: MIT
# make install (here under a DESTDIR): the default prefix is /usr/local;
# io_uring-probe goes into $(bindir) and runs on its own (no run path
# into the build tree); every man page of man/man*/ goes to the same
# section, alias pages stay links that man reads both in the tree and
# installed; make uninstall removes everything it put there.
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

# The default prefix, as neither ./configure nor make was told one.
if [ ! -f config-host.mk ]; then
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL ${MAKE:-make} -s \
		--no-print-directory -n B="$B" DESTDIR=/DEST install \
		2>/dev/null | grep -q ' /DEST/usr/local/include/' ||
		fail "make install does not default to /usr/local"
fi

mk install
bin=$dir/usr/local/bin/io_uring-probe
[ -x "$bin" ] || fail "no $bin"
[ -f "$dir/usr/local/share/man/man1/io_uring-probe.1" ] ||
	fail "no man1/io_uring-probe.1"
if readelf -d "$bin" 2>/dev/null | grep -Eq 'R(UN)?PATH'; then
	fail "the installed io_uring-probe has a run path"
fi
# every page installed, links as links, each link resolving
man=$dir/usr/local/share/man
n=0
for f in man/man*/*; do
	t=$man/${f#man/}
	if [ -L "$f" ]; then
		[ -L "$t" ] && [ -f "$t" ] || fail "$t: not a working link"
	else
		cmp -s "$f" "$t" || fail "$t: not installed"
	fi
	n=$((n + 1))
done
# an alias page reads as its target, in the tree and installed
if command -v man >/dev/null 2>&1; then
	for f in man/man3/io_uring_free_buf_ring.3 \
		 "$man/man3/io_uring_free_buf_ring.3"; do
		MANPAGER=cat MANWIDTH=80 man -l "$f" 2>&1 | head -n 1 |
			grep -q '^io_uring_setup_buf_ring(3) ' ||
			fail "man -l $f does not show io_uring_setup_buf_ring(3)"
	done
else
	echo "SKIP (part): no man, alias pages not read"
fi

out=$("$bin" 2>&1)
rc=$?
case $rc in
0)	printf '%s\n' "$out" | grep -q '^Opcodes (IORING_OP_\*):$' ||
		fail "installed probe printed no opcodes" ;;
1)	echo "io_uring unavailable; the installed probe said so: $out" ;;
*)	fail "installed probe exited $rc: $out" ;;
esac

# What README says about run time: a program built through pkg-config
# with its libdir as run path loads the installed library, not the
# system's; LD_LIBRARY_PATH does the same without one.  (Installed here
# with prefix= pointing into the scratch tree, so the .pc is true.)
if command -v pkg-config >/dev/null 2>&1 && command -v ldd >/dev/null 2>&1
then
	pre=$dir/pc/usr/local
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL ${MAKE:-make} -s \
		--no-print-directory B="$B" prefix="$pre" install \
		> "$dir.log" 2>&1 || { cat "$dir.log"; fail "install to $pre"; }
	rm -f "$dir.log"
	awk '/^```c$/ { f = 1; next } /^```$/ { if (f) exit } f' README.md \
		> "$dir/first.c"
	export PKG_CONFIG_PATH=$pre/lib/pkgconfig
	[ "$(pkg-config --modversion liburing)" = "$(sh mk/version.sh)" ] ||
		fail "pkg-config finds another liburing"
	# shellcheck disable=SC2046
	${CC:-cc} -o "$dir/first" "$dir/first.c" \
		$(pkg-config --cflags --libs liburing) \
		-Wl,-rpath,"$(pkg-config --variable=libdir liburing)" ||
		fail "README's pkg-config + rpath line does not build"
	got=$(ldd "$dir/first" | sed -n 's/.*liburing\.so\.2 => \([^ ]*\).*/\1/p')
	[ "$got" = "$pre/lib/liburing.so.2" ] ||
		fail "with the run path, first loads '$got'"
	"$dir/first" README.md | cmp -s - README.md || fail "first fails"
	${CC:-cc} -o "$dir/first2" "$dir/first.c" -I"$pre/include" \
		-L"$pre/lib" -luring || fail "build without run path"
	got=$(LD_LIBRARY_PATH=$pre/lib ldd "$dir/first2" |
	      sed -n 's/.*liburing\.so\.2 => \([^ ]*\).*/\1/p')
	[ "$got" = "$pre/lib/liburing.so.2" ] ||
		fail "with LD_LIBRARY_PATH, first loads '$got'"
	rm -rf "$dir/pc" "$dir/first" "$dir/first2" "$dir/first.c"
	unset PKG_CONFIG_PATH
	echo "install: pkg-config + rpath and LD_LIBRARY_PATH load ours"
else
	echo "SKIP (part): no pkg-config or ldd, run-time lookup not checked"
fi

mk uninstall
[ ! -e "$bin" ] || fail "uninstall left $bin"
left=$(find "$dir" ! -type d)
[ -z "$left" ] || fail "uninstall left: $left"
echo "install: prefix /usr/local, io_uring-probe, $n man pages (aliases" \
	"as links, read by man -l in the tree and installed); uninstall" \
	"leaves nothing"
exit 0
