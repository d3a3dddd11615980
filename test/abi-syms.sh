#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The exported interface of the built shared libraries, symbol by symbol.
#
# A binary records the version node of every symbol it imports, so the
# dynamic symbol table is ABI exactly as the struct layouts are: each
# library must define every symbol of test/abi/<lib>.syms ("name node"
# facts from the target) as a function at that node, as the default
# version (name@@node), and nothing else.  Its soname must be the one
# binaries built against liburing 2.x ask for.
#
# Exit 0 when both libraries match, 77 when readelf is missing, 1 otherwise.
B=${B:-build}
READELF=${READELF:-readelf}

if ! command -v "$READELF" >/dev/null 2>&1; then
	echo "SKIP: $READELF not found (binutils)"
	exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0

# Prints "name node kind type" for every symbol the library defines: kind
# is "default" (name@@node), "hidden" (name@node: only old binaries bind
# to it) or "unversioned".  The linker also emits one absolute symbol per
# version node, named after the node: nobody binds to those, so they are
# left out (and only those: their names come from the version definitions).
defined_syms() {
	nodes=$(LC_ALL=C "$READELF" -V -W "$1" |
		sed -n '/Flags: BASE/d; s/.*Rev:.*Name: \(.*\)$/\1/p' |
		tr '\n' ' ')
	LC_ALL=C "$READELF" --dyn-syms -W "$1" | awk -v nodes="$nodes" '
		BEGIN {
			n = split(nodes, v, " ")
			for (i = 1; i <= n; i++)
				node[v[i]] = 1
		}
		$1 ~ /^[0-9]+:$/ && $7 != "UND" && NF >= 8 {
			sym = $8; type = $4
			if (index(sym, "@@")) {
				split(sym, p, "@@"); kind = "default"
			} else if (index(sym, "@")) {
				split(sym, p, "@"); kind = "hidden"
			} else {
				p[1] = sym; p[2] = "-"; kind = "unversioned"
			}
			if ($7 == "ABS" && $3 == 0 && p[2] == "-" &&
			    (p[1] in node))
				next
			print p[1], p[2], kind, type
		}' | sort
}

check_lib() {
	lib=$1 soname=$2 spec=$3
	name=$(basename "$lib")

	if [ ! -f "$lib" ]; then
		echo "FAIL: $lib not built"
		bad=1
		return
	fi

	got=$(LC_ALL=C "$READELF" -d "$lib" |
	      sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
	if [ "$got" = "$soname" ]; then
		echo "ok: $name has soname $soname"
	else
		echo "FAIL: $name has soname '$got', expected $soname"
		bad=1
	fi

	defined_syms "$lib" > "$tmp/all"
	awk '{ print $1, $2 }' "$tmp/all" | sort > "$tmp/got"
	LC_ALL=C sort "$spec" > "$tmp/want"
	LC_ALL=C sort "$tmp/got" > "$tmp/got.s"

	want_n=$(wc -l < "$tmp/want")
	got_n=$(wc -l < "$tmp/got.s")
	# names exported at a node other than the target's
	LC_ALL=C join "$tmp/want" "$tmp/got.s" | awk '$2 != $3' > "$tmp/moved"
	LC_ALL=C comm -23 "$tmp/want" "$tmp/got.s" |
		LC_ALL=C join -v1 - "$tmp/got.s" > "$tmp/missing"
	LC_ALL=C comm -13 "$tmp/want" "$tmp/got.s" |
		LC_ALL=C join -v1 - "$tmp/want" > "$tmp/extra"
	awk '$3 != "default" || $4 != "FUNC"' "$tmp/all" > "$tmp/odd"

	if [ -s "$tmp/missing" ]; then
		echo "FAIL: $name lacks $(wc -l < "$tmp/missing") symbol(s):"
		sed 's/^/    /' "$tmp/missing"
		bad=1
	fi
	if [ -s "$tmp/extra" ]; then
		echo "FAIL: $name exports $(wc -l < "$tmp/extra")" \
		     "symbol(s) the target does not:"
		sed 's/^/    /' "$tmp/extra"
		bad=1
	fi
	if [ -s "$tmp/moved" ]; then
		echo "FAIL: $name exports symbol(s) at the wrong node" \
		     "(name, target node, ours):"
		sed 's/^/    /' "$tmp/moved"
		bad=1
	fi
	if [ -s "$tmp/odd" ]; then
		echo "FAIL: $name has symbol(s) that are not default-version" \
		     "functions (name, node, kind, type):"
		sed 's/^/    /' "$tmp/odd"
		bad=1
	fi
	if [ ! -s "$tmp/missing" ] && [ ! -s "$tmp/extra" ] &&
	   [ ! -s "$tmp/moved" ] && [ ! -s "$tmp/odd" ] &&
	   [ "$want_n" -eq "$got_n" ]; then
		echo "ok: $name exports exactly the $want_n symbols of" \
		     "$spec at their nodes"
	fi
}

check_lib "$B/liburing.so.2" liburing.so.2 test/abi/liburing.syms
check_lib "$B/liburing-ffi.so.2" liburing-ffi.so.2 test/abi/liburing-ffi.syms

exit $bad
