// See allocation_peak.c.
#ifndef FUZZ_ALLOCATION_PEAK_H
#define FUZZ_ALLOCATION_PEAK_H

#include <stddef.h>

void fuzz_allocation_peak_reset(void);
size_t fuzz_allocation_peak_bytes(void);

#endif
