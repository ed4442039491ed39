/*
 * pacct.c: Linux process-accounting files (acct(2), version 3 records).
 *
 * The kernel appends one 64-byte struct acct_v3 (linux/acct.h) per exiting
 * process, in the byte order of the machine; bit 0x80 of the version byte
 * is set when that order is big-endian.  Byte offsets of a record:
 *
 *	 0 flag		 1 version	 2 tty (u16)	 4 exitcode
 *	 8 uid		12 gid		16 pid		20 ppid
 *	24 btime	28 etime (IEEE single)
 *	32 utime	34 stime	36 mem		38 io
 *	40 rw		42 minflt	44 majflt	46 swaps (comp_t each)
 *	48 comm[16]
 *
 * What the fields hold, and so what we make of them:
 *
 * - utime, stime, minflt, majflt are comp_t: a 3-bit base-8 exponent over
 *   a 13-bit mantissa, value = mantissa << (3 * exponent).  The kernel
 *   rounds a value past 8191 to 13 significant bits and saturates at
 *   0xffff; we decode exactly what it stored.  Times are in ticks of
 *   AHZ = 100 a second (version 3 carries no ahz field; 100 is USER_HZ on
 *   every Linux architecture still built), so 1 tick = 10 ms exactly.
 * - etime is not a comp2_t in version 3 (that is versions 1 and 2) but an
 *   IEEE-754 single holding the elapsed time in ticks, which the kernel
 *   truncates to 24 significant bits.  We decode it exactly (a value that
 *   is not a whole number of ticks, which the kernel never writes, is
 *   rounded down to the nanosecond); a negative, infinite, NaN or
 *   2^64-tick value is damage.
 * - btime is whole seconds, computed by the kernel as "now - elapsed", so
 *   start is exact only to within a second; finish is btime + etime.
 * - exitcode is the code the kernel's exit path got, laid out as a
 *   wait(2) status: exit status in bits 8-15, or the killing signal in
 *   bits 0-6 with 0x80 for a core dump.  It is kept raw as the wait status.
 * - tty is old_encode_dev(): major << 8 | minor, each 8 bits (a minor
 *   past 255 spills into the major, as in the legacy pty numbering).
 *   0 means no controlling terminal, recorded as 4294967295 for both
 *   major and minor, as illumos records "no tty".
 * - flag: AFORK becomes the FORK acctflag (0x1), ASU the SU acctflag
 *   (0x2).  ACORE is set for a signal that dumps core even when no core
 *   was written (ulimit -c 0), and the exit code then lacks its 0x80
 *   bit: the wait status gets it, so the record says "core" as
 *   lastcomm's D does.  AXSIG is the signal already in the status.
 * - mem is the address-space size in KiB, not a resident size, so it does
 *   not go into the RSS fields; io, rw and swaps are not kept either.
 *
 * A file whose size is not a multiple of 64 is still a pacct file: the
 * probe accepts it and the reader reports the partial record at its end
 * as damage.
 */
#include <stdio.h>
#include <string.h>

#include "pacct.h"

/* Record offsets (see above). */
#define	OFF_FLAG	0
#define	OFF_VERSION	1
#define	OFF_TTY		2
#define	OFF_EXITCODE	4
#define	OFF_UID		8
#define	OFF_GID		12
#define	OFF_PID		16
#define	OFF_PPID	20
#define	OFF_BTIME	24
#define	OFF_ETIME	28
#define	OFF_UTIME	32
#define	OFF_STIME	34
#define	OFF_MINFLT	42
#define	OFF_MAJFLT	44
#define	OFF_COMM	48
#define	COMM_LEN	16

#define	V_ORDER		0x80	/* ACCT_BYTEORDER: written big-endian */
#define	V_MASK		0x7f

