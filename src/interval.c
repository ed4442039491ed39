/*
 * interval.c: the interval engine: successive records of a process or a
 * task differenced into the usage of each interval between them.
 *
 * A partial record holds usage since the process started; its counters
 * other than cpu sum only the live threads, so they fall when threads
 * exit.  A fall gives 0 for that interval and the next interval counts from
 * the lower value.  The final record holds the true totals: its interval
 * gets the totals less everything already given out, so the rows of a
 * process that ended always add up to its final record exactly.
 *
 * States live in fixed-size chunks (never moved, so growth costs no copy)
 * and are found through an open-addressing hash of 32-bit indices.  A
 * final record frees its state.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "interval.h"

#define	CHUNK	4096		/* states per chunk */
#define	NS	1000000000ull

/* Every counter has its bit in is_have (16 bits): a build error if not. */
typedef char iv_have_fits[IV_NCTR <= 16 ? 1 : -1];

void
iv_init(struct iv *iv)
{
	memset(iv, 0, sizeof (*iv));
}

static void
table_free(struct iv_table *t)
{
	size_t i;

	for (i = 0; i < t->it_nchunks; i++)
		free(t->it_chunks[i]);
	free(t->it_chunks);
	free(t->it_hash);
	memset(t, 0, sizeof (*t));
}

void
iv_free(struct iv *iv)
{
	size_t i;

	table_free(&iv->iv_procs);
	table_free(&iv->iv_tasks);
	for (i = 0; i < iv->iv_norigin; i++)
		free(iv->iv_origin[i]);
	iv_init(iv);
}

size_t
iv_live(const struct iv *iv)
{
	return (iv->iv_procs.it_count + iv->iv_tasks.it_count);
}

static struct iv_state *
state_at(const struct iv_table *t, uint32_t idx)
{
	return (&t->it_chunks[idx / CHUNK][idx % CHUNK]);
}

/* Whether a state's process started at start, within tol. */
static int
starts_near(const struct iv_state *s, uint64_t start, uint64_t tol)
{
	return ((s->is_start > start ? s->is_start - start :
	    start - s->is_start) <= tol);
}

static uint32_t
hash_key(uint16_t origin, uint32_t id)
{
	uint64_t h = ((uint64_t)origin << 32 | id) * 0x9e3779b97f4a7c15ull;

	return ((uint32_t)(h >> 32));
}

/* Rebuild the hash at size n (a power of two), dropping tombstones. */
static int
hash_resize(struct iv_table *t, size_t n)
{
	uint32_t *h = calloc(n, sizeof (*h)), *old = t->it_hash;
	size_t i, oldn = t->it_hsize;

	if (h == NULL)
		return (-1);
	for (i = 0; i < oldn; i++) {
		uint32_t v = old[i];
		size_t j;

		if (v == 0 || v == UINT32_MAX)
			continue;
		j = hash_key(state_at(t, v - 1)->is_origin,
		    state_at(t, v - 1)->is_id) & (n - 1);
		while (h[j] != 0)
			j = (j + 1) & (n - 1);
		h[j] = v;
	}
	free(old);
	t->it_hash = h;
	t->it_hsize = n;
	t->it_tomb = 0;
	return (0);
}

/* The hash slot of (origin, id), or of where it would go. */
static size_t
hash_slot(const struct iv_table *t, uint16_t origin, uint32_t id, int *found)
{
	size_t j = hash_key(origin, id) & (t->it_hsize - 1), tomb = SIZE_MAX;

	*found = 0;
	for (;;) {
		uint32_t v = t->it_hash[j];

		if (v == 0)
			return (tomb != SIZE_MAX ? tomb : j);
		if (v == UINT32_MAX) {
			if (tomb == SIZE_MAX)
				tomb = j;
		} else {
			const struct iv_state *s = state_at(t, v - 1);

			if (s->is_id == id && s->is_origin == origin) {
				*found = 1;
				return (j);
			}
		}
		j = (j + 1) & (t->it_hsize - 1);
	}
}

