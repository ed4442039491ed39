#!/bin/sh
# test_fleet.sh: the database loaders (contrib/postgresql/exdump-load-pg,
# contrib/clickhouse/exdump-load-ch) against real servers started here,
# PostgreSQL and ClickHouse from Debian's packages.
#
# Three hosts' files are written by helper_fleet in ten rounds, as cron
# sweeps would write them (exits, pid reuse, a rotation before round 5).
# After each round every host's loader runs, incrementally (exdump -i
# -R).  Round 3: exdump is killed part-way (SIGKILL, after some rows).
# Round 6: exdump fails part-way (exits 1 after some rows).  Round 7:
# every loader runs twice.  Round 8: the whole loader is killed part-way.
# Afterwards each database must hold exactly the rows of one full
# "exdump -i" over the complete files, no duplicate and none missing,
# the summary rows of one full "exdump -i -S", and SUM of CPU per host
# per interval in SQL must equal exdump -i -S's.
#
# The checks, for each database (pg, ch): _server, it started; _rounds,
# every load that should succeed did; _failures (pg), the failed and
# killed loads exited non-zero, changed no state and committed no row;
# _twice (pg), the second load of round 7 added nothing; _incremental
# (pg), every round that loaded added rows; _rows, _summary and _cpu,
# the rows and sums above; _queries (pg), queries.sql runs;
# _same_as_pg (ch), CPU per hour per command is PostgreSQL's;
# _task_flow, the fixtures' task and flow records loaded twice are there
# once each.
#
# A server that cannot be started is "skip NAME: why"; with
# EXDUMP_REQUIRE_PG=1 (as .ci/run sets it) PostgreSQL's is "not ok".
# PG_BINDIR and CLICKHOUSE_SERVER name the servers' binaries if they
# are not where Debian puts them.
LC_ALL=C
TZ=UTC
export LC_ALL TZ
root=$(pwd)
EXDUMP=${EXDUMP:-./exdump}
case $EXDUMP in
/*) ;;
*) EXDUMP=$root/$EXDUMP ;;
esac
OBJDIR=${OBJDIR:-build}
case $OBJDIR in
/*) ;;
*) OBJDIR=$root/$OBJDIR ;;
esac
helper=$OBJDIR/helper_fleet
loadpg=${EXDUMP_LOAD_PG:-$root/contrib/postgresql/exdump-load-pg}
loadch=${EXDUMP_LOAD_CH:-$root/contrib/clickhouse/exdump-load-ch}

ok() { echo "ok $1"; }
notok() {
	n=$1
	shift
	echo "not ok $n: $*"
}
skip() {
	n=$1
	shift
	echo "skip $n: $*"
}

NAMES="fleet_pg_server fleet_pg_rounds fleet_pg_failures fleet_pg_twice
fleet_pg_incremental fleet_pg_rows fleet_pg_summary fleet_pg_cpu
fleet_pg_queries fleet_pg_task_flow fleet_ch_server fleet_ch_rounds
fleet_ch_rows fleet_ch_summary fleet_ch_cpu fleet_ch_same_as_pg
fleet_ch_task_flow"
skipall() {
	for n in $NAMES; do
		if [ "$n" = fleet_pg_server ] &&
		    [ "${EXDUMP_REQUIRE_PG:-}" = 1 ]; then
			notok "$n" "$*"
		else
			skip "$n" "$*"
		fi
	done
	exit 0
}
[ -x "$helper" ] || skipall "no $helper (make $OBJDIR/helper_fleet)"
command -v python3 >/dev/null 2>&1 || skipall "no python3"

. "$root/tests/lib/private_tmp.sh"
# As root, exdump -R writes its state only through directories no one
# else can write: a directory in a root-only one.
tmp=$(private_tmp exdump-fleet) || skipall "no private temporary directory"
. "$root/tests/lib/dbserver.sh"
trap 'stop_servers; rm -rf "$tmp"' EXIT
# Killed, the test leaves nothing either: the servers' watchdogs stop
# them, this one takes the directory away after them.
watchdog sh -c 'sleep 10; rm -rf "$0"' "$tmp"
# A reader that goes away (| head) ends the test through the trap.
trap 'exit 1' HUP INT TERM PIPE
# The servers run as their own users, who must reach their directories.
chmod 711 "$tmp"

# --- the files ------------------------------------------------------

hosts="fleet-a fleet-b fleet-c"
# allfiles DIR: every host's files in DIR, the rotated one first.
allfiles() {
	for h in $hosts; do
		[ -e "$1/$h/proc.0" ] && printf '%s\n' "$1/$h/proc.0"
		printf '%s\n' "$1/$h/proc"
	done
}

# The comparison: expected JSON lines (exdump's) against the database's,
# as multisets of rows over the keys given; text keys end in ":t".
cat >"$tmp/compare.py" <<'EOF'
import json, sys
from collections import Counter
from decimal import Decimal

def norm(v, text):
    if v is None:
        return None
    if text:
        return str(v)
    return Decimal(str(v))

def rows(path, keys, cpu):
    out = Counter()
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            o = json.loads(line, parse_float=Decimal)
            if cpu and "cpu" not in o:
                o["cpu"] = o.get("usr_ns", 0) + o.get("sys_ns", 0)
            out[tuple(norm(o.get(k), t) for k, t in keys)] += 1
    return out

exp, act, spec = sys.argv[1:4]
cpu = len(sys.argv) > 4
keys = [(k[:-2], True) if k.endswith(":t") else (k, False)
        for k in spec.split(",")]
e = rows(exp, keys, cpu)
a = rows(act, keys, cpu)
if e == a:
    print(sum(e.values()))
    sys.exit(0)
missing = e - a
extra = a - e
print("%d rows expected, %d in the database; %d missing, %d extra" %
      (sum(e.values()), sum(a.values()), sum(missing.values()),
       sum(extra.values())))
for r in list(missing)[:3]:
    print("missing: %r" % (r,))
for r in list(extra)[:3]:
    print("extra: %r" % (r,))
sys.exit(1)
EOF
compare() {
	python3 "$tmp/compare.py" "$@" >"$tmp/cmp" 2>&1
}

# The fields compared: exdump's JSON keys (text ones with :t).
PKEYS="host:t,procid,pstart_ns,end_ns,start_ns,len_ns,kind:t,ppid,uid,\
user:t,gid,group:t,taskid,projid,project:t,zone:t,command:t,started_ns,finished_ns,usr_ns,sys_ns,\
time_ns,majf,minf,rwKB,vcxK,icxK,sigK,sycK,arMB,mrMB,wait_cpu_ns,\
wait_blkio_ns,wait_swapin_ns,wait_reclaim_ns,cpu_source:t,kthread,wstat,\
flags,tty:t"
PFIELDS=$(echo "$PKEYS" | sed 's/:t//g; s/_ns//g')
SKEYS="host:t,end_ns,start_ns,len_ns,nproc,exits,lost,usr_ns,sys_ns,majf,\
minf,rwKB,vcxK,icxK,sigK,sycK,wait_cpu_ns,wait_blkio_ns,wait_swapin_ns,\
wait_reclaim_ns,hostcpu_ns,ncpu,capture"
SFIELDS=$(echo "$SKEYS" | sed 's/:t//g; s/_ns//g')

# Wrappers of exdump for the failing rounds: killed after some rows,
# failing after some rows, and one that waits to be killed with its
# loader.
cat >"$tmp/exdump-killed" <<EOF
#!/bin/sh
"$EXDUMP" "\$@" | head -n 7
kill -KILL \$\$
EOF
cat >"$tmp/exdump-fails" <<EOF
#!/bin/sh
"$EXDUMP" "\$@" | head -n 7
exit 1
EOF
cat >"$tmp/exdump-stalls" <<EOF
#!/bin/sh
"$EXDUMP" "\$@" | head -n 7
: >"$tmp/stalled"
sleep 60
EOF
chmod +x "$tmp/exdump-killed" "$tmp/exdump-fails" "$tmp/exdump-stalls"

# rounds NAME LOADER ARGS...: the ten rounds, each host's loader after
# each; LOADER gets -e, -s and the files after ARGS.  Each pass grows its
# own files, $tmp/NAME.files (helper_fleet writes the same bytes every
# time), so that they grow and rotate in place, as a host's do.  Sets
# fails (what went wrong) and leaves the loaders' exit statuses in
# $tmp/NAME.rc.
rounds() {
	name=$1
	shift
	fails='' fails7=''
	rm -rf "$tmp/$name.state" "$tmp/$name.files"
	mkdir -p "$tmp/$name.state" "$tmp/$name.files"
	: >"$tmp/$name.rc"
	: >"$tmp/$name.counts"
	r=0
	while [ $r -le 9 ]; do
		"$helper" "$tmp/$name.files" $r $r || return 1
		for h in $hosts; do
			st=$tmp/$name.state/$h
			N=
			[ $r = 0 ] && N=-N
			fl="$tmp/$name.files/$h/proc.0 $tmp/$name.files/$h/proc"
			ex=$EXDUMP
			case $r in
			3) ex=$tmp/exdump-killed ;;
			6) ex=$tmp/exdump-fails ;;
			esac
			if [ $r = 3 ] || [ $r = 6 ] || [ $r = 8 ]; then
				cp -R "$st" "$st.before"
				before_rows "$h"
			fi
			if [ $r = 8 ]; then
				# The loader in a process group of its own, so
				# that it is killed with exdump and the client.
				rm -f "$tmp/stalled"
				# shellcheck disable=SC2086
				setsid "$@" $N -e "$tmp/exdump-stalls" \
				    -s "$st" $fl >>"$tmp/$name.log" 2>&1 &
				lp=$!
				i=0
				while [ ! -f "$tmp/stalled" ] && [ $i -lt 300 ]; do
					sleep 0.1
					i=$((i + 1))
				done
				kill -KILL "-$lp" 2>/dev/null ||
				    kill -KILL "$lp"
				wait "$lp" 2>/dev/null
				rc=$?
			else
				# shellcheck disable=SC2086
				"$@" $N -e "$ex" -s "$st" $fl \
				    >>"$tmp/$name.log" 2>&1
				rc=$?
			fi
			echo "$r $h $rc" >>"$tmp/$name.rc"
			case $r in
			3|6|8)
				[ "$rc" != 0 ] ||
				    fails="$fails; round $r $h: exit 0"
				for k in proc summary; do
					cmp -s "$st.before/$k.state" \
					    "$st/$k.state" ||
					    fails="$fails; round $r $h: $k changed"
				done
				after_rows "$h" ||
				    fails="$fails; round $r $h: rows committed"
				rm -rf "$st.before"
				;;
			7)
				[ "$rc" = 0 ] ||
				    fails7="$fails7; round $r $h: exit $rc"
				before_rows "$h"
				# shellcheck disable=SC2086
				"$@" -e "$EXDUMP" -s "$st" $fl \
				    >>"$tmp/$name.log" 2>&1
				rc=$?
				echo "$r $h $rc (again)" >>"$tmp/$name.rc"
				[ "$rc" = 0 ] ||
				    fails7="$fails7; round 7 again $h: exit $rc"
				after_rows "$h" ||
				    fails7="$fails7; round 7 again $h: rows added"
				;;
			*)
				[ "$rc" = 0 ] ||
				    fails="$fails; round $r $h: exit $rc"
				;;
			esac
		done
		echo "$r $(count_rows)" >>"$tmp/$name.counts"
		r=$((r + 1))
	done
	# What is left of the killed loaders' copies of the state.
	rm -f "$tmp/$name.state"/*/*.state.[0-9]*
	return 0
}

