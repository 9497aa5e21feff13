// Linux calls Swift's Glibc module does not expose (it is built without _GNU_SOURCE).
#define _GNU_SOURCE
#include <fcntl.h>
#include "csyscalls.h"

int csyscalls_start_writeback(int fd, int64_t offset, int64_t length) {
    return sync_file_range(fd, (off64_t)offset, (off64_t)length, SYNC_FILE_RANGE_WRITE);
}