#define	F_FORK		0x01	/* AFORK: forked, never exec'd */
#define	F_SU		0x02	/* ASU: used superuser privileges */
#define	F_CORE		0x08	/* ACORE: killed by a signal that dumps core */
#define	F_KNOWN		0x3f	/* every flag linux/acct.h defines */

#define	TICK_HZ		100	/* AHZ */
#define	NS_PER_TICK	10000000ULL
#define	NS_PER_SEC	1000000000ULL

#define	PID_LIMIT	4194304	/* PID_MAX_LIMIT: no pid is larger */
#define	PROBE_RECS	8	/* records the probe looks at */
#define	TTY_NONE	UINT32_MAX

static uint16_t
get16(const uint8_t *p, int order)
{
	if (order == PACCT_BE)
		return ((uint16_t)(p[0] << 8 | p[1]));
	return ((uint16_t)(p[1] << 8 | p[0]));
}

static uint32_t
get32(const uint8_t *p, int order)
{
	if (order == PACCT_BE)
		return ((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		    (uint32_t)p[2] << 8 | (uint32_t)p[3]);
	return ((uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | (uint32_t)p[0]);
}

/* A comp_t as the count it stands for; at most 8191 << 21, no overflow. */
static uint64_t
comp_value(uint16_t c)
{
	return ((uint64_t)(c & 0x1fff) << (3 * (c >> 13)));
}

static void
ticks_split(uint64_t ticks, uint64_t *sec, uint64_t *nsec)
{
	*sec = ticks / TICK_HZ;
	*nsec = ticks % TICK_HZ * NS_PER_TICK;
}

/*
 * The elapsed time, an IEEE single counting ticks, as seconds and
 * nanoseconds, rounded down.  0, or -1 with why.  exact is set when the
 * value is a whole number of ticks, the only kind the kernel writes.
 */
static int
etime_split(uint32_t f, uint64_t *sec, uint64_t *nsec, int *exact,
    const char **why)
{
	unsigned e = (unsigned)(f >> 23 & 0xff);
	uint64_t sig = f & 0x7fffff, whole, frac;
	int pow;

	*exact = 1;
	if (f >> 31 != 0) {
		*why = "negative elapsed time";
		return (-1);
	}
	if (e == 0xff) {
		*why = "elapsed time is infinite or not a number";
		return (-1);
	}
	if (e == 0) {
		pow = -149;	/* subnormal: no implicit bit */
	} else {
		sig |= 0x800000;
		pow = (int)e - 150;
	}
	if (sig == 0) {
		*sec = *nsec = 0;
		return (0);
	}
	if (pow >= 0) {
		/* sig < 2^24, so 2^64 ticks and more is pow > 40. */
		if (pow > 40) {
			*why = "elapsed time past 2^64 ticks";
			return (-1);
		}
		ticks_split(sig << pow, sec, nsec);
		return (0);
	}
	/* A fraction of a tick: whole ticks plus the nanoseconds under. */
	if (-pow >= 24) {
		whole = 0;
		frac = sig;
	} else {
		whole = sig >> -pow;
		frac = sig - (whole << -pow);
	}
	*exact = frac == 0;
	ticks_split(whole, sec, nsec);
	/* frac < 2^24 and NS_PER_TICK < 2^24: the product fits. */
	if (-pow < 64)
		*nsec += frac * NS_PER_TICK >> -pow;
	return (0);
}

/*
 * Why record r (in order) is not what the kernel writes, or NULL.  Only
 * facts that hold for every record are checked: flag bits, the pid range,
 * a whole number of ticks elapsed, a NUL-padded command.
 */
static const char *
implausible(const uint8_t *r, int order)
{
	uint32_t pid = get32(r + OFF_PID, order);
	uint64_t sec, nsec;
	const char *why = NULL;
	int exact, i;

	if ((r[OFF_FLAG] & ~F_KNOWN) != 0)
		return ("unknown flag bits");
	if (pid == 0 || pid > PID_LIMIT)
		return ("pid out of range");
	if (get32(r + OFF_PPID, order) > PID_LIMIT)
		return ("parent pid out of range");
	if (etime_split(get32(r + OFF_ETIME, order), &sec, &nsec, &exact,
	    &why) == -1)
		return (why);
	if (!exact)
		return ("elapsed time not a whole number of ticks");
	/* The kernel zeroes the record, then copies at most 15 bytes. */
	for (i = 0; i < COMM_LEN && r[OFF_COMM + i] != '\0'; i++)
		continue;
	for (; i < COMM_LEN; i++)
		if (r[OFF_COMM + i] != '\0')
			return ("command not NUL-padded");
	return (NULL);
}

/*
 * Do the complete records at the start of buf all carry version byte vb
 * (with the flags every version defines)?  For naming old versions.
 */
static int
same_version(const uint8_t *buf, size_t len, uint8_t vb)
{
	size_t i;

	if (len < PACCT_RECSIZE)
		return (0);
	for (i = 0; i < PROBE_RECS && (i + 1) * PACCT_RECSIZE <= len; i++) {
		const uint8_t *r = buf + i * PACCT_RECSIZE;

		if (r[OFF_VERSION] != vb || (r[OFF_FLAG] & ~F_KNOWN) != 0)
			return (0);
	}
	return (1);
}

int
pacct_probe(const uint8_t *buf, size_t len, char *why, size_t whylen)
{
	const char *bad;
	uint8_t vb;
	size_t i;
	int order;

	if (len == 0) {
		(void) snprintf(why, whylen,
		    "not a process-accounting file: it is empty");
		return (0);
	}
	vb = len > OFF_VERSION ? buf[OFF_VERSION] : 0;
	if ((vb & V_MASK) == 1 || (vb & V_MASK) == 2) {
		if (same_version(buf, len, vb)) {
			(void) snprintf(why, whylen, "a version %d "
			    "process-accounting file (only version 3 is "
			    "read)", vb & V_MASK);
			return (0);
		}
	}
	if ((vb & V_MASK) != 3) {
		(void) snprintf(why, whylen,
		    "not a process-accounting file");
		return (0);
	}
	if (len < PACCT_RECSIZE) {
		(void) snprintf(why, whylen, "not a process-accounting file: "
		    "%zu bytes, less than one %d-byte record", len,
		    PACCT_RECSIZE);
		return (0);
	}
	order = (vb & V_ORDER) != 0 ? PACCT_BE : PACCT_LE;
	for (i = 0; i < PROBE_RECS && (i + 1) * PACCT_RECSIZE <= len; i++) {
		const uint8_t *r = buf + i * PACCT_RECSIZE;

		if (r[OFF_VERSION] != vb)
			bad = "version byte differs from the first record's";
		else
			bad = implausible(r, order);
		if (bad != NULL) {
			(void) snprintf(why, whylen, "not a process-accounting "
			    "file: offset %zu: %s", i * PACCT_RECSIZE, bad);
			return (0);
		}
	}
	return (order);
}

int
pacct_decode(const uint8_t *rec, int order, struct ex_proc *p, char *why,
    size_t whylen)
{
	uint8_t want;
	uint16_t tty;
	uint64_t sec, nsec;
	const char *bad = NULL;
	size_t n;
	int exact;

	if (order != PACCT_LE && order != PACCT_BE) {
		(void) snprintf(why, whylen, "unknown byte order %d", order);
		return (-1);
	}
	want = (uint8_t)(3 | (order == PACCT_BE ? V_ORDER : 0));
	if (rec[OFF_VERSION] != want) {
		(void) snprintf(why, whylen, "version byte 0x%02x where the "
		    "file's records have 0x%02x", rec[OFF_VERSION], want);
		return (-1);
	}
	if (etime_split(get32(rec + OFF_ETIME, order), &sec, &nsec, &exact,
	    &bad) == -1) {
		(void) snprintf(why, whylen, "%s", bad);
		return (-1);
	}

	(void) memset(p, 0, sizeof (*p));
	p->ep_kind = EXK_FINAL;
	p->ep_pid = get32(rec + OFF_PID, order);
	p->ep_ppid = get32(rec + OFF_PPID, order);
	p->ep_uid = get32(rec + OFF_UID, order);
	p->ep_gid = get32(rec + OFF_GID, order);
	p->ep_have |= EX_BIT(EXD_PROC_PID) | EX_BIT(EXD_PROC_ANCPID) |
	    EX_BIT(EXD_PROC_UID) | EX_BIT(EXD_PROC_GID);

	tty = get16(rec + OFF_TTY, order);
	if (tty == 0) {
		p->ep_tty_major = TTY_NONE;
		p->ep_tty_minor = TTY_NONE;
	} else {
		p->ep_tty_major = (uint32_t)tty >> 8;
		p->ep_tty_minor = (uint32_t)tty & 0xff;
	}
	p->ep_have |= EX_BIT(EXD_PROC_TTY_MAJOR) | EX_BIT(EXD_PROC_TTY_MINOR);

	/* Up to the first NUL; 16 bytes without one cannot come from Linux. */
	for (n = 0; n < COMM_LEN && rec[OFF_COMM + n] != '\0'; n++)
		continue;
	if (n > EX_COMMAND_MAX - 1) {
		n = EX_COMMAND_MAX - 1;
		p->ep_command_cut = 1;
	}
	(void) memcpy(p->ep_command, rec + OFF_COMM, n);
	p->ep_command[n] = '\0';
	p->ep_command_len = (uint16_t)n;
	p->ep_have |= EX_BIT(EXD_PROC_COMMAND);

	p->ep_start_sec = get32(rec + OFF_BTIME, order);
	p->ep_start_nsec = 0;
	p->ep_finish_sec = p->ep_start_sec + sec;
	p->ep_finish_nsec = nsec;
	p->ep_have |= EX_BIT(EXD_PROC_START_SEC) | EX_BIT(EXD_PROC_START_NSEC) |
	    EX_BIT(EXD_PROC_FINISH_SEC) | EX_BIT(EXD_PROC_FINISH_NSEC);

	ticks_split(comp_value(get16(rec + OFF_UTIME, order)),
	    &p->ep_user_sec, &p->ep_user_nsec);
	ticks_split(comp_value(get16(rec + OFF_STIME, order)),
	    &p->ep_sys_sec, &p->ep_sys_nsec);
	p->ep_have |= EX_BIT(EXD_PROC_CPU_USER_SEC) |
	    EX_BIT(EXD_PROC_CPU_USER_NSEC) | EX_BIT(EXD_PROC_CPU_SYS_SEC) |
	    EX_BIT(EXD_PROC_CPU_SYS_NSEC);

	p->ep_minflt = comp_value(get16(rec + OFF_MINFLT, order));
	p->ep_majflt = comp_value(get16(rec + OFF_MAJFLT, order));
	p->ep_have |= EX_BIT(EXD_PROC_FAULTS_MINOR) |
	    EX_BIT(EXD_PROC_FAULTS_MAJOR);

	p->ep_wstat = get32(rec + OFF_EXITCODE, order);
	if ((rec[OFF_FLAG] & F_CORE) != 0 && (p->ep_wstat & 0x7f) != 0 &&
	    (p->ep_wstat & 0xff00) == 0)
		p->ep_wstat |= 0x80;
	p->ep_flags = ((rec[OFF_FLAG] & F_FORK) != 0 ? 0x1 : 0) |
	    ((rec[OFF_FLAG] & F_SU) != 0 ? 0x2 : 0);
	p->ep_have |= EX_BIT(EXD_PROC_WAIT_STATUS) |
	    EX_BIT(EXD_PROC_ACCT_FLAGS);
	return (0);
}
