/*
 * flows.h: flow records summed per flow and paired per connection (-i).
 *
 * The kernel writes a flow record when a flow goes idle or is evicted, so
 * one connection gives several records over time, one set per direction.
 * A flow is its addresses, ports, protocol and diffserv field; the two
 * flows of a connection have source and destination swapped.
 */
#ifndef FLOWS_H
#define FLOWS_H

#include <stddef.h>
#include <stdint.h>

#include "records.h"

/* One connection: side 0 is the flow with the owner (uid) if one has. */
struct fl_conn {
	struct ex_flow	fc_flow;	/* side 0's addresses, ports, ... */
	int		fc_v6;
	uint64_t	fc_pkts[2];	/* side 0 -> 1, side 1 -> 0 */
	uint64_t	fc_bytes[2];
	uint32_t	fc_nrec[2];	/* records summed per direction */
	uint64_t	fc_first;	/* earliest creation time */
	uint64_t	fc_last;	/* latest last-seen time */
	int		fc_have_first;
	int		fc_have_last;
	int		fc_have_uid;
	int		fc_have_proj;
	uint32_t	fc_uid;
	uint32_t	fc_proj;
	uint32_t	fc_next;	/* hash chain, index + 1 */
};

struct fl {
	struct fl_conn	**fl_chunks;	/* in order of first appearance */
	size_t		fl_nchunks;
	size_t		fl_count;
	uint32_t	*fl_hash;	/* heads, index + 1 */
	size_t		fl_hsize;
	int		fl_err;
};

void	fl_init(struct fl *);
void	fl_free(struct fl *);
/* Add a flow record; 0, or -1 if out of memory. */
int	fl_add(struct fl *, const struct ex_flow *);
/* The i-th connection, in order of first appearance. */
const struct fl_conn *fl_get(const struct fl *, size_t i);

#endif /* FLOWS_H */
