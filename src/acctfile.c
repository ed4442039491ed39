/*
 * acctfile.c: appending to an accounting file so that it is never torn
 * (see acctfile.h).
 *
 * A record can still be torn by what no program can hold off: kill -9 in
 * the write, a crash, a full disk that the cut-back cannot undo.  So the
 * next writer checks the tail before it appends, and mends it: without
 * that, its records would follow the torn one, and a reader that stops
 * at damage would never see them.  The check is constant: the trailing
 * size of the last object (every exacct object ends with its length)
 * must lead back to a group that ends exactly at the end of the file.
 * Only a torn tail costs a look further back.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acctfile.h"
#include "exacct.h"
#include "exdump.h"

#define	AF_CHUNK	(1u << 20)	/* bytes read at a time going back */
#define	AF_GROUP_MIN	20		/* tag, size, nobjs, small backskip */

/* All of [off, off + n) of fd into buf; 0, or -1 with errno. */
static int
read_at(int fd, uint8_t *buf, size_t n, uint64_t off)
{
	ssize_t r;

	while (n > 0) {
		if ((r = pread(fd, buf, n, (off_t)off)) == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		if (r == 0) {
			errno = EIO;
			return (-1);
		}
		buf += r;
		n -= (size_t)r;
		off += (uint64_t)r;
	}
	return (0);
}

/*
 * Whether a group of total length len starts at off (its tag says group,
 * its size field says len): the object that ends at off + len is whole.
 */
static int
group_at(int fd, uint64_t off, uint64_t len)
{
	uint8_t h[12];

	if (len < AF_GROUP_MIN + 4 || read_at(fd, h, sizeof (h), off) == -1)
		return (0);
	return (EX_TYPE(ex_be32(h)) == EX_T_GROUP &&
	    ex_be64(h + 4) == len - 16);
}

int64_t
af_tail(int fd, uint64_t size, uint64_t hdrlen)
{
	uint8_t *buf, b[4];
	uint64_t lo, e, len, base;
	size_t n, i;

	if (size <= hdrlen)
		return (size == hdrlen ? (int64_t)size : -1);
	if (read_at(fd, b, 4, size - 4) == -1)
		return (-1);
	len = ex_be32(b);
	if (len <= size - hdrlen && group_at(fd, size - len, len))
		return ((int64_t)size);
	/*
	 * A record of 4 GB or more ends with a backskip of 0, as every
	 * writer writes it: such an end cannot be checked, and is not cut.
	 */
	if (len == 0 && size - hdrlen >= (UINT64_C(1) << 32)) {
		errno = ERANGE;
		return (-1);
	}
	/* Torn: go back for the last end a whole group leads to. */
	lo = size - hdrlen > AF_REPAIR_MAX ? size - AF_REPAIR_MAX : hdrlen;
	if ((buf = malloc(AF_CHUNK + 3)) == NULL)
		return (-1);
	for (e = size; e > lo; ) {
		/* The chunk [base, e), with the 3 bytes after it. */
		base = e - lo > AF_CHUNK ? e - AF_CHUNK : lo;
		n = (size_t)(e - base);
		if (read_at(fd, buf, size - e >= 3 ? n + 3 :
		    n + (size_t)(size - e), base) == -1) {
			free(buf);
			return (-1);
		}
		for (i = n; i-- > 0; ) {
			uint64_t end = base + i + 4;	/* backskip ends here */

			if (end > size || end < hdrlen + AF_GROUP_MIN + 4)
				continue;
			len = ex_be32(buf + i);
			if (len <= end - hdrlen && (end - len == hdrlen ||
			    end - len >= hdrlen + AF_GROUP_MIN + 4) &&
			    group_at(fd, end - len, len)) {
				free(buf);
				return ((int64_t)end);
			}
		}
		e = base;
	}
	free(buf);
	/* Nothing whole after the header, looked at to the header: cut. */
	if (lo == hdrlen)
		return ((int64_t)hdrlen);
	errno = EILSEQ;
	return (-1);
}

int
af_mend(int fd, const char *path, uint64_t *size, uint64_t hdrlen)
{
	int64_t end;

	if ((end = af_tail(fd, *size, hdrlen)) == -1) {
		if (errno == ERANGE)
			warn_file(path, "its last record may be one of 4 GB or "
			    "more, whose end cannot be checked: not appending");
		else if (errno == EILSEQ)
			warn_file(path, "its end is damaged and no whole "
			    "record ends in its last %u MB: not appending "
			    "(exdump %s shows the damage)",
			    AF_REPAIR_MAX >> 20, path);
		else
			warn_file(path, "cannot read its end: %s",
			    strerror(errno));
		return (-1);
	}
	if ((uint64_t)end == *size)
		return (0);
	if (ftruncate(fd, (off_t)end) == -1) {
		warn_file(path, "a torn record at offset %lld: cutting it "
		    "off failed: %s; not appending", (long long)end,
		    strerror(errno));
		return (-1);
	}
	warn_file(path, "a torn record at its end (a writer killed in its "
	    "write?): cut %llu bytes at offset %lld, where the last whole "
	    "record ends", (unsigned long long)(*size - (uint64_t)end),
	    (long long)end);
	*size = (uint64_t)end;
	return (0);
}

/* All of [p, p + n) or -1 with errno; a short write is an error too. */
static int
write_all(int fd, const uint8_t *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		if (w == 0) {
			errno = EIO;
			return (-1);
		}
		p += w;
		n -= (size_t)w;
	}
	return (0);
}

int
af_append(int fd, const char *path, const uint8_t *p, size_t n,
    off_t before, const char *what, int flags)
{
	struct sigaction ign, oxfsz;
	sigset_t hold, old;
	int e, r;

	/*
	 * Held off until the file is whole again: a signal that kills in
	 * the write would leave the cut-back undone.  SIGXFSZ (a file-size
	 * limit) is ignored instead, so the write fails with EFBIG.
	 */
	(void) sigemptyset(&hold);
	(void) sigaddset(&hold, SIGINT);
	(void) sigaddset(&hold, SIGTERM);
	(void) sigaddset(&hold, SIGHUP);
	(void) sigaddset(&hold, SIGQUIT);
	(void) sigaddset(&hold, SIGALRM);
	(void) sigaddset(&hold, SIGUSR1);
	(void) sigaddset(&hold, SIGUSR2);
	(void) sigaddset(&hold, SIGPIPE);
	(void) sigaddset(&hold, SIGXCPU);
	(void) sigprocmask(SIG_BLOCK, &hold, &old);
	memset(&ign, 0, sizeof (ign));
	ign.sa_handler = SIG_IGN;
	(void) sigemptyset(&ign.sa_mask);
	(void) sigaction(SIGXFSZ, &ign, &oxfsz);

	r = write_all(fd, p, n) == 0 && ((flags & AFA_NOSYNC) ||
	    fsync(fd) == 0) ? 0 : -1;
	e = errno;
	if (r == -1) {
		if (ftruncate(fd, before) == -1)
			warn_file(path, "cannot append %s: %s; and cutting the "
			    "file back to %lld bytes failed: %s, so its end is "
			    "torn (the next sweep mends it)", what,
			    strerror(e), (long long)before, strerror(errno));
		else
			warn_file(path, "cannot append %s: %s; the file is "
			    "left as it was (%lld bytes)", what, strerror(e),
			    (long long)before);
	}
	(void) sigaction(SIGXFSZ, &oxfsz, NULL);
	(void) sigprocmask(SIG_SETMASK, &old, NULL);
	return (r);
}