/* A fresh state index, from the free list or a chunk. */
static int
state_new(struct iv_table *t, uint32_t *idx)
{
	if (t->it_free != 0) {
		*idx = t->it_free - 1;
		t->it_free = state_at(t, *idx)->is_next;
		return (0);
	}
	if (t->it_used == t->it_nchunks * CHUNK) {
		struct iv_state **c;

		if (t->it_nchunks * CHUNK >= UINT32_MAX - CHUNK)
			return (-1);
		c = realloc(t->it_chunks, (t->it_nchunks + 1) * sizeof (*c));
		if (c == NULL)
			return (-1);
		t->it_chunks = c;
		if ((c[t->it_nchunks] = malloc(CHUNK * sizeof (**c))) == NULL)
			return (-1);
		t->it_nchunks++;
	}
	*idx = (uint32_t)t->it_used++;
	return (0);
}

/* Link state idx at the head of its origin's list. */
static void
olink(struct iv_table *t, uint32_t *heads, uint32_t idx)
{
	struct iv_state *s = state_at(t, idx);

	s->is_oprev = 0;
	s->is_onext = heads[s->is_origin];
	if (s->is_onext != 0)
		state_at(t, s->is_onext - 1)->is_oprev = idx + 1;
	heads[s->is_origin] = idx + 1;
}

static void
ounlink(struct iv_table *t, uint32_t *heads, struct iv_state *s)
{
	if (s->is_oprev != 0)
		state_at(t, s->is_oprev - 1)->is_onext = s->is_onext;
	else
		heads[s->is_origin] = s->is_onext;
	if (s->is_onext != 0)
		state_at(t, s->is_onext - 1)->is_oprev = s->is_oprev;
	s->is_onext = s->is_oprev = 0;
}

/*
 * Find the state of (origin, id) started at start, making a new one if
 * there is none or if the one there started at another time (the id was
 * reused).  *fresh says whether the state is new.
 */
static struct iv_state *
lookup(struct iv_table *t, uint32_t *heads, uint16_t origin, uint32_t id,
    uint64_t start, uint64_t tol, int *fresh, int *replaced,
    struct iv_state *old)
{
	uint32_t onext = 0, oprev = 0;
	struct iv_state *s;
	uint32_t idx;
	size_t j;
	int found;

	if ((t->it_count + t->it_tomb + 1) * 4 > t->it_hsize * 3 &&
	    hash_resize(t, t->it_hsize == 0 ? 1024 :
	    (t->it_count + 1) * 4 > t->it_hsize * 2 ? t->it_hsize * 2 :
	    t->it_hsize) == -1)
		return (NULL);
	j = hash_slot(t, origin, id, &found);
	if (found) {
		s = state_at(t, t->it_hash[j] - 1);
		*fresh = !starts_near(s, start, tol);
		if (*fresh && replaced != NULL) {
			*replaced = 1;
			*old = *s;
		}
		onext = s->is_onext;
		oprev = s->is_oprev;
	} else {
		if (state_new(t, &idx) == -1)
			return (NULL);
		if (t->it_hash[j] == UINT32_MAX)
			t->it_tomb--;
		t->it_hash[j] = idx + 1;
		t->it_count++;
		s = state_at(t, idx);
		*fresh = 1;
	}
	if (*fresh) {
		memset(s, 0, sizeof (*s));
		s->is_id = id;
		s->is_origin = origin;
		s->is_start = start;
		s->is_last = start;
		/* A reused state keeps its place in its origin's list. */
		s->is_onext = onext;
		s->is_oprev = oprev;
		if (!found && heads != NULL)
			olink(t, heads, idx);
	}
	return (s);
}

static void
forget(struct iv_table *t, uint32_t *heads, struct iv_state *s)
{
	size_t j;
	uint32_t idx;
	int found;

	j = hash_slot(t, s->is_origin, s->is_id, &found);
	if (!found)
		return;
	idx = t->it_hash[j] - 1;
	if (heads != NULL)
		ounlink(t, heads, s);
	t->it_hash[j] = UINT32_MAX;
	t->it_tomb++;
	t->it_count--;
	s->is_next = t->it_free;
	t->it_free = idx + 1;
}

