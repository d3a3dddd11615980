/* SPDX-License-Identifier: MIT */
/*
 * liburing-ffi: the inline helpers of liburing.h, emitted once more as
 * real exported functions for languages that cannot use C inlines.  With
 * LIBURING_INLINE empty, the header's own definitions become external
 * ones: there is no second copy of any helper to drift.
 */
#define LIBURING_INLINE
#include "int.h"
