/*
 * names.c: catalog names, and user, group, project, service and protocol
 * names looked up once per distinct id.
 *
 * The original exdump calls getpwuid() and friends for every item, which
 * re-reads /etc/passwd each time; a fixed cache makes -v nearly as fast as
 * the plain dump.  The cache never grows: when a bucket is full the oldest
 * entry in it is replaced, so a file with millions of distinct ids costs
 * look-ups, not memory.
 */
#include <sys/types.h>

#include <netinet/in.h>

#include <arpa/inet.h>
#include <grp.h>
#include <netdb.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exacct.h"
#include "exdump.h"

/* Names by data id, as the original's catalog table has them. */
static const char *const names_hdr[] = {
	NULL, "version", "filetype", "creator", "hostname"
};

static const char *const names_grp[] = {
	"group-proc", "group-task", "group-lwp", "group-proc-tag",
	"group-task-tag", "group-lwp-tag", "group-proc-partial",
	"group-task-partial", "group-task-interval", "group-flow"
};

static const char *const names_proc[] = {
	"pid", "uid", "gid", "taskid", "projid", "hostname", "command",
	"start-sec", "start-nsec", "finish-sec", "finish-nsec",
	"cpu-user-sec", "cpu-user-nsec", "cpu-sys-sec", "cpu-sys-nsec",
	"tty-major", "tty-minor", "faults-major", "faults-minor",
	"msgs-recv", "msgs-snd", "blocks-in", "blocks-out", "chars-rdwr",
	"ctxt-vol", "ctxt-inv", "signals", "swaps", "syscalls", "acctflags",
	"proc-tag", "ppid", "wait-status", "zone", "memory-rss-avg-k",
	"memory-rss-max-k"
};

static const char *const names_task[] = {
	"taskid", "projid", "hostname", "start-sec", "start-nsec",
	"finish-sec", "finish-nsec", "cpu-user-sec", "cpu-user-nsec",
	"cpu-sys-sec", "cpu-sys-nsec", "faults-major", "faults-minor",
	"msgs-recv", "msgs-snd", "blocks-in", "blocks-out", "chars-rdwr",
	"ctxt-vol", "ctxt-inv", "signals", "swaps", "syscalls", "task-tag",
	"anctaskid", "zone"
};

static const char *const names_flow[] = {
	"src-addr-v4", "dest-addr-v4", "src-addr-v6", "dest-addr-v6",
	"src-port", "dest-port", "protocol", "diffserv-field", "total-bytes",
	"total-packets", "creation-time", "last-seen", "projid", "uid",
	"action-name"
};

#define	NELEM(a)	(sizeof (a) / sizeof ((a)[0]))

const char *
catalog_name(uint32_t id)
{
	const char *n = NULL;

	if (id >= 1 && id < NELEM(names_hdr))
		n = names_hdr[id];
	else if (id == EXD_GROUP_HEADER)
		n = "group-header";
	else if (id >= 0x100 && id < 0x100 + NELEM(names_grp))
		n = names_grp[id - 0x100];
	else if (id >= 0x1000 && id < 0x1000 + NELEM(names_proc))
		n = names_proc[id - 0x1000];
	else if (id >= 0x2000 && id < 0x2000 + NELEM(names_task))
		n = names_task[id - 0x2000];
	else if (id >= 0x3000 && id < 0x3000 + NELEM(names_flow))
		n = names_flow[id - 0x3000];
	return (n != NULL ? n : "unknown");
}

/*
 * The cache: kind and id hashed to a bucket of WAYS slots.  A slot whose
 * name did not fit is not kept (looked up again next time).
 */
#define	NC_BUCKETS	512
#define	NC_WAYS		4
#define	NC_NAMELEN	48

enum { NK_USER = 1, NK_GROUP, NK_PROJECT, NK_SERVICE, NK_PROTO };

struct nc_slot {
	uint32_t	ns_id;
	uint8_t		ns_kind;	/* 0: empty */
	uint8_t		ns_found;	/* 0: the id has no name */
	char		ns_name[NC_NAMELEN];
};