/*
 * Intern (host, zone) to a small number; past the limit all share the
 * last one.  Names are bytes with lengths (a file may put NULs in them);
 * a key is the two 16-bit lengths followed by the bytes.
 */
uint16_t
iv_origin(struct iv *iv, const char *host, size_t hostlen, const char *zone,
    size_t zonelen)
{
	size_t i;
	char *k;

	if (hostlen > UINT16_MAX || zonelen > UINT16_MAX)
		return (IV_NO_ORIGIN);
	for (i = iv->iv_norigin; i-- > 0; ) {
		const unsigned char *u;

		k = iv->iv_origin[(i + iv->iv_lastorigin) % iv->iv_norigin];
		u = (const unsigned char *)k;
		if ((size_t)(u[0] << 8 | u[1]) == hostlen &&
		    (size_t)(u[2] << 8 | u[3]) == zonelen &&
		    memcmp(k + 4, host, hostlen) == 0 &&
		    memcmp(k + 4 + hostlen, zone, zonelen) == 0) {
			iv->iv_lastorigin = (i + iv->iv_lastorigin) %
			    iv->iv_norigin;
			return ((uint16_t)iv->iv_lastorigin);
		}
	}
	if (iv->iv_norigin == IV_MAX_ORIGINS ||
	    (k = malloc(4 + hostlen + zonelen)) == NULL)
		return (IV_NO_ORIGIN);
	k[0] = (char)(hostlen >> 8);
	k[1] = (char)hostlen;
	k[2] = (char)(zonelen >> 8);
	k[3] = (char)zonelen;
	memcpy(k + 4, host, hostlen);
	memcpy(k + 4 + hostlen, zone, zonelen);
	iv->iv_origin[iv->iv_norigin] = k;
	iv->iv_lastorigin = iv->iv_norigin;
	return ((uint16_t)iv->iv_norigin++);
}

uint64_t
iv_plus(uint64_t a, uint64_t b)
{
	return (a > UINT64_MAX - b ? UINT64_MAX : a + b);
}

uint64_t
iv_ns(uint64_t sec, uint64_t nsec)
{
	if (sec > (UINT64_MAX - nsec) / NS)
		return (UINT64_MAX);
	return (sec * NS + nsec);
}

/*
 * Difference the counters cur (present where have says) against the
 * state; a final record takes the totals less what was given out.  A
 * counter that went back gives 0.  User and system CPU go as a pair: the
 * interval's CPU is what their sum grew by, so a split that moved a
 * little from one to the other between two records (an exact run time
 * split as the sampled times are, which the Linux sweep writes) is not
 * counted twice; the part that went back gives 0, the other the rest.
 */
static void
difference(struct iv_state *s, const uint64_t *cur, unsigned have, int final,
    uint64_t *delta)
{
	const unsigned cpu = (1u << IVC_USER) | (1u << IVC_SYS);
	uint64_t base[IV_NCTR], tot, btot;
	unsigned c;

	for (c = 0; c < IV_NCTR; c++) {
		if (!(have & (1u << c))) {
			delta[c] = 0;
			continue;
		}
		base[c] = final ? s->is_sum[c] : s->is_prev[c];
		delta[c] = cur[c] > base[c] ? cur[c] - base[c] : 0;
	}
	if ((have & cpu) == cpu) {
		tot = iv_plus(cur[IVC_USER], cur[IVC_SYS]);
		btot = iv_plus(base[IVC_USER], base[IVC_SYS]);
		tot = tot > btot ? tot - btot : 0;
		if (cur[IVC_USER] < base[IVC_USER]) {
			delta[IVC_USER] = 0;
			delta[IVC_SYS] = tot;
		} else if (cur[IVC_SYS] < base[IVC_SYS]) {
			delta[IVC_SYS] = 0;
			delta[IVC_USER] = tot;
		}
	}
	for (c = 0; c < IV_NCTR; c++) {
		if (!(have & (1u << c)))
			continue;
		s->is_sum[c] = iv_plus(s->is_sum[c], delta[c]);
		s->is_prev[c] = cur[c];
	}
	s->is_have |= (uint16_t)have;
}

