/*
 * tables.h: where the rows of each table go.  The first table to have a
 * row goes straight to standard output; the others wait in temporary
 * files until the input is done (unless only one table is printed, or
 * the format is JSON, whose objects carry their type), so memory stays
 * constant whatever the input.  A table's header is written before its
 * first row.
 */
#ifndef TABLES_H
#define TABLES_H

#include <stdio.h>

#include "exdump.h"
#include "out.h"
#include "report.h"

struct spool {
	FILE		*sp_f;
	struct out	*sp_out;
};

struct tables {
	struct rpt	tb_rp;
	const struct opts *tb_op;
	struct spool	tb_sp[4];
	int		tb_started[4];
	int		tb_failed[4];
};

void	tables_init(struct tables *, const struct opts *);
/* Make table (TBL_*) ready for a row: 0, or -1 if it has nowhere to go. */
int	tables_use(struct tables *, int table, int *status);
/* The tables that waited, after the first; the header of an empty -t. */
void	tables_finish(struct tables *, int *status);
/* The table of a record type (EXR_*). */
int	table_of(int type);
/* The record types a -t choice reads (1 << EXR_*). */
unsigned tables_want(const struct opts *);

#endif /* TABLES_H */
