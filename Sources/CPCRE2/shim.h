#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* PCRE2_UNSET is ~(PCRE2_SIZE)0, which does not import into Swift as an Int. */
static inline size_t cpcre2_unset(void) { return PCRE2_UNSET; }