unsigned
iv_proc_counters(const struct ex_proc *p, uint64_t *c)
{
	unsigned have = 0;

#define	PC(ivc, id, val)						\
	if (EP_HAS(p, id)) {						\
		c[ivc] = (val);						\
		have |= 1u << (ivc);					\
	}
	if (EP_HAS(p, EXD_PROC_CPU_USER_SEC) ||
	    EP_HAS(p, EXD_PROC_CPU_USER_NSEC)) {
		c[IVC_USER] = iv_ns(p->ep_user_sec, p->ep_user_nsec);
		have |= 1u << IVC_USER;
	}
	if (EP_HAS(p, EXD_PROC_CPU_SYS_SEC) ||
	    EP_HAS(p, EXD_PROC_CPU_SYS_NSEC)) {
		c[IVC_SYS] = iv_ns(p->ep_sys_sec, p->ep_sys_nsec);
		have |= 1u << IVC_SYS;
	}
	PC(IVC_MAJFLT, EXD_PROC_FAULTS_MAJOR, p->ep_majflt)
	PC(IVC_MINFLT, EXD_PROC_FAULTS_MINOR, p->ep_minflt)
	PC(IVC_IOCH, EXD_PROC_CHARS_RDWR, p->ep_ioch)
	PC(IVC_NVCSW, EXD_PROC_CONTEXT_VOL, p->ep_nvcsw)
	PC(IVC_NIVCSW, EXD_PROC_CONTEXT_INV, p->ep_nivcsw)
	PC(IVC_SIGNALS, EXD_PROC_SIGNALS, p->ep_signals)
	PC(IVC_SYSCALLS, EXD_PROC_SYSCALLS, p->ep_syscalls)
	PC(IVC_WAIT_CPU, EXD_PROC_WAIT_CPU, p->ep_wait_cpu)
	PC(IVC_WAIT_BLKIO, EXD_PROC_WAIT_BLKIO, p->ep_wait_blkio)
	PC(IVC_WAIT_SWAPIN, EXD_PROC_WAIT_SWAPIN, p->ep_wait_swapin)
	PC(IVC_WAIT_RECLAIM, EXD_PROC_WAIT_RECLAIM, p->ep_wait_reclaim)
#undef	PC
	return (have);
}

unsigned
iv_task_counters(const struct ex_task *t, uint64_t *c)
{
	unsigned have = 0;

#define	TC(ivc, id, val)						\
	if (ET_HAS(t, id)) {						\
		c[ivc] = (val);						\
		have |= 1u << (ivc);					\
	}
	if (ET_HAS(t, EXD_TASK_CPU_USER_SEC) ||
	    ET_HAS(t, EXD_TASK_CPU_USER_NSEC)) {
		c[IVC_USER] = iv_ns(t->et_user_sec, t->et_user_nsec);
		have |= 1u << IVC_USER;
	}
	if (ET_HAS(t, EXD_TASK_CPU_SYS_SEC) ||
	    ET_HAS(t, EXD_TASK_CPU_SYS_NSEC)) {
		c[IVC_SYS] = iv_ns(t->et_sys_sec, t->et_sys_nsec);
		have |= 1u << IVC_SYS;
	}
	TC(IVC_MAJFLT, EXD_TASK_FAULTS_MAJOR, t->et_majflt)
	TC(IVC_MINFLT, EXD_TASK_FAULTS_MINOR, t->et_minflt)
	TC(IVC_IOCH, EXD_TASK_CHARS_RDWR, t->et_ioch)
	TC(IVC_NVCSW, EXD_TASK_CONTEXT_VOL, t->et_nvcsw)
	TC(IVC_NIVCSW, EXD_TASK_CONTEXT_INV, t->et_nivcsw)
	TC(IVC_SIGNALS, EXD_TASK_SIGNALS, t->et_signals)
	TC(IVC_SYSCALLS, EXD_TASK_SYSCALLS, t->et_syscalls)
#undef	TC
	return (have);
}

