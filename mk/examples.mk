# SPDX-License-Identifier: MIT
#
# io_uring-probe is installed by make install, so unlike the other
# examples it links the static library: an installed tool must carry no
# run path into this build tree, nor depend on which liburing.so.2 the
# system finds first (an older one lacks io_uring_register_query).

$(B)/examples/io_uring-probe: examples/io_uring-probe.c $(B)/liburing.a \
		$(FLAGS_FILE)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(DEPFLAGS) -o $@ $< \
		$(B)/liburing.a $(LDFLAGS)
