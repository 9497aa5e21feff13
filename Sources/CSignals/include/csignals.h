#ifndef CSIGNALS_H
#define CSIGNALS_H
#include <stddef.h>
#include <stdint.h>

/// Installs (once) a SIGBUS handler that survives reads past the end of a mapped file that shrank
/// under the scan: the faulting page is replaced by an anonymous zero page and the fault counted.
/// Faults outside registered mappings get the default action (the process dies, as it should).
int csignals_install_bus_guard(void);

/// Registers a read-only mapping the guard may repair. Returns a slot id, or -1 if the table is full
/// (the mapping is then simply unguarded and the caller should fall back to reading).
int csignals_register_mapping(const void *base, size_t length);

/// Forgets a slot; returns the number of faults repaired inside it while it was registered.
uint64_t csignals_unregister_mapping(int slot);

/// Faults repaired in a registered slot so far.
uint64_t csignals_faults_in(int slot);

#endif
