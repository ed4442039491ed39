#!/bin/sh
# fleet_bench.sh: what the fleet's database loading costs (see FLEET in
# the manual), run by "make bench" from the project root:
#
#   1. the incremental run of cron: a file of FLEET_BENCH_MB (1000) MB
#      whose last ~10 MB came since the last run, read with exdump -i -R
#      (process rows, and -S) against a full exdump -i of the same file:
#      wall time, and the bytes read (rchar of /proc/PID/io, which counts
#      what read(2) returned, from the page cache or not; for -R it
#      includes reading back its own rows, which wait in a temporary file
#      until the input is done).  It must not read the first 990 MB
#      again: the verdict is on at most twice the new bytes and 1 MiB.
#   2. rows per second through each loader (contrib/postgresql,
#      contrib/clickhouse), three hosts' files of about 100,000 process
#      rows loaded from the start (-N) into a server started here, as in
#      tests/sh/test_fleet.sh, against exdump alone writing the same rows
#      to /dev/null; the first load of the 1 GB file's whole history
#      (about 2 million rows; FLEET_BENCH_FIRST=0 leaves it out), and
#      one incremental loader run over the 1 GB file.
#      A server that cannot start is skipped, with why.
#
# Linux only (/proc/PID/io).  The accounting files and the servers' data
# go to OBJDIR/fleet-bench.XXXXXX (about 3 GB with the defaults, removed
# at the end), the states to a private temporary directory (as root, exdump -R
# keeps its state only where no one else can write).
# Environment: EXDUMP (./exdump), OBJDIR (build), FLEET_BENCH_MB,
# FLEET_BENCH_FIRST.
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
MB=${FLEET_BENCH_MB:-1000}
helper=$root/$OBJDIR/helper_fleet
loadpg=$root/contrib/postgresql/exdump-load-pg
loadch=$root/contrib/clickhouse/exdump-load-ch

if [ ! -r /proc/self/io ]; then
	echo "fleet_bench: skipped: no /proc/self/io (Linux only)"
	exit 0
fi
if [ ! -x "$helper" ] || [ tests/helpers/helper_fleet.c -nt "$helper" ]; then
	make -s OBJDIR="$OBJDIR" "$OBJDIR/helper_fleet" || exit 1
fi
. "$root/tests/lib/private_tmp.sh"
. "$root/tests/lib/dbserver.sh"
tmp=$(private_tmp exdump-fleet-bench) || {
	echo "fleet_bench: no private temporary directory"
	exit 1
}
mkdir -p "$root/$OBJDIR" || exit 1
data=$(mktemp -d "$root/$OBJDIR/fleet-bench.XXXXXX") || exit 1
mkdir -p "$data/srv" || exit 1
# The servers' data (a GB or two) next to the files, not in /run.
chmod 711 "$data" "$data/srv"
srvdir=$data/srv
trap 'stop_servers; rm -rf "$tmp" "$data"' EXIT
watchdog sh -c 'sleep 10; rm -rf "$0" "$1"' "$tmp" "$data"
trap 'exit 130' INT TERM
trap 'exit 1' HUP PIPE
chmod 711 "$tmp"
ERRLOG=$tmp/err
export ERRLOG

PFIELDS=host,procid,pstart,end,start,len,kind,ppid,uid,gid,taskid,projid,\
zone,command,started,finished,usr,sys,time,majf,minf,rwKB,vcxK,icxK,sigK,\
sycK,arMB,mrMB,wait_cpu,wait_blkio,wait_swapin,wait_reclaim,cpu_source,\
kthread,wstat,flags,tty

# now: ns since the epoch.
now() { date +%s%N; }

# measure OUT CMD...: run CMD with standard output to OUT; sets secs
# (wall, s), rchar (bytes read, CMD and its children) and rc.
measure() {
	out=$1
	shift
	t0=$(now)
	rchar=$(sh -c '"$@" >"$0" 2>>"$ERRLOG"; rc=$?
	    sed -n "s/^rchar: //p" /proc/$$/io; exit $rc' "$out" "$@")
	rc=$?
	secs=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.3f",
	    (b - a) / 1e9 }')
}

# --- 1. the incremental run -------------------------------------------

# helper_fleet -p 2000 -s 10 writes about 9.7 MB a round.
rounds=$(awk -v mb="$MB" 'BEGIN { n = int(mb / 9.67 + 0.5); if (n < 2) n = 2
    print n }')
big=$data/big
mkdir -p "$big"
printf 'writing %d rounds of one host (2,000 processes, 10 sweeps a round)...\n' \
    "$rounds"