# expected DIR: the expected rows, of one full run over the complete
# files of DIR.
expected() {
	# shellcheck disable=SC2046
	"$EXDUMP" -i -t proc -F json -o "$PFIELDS" $(allfiles "$1") \
	    >"$tmp/exp.proc" 2>"$tmp/exp.err" &&
	    "$EXDUMP" -i -S -F json -o "$SFIELDS" $(allfiles "$1") \
	    >"$tmp/exp.sum" 2>>"$tmp/exp.err"
}

# --- PostgreSQL -----------------------------------------------------

pgq() {
	psql -X -q -At -d fleet -c "$1"
}

# PostgreSQL: the rows of a host before a load, and after it the same.
pg_before_rows() {
	pgrows=$(pgq "SELECT (SELECT count(*) FROM exdump.proc_usage
	    WHERE host = '$1') || ' ' || (SELECT count(*) FROM exdump.summary
	    WHERE host = '$1')")
}
pg_after_rows() {
	[ "$(pgq "SELECT (SELECT count(*) FROM exdump.proc_usage
	    WHERE host = '$1') || ' ' || (SELECT count(*) FROM exdump.summary
	    WHERE host = '$1')")" = "$pgrows" ]
}

# The database's rows as exdump's JSON.
PG_PROC_JSON="SELECT row_to_json(t) FROM (SELECT host, procid, pstart_ns,
    end_ns, start_ns, len_ns, kind, ppid, uid, user_name AS \"user\", gid,
    group_name AS \"group\", taskid, projid, project_name AS \"project\",
    zone, command, started_ns, finished_ns, usr_ns, sys_ns, time_ns, majf,
    minf, rwkb AS \"rwKB\", vcxk AS \"vcxK\", icxk AS \"icxK\", sigk AS \"sigK\",
    syck AS \"sycK\", armb AS \"arMB\", mrmb AS \"mrMB\", wait_cpu_ns,
    wait_blkio_ns, wait_swapin_ns, wait_reclaim_ns, cpu_source, kthread,
    wstat, flags, tty FROM exdump.proc_usage) t"
