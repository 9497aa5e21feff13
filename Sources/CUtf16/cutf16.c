#include "cutf16.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static inline uint64_t load64(const uint8_t *p) {
    uint64_t value;
    memcpy(&value, p, sizeof value);
    return value;
}

static inline int may_hold_text(uint64_t value) {
    return ((value & 0xFF00FF00FF00FF00ull) == 0) != ((value & 0x00FF00FF00FF00FFull) == 0);
}

#if defined(__SSE2__)
/// 0x80 in each byte of `x` that is zero, 0 in the others (exact: no carries between bytes).
static inline uint64_t zero_bytes(uint64_t x) {
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
    return ~(((x & low7) + low7) | x | low7);
}

static inline uint64_t zero_byte_mask(const uint8_t *p) {
    return (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)p), _mm_setzero_si128()));
}
#endif

size_t cutf16_next_candidate_word(const uint8_t *base, size_t word, size_t words) {
#if defined(__SSE2__)
    // Bit i of `zeros` says byte i of the 64 is zero, so each byte of it describes one word: its
    // odd bytes are all zero when that byte has all of 0xAA set, its even bytes when all of 0x55.
    const uint64_t odd = 0xAAAAAAAAAAAAAAAAull, even = 0x5555555555555555ull;
    for (; word + 8 <= words; word += 8) {
        const uint8_t *p = base + word * 8;
        uint64_t zeros = zero_byte_mask(p) | zero_byte_mask(p + 16) << 16 | zero_byte_mask(p + 32) << 32
            | zero_byte_mask(p + 48) << 48;
        uint64_t candidates = zero_bytes((zeros & odd) ^ odd) ^ zero_bytes((zeros & even) ^ even);
        if (candidates != 0) return word + (size_t)__builtin_ctzll(candidates) / 8;
    }
#endif
    for (; word < words; word++) {
        if (may_hold_text(load64(base + word * 8))) return word;
    }
    return words;
}

size_t cutf16_narrow_printable(const uint8_t *units, size_t max_units, int big_endian, uint8_t *out) {
    size_t n = 0;
#if defined(__SSE2__)
    const __m128i top = _mm_set1_epi8(0x5E), bias = _mm_set1_epi8(-0x20);
    for (; n + 16 <= max_units; n += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(units + 2 * n));
        __m128i b = _mm_loadu_si128((const __m128i *)(units + 2 * n + 16));
        if (big_endian) {
            a = _mm_or_si128(_mm_srli_epi16(a, 8), _mm_slli_epi16(a, 8));
            b = _mm_or_si128(_mm_srli_epi16(b, 8), _mm_slli_epi16(b, 8));
        }
        // Saturating pack: a unit with a non-zero high byte becomes 0x00 or 0xFF, neither printable.
        __m128i packed = _mm_packus_epi16(a, b);
        __m128i shifted = _mm_add_epi8(packed, bias);
        int printable = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(shifted, top), top));
        _mm_storeu_si128((__m128i *)(out + n), packed);
        if (printable != 0xFFFF) return n + (size_t)__builtin_ctz(~printable);
    }
#endif
    for (; n < max_units; n++) {
        uint8_t low = units[2 * n + (big_endian ? 1 : 0)], high = units[2 * n + (big_endian ? 0 : 1)];
        if (high != 0 || (uint8_t)(low - 0x20) >= 0x5F) break;
        out[n] = low;
    }
    return n;
}