/*
 * The interval a record of (origin, id, start) closes: the usage d of its
 * counters cur since the one before, and the interval's start.  The state
 * is made, moved on, or freed by a final record.  -1 if out of memory.
 */
static int
advance(struct iv *iv, struct iv_table *t, uint16_t origin, uint32_t id,
    uint64_t start, uint64_t tol, const uint64_t *end, const uint64_t *cur,
    unsigned have, int final, uint64_t *d, uint64_t *from,
    struct iv_state **sp)
{
	struct iv_state *s;
	int fresh;
	uint32_t *heads = t == &iv->iv_procs ? iv->iv_ohead : NULL;

	iv->iv_replaced = 0;
	if ((s = lookup(t, heads, origin, id, start, tol, &fresh,
	    &iv->iv_replaced, &iv->iv_old)) == NULL) {
		iv->iv_err = ENOMEM;
		return (-1);
	}
	iv->iv_fresh = fresh;
	iv->iv_pstart = s->is_start;
	iv->iv_was_seen = fresh ? 0 : s->is_seen;
	iv->iv_was_gone = fresh ? 0 : s->is_gone;
	difference(s, cur, have, final, d);
	/* From the last end, but never after this end. */
	*from = end != NULL && s->is_last > *end ? *end : s->is_last;
	if (end != NULL)
		s->is_last = *end;
	if (final)
		forget(t, heads, s);
	if (sp != NULL)
		*sp = final ? NULL : s;
	return (0);
}

/*
 * A record that says nothing of where it ran (a Linux process-accounting
 * record: no host, no zone) belongs to whichever origin has a live
 * process of its pid and start time; else to the empty origin.
 */
static uint16_t
origin_any(struct iv *iv, uint32_t pid, uint64_t start, uint64_t tol)
{
	int o = iv_origin_find(iv, NULL, 0, pid, start, tol);

	return (o != -1 ? (uint16_t)o : iv_origin(iv, "", 0, "", 0));
}

static void	proc_row(const struct ex_proc *, uint64_t, const uint64_t *,
		    struct ex_proc *);

int
iv_proc(struct iv *iv, const struct ex_proc *rec, const char *host,
    size_t hostlen, struct ex_proc *row)
{
	uint64_t cur[IV_NCTR], d[IV_NCTR], start, end, from, tol = IV_MATCH_NS;
	unsigned have;
	uint16_t origin;

	if (EP_HAS(rec, EXD_PROC_HOSTNAME)) {
		host = rec->ep_hostname;
		hostlen = rec->ep_hostname_len;
	}
	start = iv_ns(rec->ep_start_sec, rec->ep_start_nsec);
	end = iv_ns(rec->ep_finish_sec, rec->ep_finish_nsec);
	if (host == NULL && !EP_HAS(rec, EXD_PROC_ZONENAME)) {
		/*
		 * A process-accounting record: its start is whole seconds,
		 * now less the elapsed time, so up to a second off either way.
		 */
		tol = IV_MATCH_ANY_NS;
		origin = origin_any(iv, rec->ep_pid, start, tol);
	} else
		origin = iv_origin(iv, host != NULL ? host : "", host != NULL ?
		    hostlen : 0, rec->ep_zone, EP_HAS(rec, EXD_PROC_ZONENAME) ?
		    rec->ep_zone_len : 0);
	if (origin == IV_NO_ORIGIN)
		return (IV_FULL);
	memset(cur, 0, sizeof (cur));
	have = iv_proc_counters(rec, cur);
	if (advance(iv, &iv->iv_procs, origin, rec->ep_pid, start, tol,
	    EP_HAS(rec, EXD_PROC_FINISH_SEC) ? &end : NULL, cur, have,
	    rec->ep_kind == EXK_FINAL, d, &from, NULL) == -1)
		return (-1);
	proc_row(rec, from, d, row);
	row->ep_pstart = iv->iv_pstart;
	return (0);
}

