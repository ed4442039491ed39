/*
 * columns.c: the columnar report, "exdump -c": every record of every
 * file, in the order given, one row each in the table of its type.
 */
#include <stdio.h>

#include "exdump.h"
#include "filter.h"
#include "out.h"
#include "records.h"
#include "report.h"
#include "tables.h"

/* Whether the filters (if any) let a record through. */
static int
keep(const struct filt *f, const struct ex_record *rec)
{
	if (f == NULL)
		return (1);
	switch (rec->er_type) {
	case EXR_PROC:
		return (filt_proc(f, &rec->er_u.er_proc, NULL));
	case EXR_TASK:
		return (filt_task(f, &rec->er_u.er_task, NULL));
	default:
		return (filt_flow(f, &rec->er_u.er_flow));
	}
}

int
report_files(int nfiles, char *const files[], const struct opts *op)
{
	static struct tables tb;
	static struct rec_reader rd;
	static struct ex_record rec;
	int i, x, status = EXIT_OK;

	tables_init(&tb, op);
	for (i = 0; i < nfiles; i++) {
		if (rec_open(&rd, files[i]) == -1) {
			out_flush(out_std);
			(void) fprintf(stderr, "%s: cannot open %s: %s\n",
			    progname, files[i], rd.rr_emsg);
			if (status < EXIT_OPEN)
				status = EXIT_OPEN;
			continue;
		}
		rec_want(&rd, tables_want(op));
		while ((x = rec_next(&rd, &rec)) != EX_END) {
			if (x == EX_ERR) {
				warn_file(files[i], "offset %llu: %s",
				    (unsigned long long)rd.rr_eoff,
				    rd.rr_emsg);
				status = EXIT_DAMAGE;
				continue;
			}
			if (!keep(op->op_filt, &rec))
				continue;
			if (tables_use(&tb, table_of(rec.er_type),
			    &status) == -1)
				continue;
			switch (rec.er_type) {
			case EXR_PROC:
				rpt_proc_row(&tb.tb_rp, &rec.er_u.er_proc,
				    NULL);
				break;
			case EXR_TASK:
				rpt_task_row(&tb.tb_rp, &rec.er_u.er_task,
				    NULL);
				break;
			default:
				rpt_flow_row(&tb.tb_rp, &rec.er_u.er_flow);
				break;
			}
		}
		rec_close(&rd);
	}
	tables_finish(&tb, &status);
	return (status);
}
