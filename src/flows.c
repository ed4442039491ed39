/*
 * flows.c: sum flow records per flow and pair the two directions of each
 * connection.
 *
 * Connections are kept in chunks in the order they first appear, and found
 * by a chained hash over a key that is the same for both directions (the
 * two endpoints in a fixed order), so a record finds its connection
 * whichever way it goes.
 */
#include <stdlib.h>
#include <string.h>

#include "flows.h"

#define	CHUNK	1024

void
fl_init(struct fl *f)
{
	memset(f, 0, sizeof (*f));
}

void
fl_free(struct fl *f)
{
	size_t i;

	for (i = 0; i < f->fl_nchunks; i++)
		free(f->fl_chunks[i]);
	free(f->fl_chunks);
	free(f->fl_hash);
	fl_init(f);
}

const struct fl_conn *
fl_get(const struct fl *f, size_t i)
{
	if (i >= f->fl_count)
		return (NULL);
	return (&f->fl_chunks[i / CHUNK][i % CHUNK]);
}

static struct fl_conn *
conn_at(const struct fl *f, uint32_t idx)
{
	return (&f->fl_chunks[idx / CHUNK][idx % CHUNK]);
}

/* An endpoint: 16 address bytes (v4 in the last 4) and a port. */
struct endpoint {
	uint8_t		ep_addr[16];
	uint16_t	ep_port;
};

static void
endpoints(const struct ex_flow *r, int *v6, struct endpoint *src,
    struct endpoint *dst)
{
	memset(src, 0, sizeof (*src));
	memset(dst, 0, sizeof (*dst));
	*v6 = EF_HAS(r, EXD_FLOW_V6SADDR) || EF_HAS(r, EXD_FLOW_V6DADDR);
	if (*v6) {
		memcpy(src->ep_addr, r->ef_saddr6, 16);
		memcpy(dst->ep_addr, r->ef_daddr6, 16);
	} else {
		src->ep_addr[12] = (uint8_t)(r->ef_saddr4 >> 24);
		src->ep_addr[13] = (uint8_t)(r->ef_saddr4 >> 16);
		src->ep_addr[14] = (uint8_t)(r->ef_saddr4 >> 8);
		src->ep_addr[15] = (uint8_t)r->ef_saddr4;
		dst->ep_addr[12] = (uint8_t)(r->ef_daddr4 >> 24);
		dst->ep_addr[13] = (uint8_t)(r->ef_daddr4 >> 16);
		dst->ep_addr[14] = (uint8_t)(r->ef_daddr4 >> 8);
		dst->ep_addr[15] = (uint8_t)r->ef_daddr4;
	}
	src->ep_port = r->ef_sport;
	dst->ep_port = r->ef_dport;
}

static int
ep_cmp(const struct endpoint *a, const struct endpoint *b)
{
	int c = memcmp(a->ep_addr, b->ep_addr, 16);

	if (c != 0)
		return (c);
	return (a->ep_port < b->ep_port ? -1 : a->ep_port > b->ep_port);
}

static uint32_t
hash_conn(const struct endpoint *lo, const struct endpoint *hi, uint8_t proto,
    uint8_t ds, int v6)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < 16; i++)
		h = (h ^ lo->ep_addr[i]) * 16777619u;
	for (i = 0; i < 16; i++)
		h = (h ^ hi->ep_addr[i]) * 16777619u;
	h = (h ^ lo->ep_port) * 16777619u;
	h = (h ^ hi->ep_port) * 16777619u;
	h = (h ^ proto) * 16777619u;
	h = (h ^ ds) * 16777619u;
	return ((h ^ (uint32_t)v6) * 16777619u);
}

/* Which side of connection c does record r go from?  -1: not c's. */
static int
side_of(const struct fl_conn *c, const struct ex_flow *r, int v6,
    const struct endpoint *src, const struct endpoint *dst)
{
	struct endpoint cs, cd;
	int cv6;

	if (c->fc_v6 != v6 || c->fc_flow.ef_proto != r->ef_proto ||
	    c->fc_flow.ef_dsfield != r->ef_dsfield)
		return (-1);
	endpoints(&c->fc_flow, &cv6, &cs, &cd);
	if (ep_cmp(&cs, src) == 0 && ep_cmp(&cd, dst) == 0)
		return (0);
	if (ep_cmp(&cs, dst) == 0 && ep_cmp(&cd, src) == 0)
		return (1);
	return (-1);
}

