/*
 * split.h: -S -g, the per-interval summary split by key (user, group,
 * project, zone, command, host), and -f, its fold over the time range.
 *
 * A table holds at most SPLIT_MAX keys; the last SPLIT_RESERVE places are
 * kept for one "(other)" key per interval, where the usage of keys that
 * find no place goes; a row that finds no place even there is counted in
 * sp_left.  Both counts are said on stderr: nothing is dropped unsaid.
 * Entries stay in the order their keys were first met.
 */
#ifndef SPLIT_H
#define SPLIT_H

#include <stddef.h>
#include <stdint.h>

#include "interval.h"
#include "records.h"

#define	SPLIT_MAX	4096
#define	SPLIT_RESERVE	64

/* The keys of -g, in struct opts's op_gkey. */
#define	SK_USER		0
#define	SK_GROUP	1
#define	SK_PROJECT	2
#define	SK_ZONE		3
#define	SK_COMMAND	4
#define	SK_HOST		5
#define	SK_N		6

#define	SPK_ROW		0	/* a key's processes */
#define	SPK_OTHER	1	/* the keys that found no place */
#define	SPK_LOST	2	/* the lost processes (no key) */

/* Laid out with no padding before the names, zeroed before filling. */
struct sp_key {
	uint32_t	k_ivl;		/* the interval's number; 0 in a fold */
	uint32_t	k_uid;
	uint32_t	k_gid;
	uint32_t	k_projid;
	uint16_t	k_hostlen;
	uint16_t	k_zonelen;
	uint16_t	k_cmdlen;
	uint8_t		k_kind;		/* SPK_* */
	uint8_t		k_have;		/* 1 << SK_*: the record had it */
	char		k_host[EX_HOST_MAX];
	char		k_zone[EX_ZONE_MAX];
	char		k_cmd[EX_COMMAND_MAX];
};

struct sp_ent {
	struct sp_key	e_key;
	uint32_t	e_next;		/* the hash chain: index + 1 */
	unsigned	e_have;		/* 1 << IVC_* */
	uint64_t	e_nproc;
	uint64_t	e_exits;
	uint64_t	e_lost;
	uint64_t	e_ctr[IV_NCTR];
};

struct sptab {
	struct sp_ent	*sp_ent;	/* SPLIT_MAX */
	uint32_t	*sp_bucket;	/* 2 * SPLIT_MAX: index + 1 */
	size_t		sp_n;
	uint64_t	sp_other;	/* rows put in an (other) key */
	uint64_t	sp_left;	/* rows that found no place at all */
};

/* 0, or -1 if out of memory. */
int	sp_init(struct sptab *);
void	sp_free(struct sptab *);
/*
 * Add to key's entry (made if new).  Where the table is full, a row's
 * key becomes (other) of its host and interval.
 */
void	sp_add(struct sptab *, struct sp_key *, const struct sp_ent *val);
/*
 * Hand out, in order, the entries of host's interval k (all of them with
 * host NULL), and take them out of the table; fn may be NULL.
 */
void	sp_take(struct sptab *, const char *host, size_t hostlen, uint32_t k,
	    void (*fn)(void *, const struct sp_ent *), void *arg);

#endif /* SPLIT_H */
