#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Unchanged binaries: the programs of test/compat/prog are compiled against
# the system's liburing headers (Debian 12: liburing-dev 2.3), with that
# release's inline helpers compiled into them, and linked against the
# system's liburing.so.2, exactly as a distribution package would be.  Then
# they run, unchanged, against our liburing.so.2 through LD_LIBRARY_PATH.
# ldd and the dynamic linker's own trace (LD_DEBUG=bindings) must show our
# library answering every liburing symbol.
#
# Each program also runs against the system library first, for reference
# only: a program failing there is reported but does not decide the result.
#
# Exit 0 pass, 1 failure, 77 when there are no system liburing headers or
# library to build against.
B=${B:-build}
CC=${CC:-cc}
LIBDIR=$(cd "$B" 2>/dev/null && pwd)
OURS="$LIBDIR/liburing.so.2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -e "$OURS" ]; then
	echo "FAIL: $OURS not built (run make first)"
	exit 1
fi

# The system headers, not ours: no -Iinclude anywhere below.
cat > "$tmp/probe.c" <<'EOF'
#include <liburing.h>
#include <stdio.h>
int main(void)
{
#ifdef IO_URING_VERSION_MAJOR
	printf("%d.%d\n", IO_URING_VERSION_MAJOR, IO_URING_VERSION_MINOR);
#else
	printf("older than 2.4 (no version macros)\n");
#endif
	return io_uring_get_probe() == NULL;
}
EOF
if ! "$CC" -o "$tmp/probe" "$tmp/probe.c" -luring > "$tmp/log" 2>&1; then
	echo "SKIP: no system liburing headers and library to build" \
	     "against (install liburing-dev):"
	sed 's/^/    /' "$tmp/log"
	exit 77
fi
hdr=$(echo '#include <liburing.h>' |
      "$CC" -E -M - 2>/dev/null | tr ' \\' '\n\n' | grep '/liburing\.h$')
echo "system liburing headers: $hdr, version $(LD_LIBRARY_PATH= \
	"$tmp/probe" 2>/dev/null || echo '?')"
command -v dpkg-query >/dev/null 2>&1 &&
	echo "package: $(dpkg-query -W -f '${Package} ${Version}' \
		liburing-dev 2>/dev/null)"
case "$hdr" in
"$(pwd)"/*)
	echo "FAIL: the system liburing.h is this tree's ($hdr)"
	exit 1 ;;
esac

pass=0 fail=0 skip=0
for src in test/compat/prog/*.c; do
	p=$(basename "$src" .c)
	exe="$tmp/$p"
	if ! "$CC" -O2 -o "$exe" "$src" -luring > "$tmp/log" 2>&1; then
		echo "FAIL $p: does not build against the system headers:"
		sed 's/^/    /' "$tmp/log"
		fail=$((fail + 1))
		continue
	fi
	if ! LC_ALL=C readelf -d "$exe" | grep -q 'NEEDED.*\[liburing\.so\.2\]'
	then
		echo "FAIL $p: not linked against liburing.so.2"
		fail=$((fail + 1))
		continue
	fi

	# reference run against the library it was built with
	LD_LIBRARY_PATH= "$exe" > "$tmp/ref" 2>&1
	ref=$?

	# which liburing.so.2 the loader picks with our directory first
	got=$(LD_LIBRARY_PATH="$LIBDIR" ldd "$exe" |
	      sed -n 's/^[[:space:]]*liburing\.so\.2 => \([^ ]*\).*/\1/p')
	if [ "$(readlink -f "$got")" != "$(readlink -f "$OURS")" ]; then
		echo "FAIL $p: ldd resolves liburing.so.2 to '$got'," \
		     "not $OURS"
		fail=$((fail + 1))
		continue
	fi

	rm -f "$tmp"/ld.*
	LD_LIBRARY_PATH="$LIBDIR" LD_DEBUG=bindings \
		LD_DEBUG_OUTPUT="$tmp/ld" "$exe" > "$tmp/run" 2>&1
	rc=$?
	cat "$tmp"/ld.* > "$tmp/bind" 2>/dev/null
	# e.g. "binding file ./nop [0] to .../liburing.so.2 [0]:
	#       normal symbol `io_uring_submit' [LIBURING_2.0]"
	to_ours=$(grep -c "to $LIBDIR/liburing\.so\.2 .*symbol \`io_uring" \
		  "$tmp/bind")
	to_other=$(grep "symbol \`_*io_uring" "$tmp/bind" |
		   grep -vc "to $LIBDIR/liburing\.so\.2 ")
	if [ "$to_ours" -eq 0 ] || [ "$to_other" -ne 0 ]; then
		echo "FAIL $p: $to_ours liburing symbol(s) bound to ours," \
		     "$to_other elsewhere:"
		grep "symbol \`_*io_uring" "$tmp/bind" | head -5 |
			sed 's/^/    /'
		fail=$((fail + 1))
		continue
	fi

	case $rc in
	0)	echo "ok   $p ($to_ours symbol bindings to ours)"
		pass=$((pass + 1)) ;;
	77)	echo "SKIP $p: $(cat "$tmp/run")"
		skip=$((skip + 1)) ;;
	*)	echo "FAIL $p against ours (exit $rc):"
		sed 's/^/    /' "$tmp/run"
		fail=$((fail + 1)) ;;
	esac
	if [ $ref -ne 0 ] && [ $ref -ne 77 ]; then
		echo "     note: $p also fails against the system library" \
		     "(exit $ref):"
		sed 's/^/    /' "$tmp/ref"
	fi
done

echo "old binaries against ours: $pass passed, $fail failed, $skip skipped"
[ $fail -ne 0 ] && exit 1
[ $pass -eq 0 ] && exit 77
exit 0
