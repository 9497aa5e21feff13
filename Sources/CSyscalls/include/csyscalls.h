#ifndef CSYSCALLS_H
#define CSYSCALLS_H

#include <stdint.h>

/// Starts writeback of the dirty pages of [offset, offset + length) of `fd` without waiting for
/// it (`sync_file_range(SYNC_FILE_RANGE_WRITE)`, which Swift's Glibc module does not expose).
/// Returns 0, or -1 with errno set.
int csyscalls_start_writeback(int fd, int64_t offset, int64_t length);

#endif
