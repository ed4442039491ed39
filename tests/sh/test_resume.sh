#!/bin/sh
# test_resume.sh: -i -R, the incremental interval report.  Rounds of real
# sweeps of this machine (as root on Linux), a rotation in the middle, a
# run that fails and one run twice: the rows of all the runs, put
# together, are exactly those of one full -i over the files (the oracle),
# each once, for the process rows and for -S.  A run reads from where the
# last one stopped: damage written before that point is never seen.  And
# every bad state file, and every usage error, says what is wrong.
LC_ALL=C TZ=UTC
export LC_ALL TZ
EXDUMP=${EXDUMP:-./exdump}
case $EXDUMP in
/*) ;;
*) EXDUMP=$(pwd)/$EXDUMP ;;
esac
. tests/lib/private_tmp.sh
tmp=$(private_tmp exdump-resume) || tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fix=$(pwd)/fixtures/exacct

# usage NAME WANT ARGS...: exit 2, nothing on stdout, WANT first on stderr.
usage() {
	name=$1
	want=$2
	shift 2
	"$EXDUMP" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	first=$(head -n 1 "$tmp/err")
	if [ "$rc" -ne 2 ] || [ -s "$tmp/out" ] || [ "$first" != "$want" ]; then
		echo "not ok resume_$name: exit $rc, \"$first\""
	else
		echo "ok resume_$name"
	fi
}
usage no_i "exdump: -R keeps where -i stopped: it needs -i, without -w" \
    -c -R "$tmp/st" "$fix/proc.exacct"
usage N_alone "exdump: -N starts a new state: it needs -R" -i -N \
    "$fix/proc.exacct"
usage task "exdump: -R prints process rows or -S rows only: -t can only be proc" \
    -i -t task -R "$tmp/st" "$fix/task.exacct"
usage g "exdump: -R: -g and -f cannot be used with it (sum by key in the database)" \
    -i -S -g user -R "$tmp/st" "$fix/proc.exacct"
usage empty 'exdump: -R takes a state file, not ""' -i -R "" \
    "$fix/proc.exacct"
usage range "exdump: -R prints what is new: -s and -e cannot be used with it" \
    -i -e 12:00 -R "$tmp/st" "$fix/proc.exacct"

# fails NAME WANT ARGS...: exit 1, nothing on stdout, WANT on stderr.
fails() {
	name=$1
	want=$2
	shift 2
	"$EXDUMP" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	if [ "$rc" -ne 1 ] || [ -s "$tmp/out" ] ||
	    ! grep -qF -- "$want" "$tmp/err"; then
		echo "not ok resume_$name: exit $rc, stdout $(wc -c <"$tmp/out")" \
		    "bytes, stderr: $(head -n 2 "$tmp/err")"
	else
		echo "ok resume_$name"
	fi
}
fails missing "exdump: $tmp/none: no state file (give -N to start one" \
    -i -R "$tmp/none" "$fix/proc.exacct"
echo "hello" >"$tmp/foreign"
fails foreign "exdump: $tmp/foreign: not an exdump state file" \
    -i -R "$tmp/foreign" "$fix/proc.exacct"
printf 'exdump-state 2\nend 0 0\n' >"$tmp/v2"
fails version "exdump: $tmp/v2: a state file of version 2; exdump" \
    -i -R "$tmp/v2" "$fix/proc.exacct"
printf 'exdump-state 1\nrows rows\nhost a 5\n' >"$tmp/cut"
fails truncated "exdump: $tmp/cut: truncated: no end line after line 3" \
    -i -R "$tmp/cut" "$fix/proc.exacct"
printf 'exdump-state 1\nrows rows\nhost a 5\ninput 1 2 3 4 0 0 /gone\nend 1 2\n' >"$tmp/bad"
fails end_count "exdump: $tmp/bad: line 5: the end line does not match" \
    -i -R "$tmp/bad" "$fix/proc.exacct"
printf 'exdump-state 1\nrows rows\ninput 1 2 3 4 0 0 /var/gone\\040away\nend 0 1\n' \
    >"$tmp/gone"
fails gone "the last run stopped in /var/gone\\040away (device 1, inode 2), which is not among the files given" \
    -i -R "$tmp/gone" "$fix/proc.exacct"
fails stdin "exdump: -R: - is not a regular file" -i -R "$tmp/st" -N -
printf 'exdump-state 1\nrows S\nend 0 0\n' >"$tmp/ofS"
fails other_options "exdump: $tmp/ofS: kept for runs of other options (S); give each its own state file" \
    -i -R "$tmp/ofS" "$fix/proc.exacct"
printf 'exdump-state 1\nhost a 5\nend 1 0\n' >"$tmp/norows"
fails no_rows_line "exdump: $tmp/norows: line 2: not the rows line of a state file" \
    -i -R "$tmp/norows" "$fix/proc.exacct"
# A run under way holds the state's lock: a second is refused.
if command -v python3 >/dev/null 2>&1; then
	python3 -c '
import fcntl, sys, time
f = open(sys.argv[1], "w")
fcntl.lockf(f, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(5)' "$tmp/held.lock" >"$tmp/locker" &
	locker=$!
	i=0
	while [ ! -s "$tmp/locker" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	fails locked "exdump: $tmp/held: another run of -R with this state file is under way" \
	    -i -R "$tmp/held" -N "$fix/proc.exacct"
	kill $locker 2>/dev/null
	wait $locker 2>/dev/null
fi
# The state names the fixture, at an offset past its end, then at one
# that is not a sweep.
set -- $(stat -c '%d %i %s' "$fix/proc.exacct")
printf 'exdump-state 1\nrows rows\ninput %s %s %s 5 0 0 x\nend 0 1\n' "$1" "$2" \
    $(($3 + 10)) >"$tmp/short"
fails shorter "$fix/proc.exacct is shorter ($3 bytes) than where the last run stopped in it ($(($3 + 10)))" \
    -i -R "$tmp/short" "$fix/proc.exacct"
printf 'exdump-state 1\nrows rows\ninput %s %s 0 5 0 0 x\nend 0 1\n' "$1" "$2" \
    >"$tmp/nosweep"
fails not_the_sweep "is not the sweep record where the last run stopped (-R)" \
    -i -R "$tmp/nosweep" "$fix/proc.exacct"

# An exit record written after its interval was printed is in no row:
# said.  A copy of an illumos file (no sweep records: read from its start
# every run), then one of proc.exacct's exit records of the same host,
# from before the copy's last interval, appended.
cp "$fix/proc_partial.exacct" "$tmp/late.exacct"
"$EXDUMP" -i -R "$tmp/late.st" -N "$tmp/late.exacct" >/dev/null 2>&1
python3 - "$fix/proc.exacct" "$tmp/late.exacct" <<'EOF'
import sys
b = open(sys.argv[1], 'rb').read()
def glen(o):		# a group: tag, 8-byte size, then size + 4 bytes
    return 16 + int.from_bytes(b[o + 4:o + 12], 'big')
rec = glen(0)		# past the header
open(sys.argv[2], 'ab').write(b[rec:rec + glen(rec)])
EOF
"$EXDUMP" -i -R "$tmp/late.st" "$tmp/late.exacct" >"$tmp/late.out" 2>"$tmp/late.err"
if [ "$(wc -l <"$tmp/late.out")" -eq 1 ] &&
    grep -q '^exdump: 1 exit records written after an earlier run of -R printed their interval: in no row$' \
    "$tmp/late.err"; then
	echo "ok resume_late_exit_said"
else
	echo "not ok resume_late_exit_said: $(cat "$tmp/late.err")"
fi
"$EXDUMP" -i -R "$tmp/late.st" "$tmp/late.exacct" >/dev/null 2>"$tmp/late2.err"
if [ ! -s "$tmp/late2.err" ]; then
	echo "ok resume_late_said_once"
else
	echo "not ok resume_late_said_once: $(cat "$tmp/late2.err")"
fi

if [ "$(uname -s)" != Linux ] || [ "$(id -u)" != 0 ]; then
	echo "skip resume_rounds: the rounds sweep this machine, as root on Linux"
	exit 0
fi

# --- rounds ---------------------------------------------------------------
d=$tmp/r
mkdir "$d"
F="-o host,procid,pstart,end,usr,sys,minf,command -F csv"
sweeps() {
	i=0
	while [ $i -lt "$1" ]; do
		"$EXDUMP" -w -q "$d/proc" || echo "not ok resume_sweep"
		sleep 1
		i=$((i + 1))
	done
}
# round N FILES...: an incremental run of the rows and of -S.
round() {
	n=$1
	shift
	# shellcheck disable=SC2086
	"$EXDUMP" -i -R "$d/st" $N $F "$@" >"$d/p.$n.csv" 2>"$d/p.$n.err" &&
	    "$EXDUMP" -i -S -R "$d/st.S" $N -F csv "$@" >"$d/s.$n.csv" \
	    2>"$d/s.$n.err" || echo "not ok resume_round_$n: $(cat \
	    "$d/p.$n.err" "$d/s.$n.err" | head -n 3)"
	N=
}
N=-N
sweeps 3
sleep 2
round 1 "$d/proc"
sweeps 2
sleep 2
round 2 "$d/proc"
cp "$d/st" "$d/st.before"
sweeps 2
sleep 2
# Runs that fail, their output lost (a full disk, a closed output): the
# state stays as it was.
# shellcheck disable=SC2086
"$EXDUMP" -i -R "$d/st" $F "$d/proc" >/dev/full 2>"$d/full.err"
rc1=$?
# shellcheck disable=SC2086
"$EXDUMP" -i -R "$d/st" $F "$d/proc" >&- 2>"$d/closed.err"
rc2=$?
if cmp -s "$d/st" "$d/st.before" && [ $rc1 = 1 ] && [ $rc2 = 1 ] &&
    grep -q 'write error' "$d/full.err" &&
    grep -q 'write error' "$d/closed.err"; then
	echo "ok resume_failed_run_keeps_state"
else
	echo "not ok resume_failed_run_keeps_state: $rc1 $rc2 $(cat \
	    "$d/full.err" "$d/closed.err")"
fi
# A run killed part-way: the state is the old one or a whole new one
# (then its rows were all written, and count as a round's).
# shellcheck disable=SC2086
"$EXDUMP" -i -R "$d/st" $F "$d/proc" >"$d/p.k.out" 2>/dev/null &
pid=$!
sleep 0.02
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
if cmp -s "$d/st" "$d/st.before"; then
	echo "ok resume_killed_run: killed before its state was replaced"
elif tail -n 1 "$d/st" | grep -q '^end '; then
	mv "$d/p.k.out" "$d/p.k.csv"
	echo "ok resume_killed_run: it had finished, its state whole"
else
	echo "not ok resume_killed_run: the state is neither"
fi
round 3 "$d/proc"
# The same run twice: nothing new the second time.
round 3b "$d/proc"
if [ "$(wc -l <"$d/p.3b.csv")" -eq 1 ] &&
    [ "$(wc -l <"$d/s.3b.csv")" -eq 1 ]; then
	echo "ok resume_twice_nothing_new"
else
	echo "not ok resume_twice_nothing_new: $(wc -l <"$d/p.3b.csv") lines"
fi
# The rotation: the file renamed, the next sweep makes a new one.
mv "$d/proc" "$d/proc.0"
sweeps 2
sleep 2
round 4 "$d/proc.0" "$d/proc"
sweeps 2
sleep 2
round 5 "$d/proc.0" "$d/proc"
# Again at once: nothing new; the rotated file, done, stays done and may
# then be left out.
round 5b "$d/proc.0" "$d/proc"
if grep -q "^input [0-9]* [0-9]* [0-9]* [0-9]* 1 [0-9]* $d/proc.0\$" "$d/st" &&
    "$EXDUMP" -i -R "$d/st" $F "$d/proc" >"$d/p.5c.csv" 2>"$d/p.5c.err" &&
    [ "$(wc -l <"$d/p.5c.csv")" -eq 1 ] && ! grep -q proc.0 "$d/st"; then
	echo "ok resume_rotated_done_left_out"
else
	echo "not ok resume_rotated_done_left_out: $(cat "$d/p.5c.err")"
fi
# Damage before where the last run stopped is never read again.
set -- $(sed -n 's/^input \([0-9]*\) \([0-9]*\) \([0-9]*\) .* \(.*\)$/\3 \4/p' \
    "$d/st" | grep "$d/proc\$")
if [ "${1:-0}" -gt 600 ]; then
	dd if="$d/proc" of="$d/saved" bs=1 skip=400 count=8 2>/dev/null
	printf '\377\377\377\377\377\377\377\377' |
	    dd of="$d/proc" bs=1 seek=400 conv=notrunc 2>/dev/null
	sweeps 1
	sleep 2
	round 6 "$d/proc.0" "$d/proc"
	if [ ! -s "$d/p.6.err" ]; then
		echo "ok resume_reads_from_where_it_stopped"
	else
		echo "not ok resume_reads_from_where_it_stopped: $(head -n 2 \
		    "$d/p.6.err")"
	fi
	# A full run does see it: the damage is real.
	"$EXDUMP" -i $F "$d/proc.0" "$d/proc" >/dev/null 2>"$d/dmg.err"
	grep -q offset "$d/dmg.err" && echo "ok resume_damage_is_there" ||
	    echo "not ok resume_damage_is_there: a full run says nothing"
	# Mended, for the oracle below.
	dd if="$d/saved" of="$d/proc" bs=1 seek=400 conv=notrunc 2>/dev/null
else
	echo "not ok resume_reads_from_where_it_stopped: offset ${1:-none}"
fi

# The oracle: one full run over the complete files (the intervals that
# closed by now: those the incremental runs printed, and its last ones,
# which a full run closes at the end of the input: left out by end).
# shellcheck disable=SC2086
"$EXDUMP" -i $F "$d/proc.0" "$d/proc" >"$d/full.p" 2>/dev/null
"$EXDUMP" -i -S -F csv "$d/proc.0" "$d/proc" >"$d/full.s" 2>/dev/null
# The resumed runs say nothing: what they read again is not lost.
noisy=$(for e in "$d"/[ps].*.err; do
	case $e in */p.6.err|*/s.6.err) continue ;; esac
	[ -s "$e" ] && echo "$(basename "$e"): $(head -n 1 "$e")"
