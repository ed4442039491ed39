/*
 * pacct.h: Linux process-accounting files (acct(2), version 3 records).
 *
 * A pacct file is a sequence of 64-byte records, in the byte order of the
 * machine that wrote it.  Each record becomes a final struct ex_proc, with
 * only the fields version 3 carries.
 */
#ifndef PACCT_H
#define PACCT_H

#include <stddef.h>
#include <stdint.h>

#include "records.h"

#define	PACCT_RECSIZE	64
#define	PACCT_LE	1	/* written by a little-endian machine */
#define	PACCT_BE	2	/* written by a big-endian machine */

/*
 * Does buf (the first len bytes of a file) look like a version 3 pacct
 * file?  Returns PACCT_LE or PACCT_BE, or 0 with why saying what it is
 * not (e.g. "a version 1 process-accounting file").
 */
int	pacct_probe(const uint8_t *buf, size_t len, char *why, size_t whylen);

/*
 * Decode one 64-byte record written in byte order order into a final
 * process record.  0, or -1 with why saying what is wrong with it.
 */
int	pacct_decode(const uint8_t *rec, int order, struct ex_proc *p,
	    char *why, size_t whylen);

#endif /* PACCT_H */