static struct nc_slot nc[NC_BUCKETS][NC_WAYS];
static unsigned nc_next[NC_BUCKETS];
static char nc_long[1024];	/* a name too long for a slot */

static struct nc_slot *
nc_find(int kind, uint32_t id, struct nc_slot **victim)
{
	uint32_t h = (id * 2654435761u) ^ (uint32_t)kind * 40503u;
	unsigned b = (h >> 16) % NC_BUCKETS, i;

	for (i = 0; i < NC_WAYS; i++) {
		struct nc_slot *s = &nc[b][i];

		if (s->ns_kind == kind && s->ns_id == id)
			return (s);
	}
	*victim = &nc[b][nc_next[b]];
	nc_next[b] = (nc_next[b] + 1) % NC_WAYS;
	return (NULL);
}

/* Keep a name found for (kind, id); returns the name to print. */
static const char *
nc_keep(struct nc_slot *v, int kind, uint32_t id, const char *name)
{
	size_t len = name != NULL ? strlen(name) : 0;

	if (name != NULL && len >= NC_NAMELEN) {
		/* Too long to cache: hand back a copy. */
		if (len >= sizeof (nc_long))
			len = sizeof (nc_long) - 1;
		memcpy(nc_long, name, len);
		nc_long[len] = '\0';
		return (nc_long);
	}
	v->ns_kind = (uint8_t)kind;
	v->ns_id = id;
	v->ns_found = name != NULL;
	if (name != NULL)
		memcpy(v->ns_name, name, len + 1);
	return (v->ns_found ? v->ns_name : NULL);
}

#define	NC_LOOKUP(kind, id)						\
	struct nc_slot *v_, *s_ = nc_find((kind), (id), &v_);		\
	if (s_ != NULL)							\
		return (s_->ns_found ? s_->ns_name : NULL)

const char *
name_user(uint32_t uid)
{
	struct passwd *pw;

	NC_LOOKUP(NK_USER, uid);
	pw = getpwuid((uid_t)uid);
	return (nc_keep(v_, NK_USER, uid, pw != NULL ? pw->pw_name : NULL));
}

const char *
name_group(uint32_t gid)
{
	struct group *gr;

	NC_LOOKUP(NK_GROUP, gid);
	gr = getgrgid((gid_t)gid);
	return (nc_keep(v_, NK_GROUP, gid, gr != NULL ? gr->gr_name : NULL));
}

const char *
name_project(uint32_t projid)
{
	char buf[256];

	NC_LOOKUP(NK_PROJECT, projid);
	return (nc_keep(v_, NK_PROJECT, projid,
	    os_project_name(projid, buf, sizeof (buf)) == 0 ? buf : NULL));
}

const char *
name_service(uint16_t port)
{
	struct servent *se;

	NC_LOOKUP(NK_SERVICE, port);
	se = getservbyport((int)htons(port), NULL);
	return (nc_keep(v_, NK_SERVICE, port, se != NULL ? se->s_name : NULL));
}

const char *
name_proto(uint8_t proto)
{
	struct protoent *pe;

	NC_LOOKUP(NK_PROTO, proto);
	pe = getprotobynumber(proto);
	return (nc_keep(v_, NK_PROTO, proto, pe != NULL ? pe->p_name : NULL));
}

/*
 * The name of project projid in a file of the project(5) format, one
 * "name:id:comment:users:groups:attributes" a line; 0, or -1 if none (or
 * if it does not fit in buf).
 */
int
project_name_in(const char *path, uint32_t projid, char *buf, size_t len)
{
	FILE *f;
	char line[1024];
	int found = -1;

	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof (line), f) != NULL) {
		char *id, *end, *colon;
		unsigned long v;

		if (line[0] == '#' || (colon = strchr(line, ':')) == NULL)
			continue;
		*colon = '\0';
		id = colon + 1;
		if (*id < '0' || *id > '9')
			continue;
		v = strtoul(id, &end, 10);
		if (*end != ':' || v != projid)
			continue;
		if (strlen(line) < len) {
			(void) strcpy(buf, line);
			found = 0;
		}
		break;
	}
	(void) fclose(f);
	return (found);
}