done)
if [ -z "$noisy" ]; then
	echo "ok resume_runs_quiet"
else
	echo "not ok resume_runs_quiet: $noisy"
fi
# Every row of one process has its one start: the key holds across rows
# (sweeps of 20 s: no pid is used twice).
if python3 - "$d/full.p" <<'EOF'
import csv, sys
starts = {}
for r in csv.DictReader(open(sys.argv[1], newline='')):
    starts.setdefault((r['host'], r['procid']), set()).add(r['pstart'])
bad = [(k, v) for k, v in starts.items() if len(v) != 1]
assert starts and not bad, bad[:3]
EOF
then
	echo "ok resume_one_pstart_per_process"
else
	echo "not ok resume_one_pstart_per_process"
fi
for k in p s; do
	last=$(cat "$d/$k".*.csv | python3 -c '
import csv, sys
from decimal import Decimal
ends = [Decimal(r["end"]) for r in csv.DictReader(sys.stdin)
        if r.get("end") not in (None, "", "end")]
print(max(ends))')
	python3 - "$last" "$d/full.$k" "$d/$k".*.csv <<'EOF' >"$d/cmp.$k"
import csv, sys
from decimal import Decimal
last = Decimal(sys.argv[1])
def rows(path):
    with open(path, newline='') as f:
        r = list(csv.reader(f))
    return r[0], r[1:]
hdr, full = rows(sys.argv[2])
e = hdr.index('end')
want = sorted(tuple(x) for x in full if Decimal(x[e]) <= last)
got = []
for p in sys.argv[3:]:
    h, r = rows(p)
    assert h == hdr, (p, h)
    got += [tuple(x) for x in r]
dups = len(got) - len(set(got))
got = sorted(got)
print(len(want), len(got), dups, "same" if got == want else "differ")
EOF
	set -- $(cat "$d/cmp.$k")
	if [ "$4" = same ] && [ "$3" = 0 ] && [ "$1" -gt 0 ]; then
		echo "ok resume_exactly_once_$k: $1 rows"
	else
		echo "not ok resume_exactly_once_$k: full $1 rows, runs $2," \
		    "duplicates $3, $4"
	fi
done