PG_SUM_JSON="SELECT row_to_json(t) FROM (SELECT host, end_ns, start_ns,
    len_ns, nproc, exits, lost, usr_ns, sys_ns, majf, minf,
    rwkb AS \"rwKB\", vcxk AS \"vcxK\", icxk AS \"icxK\", sigk AS \"sigK\",
    syck AS \"sycK\", wait_cpu_ns, wait_blkio_ns, wait_swapin_ns,
    wait_reclaim_ns, hostcpu_ns, ncpu, capture FROM exdump.summary) t"
PG_CPU_JSON="SELECT row_to_json(t) FROM (SELECT host, end_ns,
    sum(coalesce(usr_ns, 0) + coalesce(sys_ns, 0)) AS cpu
    FROM exdump.proc_usage GROUP BY host, end_ns) t"
# CPU per hour per command, as both databases give it.
PG_HOURLY="SELECT row_to_json(t) FROM (SELECT (end_ns / 3600000000000)
    AS hour, command, sum(coalesce(usr_ns, 0) + coalesce(sys_ns, 0))
    AS cpu FROM exdump.proc_usage GROUP BY 1, 2) t"

if pg_start; then
	ok fleet_pg_server
	before_rows() { pg_before_rows "$@"; }
	count_rows() { pgq 'SELECT count(*) FROM exdump.proc_usage'; }
	after_rows() { pg_after_rows "$@"; }
	if rounds pg sh "$loadpg" -d "dbname=fleet"; then
		bad=$(grep -v '^[0-9]* [a-z-]* 0' "$tmp/pg.rc" |
		    grep -v '^[368] ')
		if [ -n "$bad" ]; then
			notok fleet_pg_rounds "loaders failed: $bad" \
			    "$(tail -n 5 "$tmp/pg.log")"
		else
			ok fleet_pg_rounds
		fi
		if [ -z "$fails" ]; then
			ok fleet_pg_failures
		else
			notok fleet_pg_failures "${fails#; }"
		fi
		if grep -q '^7 .*(again)' "$tmp/pg.rc" && [ -z "$fails7" ]; then
			ok fleet_pg_twice
		else
			notok fleet_pg_twice "${fails7#; }"
		fi
		# Every round that loaded added rows (the ones that failed
		# none), as the files grew: the loads are incremental.
		if awk 'BEGIN { p = 0 }
		    { bad = bad || ($1 ~ /^[368]$/ ? $2 != p : $2 <= p); p = $2 }
		    END { exit bad || NR != 10 }' "$tmp/pg.counts"; then
			ok fleet_pg_incremental
		else
			notok fleet_pg_incremental "rows after each round:" \
			    "$(tr '\n' ' ' <"$tmp/pg.counts")"
		fi
	else
		notok fleet_pg_rounds "helper_fleet failed"
	fi
	if expected "$tmp/pg.files"; then
		pgq "$PG_PROC_JSON" >"$tmp/pg.proc"
		if compare "$tmp/exp.proc" "$tmp/pg.proc" "$PKEYS"; then
			ok fleet_pg_rows
		else
			notok fleet_pg_rows "$(cat "$tmp/cmp")"
		fi
		pgq "$PG_SUM_JSON" >"$tmp/pg.sum"
		if compare "$tmp/exp.sum" "$tmp/pg.sum" "$SKEYS"; then
			ok fleet_pg_summary
		else
			notok fleet_pg_summary "$(cat "$tmp/cmp")"
		fi
		pgq "$PG_CPU_JSON" >"$tmp/pg.cpu"
		if compare "$tmp/exp.sum" "$tmp/pg.cpu" "host:t,end_ns,cpu" cpu
		then
			ok fleet_pg_cpu
		else
			notok fleet_pg_cpu "$(cat "$tmp/cmp")"
		fi
	else
		for n in fleet_pg_rows fleet_pg_summary fleet_pg_cpu; do
			notok $n "the full exdump run failed: $(cat "$tmp/exp.err")"
		done
	fi
	# The example queries run and give rows.
	if psql -X -q -d fleet -v ON_ERROR_STOP=1 \
	    -f "$root/contrib/postgresql/queries.sql" >"$tmp/pg.q" 2>&1 &&
	    grep -q 'postgres' "$tmp/pg.q" && grep -q 'fleet-c' "$tmp/pg.q"
	then
		ok fleet_pg_queries
	else
		notok fleet_pg_queries "$(head -n 5 "$tmp/pg.q")"
	fi
	pgq "$PG_HOURLY" >"$tmp/pg.hourly"
	# Tasks and flows: the fixtures' records, loaded twice.
	t=$root/fixtures/exacct/task.exacct
	f=$root/fixtures/exacct/flow.exacct
	if sh "$loadpg" -k task,flow -H crun -e "$EXDUMP" -d dbname=fleet \
	    -s "$tmp/pg.tf" "$t" "$f" >"$tmp/pg.tf.log" 2>&1 &&
	    sh "$loadpg" -k task,flow -H crun -e "$EXDUMP" -d dbname=fleet \
	    -s "$tmp/pg.tf" "$t" "$f" >>"$tmp/pg.tf.log" 2>&1; then
		nt=$("$EXDUMP" -c -t task -F json "$t" | sort -u | wc -l)
		nf=$("$EXDUMP" -c -t flow -F json "$f" | sort -u | wc -l)
		got="$(pgq 'SELECT count(*) FROM exdump.task_usage') $(pgq \
		    'SELECT count(*) FROM exdump.flow_usage')"
		if [ "$got" = "$((nt)) $((nf))" ] && [ "$nt" -gt 0 ] &&
		    [ "$nf" -gt 0 ]; then
			ok fleet_pg_task_flow
		else
			notok fleet_pg_task_flow "tasks and flows $got," \
			    "expected $((nt)) $((nf))"
		fi
	else
		notok fleet_pg_task_flow "$(tail -n 5 "$tmp/pg.tf.log")"
	fi
