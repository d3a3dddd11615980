/* SPDX-License-Identifier: MIT */
#ifndef LIBURING_BUF_RING_H
#define LIBURING_BUF_RING_H

#endif
