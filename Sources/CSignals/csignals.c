#define _GNU_SOURCE
#include "csignals.h"
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SLOTS 1024

/* Each slot: base and length of a live mapping, plus a fault counter. A slot is claimed by CAS on
   `base` from 0; the handler only reads, so no lock is needed in signal context. */
static _Atomic(uintptr_t) slot_base[SLOTS];
static _Atomic(size_t) slot_length[SLOTS];
static _Atomic(uint64_t) slot_faults[SLOTS];
static atomic_int installed;
static struct sigaction previous;

static void on_sigbus(int sig, siginfo_t *info, void *context) {
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int i = 0; i < SLOTS; i++) {
        uintptr_t base = atomic_load(&slot_base[i]);
        size_t length = atomic_load(&slot_length[i]);
        if (base != 0 && address >= base && address - base < length) {
            long page = sysconf(_SC_PAGESIZE);
            uintptr_t start = address & ~((uintptr_t)page - 1);
            /* mmap is a plain syscall and safe here in practice; the zero page makes the read succeed. */
            void *fixed = mmap((void *)start, (size_t)page, PROT_READ,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (fixed != MAP_FAILED) {
                atomic_fetch_add(&slot_faults[i], 1);
                return;
            }
        }
    }
    /* Not ours: restore the previous disposition and let the fault happen again. */
    sigaction(SIGBUS, &previous, NULL);
    (void)sig; (void)context;
}

int csignals_install_bus_guard(void) {
    int expected = 0;
    if (!atomic_compare_exchange_strong(&installed, &expected, 1)) return 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    return sigaction(SIGBUS, &action, &previous);
}

int csignals_register_mapping(const void *base, size_t length) {
    for (int i = 0; i < SLOTS; i++) {
        uintptr_t empty = 0;
        if (atomic_compare_exchange_strong(&slot_base[i], &empty, (uintptr_t)1)) {
            atomic_store(&slot_faults[i], 0);
            atomic_store(&slot_length[i], length);
            atomic_store(&slot_base[i], (uintptr_t)base);
            return i;
        }
    }
    return -1;
}

uint64_t csignals_faults_in(int slot) {
    if (slot < 0 || slot >= SLOTS) return 0;
    return atomic_load(&slot_faults[slot]);
}

uint64_t csignals_unregister_mapping(int slot) {
    if (slot < 0 || slot >= SLOTS) return 0;
    uint64_t faults = atomic_load(&slot_faults[slot]);
    atomic_store(&slot_length[slot], 0);
    atomic_store(&slot_base[slot], 0);
    return faults;
}
