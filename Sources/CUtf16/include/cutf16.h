#ifndef CUTF16_H
#define CUTF16_H

#include <stddef.h>
#include <stdint.h>

/// The first 8-byte word at or after `word`, below `words`, of `base` whose bytes of one parity are
/// all zero and whose bytes of the other are not: a word that may hold ASCII-range UTF-16 text.
/// Returns `words` if there is none. SSE2 tests 64 bytes per step.
size_t cutf16_next_candidate_word(const uint8_t *base, size_t word, size_t words);

/// Narrows UTF-16 code units from `units` while they are printable ASCII (0x20...0x7e), at most
/// `max_units`, writing their low bytes to `out`; returns how many were narrowed. A unit is
/// `[low, 0]` when `big_endian` is 0 and `[0, low]` otherwise. SSE2 narrows 16 units per step and
/// may write up to 16 bytes at `out + result` (never past `out + max_units`).
size_t cutf16_narrow_printable(const uint8_t *units, size_t max_units, int big_endian, uint8_t *out);

#endif