"$helper" -h 1 -p 2000 -s 10 -R -1 "$big" 0 $((rounds - 2)) || exit 1
f=$big/fleet-a/proc
old=$(wc -c <"$f")
measure /dev/null "$EXDUMP" -i -N -R "$tmp/p.state" -F csv -o "$PFIELDS" "$f"
[ "$rc" = 0 ] || { echo "fleet_bench: exdump -i -N -R failed"; exit 1; }
measure /dev/null "$EXDUMP" -i -S -N -R "$tmp/s.state" -F csv "$f"
[ "$rc" = 0 ] || { echo "fleet_bench: exdump -i -S -N -R failed"; exit 1; }
cp "$tmp/p.state" "$tmp/p0.state"
cp "$tmp/s.state" "$tmp/s0.state"
"$helper" -h 1 -p 2000 -s 10 -R -1 "$big" $((rounds - 1)) $((rounds - 1)) ||
    exit 1
size=$(wc -c <"$f")
new=$((size - old))
# Warm the page cache, then the full runs.
cat "$f" >/dev/null
measure "$tmp/full.csv" "$EXDUMP" -i -F csv -o "$PFIELDS" "$f"
full_s=$secs full_r=$rchar
full_rows=$(($(wc -l <"$tmp/full.csv") - 1))
measure /dev/null "$EXDUMP" -i -S -F csv "$f"
fulls_s=$secs fulls_r=$rchar
measure "$tmp/inc.csv" "$EXDUMP" -i -R "$tmp/p.state" -F csv -o "$PFIELDS" "$f"
inc_s=$secs inc_r=$rchar inc_rc=$rc
inc_rows=$(($(wc -l <"$tmp/inc.csv") - 1))
measure /dev/null "$EXDUMP" -i -S -R "$tmp/s.state" -F csv "$f"
incs_s=$secs incs_r=$rchar incs_rc=$rc
rm -f "$tmp/full.csv"

printf '\nincremental run: a %.1f MB file, the last %.1f MB new\n' \
    "$(awk -v n="$size" 'BEGIN { print n / 1e6 }')" \
    "$(awk -v n="$new" 'BEGIN { print n / 1e6 }')"
printf '%-30s %9s %12s %10s\n' run "wall s" "read MB" rows
printf '%-30s %9s %12.1f %10d\n' "exdump -i (full)" "$full_s" \
    "$(awk -v n="$full_r" 'BEGIN { print n / 1e6 }')" "$full_rows"
printf '%-30s %9s %12.1f %10d\n' "exdump -i -R (incremental)" "$inc_s" \
    "$(awk -v n="$inc_r" 'BEGIN { print n / 1e6 }')" "$inc_rows"
printf '%-30s %9s %12.1f\n' "exdump -i -S (full)" "$fulls_s" \
    "$(awk -v n="$fulls_r" 'BEGIN { print n / 1e6 }')"
printf '%-30s %9s %12.1f\n' "exdump -i -S -R (incremental)" "$incs_s" \
    "$(awk -v n="$incs_r" 'BEGIN { print n / 1e6 }')"
status=0
if [ "$inc_rc" != 0 ] || [ "$incs_rc" != 0 ]; then
	echo "fleet_bench: an incremental run failed: $(tail -n 3 "$ERRLOG")"
	status=1
fi
# The verdict: less than twice the new bytes plus a window (1 MiB) read
# (the new records, and the rows read back from the temporary file).
v=ok
for r in "$inc_r" "$incs_r"; do
	if ! awk -v r="$r" -v n="$new" 'BEGIN { exit !(r < 2 * n + 1048576) }'
	then
		v="REREADS THE FILE"
		status=1
	fi
done
printf 'incremental reads at most twice the new bytes: %s\n' "$v"

# --- 2. the loaders ---------------------------------------------------

load=$data/load
mkdir -p "$load"
"$helper" -h 3 -p 300 -s 20 -R -1 "$load" 0 4 || exit 1
lfiles() {
	printf '%s\n' "$load/fleet-a/proc" "$load/fleet-b/proc" \
	    "$load/fleet-c/proc"
}
# shellcheck disable=SC2046
measure /dev/null "$EXDUMP" -i -F csv -o "$PFIELDS" $(lfiles)
alone_s=$secs
# shellcheck disable=SC2046
rows=$("$EXDUMP" -i -F csv -H -o host $(lfiles) 2>/dev/null | wc -l)
printf '\nloaders: 3 hosts, %d process rows (+ the summary rows)\n' "$rows"
printf '%-36s %9s %10s\n' run "wall s" "rows/s"
printf '%-36s %9s %10.0f\n' "exdump -i -F csv >/dev/null" "$alone_s" \
    "$(awk -v r="$rows" -v s="$alone_s" 'BEGIN { print r / s }')"