/* The row of an interval: rec's identity, from..finish, the usage d. */
static void
proc_row(const struct ex_proc *rec, uint64_t from, const uint64_t *d,
    struct ex_proc *row)
{
	*row = *rec;
	/* The caller sets the start its process was first seen with. */
	row->ep_have_pstart = EP_HAS(rec, EXD_PROC_START_SEC);
	row->ep_start_sec = from / NS;
	row->ep_start_nsec = from % NS;
	row->ep_have |= EX_BIT(EXD_PROC_START_SEC) | EX_BIT(EXD_PROC_START_NSEC);
	row->ep_user_sec = d[IVC_USER] / NS;
	row->ep_user_nsec = d[IVC_USER] % NS;
	row->ep_sys_sec = d[IVC_SYS] / NS;
	row->ep_sys_nsec = d[IVC_SYS] % NS;
	row->ep_majflt = d[IVC_MAJFLT];
	row->ep_minflt = d[IVC_MINFLT];
	row->ep_ioch = d[IVC_IOCH];
	row->ep_nvcsw = d[IVC_NVCSW];
	row->ep_nivcsw = d[IVC_NIVCSW];
	row->ep_signals = d[IVC_SIGNALS];
	row->ep_syscalls = d[IVC_SYSCALLS];
	/* Present where the record has them; the CPU's source as it is. */
	row->ep_wait_cpu = d[IVC_WAIT_CPU];
	row->ep_wait_blkio = d[IVC_WAIT_BLKIO];
	row->ep_wait_swapin = d[IVC_WAIT_SWAPIN];
	row->ep_wait_reclaim = d[IVC_WAIT_RECLAIM];
	/* Counters the engine does not difference are not shown per interval. */
	row->ep_have &= ~(EX_BIT(EXD_PROC_MESSAGES_RCV) |
	    EX_BIT(EXD_PROC_MESSAGES_SND) | EX_BIT(EXD_PROC_BLOCKS_IN) |
	    EX_BIT(EXD_PROC_BLOCKS_OUT) | EX_BIT(EXD_PROC_SWAPS));
}

int
iv_proc_at(struct iv *iv, const struct ex_proc *rec, uint16_t origin,
    uint64_t tol, struct ex_proc *row, struct iv_state **sp)
{
	struct iv_table *t = &iv->iv_procs;
	uint64_t cur[IV_NCTR], d[IV_NCTR], start, end, from;
	unsigned have;
	int has_end = EP_HAS(rec, EXD_PROC_FINISH_SEC);

	start = iv_ns(rec->ep_start_sec, rec->ep_start_nsec);
	end = iv_ns(rec->ep_finish_sec, rec->ep_finish_nsec);
	memset(cur, 0, sizeof (cur));
	have = iv_proc_counters(rec, cur);
	if (advance(iv, t, origin, rec->ep_pid, start, tol,
	    has_end ? &end : NULL, cur, have, rec->ep_kind == EXK_FINAL, d,
	    &from, sp) == -1)
		return (-1);
	proc_row(rec, from, d, row);
	row->ep_pstart = iv->iv_pstart;
	return (0);
}

const char *
iv_origin_host(const struct iv *iv, uint16_t origin, size_t *len)
{
	const unsigned char *u;

	if (origin >= iv->iv_norigin) {
		*len = 0;
		return ("");
	}
	u = (const unsigned char *)iv->iv_origin[origin];
	*len = (size_t)(u[0] << 8 | u[1]);
	return (iv->iv_origin[origin] + 4);
}

int
iv_origin_find(struct iv *iv, const char *host, size_t hostlen, uint32_t pid,
    uint64_t start, uint64_t tol)
{
	const struct iv_table *t = &iv->iv_procs;
	size_t o, hl;
	const char *h;

	for (o = 0; o < iv->iv_norigin && t->it_hsize != 0; o++) {
		const struct iv_state *s;
		size_t j;
		int found;

		h = iv_origin_host(iv, (uint16_t)o, &hl);
		if (host != NULL && (hl != hostlen ||
		    memcmp(h, host, hl) != 0))
			continue;
		j = hash_slot(t, (uint16_t)o, pid, &found);
		if (!found)
			continue;
		s = state_at(t, t->it_hash[j] - 1);
		if (starts_near(s, start, tol))
			return ((int)o);
	}
	return (-1);
}

