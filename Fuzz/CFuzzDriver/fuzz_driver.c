// Empty: the target exists for its header (a C target needs one source file).
#include "fuzz_driver.h"