# loadall NAME LOADER...: every host's first load, timed together.
loadall() {
	name=$1
	shift
	t0=$(now)
	for h in fleet-a fleet-b fleet-c; do
		"$@" -N -e "$EXDUMP" -s "$tmp/$name.state/$h" "$load/$h/proc" ||
		    return 1
	done
	secs=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.3f",
	    (b - a) / 1e9 }')
}
# bigload NAME LOADER...: the first load of the big file's whole history.
bigload() {
	name=$1
	shift
	t0=$(now)
	"$@" -N -e "$EXDUMP" -s "$tmp/$name.first" "$f" || return 1
	secs=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.3f",
	    (b - a) / 1e9 }')
}
# incload NAME LOADER...: one incremental loader run on the big file,
# whose last round is new.
incload() {
	name=$1
	shift
	mkdir -p "$tmp/$name.big"
	cp "$tmp/p0.state" "$tmp/$name.big/proc.state"
	cp "$tmp/s0.state" "$tmp/$name.big/summary.state"
	t0=$(now)
	"$@" -e "$EXDUMP" -s "$tmp/$name.big" "$f" || return 1
	secs=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.3f",
	    (b - a) / 1e9 }')
}

if pg_start; then
	if loadall pg sh "$loadpg" -d dbname=fleet; then
		n=$(psql -X -At -d fleet -c 'SELECT count(*) FROM exdump.proc_usage')
		printf '%-36s %9s %10.0f\n' "exdump-load-pg (PostgreSQL $(psql \
		    -X -At -d fleet -c 'SHOW server_version' | cut -d' ' -f1))" \
		    "$secs" "$(awk -v r="$n" -v s="$secs" 'BEGIN { print r / s }')"
		[ "$n" = "$rows" ] || {
			echo "fleet_bench: PostgreSQL has $n rows, not $rows"
			status=1
		}
	else
		echo "fleet_bench: exdump-load-pg failed"
		status=1
	fi
	if [ "${FLEET_BENCH_FIRST:-1}" = 1 ] &&
	    psql -X -q -d fleet -c 'TRUNCATE exdump.proc_usage, exdump.summary' &&
	    bigload pgfirst sh "$loadpg" -d dbname=fleet; then
		printf '%-36s %9s %10.0f\n' "exdump-load-pg, a first load" \
		    "$secs" "$(awk -v r="$full_rows" -v s="$secs" \
		    'BEGIN { print r / s }')"
	fi
	if incload pgbig sh "$loadpg" -d dbname=fleet; then
		printf '%-36s %9s\n' "exdump-load-pg, the last 10 MB" "$secs"
	else
		echo "fleet_bench: exdump-load-pg on the 1 GB file failed"
		status=1
	fi
	pg_stop
else
	echo "fleet_bench: PostgreSQL skipped: $why"
fi
if ch_start; then
	C="clickhouse-client --port $chport"
	if loadall ch sh "$loadch" -C "$C"; then
		n=$($C -q 'SELECT count() FROM exdump.proc_usage FINAL')
		printf '%-36s %9s %10.0f\n' "exdump-load-ch (ClickHouse $($C -q \
		    'SELECT version()'))" "$secs" \
		    "$(awk -v r="$n" -v s="$secs" 'BEGIN { print r / s }')"
		[ "$n" = "$rows" ] || {
			echo "fleet_bench: ClickHouse has $n rows, not $rows"
			status=1
		}
	else
		echo "fleet_bench: exdump-load-ch failed"
		status=1
	fi
	if [ "${FLEET_BENCH_FIRST:-1}" = 1 ] &&
	    $C -q 'TRUNCATE TABLE exdump.proc_usage' &&
	    $C -q 'TRUNCATE TABLE exdump.summary' &&
	    bigload chfirst sh "$loadch" -C "$C"; then
		printf '%-36s %9s %10.0f\n' "exdump-load-ch, a first load" \
		    "$secs" "$(awk -v r="$full_rows" -v s="$secs" \
		    'BEGIN { print r / s }')"
	fi
	if incload chbig sh "$loadch" -C "$C"; then
		printf '%-36s %9s\n' "exdump-load-ch, the last 10 MB" "$secs"
	else
		echo "fleet_bench: exdump-load-ch on the 1 GB file failed"
		status=1
	fi
else
	echo "fleet_bench: ClickHouse skipped: $why"
fi
exit "$status"
