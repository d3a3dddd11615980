/* SPDX-License-Identifier: MIT */
#ifndef LIBURING_RECVMSG_H
#define LIBURING_RECVMSG_H

#endif
