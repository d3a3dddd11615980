# SPDX-License-Identifier: MIT
#
# Drop-in proof: the ABI and compatibility checks, runnable on their own.
# `make check` runs every one of them as well (test/run.sh picks up each
# test/*.sh and builds each test/*.c).
#
#   make check-abi      exported symbols and nodes of both libraries,
#                       sonames, struct layouts, prototypes (C and C++)
#   make check-compat   compiler x standard matrix, binaries built against
#                       the system's liburing 2.3, musl static builds,
#                       pkg-config / CMake / Meson consumers
#   make check-dropin   both
#
# A script exits 77 when a tool it needs is missing; that is reported as a
# skip here and does not fail the target.

ABI_SCRIPTS := test/abi-syms.sh test/abi-proto.sh
COMPAT_SCRIPTS := test/compat-cc.sh test/compat-old.sh \
		  test/compat-musl.sh test/compat-consumer.sh

define run_compat_scripts
	@for t in $(1); do \
		echo "=== $$t"; \
		B=$(B) CC="$(CC)" sh $$t; rc=$$?; \
		[ $$rc -eq 77 ] && echo "(skipped)"; \
		[ $$rc -eq 0 ] || [ $$rc -eq 77 ] || exit 1; \
	done
endef

check-abi: all $(B)/test/abi-layout
	@echo "=== abi-layout"
	@$(B)/test/abi-layout
	$(call run_compat_scripts,$(ABI_SCRIPTS))

check-compat: all
	$(call run_compat_scripts,$(COMPAT_SCRIPTS))

check-dropin: check-abi check-compat

.PHONY: check-abi check-compat check-dropin