void
iv_scan_origin(struct iv *iv, uint16_t origin,
    int (*fn)(void *, struct iv_state *), void *arg)
{
	struct iv_table *t = &iv->iv_procs;
	uint32_t v, next;

	if (origin >= IV_MAX_ORIGINS)
		return;
	for (v = iv->iv_ohead[origin]; v != 0; v = next) {
		struct iv_state *s = state_at(t, v - 1);

		next = s->is_onext;
		if (fn(arg, s))
			forget(t, iv->iv_ohead, s);
	}
}

const struct iv_state *
iv_find(const struct iv *iv, uint16_t origin, uint32_t pid, uint64_t start,
    uint64_t tol)
{
	const struct iv_table *t = &iv->iv_procs;
	const struct iv_state *s;
	size_t j;
	int found;

	if (t->it_hsize == 0)
		return (NULL);
	j = hash_slot(t, origin, pid, &found);
	if (!found)
		return (NULL);
	s = state_at(t, t->it_hash[j] - 1);
	return (starts_near(s, start, tol) ? s : NULL);
}

int
iv_task(struct iv *iv, const struct ex_task *rec, const char *host,
    size_t hostlen, struct ex_task *row)
{
	uint64_t cur[IV_NCTR], d[IV_NCTR], start, end, from;
	unsigned have;
	uint16_t origin;

	*row = *rec;
	if (rec->et_kind == EXK_INTERVAL)
		return (0);	/* already the usage of one interval */
	if (ET_HAS(rec, EXD_TASK_HOSTNAME)) {
		host = rec->et_hostname;
		hostlen = rec->et_hostname_len;
	}
	origin = iv_origin(iv, host != NULL ? host : "", host != NULL ?
	    hostlen : 0, rec->et_zone, ET_HAS(rec, EXD_TASK_ZONENAME) ?
	    rec->et_zone_len : 0);
	if (origin == IV_NO_ORIGIN)
		return (IV_FULL);
	start = iv_ns(rec->et_start_sec, rec->et_start_nsec);
	end = iv_ns(rec->et_finish_sec, rec->et_finish_nsec);
	memset(cur, 0, sizeof (cur));
	have = iv_task_counters(rec, cur);
	if (advance(iv, &iv->iv_tasks, origin, rec->et_taskid, start,
	    IV_MATCH_NS, ET_HAS(rec, EXD_TASK_FINISH_SEC) ? &end : NULL, cur,
	    have, rec->et_kind == EXK_FINAL, d, &from, NULL) == -1)
		return (-1);

	row->et_start_sec = from / NS;
	row->et_start_nsec = from % NS;
	row->et_have |= EX_BIT(EXD_TASK_START_SEC) | EX_BIT(EXD_TASK_START_NSEC);
	row->et_user_sec = d[IVC_USER] / NS;
	row->et_user_nsec = d[IVC_USER] % NS;
	row->et_sys_sec = d[IVC_SYS] / NS;
	row->et_sys_nsec = d[IVC_SYS] % NS;
	row->et_majflt = d[IVC_MAJFLT];
	row->et_minflt = d[IVC_MINFLT];
	row->et_ioch = d[IVC_IOCH];
	row->et_nvcsw = d[IVC_NVCSW];
	row->et_nivcsw = d[IVC_NIVCSW];
	row->et_signals = d[IVC_SIGNALS];
	row->et_syscalls = d[IVC_SYSCALLS];
	row->et_have &= ~(EX_BIT(EXD_TASK_MESSAGES_RCV) |
	    EX_BIT(EXD_TASK_MESSAGES_SND) | EX_BIT(EXD_TASK_BLOCKS_IN) |
	    EX_BIT(EXD_TASK_BLOCKS_OUT) | EX_BIT(EXD_TASK_SWAPS));
	return (0);
}
