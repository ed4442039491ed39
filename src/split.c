/*
 * split.c: the key tables of -S -g and -f (see split.h): a fixed array in
 * the order keys are first met, found by a chained hash.
 */
#include <stdlib.h>
#include <string.h>

#include "split.h"

#define	NBUCKET	(2 * SPLIT_MAX)

int
sp_init(struct sptab *t)
{
	memset(t, 0, sizeof (*t));
	t->sp_ent = calloc(SPLIT_MAX, sizeof (*t->sp_ent));
	t->sp_bucket = calloc(NBUCKET, sizeof (*t->sp_bucket));
	if (t->sp_ent == NULL || t->sp_bucket == NULL) {
		sp_free(t);
		return (-1);
	}
	return (0);
}

void
sp_free(struct sptab *t)
{
	free(t->sp_ent);
	free(t->sp_bucket);
	t->sp_ent = NULL;
	t->sp_bucket = NULL;
	t->sp_n = 0;
}

static uint32_t
key_hash(const struct sp_key *k)
{
	const unsigned char *p = (const unsigned char *)k;
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < sizeof (*k); i++)
		h = (h ^ p[i]) * 16777619u;
	return (h % NBUCKET);
}

static struct sp_ent *
find(struct sptab *t, const struct sp_key *k, uint32_t h)
{
	uint32_t i;

	for (i = t->sp_bucket[h]; i != 0; i = t->sp_ent[i - 1].e_next) {
		if (memcmp(&t->sp_ent[i - 1].e_key, k, sizeof (*k)) == 0)
			return (&t->sp_ent[i - 1]);
	}
	return (NULL);
}

void
sp_add(struct sptab *t, struct sp_key *k, const struct sp_ent *val)
{
	struct sp_ent *e;
	uint32_t h = key_hash(k);
	uint64_t left;
	unsigned c;

	if ((e = find(t, k, h)) == NULL) {
		if (t->sp_n >= (k->k_kind == SPK_ROW ? SPLIT_MAX -
		    SPLIT_RESERVE : SPLIT_MAX)) {
			if (k->k_kind != SPK_ROW) {
				t->sp_left += val->e_nproc;
				return;
			}
			/* No place: the (other) key of its interval. */
			k->k_kind = SPK_OTHER;
			k->k_uid = k->k_gid = k->k_projid = 0;
			k->k_zonelen = k->k_cmdlen = 0;
			k->k_have = 0;
			memset(k->k_zone, 0, sizeof (k->k_zone));
			memset(k->k_cmd, 0, sizeof (k->k_cmd));
			left = t->sp_left;
			sp_add(t, k, val);
			if (t->sp_left == left)
				t->sp_other += val->e_nproc;
			return;
		}
		e = &t->sp_ent[t->sp_n++];
		memset(e, 0, sizeof (*e));
		e->e_key = *k;
		e->e_next = t->sp_bucket[h];
		t->sp_bucket[h] = (uint32_t)t->sp_n;
	}
	e->e_nproc = iv_plus(e->e_nproc, val->e_nproc);
	e->e_exits = iv_plus(e->e_exits, val->e_exits);
	e->e_lost = iv_plus(e->e_lost, val->e_lost);
	for (c = 0; c < IV_NCTR; c++) {
		if (val->e_have & (1u << c))
			e->e_ctr[c] = iv_plus(e->e_ctr[c], val->e_ctr[c]);
	}
	e->e_have |= val->e_have;
}

void
sp_take(struct sptab *t, const char *host, size_t hostlen, uint32_t k,
    void (*fn)(void *, const struct sp_ent *), void *arg)
{
	size_t i, j;
	uint32_t h;

	for (i = j = 0; i < t->sp_n; i++) {
		const struct sp_key *ek = &t->sp_ent[i].e_key;

		if (host == NULL || (ek->k_ivl == k && ek->k_hostlen ==
		    hostlen && memcmp(ek->k_host, host, hostlen) == 0)) {
			if (fn != NULL)
				fn(arg, &t->sp_ent[i]);
			continue;
		}
		if (j != i)
			t->sp_ent[j] = t->sp_ent[i];
		j++;
	}
	if (j == t->sp_n)
		return;
	/* The rest, in their order, chained anew. */
	t->sp_n = j;
	memset(t->sp_bucket, 0, NBUCKET * sizeof (*t->sp_bucket));
	for (i = 0; i < t->sp_n; i++) {
		h = key_hash(&t->sp_ent[i].e_key);
		t->sp_ent[i].e_next = t->sp_bucket[h];
		t->sp_bucket[h] = (uint32_t)(i + 1);
	}
}
