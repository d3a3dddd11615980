# SPDX-License-Identifier: MIT
#
# The suite on other kernels than the host's, in QEMU.
#
#   make check-kernels   boots each kernel of test/vm/kernels listed for
#                        VM_ARCH (default: the host's architecture) and runs
#                        the suite inside; one summary line per kernel, and
#                        a failure if any kernel has a failure or a hang
#
# VM_KERNELS overrides the list (Debian package names); test/vm/run.sh
# documents the other knobs (VM_TIMEOUT, VM_T_TIMEOUT, VM_SMP, VM_MEM,
# VM_TESTS).  Needs qemu-system-x86 (or the architecture's emulator),
# busybox-static and cpio; the kernels come from apt-get download.

VM_ARCH ?= $(shell uname -m)
VM_KERNELS ?= $(shell awk -v a=$(VM_ARCH) '$$1 == a { print $$2 }' \
		test/vm/kernels)

check-kernels: test-progs
	@B=$(B) sh test/vm/run.sh $(VM_ARCH) $(VM_KERNELS)

.PHONY: check-kernels