else
	if [ "${EXDUMP_REQUIRE_PG:-}" = 1 ]; then
		notok fleet_pg_server "$why"
	else
		skip fleet_pg_server "$why"
	fi
	for n in fleet_pg_rounds fleet_pg_failures fleet_pg_twice \
	    fleet_pg_incremental fleet_pg_rows fleet_pg_summary fleet_pg_cpu \
	    fleet_pg_queries fleet_pg_task_flow; do
		skip $n "no PostgreSQL server"
	done
fi
pg_stop

# --- ClickHouse -----------------------------------------------------

chq() {
	clickhouse-client --port "$chport" \
	    --output_format_json_quote_64bit_integers=0 -q "$1"
}

CH_PROC="SELECT * FROM exdump.proc_usage FINAL FORMAT JSONEachRow"
CH_SUM="SELECT * FROM exdump.summary FINAL FORMAT JSONEachRow"
CH_CPU="SELECT host, end_ns, sum(ifNull(usr_ns, 0) + ifNull(sys_ns, 0))
    AS cpu FROM exdump.proc_usage FINAL GROUP BY host, end_ns
    FORMAT JSONEachRow"
CH_HOURLY="SELECT intDiv(end_ns, 3600000000000) AS hour, command,
    sum(ifNull(usr_ns, 0) + ifNull(sys_ns, 0)) AS cpu
    FROM exdump.proc_usage FINAL GROUP BY hour, command FORMAT JSONEachRow"

