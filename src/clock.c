/*
 * clock.c: the real-time clock as the records count time, for every
 * part that stamps or judges a time by it (the sweep, the listener, -R).
 */
#include <stdint.h>
#include <time.h>

#include "exdump.h"

uint64_t
clock_now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) == -1 || ts.tv_sec < 0)
		return (0);
	if ((uint64_t)ts.tv_sec > (UINT64_MAX - (uint64_t)ts.tv_nsec) /
	    UINT64_C(1000000000))
		return (UINT64_MAX);
	return ((uint64_t)ts.tv_sec * UINT64_C(1000000000) +
	    (uint64_t)ts.tv_nsec);
}
