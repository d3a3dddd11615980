# SPDX-License-Identifier: MIT
#
# Other architectures.
#
#   make CROSS=aarch64-linux-gnu-   any target, built with that toolchain
#                                   (use a B= of its own)
#   make check-cross    the libraries, examples and test programs for six
#                       architectures, -Werror, each in build-cross-TRIPLET;
#                       test/layout.h makes every UAPI and struct io_uring
#                       layout row a compile-time check on each of them
#   make check-arches   check-cross, then the whole suite in QEMU with
#                       Debian's kernels (test/vm/kernels): on arm64, on
#                       s390x (big-endian) and as 32-bit i686 programs on
#                       the x86-64 kernels; one summary line per kernel.
#                       Full counts everywhere; the example scripts' hang
#                       guards are stretched by T_SLOW (VM_T_SLOW=5, see
#                       test/vm/run.sh), as QEMU runs without KVM
#
# Debian's cross toolchains (gcc-TRIPLET, libc6-dev-ARCH-cross) and
# libcmocka-dev:ARCH are what .ci/run installs; riscv64 has no packaged
# cmocka, so mk/cross-cmocka.sh builds one from Debian's source.

CROSS_TRIPLETS := aarch64-linux-gnu s390x-linux-gnu arm-linux-gnueabihf \
		  i686-linux-gnu riscv64-linux-gnu powerpc64le-linux-gnu

check-cross:
	@for t in $(CROSS_TRIPLETS); do \
		b=build-cross-$$t; \
		echo "== $$t ($$b)"; \
		libs=$$(sh mk/cross-cmocka.sh $$t- $$b/cmocka) || exit 1; \
		$(MAKE) --no-print-directory -s B=$$b CROSS=$$t- \
			EXTRA_CFLAGS="-Werror $(EXTRA_CFLAGS)" \
			CMOCKA_LIBS="$$libs" all test-progs || exit 1; \
		$$t-readelf -h $$b/liburing.so.$(VERSION) | \
			sed -n 's/^ *\(Class\|Data\|Machine\): *//p' | \
			paste -sd, -; \
	done
	@echo "cross builds: $(words $(CROSS_TRIPLETS)) clean"

# the architectures check-arches boots, by their uname -m names
VM_ARCHES := aarch64 s390x i686

check-arches: check-cross
	@mkdir -p $(B)/vm; : > $(B)/vm/arches.sum; status=0; \
	for a in $(VM_ARCHES); do \
		B=$(B) sh test/vm/run.sh $$a $$(awk -v a=$$a \
			'$$1 == a { print $$2 }' test/vm/kernels) \
			> $(B)/vm/$$a.out 2>&1 || status=1; \
		cat $(B)/vm/$$a.out; \
		sed -n '/^=== check-kernels/,$$p' $(B)/vm/$$a.out | \
			tail -n +2 >> $(B)/vm/arches.sum; \
	done; \
	echo "=== check-arches:"; cat $(B)/vm/arches.sum; exit $$status

.PHONY: check-cross check-arches