static int
grow(struct fl *f)
{
	struct fl_conn **c;
	uint32_t *h;
	size_t i, n;

	if (f->fl_count == f->fl_nchunks * CHUNK) {
		if (f->fl_count >= UINT32_MAX - CHUNK)
			return (-1);
		c = realloc(f->fl_chunks, (f->fl_nchunks + 1) * sizeof (*c));
		if (c == NULL)
			return (-1);
		f->fl_chunks = c;
		if ((c[f->fl_nchunks] = malloc(CHUNK * sizeof (**c))) == NULL)
			return (-1);
		f->fl_nchunks++;
	}
	if (f->fl_count + 1 > f->fl_hsize) {
		n = f->fl_hsize == 0 ? 1024 : f->fl_hsize * 2;
		if ((h = calloc(n, sizeof (*h))) == NULL)
			return (-1);
		for (i = 0; i < f->fl_count; i++) {
			struct fl_conn *cn = conn_at(f, (uint32_t)i);
			struct endpoint s, d;
			int v6;
			uint32_t k;

			endpoints(&cn->fc_flow, &v6, &s, &d);
			k = ep_cmp(&s, &d) <= 0 ?
			    hash_conn(&s, &d, cn->fc_flow.ef_proto,
			    cn->fc_flow.ef_dsfield, v6) :
			    hash_conn(&d, &s, cn->fc_flow.ef_proto,
			    cn->fc_flow.ef_dsfield, v6);
			cn->fc_next = h[k & (n - 1)];
			h[k & (n - 1)] = (uint32_t)i + 1;
		}
		free(f->fl_hash);
		f->fl_hash = h;
		f->fl_hsize = n;
	}
	return (0);
}

/* Take the owner's details from a record that has them. */
static void
take_owner(struct fl_conn *c, const struct ex_flow *r)
{
	if (EF_HAS(r, EXD_FLOW_UID) && !c->fc_have_uid) {
		c->fc_uid = r->ef_uid;
		c->fc_have_uid = 1;
	}
	if (EF_HAS(r, EXD_FLOW_PROJID) && !c->fc_have_proj) {
		c->fc_proj = r->ef_projid;
		c->fc_have_proj = 1;
	}
}

int
fl_add(struct fl *f, const struct ex_flow *r)
{
	struct endpoint src, dst;
	struct fl_conn *c = NULL;
	uint32_t k, idx;
	int v6, side = -1;

	endpoints(r, &v6, &src, &dst);
	k = ep_cmp(&src, &dst) <= 0 ?
	    hash_conn(&src, &dst, r->ef_proto, r->ef_dsfield, v6) :
	    hash_conn(&dst, &src, r->ef_proto, r->ef_dsfield, v6);
	if (f->fl_hsize != 0) {
		for (idx = f->fl_hash[k & (f->fl_hsize - 1)]; idx != 0;
		    idx = c->fc_next) {
			c = conn_at(f, idx - 1);
			if ((side = side_of(c, r, v6, &src, &dst)) != -1)
				break;
		}
	}
	if (side == -1) {
		if (grow(f) == -1) {
			f->fl_err = 1;
			return (-1);
		}
		c = conn_at(f, (uint32_t)f->fl_count);
		memset(c, 0, sizeof (*c));
		c->fc_flow = *r;
		c->fc_v6 = v6;
		c->fc_next = f->fl_hash[k & (f->fl_hsize - 1)];
		f->fl_hash[k & (f->fl_hsize - 1)] = (uint32_t)++f->fl_count;
		side = 0;
	}
	c->fc_pkts[side] += EF_HAS(r, EXD_FLOW_NPKTS) ? r->ef_npkts : 0;
	c->fc_bytes[side] += EF_HAS(r, EXD_FLOW_NBYTES) ? r->ef_nbytes : 0;
	c->fc_nrec[side]++;
	if (EF_HAS(r, EXD_FLOW_CTIME) &&
	    (!c->fc_have_first || r->ef_ctime < c->fc_first)) {
		c->fc_first = r->ef_ctime;
		c->fc_have_first = 1;
	}
	if (EF_HAS(r, EXD_FLOW_LSEEN) &&
	    (!c->fc_have_last || r->ef_lseen > c->fc_last)) {
		c->fc_last = r->ef_lseen;
		c->fc_have_last = 1;
	}
	/*
	 * The side with an owner is the local one: make it side 0, so the
	 * row reads from the local end whichever flow was seen first.
	 */
	if (side == 1 && !c->fc_have_uid && EF_HAS(r, EXD_FLOW_UID)) {
		uint64_t t;
		struct ex_flow keep = c->fc_flow;

		c->fc_flow = *r;
		c->fc_flow.ef_have = keep.ef_have | r->ef_have;
		t = c->fc_pkts[0];
		c->fc_pkts[0] = c->fc_pkts[1];
		c->fc_pkts[1] = t;
		t = c->fc_bytes[0];
		c->fc_bytes[0] = c->fc_bytes[1];
		c->fc_bytes[1] = t;
		k = c->fc_nrec[0];
		c->fc_nrec[0] = c->fc_nrec[1];
		c->fc_nrec[1] = k;
	}
	take_owner(c, r);
	return (0);
}