if ch_start; then
	ok fleet_ch_server
	# No transaction: a failed load may leave rows, which the next
	# load gives again and the merge drops; nothing to check before.
	before_rows() { :; }
	after_rows() { :; }
	count_rows() { :; }
	if rounds ch sh "$loadch" -C "clickhouse-client --port $chport"; then
		bad=$(grep -v '^[0-9]* [a-z-]* 0' "$tmp/ch.rc" |
		    grep -v '^[368] ')
		if [ -n "$bad" ]; then
			notok fleet_ch_rounds "loaders failed: $bad" \
			    "$(tail -n 5 "$tmp/ch.log")"
		elif [ -n "$fails$fails7" ]; then
			notok fleet_ch_rounds "${fails#; }${fails7}"
		else
			ok fleet_ch_rounds
		fi
	else
		notok fleet_ch_rounds "helper_fleet failed"
	fi
	if expected "$tmp/ch.files"; then
		chq "$CH_PROC" >"$tmp/ch.proc"
		if compare "$tmp/exp.proc" "$tmp/ch.proc" "$PKEYS"; then
			ok fleet_ch_rows
		else
			notok fleet_ch_rows "$(cat "$tmp/cmp")"
		fi
		chq "$CH_SUM" >"$tmp/ch.sum"
		if compare "$tmp/exp.sum" "$tmp/ch.sum" "$SKEYS"; then
			ok fleet_ch_summary
		else
			notok fleet_ch_summary "$(cat "$tmp/cmp")"
		fi
		chq "$CH_CPU" >"$tmp/ch.cpu"
		if compare "$tmp/exp.sum" "$tmp/ch.cpu" "host:t,end_ns,cpu" cpu
		then
			ok fleet_ch_cpu
		else
			notok fleet_ch_cpu "$(cat "$tmp/cmp")"
		fi
	else
		for n in fleet_ch_rows fleet_ch_summary fleet_ch_cpu; do
			notok $n "the full exdump run failed: $(cat "$tmp/exp.err")"
		done
	fi
	chq "$CH_HOURLY" >"$tmp/ch.hourly"
	if [ -s "$tmp/pg.hourly" ]; then
		if clickhouse-client --port "$chport" --multiquery \
		    <"$root/contrib/clickhouse/queries.sql" >"$tmp/ch.q" 2>&1 &&
		    grep -q postgres "$tmp/ch.q" &&
		    compare "$tmp/pg.hourly" "$tmp/ch.hourly" "hour,command:t,cpu"
		then
			ok fleet_ch_same_as_pg
		else
			notok fleet_ch_same_as_pg "$(cat "$tmp/cmp")" \
			    "$(head -n 3 "$tmp/ch.q")"
		fi
	else
		skip fleet_ch_same_as_pg "no PostgreSQL result to compare with"
	fi
	t=$root/fixtures/exacct/task.exacct
	f=$root/fixtures/exacct/flow.exacct
	C="clickhouse-client --port $chport"
	if sh "$loadch" -C "$C" -k task,flow -H crun -e "$EXDUMP" \
	    -s "$tmp/ch.tf" "$t" "$f" >"$tmp/ch.tf.log" 2>&1 &&
	    sh "$loadch" -C "$C" -k task,flow -H crun -e "$EXDUMP" \
	    -s "$tmp/ch.tf" "$t" "$f" >>"$tmp/ch.tf.log" 2>&1; then
		nt=$("$EXDUMP" -c -t task -F json "$t" | sort -u | wc -l)
		nf=$("$EXDUMP" -c -t flow -F json "$f" | sort -u | wc -l)
		got="$(chq 'SELECT count() FROM exdump.task_usage FINAL') $(chq \
		    'SELECT count() FROM exdump.flow_usage FINAL')"
		if [ "$got" = "$((nt)) $((nf))" ] && [ "$nt" -gt 0 ]; then
			ok fleet_ch_task_flow
		else
			notok fleet_ch_task_flow "tasks and flows $got," \
			    "expected $((nt)) $((nf))"
		fi
	else
		notok fleet_ch_task_flow "$(tail -n 5 "$tmp/ch.tf.log")"
	fi
else
	skip fleet_ch_server "$why"
	for n in fleet_ch_rounds fleet_ch_rows fleet_ch_summary fleet_ch_cpu \
	    fleet_ch_same_as_pg fleet_ch_task_flow; do
		skip $n "no ClickHouse server"
	done
fi
exit 0
