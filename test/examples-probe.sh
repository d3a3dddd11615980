#!/bin/sh
# SPDX-License-Identifier: MIT
# io_uring-probe: the text report agrees with the system (kernel release,
# sysctl, memlock limit) and with the kernel (NOP is always supported, a
# flag-free ring always works); --json is valid JSON of the documented
# shape that says the same as the text (checked with python3, skipped
# visibly without it); a bad argument exits 2.
. test/examples-util.inc
P=$E/io_uring-probe

line() {	# line LABEL VALUE: the text report has "LABEL   VALUE"
	printf '%s\n' "$probe" | grep -Eq "^$1 +$2\$" ||
		fail "expected '$1 $2' in the report"
}
line kernel "$(uname -r | sed 's/[.[\*^$+?(){}|]/\\&/g')"
if [ -r /proc/sys/kernel/io_uring_disabled ]; then
	line io_uring_disabled "$(cat /proc/sys/kernel/io_uring_disabled)"
fi
lim=$(ulimit -l)
if [ "$lim" = unlimited ]; then
	line RLIMIT_MEMLOCK unlimited
else
	line RLIMIT_MEMLOCK "$((lim * 1024)) bytes"
fi
for sect in "Features (IORING_FEAT_\*):" "Opcodes (IORING_OP_\*):" \
	    "Setup flags (IORING_SETUP_\*):"; do
	printf '%s\n' "$probe" | grep -q "^$sect\$" || fail "no '$sect'"
done
line "  NOP" yes
line "  SINGLE_MMAP" "(yes|no)"
line "  CQSIZE" yes
line "  URING_CMD128" "(yes|no)"
n='[1-9][0-9]*'
printf '%s\n' "$probe" |
	grep -Eq "^Largest rings +$n SQ entries, $n CQ entries\$" ||
	fail "no 'Largest rings' line"
echo "io_uring-probe: text report agrees with the system"

"$P" --bogus >/dev/null 2>&1
rc=$?
[ $rc -eq 2 ] || fail "a bad argument exited $rc, not 2"

json=$("$P" --json) || fail "--json exited $?"
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP (part): python3 not found, the JSON shape is not checked"
	exit 0
fi
printf '%s\n' "$probe" > "$dir/text"
printf '%s\n' "$json" | python3 -c '
import json, os, sys
d = json.load(sys.stdin)
text = open(sys.argv[1]).read().splitlines()

def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)

def section(title):
    """name -> yes/no from one section of the text report"""
    out, inside = {}, False
    for l in text:
        if l.startswith(title):
            inside = True
        elif inside and l.startswith("  "):
            w = l.split()
            out[w[0]] = w[1] == "yes"
        elif inside:
            break
    return out

want = {"liburing": str, "kernel": str, "available": bool,
        "features": dict, "opcodes": dict, "setup_flags": dict,
        "max_sq_entries": int, "max_cq_entries": int}
for k, t in want.items():
    if not isinstance(d.get(k), t):
        fail("%s is %r, not a %s" % (k, d.get(k), t.__name__))
for k in ("io_uring_disabled", "memlock_limit"):
    if k not in d or not (d[k] is None or isinstance(d[k], int)):
        fail(k + " missing or not a number/null")
if not (d["register_ops"] is None or isinstance(d["register_ops"], dict)):
    fail("register_ops is neither an object nor null")
if d["kernel"] != os.uname().release or d["available"] is not True:
    fail("kernel or available wrong")
if not d["opcodes"].get("NOP") or len(d["opcodes"]) < 65:
    fail("opcodes incomplete")
if d["max_cq_entries"] < d["max_sq_entries"]:
    fail("CQ smaller than SQ")
for key, title in (("features", "Features"), ("opcodes", "Opcodes"),
                   ("setup_flags", "Setup flags"),
                   ("register_ops", "Register operations:")):
    if d[key] is None:
        continue
    for v in d[key].values():
        if not isinstance(v, bool):
            fail(key + " holds a non-boolean")
    if d[key] != section(title):
        fail(key + " differs from the text report")
print("io_uring-probe: --json has the documented shape, %d opcodes "
      "(%d supported), and agrees with the text" %
      (len(d["opcodes"]), sum(d["opcodes"].values())))
' "$dir/text" || exit 1
exit 0
