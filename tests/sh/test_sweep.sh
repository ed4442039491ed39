#!/bin/sh
# test_sweep.sh: the Linux -w sweep against children whose identity and
# usage we know: a sleeper, a CPU burner, a multi-threaded program whose
# threads do I/O and then exit, a child under uid 65534 and a zombie;
# their CPU against the kernel's schedstat, the local items (waits, the
# CPU's source), the sweep without taskstats, a container's cgroup.
# The sweep record against what the test reads itself (/proc/stat before
# and after, uname, the records in the file), and as the original dump
# shows it.  Also parallel sweeps (four at once, and four loops for 10 s:
# the file in time order), a full file system, refused files, root's
# refusal of files and directories another user could have prepared
# (issue 11), and a sweep without privilege.  (The illumos policy is
# tested by test_sweep.c.)
#
# Run from the project root with EXDUMP and OBJDIR set (tests/run.sh).

EXDUMP=${EXDUMP:-./exdump}
OBJDIR=${OBJDIR:-build}
H=$OBJDIR

if [ "$(uname -s)" != Linux ]; then
	echo "skip sweep_linux: the sweep writes records itself only on Linux"
	exit 0
fi
for h in helper_burn helper_threads helper_runas; do
	if [ ! -x "$H/$h" ]; then
		echo "not ok sweep_helpers: $H/$h is not built (make check)"
		exit 1
	fi
done

root=0
[ "$(id -u)" = 0 ] && root=1

# 0 if a directory and each one above it are root's alone: owned by uid
# 0, writable by no group or other, not a symbolic link.
root_only() {
	p=$1
	while :; do
		if [ -L "$p" ] || [ ! -d "$p" ]; then
			return 1
		fi
		m=$(stat -c %a "$p")
		if [ "$(stat -c %u "$p")" != 0 ] || [ $((0$m & 022)) != 0 ]
		then
			return 1
		fi
		if [ "$p" = / ]; then
			return 0
		fi
		p=$(dirname "$p")
	done
}

# As root the sweep writes nowhere another user can write, so not under
# /tmp: the test's files go in a directory root's alone all the way up.
# Searchable by all (0755), for the cases run as uid 65534.
tmp=
if [ $root = 1 ]; then
	for b in /run /var/cache /var/lib /root /; do
		if root_only "$b"; then
			tmp=$(mktemp -d "${b%/}/exdump-sweep.XXXXXX") && break
		fi
	done
	if [ -z "$tmp" ]; then
		echo "not ok sweep_tmpdir: no directory only root can write"
		exit 1
	fi
	chmod 755 "$tmp"
else
	tmp=$(mktemp -d) || exit 1
fi
case $EXDUMP in
/*)	;;
*)	EXDUMP=$(pwd)/$EXDUMP ;;	# the relative-path cases cd
esac
pids=
mnt=
cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	if [ -n "$mnt" ]; then
		umount "$mnt" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

ok() { echo "ok $1"; }
nok() { echo "not ok $1: $2"; }
skip() { echo "skip $1: $2"; }

# Wait up to 20 s for a file to hold a word.
await() {
	n=0
	while ! grep -q "$2" "$1" 2>/dev/null; do
		n=$((n + 1))
		if [ $n -gt 200 ]; then
			return 1
		fi
		sleep 0.1
	done
	return 0
}

# One line per record from `exdump -v -n`: pid ppid uid gid cpu-ns chars
# ctxt-vol ctxt-inv rss-max acctflags zone command ("-" when absent).
records() {
	"$EXDUMP" -v -n "$1" | awk -F '\t' '
	function flush() {
		if (inrec)
			print pid, ppid, uid, gid, cpu, ch, vol, inv, rss, fl,
			    zone, cmd
	}
	{
		id = $1
		gsub(/ /, "", id)
		v = $3
		sub(/^ */, "", v)
		sub(/ .*$/, "", v)
	}
	id == "106" {
		flush()
		inrec = 1
		pid = ppid = uid = gid = ch = vol = inv = rss = fl = "-"
		zone = cmd = "-"
		cpu = 0
		next
	}
	!inrec { next }
	id == "1000" { pid = v }
	id == "101f" { ppid = v }
	id == "1001" { uid = v }
	id == "1002" { gid = v }
	id == "100b" || id == "100d" { cpu += v * 1000000000 }
	id == "100c" || id == "100e" { cpu += v }
	id == "1017" { ch = v }
	id == "1018" { vol = v }
	id == "1019" { inv = v }
	id == "1023" { rss = v }
	id == "101d" { fl = v }
	id == "1021" { gsub(/"/, "", v); zone = v }
	id == "1006" { gsub(/"/, "", v); cmd = v }
	END { flush() }'
}

# The record of one pid from a records file.
rec() {
	awk -v p="$2" '$1 == p' "$1"
}

# The local-catalog items of each record from `exdump -v -n`, which
# names none of them: "pid id=value ..." (ids 7e1024 .. 7e1028: the CPU,
# block I/O, swap-in and reclaim waits in ns, and the CPU's source, 3
# for exact), then "bad" if a local item came before a default one or
# out of id order.
locals() {
	"$EXDUMP" -v -n "$1" | awk -F '\t' '
	function flush() {
		if (inrec)
			print pid items (bad ? " bad" : "")
	}
	{
		id = $1
		gsub(/ /, "", id)
		v = $3
		sub(/^ */, "", v)
		sub(/ .*$/, "", v)
	}
	id == "106" {
		flush()
		inrec = 1
		pid = "-"
		items = ""
		last = ""
		bad = 0
		next
	}
	$2 !~ /^ / { flush(); inrec = 0; next }	# another record
	!inrec { next }
	id == "1000" { pid = v }
	id ~ /^7e10/ {
		if (last != "" && id <= last)
			bad = 1
		last = id
		items = items " " id "=" v
		next
	}
	last != "" { bad = 1 }
	END { flush() }'
}

# The value of local item $2 in a locals line on stdin, or "-".
item() {
	awk -v id="$1" '{
		for (i = 2; i <= NF; i++)
			if (substr($i, 1, length(id) + 1) == id "=") {
				print substr($i, length(id) + 2)
				exit
			}
		print "-"
	}'
}

# |$1 - $2| <= 1 ms, both ns.
within_ms() {
	[ "$1" != - ] && [ "$2" != - ] &&
	    [ $(($1 - $2)) -le 1000000 ] && [ $(($2 - $1)) -le 1000000 ]
}

# The sweep records and partial records of a file in file order, from the
# classic dump (the original's view: no names for the sweep's ids), one
# line each, times as seconds and nanoseconds (awk's doubles hold those
# exactly, not 19-digit nanoseconds):
#	S start-sec start-nsec end-sec end-nsec recorded skipped ncpu
#	  cpu-user cpu-nice cpu-system host
#	P pid finish-sec finish-nsec
# with "-" for an absent value.
timeline() {
	"$EXDUMP" "$1" | awk -F '\t' '
	function sec(v) { return v == "-" ? v : substr(v, 1, length(v) - 9) }
	function nsec(v) { return v == "-" ? v : substr(v, length(v) - 8) + 0 }
	function flush() {
		if (kind == "S")
			print "S", sec(st), nsec(st), sec(en), nsec(en), nr, ns,
			    nc, cu, cn, cs, host
		else if (kind == "P")
			print "P", pid, fs, fn
		kind = ""
	}
	{
		id = $1
		gsub(/ /, "", id)
		v = $3
		sub(/^ */, "", v)
		sub(/ *$/, "", v)
	}
	id == "7e0000" {
		flush()
		kind = "S"
		st = en = nr = ns = nc = cu = cn = cs = host = "-"
		next
	}
	id == "106" {
		flush()
		kind = "P"
		pid = fs = fn = "-"
		next
	}
	$2 !~ /^ / { flush(); next }		# another record
	kind == "S" && id == "7e0001" { gsub(/"/, "", v); host = v }
	kind == "S" && id == "7e0002" { st = v }
	kind == "S" && id == "7e0003" { en = v }
	kind == "S" && id == "7e0004" { nr = v }
	kind == "S" && id == "7e0005" { ns = v }
	kind == "S" && id == "7e0006" { nc = v }
	kind == "S" && id == "7e0007" { cu = v }
	kind == "S" && id == "7e0008" { cn = v }
	kind == "S" && id == "7e0009" { cs = v }
	kind == "P" && id == "1000" { pid = v }
	kind == "P" && id == "1009" { fs = v }
	kind == "P" && id == "100a" { fn = v }
	END { flush() }'
}

# Checks of a timeline: each sweep record starts after the one before
# ended, and is followed by as many partial records as it says it
# recorded, each finished within the sweep; per pid, the finish times
# never go back.  Prints "sweeps partials" if all holds, else what broke.
check_timeline() {
	awk '
	function le(a, b, c, d) { return a + 0 < c + 0 ||
	    (a + 0 == c + 0 && b + 0 <= d + 0) }
	function lt(a, b, c, d) { return a + 0 < c + 0 ||
	    (a + 0 == c + 0 && b + 0 < d + 0) }
	function close_sweep() {
		if (nsw > 0 && got != want && !bad)
			bad = "sweep " nsw " says " want " records, has " got
	}
	$1 == "S" {
		close_sweep()
		if (nsw > 0 && !lt(pes, pen, $2, $3) && !bad)
			bad = "sweep " nsw + 1 " starts before " nsw " ends"
		if (nsw > 0 && !lt(ss, sn, $2, $3) && !bad)
			bad = "sweep starts not increasing at sweep " nsw + 1
		if (!le($2, $3, $4, $5) && !bad)
			bad = "sweep " nsw + 1 " ends before it starts"
		nsw++
		ss = $2; sn = $3; pes = $4; pen = $5; want = $6; got = 0
		next
	}
	$1 == "P" {
		if (nsw == 0 && !bad)
			bad = "a partial record before the first sweep record"
		got++
		np++
		if ((!le(ss, sn, $3, $4) || !le($3, $4, pes, pen)) && !bad)
			bad = "pid " $2 " finished outside sweep " nsw
		if (($2 in ls) && !le(ls[$2], ln[$2], $3, $4) && !bad)
			bad = "pid " $2 " finish goes back in sweep " nsw
		ls[$2] = $3
		ln[$2] = $4
	}
	END {
		close_sweep()
		if (bad)
			print bad
		else
			print nsw + 0, np + 0
	}' "$1"
}

# The children.
sleep 1000 &
sleeper=$!
pids="$pids $sleeper"
"$H/helper_burn" 500 "$tmp/burn.state" &
burner=$!
pids="$pids $burner"
"$H/helper_threads" 4 1048576 "$tmp/thr.state" &
threads=$!
pids="$pids $threads"
# A zombie: its parent execs into sleep and never reaps it.
sh -c 'sleep 0 & echo $! > "$1"; exec sleep 1000' sh "$tmp/zombie" &
zparent=$!
pids="$pids $zparent"
nobody=
if [ $root = 1 ]; then
	"$H/helper_runas" 65534 65534 sleep 1000 &
	nobody=$!
	pids="$pids $nobody"
fi
if ! await "$tmp/burn.state" ready || ! await "$tmp/thr.state" ready ||
    ! await "$tmp/zombie" '[0-9]'; then
	nok sweep_children "the test children did not start"
	exit 1
fi
zombie=$(cat "$tmp/zombie")
n=0
while [ "$(sed 's/.*) //' "/proc/$zombie/stat" 2>/dev/null | cut -c1)" != Z ]
do
	n=$((n + 1))
	if [ $n -gt 100 ]; then
		break
	fi
	sleep 0.1
done

# One sweep; what it printed must be the plain dump of the file.
before=$(ls /proc | grep '^[0-9][0-9]*$')
"$EXDUMP" -w "$tmp/s1" >"$tmp/s1.out" 2>"$tmp/s1.err"
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$tmp/s1.err" ]; then
	ok sweep_exit
else
	nok sweep_exit "exit $rc: $(cat "$tmp/s1.err")"
fi
"$EXDUMP" "$tmp/s1" >"$tmp/s1.dump" 2>&1
if [ $? -eq 0 ] && cmp -s "$tmp/s1.out" "$tmp/s1.dump"; then
	ok sweep_reads_after
else
	nok sweep_reads_after "-w did not print the dump of its file"
fi
records "$tmp/s1" >"$tmp/s1.rec"

# The header: our creator, this node's name.
hdr=$("$EXDUMP" -v -n "$tmp/s1" | sed -n '2,5p' | tr -d ' \t')
case $hdr in
*creator\"exdump\"*hostname\"$(uname -n)\"*|\
*hostname\"$(uname -n)\"*creator\"exdump\"*)
	ok sweep_header ;;
*)	nok sweep_header "$hdr" ;;
esac

# The file is private: it shows every user's commands.
mode=$(ls -l "$tmp/s1" | cut -c1-10)
if [ "$mode" = "-rw-------" ]; then
	ok sweep_mode
else
	nok sweep_mode "$mode"
fi

# An existing empty file made with a looser mode: a user's becomes
# private; root refuses it, as it was (root does not quietly fix a mode
# that someone set: see the root cases below).
: > "$tmp/loose" && chmod 644 "$tmp/loose"
"$EXDUMP" -w "$tmp/loose" >/dev/null 2>"$tmp/loose.err"
rc=$?
mode=$(ls -l "$tmp/loose" | cut -c1-10)
if [ $root = 1 ]; then
	if [ $rc = 1 ] && [ "$mode" = "-rw-r--r--" ] && [ ! -s "$tmp/loose" ] &&
	    grep -q 'has mode 0644' "$tmp/loose.err"; then
		ok sweep_mode_empty_file
	else
		nok sweep_mode_empty_file "exit $rc, $mode: \
$(cat "$tmp/loose.err")"
	fi
elif [ "$mode" = "-rw-------" ] && [ -s "$tmp/loose" ]; then
	ok sweep_mode_empty_file
else
	nok sweep_mode_empty_file "$mode"
fi

# The sweep record of one sweep, against what this test reads itself:
# /proc/stat before and after, uname, the partial records in the file.
cpu_ticks() {
	awk '$1 == "cpu" { print $2 + $3 + $4; exit }' /proc/stat
}
t0=$(cpu_ticks)
"$EXDUMP" -w "$tmp/sr" >/dev/null 2>"$tmp/sr.err"
rc=$?
t1=$(cpu_ticks)
timeline "$tmp/sr" >"$tmp/sr.tl"
first=$("$EXDUMP" -v "$tmp/sr" | awk -F '\t' '
    NR > 1 && $2 !~ /^ / { id = $1; gsub(/ /, "", id); print id; exit }')
nsr=$(grep -c '^S' "$tmp/sr.tl")
if [ $rc -eq 0 ] && [ "$first" = 7e0000 ] && [ "$nsr" = 1 ]; then
	ok sweep_record_first
else
	nok sweep_record_first "exit $rc, first record after the header \
$first, $nsr sweep records: $(cat "$tmp/sr.err")"
fi
set -- $(grep '^S' "$tmp/sr.tl")
sw_nrec=$6 sw_nskip=$7 sw_ncpu=$8 sw_user=$9 sw_nice=${10} sw_sys=${11} \
    sw_host=${12}
npart=$("$EXDUMP" "$tmp/sr" | grep -c 'group-proc-partial')
if [ "$sw_nrec" = "$npart" ] && [ "$npart" -gt 0 ]; then
	ok sweep_record_recorded
else
	nok sweep_record_recorded "recorded $sw_nrec, $npart in the file"
fi
set -- $(check_timeline "$tmp/sr.tl")
if [ "$1" = 1 ] && [ "$2" = "$npart" ]; then
	ok sweep_record_times
else
	nok sweep_record_times "$*"
fi
if [ "$sw_host" = "$(uname -n)" ]; then
	ok sweep_record_host
else
	nok sweep_record_host "host $sw_host, uname -n $(uname -n)"
fi
if [ "$sw_ncpu" = "$(grep -c '^cpu[0-9]' /proc/stat)" ]; then
	ok sweep_record_ncpu
else
	nok sweep_record_ncpu "ncpu $sw_ncpu, /proc/stat has \
$(grep -c '^cpu[0-9]' /proc/stat) cpuN lines"
fi
# The CPU used, user + nice + system, in whole ticks (the Linux USER_HZ,
# 100, divides 10^9: each counter is a whole number of ticks in ns).
tick=$((1000000000 / $(getconf CLK_TCK)))
if [ "$sw_user" != - ] && [ "$sw_nice" != - ] && [ "$sw_sys" != - ]; then
	sw_ticks=$(( (sw_user + sw_nice + sw_sys) / tick ))
else
	sw_ticks=-1
fi
if [ "$sw_ticks" -ge "$t0" ] && [ "$sw_ticks" -le "$t1" ]; then
	ok sweep_record_cpu
else
	nok sweep_record_cpu "want $t0..$t1 ticks, got $sw_ticks \
(user $sw_user nice $sw_nice system $sw_sys ns)"
fi
# Root can read every process: nothing live is skipped.
if [ $root = 1 ]; then
	if [ "$sw_nskip" = 0 ]; then
		ok sweep_record_skipped
	else
		nok sweep_record_skipped "skipped $sw_nskip as root"
	fi
else
	skip sweep_record_skipped "a user may be refused some processes"
fi

# The original demo names no local-catalog id: the sweep record shows
# as an unknown group of unknown items, and the file dumps whole, with
# and without -v.
for v in plain -v; do
	if [ $v = plain ]; then
		"$EXDUMP" "$tmp/sr" >"$tmp/sr.d" 2>&1
	else
		"$EXDUMP" -v "$tmp/sr" >"$tmp/sr.d" 2>&1
	fi
	rc=$?
	set -- $(awk -F '\t' '
	{
		id = $1
		gsub(/ /, "", id)
		name = $2
		gsub(/ /, "", name)
	}
	id == "7e0000" {
		g++
		m = $3
		sub(/^\[group of /, "", m)
		sub(/ .*/, "", m)
		members += m
	}
	id ~ /^7e00/ { n++; if (name != "unknown") bad++ }
	END { print g + 0, n + 0, members + 0, bad + 0 }' "$tmp/sr.d")
	# One group line, then as many item lines as the group says.
	if [ $rc -eq 0 ] && [ "$1" = 1 ] && [ "$2" = $(($3 + 1)) ] &&
	    [ "$3" -ge 5 ] && [ "$4" = 0 ]; then
		ok "sweep_record_dump_unknown_$v"
	else
		nok "sweep_record_dump_unknown_$v" "exit $rc, $1 groups, $2 \
lines for $3 members, $4 not unknown"
	fi
done

# The sleeper: identity.
set -- $(rec "$tmp/s1.rec" "$sleeper")
if [ "$2" = "$$" ] && [ "$3" = "$(id -u)" ] && [ "$4" = "$(id -g)" ] &&
    [ "${12}" = sleep ] && [ "${11}" = global ]; then
	ok sweep_sleeper
else
	nok sweep_sleeper "want ppid $$ uid $(id -u) sleep, got: $*"
fi

# The burner: the 0.5 s of CPU it burned (by clock(), to the ns); the
# record is no less than the kernel's clock ticks, cut down (two ticks
# short at most), and not much over.
tick=$((1000000000 / $(getconf CLK_TCK)))
lo=$((500000000 - 2 * tick))
set -- $(rec "$tmp/s1.rec" "$burner")
if [ "${12}" = helper_burn ] && [ "$2" = "$$" ] && [ "$5" -ge $lo ] &&
    [ "$5" -le 1000000000 ]; then
	ok sweep_cpu
else
	nok sweep_cpu "want helper_burn with $lo..1000000000 ns, got: $*"
fi

# Exact, not ticks: the burner sleeps in pause(), so its run time holds
# still; the record's user + system is the kernel's run time, the first
# field of /proc/PID/schedstat read here, to within 1 ms, and its source
# item says exact (3).  Its CPU wait is schedstat's second field.
locals "$tmp/s1" >"$tmp/s1.loc"
set -- $(awk '{ print $1, $2 }' "/proc/$burner/schedstat")
b_run=$1 b_wait=$2
b_cpu=$(rec "$tmp/s1.rec" "$burner" | awk '{ print $5 }')
b_src=$(rec "$tmp/s1.loc" "$burner" | item 7e1028)
b_wcpu=$(rec "$tmp/s1.loc" "$burner" | item 7e1024)
if within_ms "$b_cpu" "$b_run" && [ "$b_src" = 3 ] &&
    within_ms "$b_wcpu" "$b_wait"; then
	ok sweep_cpu_exact
else
	nok sweep_cpu_exact "cpu $b_cpu source $b_src wait $b_wcpu, schedstat \
$b_run $b_wait"
fi

# Every record ends with its local items, in id order, the source among
# them; waits only where measured: with delay accounting off no block
# I/O, swap-in or reclaim wait.
bad=$(awk '/ bad$/ || !/7e1028=/' "$tmp/s1.loc" | wc -l)
nloc=$(wc -l <"$tmp/s1.loc")
nrec=$(wc -l <"$tmp/s1.rec")
da=$(cat /proc/sys/kernel/task_delayacct 2>/dev/null || echo 0)
blk=$(grep -c '7e102[567]=' "$tmp/s1.loc")
if [ "$bad" = 0 ] && [ "$nloc" = "$nrec" ] && [ "$nrec" -gt 0 ] &&
    { [ "$da" = 1 ] || [ "$blk" = 0 ]; }; then
	ok sweep_local_items
else
	nok sweep_local_items "$bad of $nloc records without the source or \
out of order, $nrec records, $blk with delay-accounting waits (knob $da)"
fi

# The threads: 4 x (1 MiB read + 1 MiB written) and 4 x 20 sleeps, summed
# over the threads; the 32 MiB its reaped child read is not counted.
set -- $(rec "$tmp/s1.rec" "$threads")
want=8388608
if [ "${12}" = helper_threads ] && [ "$6" != - ] && [ "$6" -ge $want ] &&
    [ "$6" -lt $((want + 1048576)) ] && [ "$7" -ge 80 ]; then
	ok sweep_threads_io
else
	nok sweep_threads_io "want chars in [$want, +1 MiB), vol >= 80: $*"
fi

# The zombie is left out; its parent is there.
if [ -z "$(rec "$tmp/s1.rec" "$zombie")" ] &&
    [ -n "$(rec "$tmp/s1.rec" "$zparent")" ]; then
	ok sweep_zombie
else
	nok sweep_zombie "zombie $zombie recorded, or its parent missing"
fi

# Every process alive before and after the sweep, not a zombie: one
# record each.
missing=
for p in $before; do
	st=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -c1)
	if [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]; then
		c=$(rec "$tmp/s1.rec" "$p" | wc -l)
		if [ "$c" -ne 1 ] && [ -d "/proc/$p" ]; then
			missing="$missing $p($c)"
		fi
	fi
done
# Kernel threads included, where the pid namespace shows them.
if grep -q '(kthreadd)' /proc/2/stat 2>/dev/null &&
    [ "$(rec "$tmp/s1.rec" 2 | awk '{ print $12 }')" != kthreadd ]; then
	missing="$missing kthreadd"
fi
if [ -z "$missing" ]; then
	ok sweep_all_processes
else
	nok sweep_all_processes "not one record each:$missing"
fi

# -T is accepted on Linux, which has no tasks.
if "$EXDUMP" -w -T "$tmp/t" >/dev/null 2>&1; then
	ok sweep_T_linux
else
	nok sweep_T_linux "-w -T failed"
fi

# After the threads exit: chars are the live threads' only, as in an
# illumos partial record; but the CPU is the whole process's, the exited
# threads' too, so it does not go down.  Likewise the CPU wait and the
# context switches where taskstats gives them (as root).
t1_cpu=$(rec "$tmp/s1.rec" "$threads" | awk '{ print $5 }')
t1_wcpu=$(rec "$tmp/s1.loc" "$threads" | item 7e1024)
t1_vol=$(rec "$tmp/s1.rec" "$threads" | awk '{ print $7 }')
kill -USR1 "$threads"
if await "$tmp/thr.state" joined; then
	"$EXDUMP" -w "$tmp/s2" >/dev/null 2>&1
	records "$tmp/s2" >"$tmp/s2.rec"
	locals "$tmp/s2" >"$tmp/s2.loc"
	set -- $(rec "$tmp/s2.rec" "$threads")
	t2_wcpu=$(rec "$tmp/s2.loc" "$threads" | item 7e1024)
	if [ "$1" = "$threads" ] && [ "$6" != - ] && [ "$6" -lt 1048576 ] &&
	    [ "$5" -ge "$t1_cpu" ]; then
		ok sweep_threads_exited
	else
		nok sweep_threads_exited "want chars < 1 MiB, cpu >= $t1_cpu, \
got: $*"
	fi
	if [ $root = 0 ]; then
		skip sweep_threads_exited_waits "taskstats needs root"
	elif [ "$t2_wcpu" != - ] && [ "$t1_wcpu" != - ] &&
	    [ "$t2_wcpu" -ge "$t1_wcpu" ] && [ "$7" -ge "$t1_vol" ]; then
		ok sweep_threads_exited_waits
	else
		nok sweep_threads_exited_waits "wait $t1_wcpu -> $t2_wcpu, \
ctxt-vol $t1_vol -> $7"
	fi
else
	nok sweep_threads_exited "the threads did not exit"
	nok sweep_threads_exited_waits "the threads did not exit"
fi

# Without taskstats (forced, as for a kernel without it): /proc alone,
# the same records: every process, the CPU exact, the CPU wait from
# schedstat, the threads' context switches summed over their status.
EXDUMP_TEST_NO_TASKSTATS=1 "$EXDUMP" -w "$tmp/nt" >/dev/null 2>"$tmp/nt.err"
rc=$?
records "$tmp/nt" >"$tmp/nt.rec"
locals "$tmp/nt" >"$tmp/nt.loc"
b_cpu=$(rec "$tmp/nt.rec" "$burner" | awk '{ print $5 }')
b_src=$(rec "$tmp/nt.loc" "$burner" | item 7e1028)
b_wcpu=$(rec "$tmp/nt.loc" "$burner" | item 7e1024)
t_vol=$(rec "$tmp/nt.rec" "$threads" | awk '{ print $7 }')
n_bad=$(awk '/ bad$/ || !/7e1028=/' "$tmp/nt.loc" | wc -l)
if [ $rc = 0 ] && [ ! -s "$tmp/nt.err" ] && within_ms "$b_cpu" "$b_run" &&
    [ "$b_src" = 3 ] && within_ms "$b_wcpu" "$b_wait" &&
    [ "$t_vol" != - ] && [ "$n_bad" = 0 ] &&
    [ -n "$(rec "$tmp/nt.rec" "$sleeper")" ]; then
	ok sweep_no_taskstats
else
	nok sweep_no_taskstats "exit $rc, burner cpu $b_cpu (schedstat \
$b_run) source $b_src wait $b_wcpu ($b_wait), threads ctxt-vol $t_vol, \
$n_bad bad: $(cat "$tmp/nt.err")"
fi

# A container's cgroup (as root, in a cgroup2 hierarchy mounted whole):
# a child moved into docker-ID.scope is in zone docker/ID's first 12,
# the others are "global".  Removed after.
cg2=$(awk '{
	for (i = 7; i <= NF; i++)
		if ($i == "-") {
			if ($(i + 1) == "cgroup2" && $4 == "/")
				print $5
			break
		}
}' /proc/self/mountinfo | head -n 1)
cid=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
cgd=$cg2/docker-$cid.scope
if [ $root = 1 ] && [ -n "$cg2" ] && mkdir "$cgd" 2>/dev/null; then
	sleep 1000 &
	inside=$!
	pids="$pids $inside"
	if echo "$inside" >"$cgd/cgroup.procs" 2>/dev/null; then
		"$EXDUMP" -w "$tmp/cg" >/dev/null 2>&1
		records "$tmp/cg" >"$tmp/cg.rec"
		z_in=$(rec "$tmp/cg.rec" "$inside" | awk '{ print $11 }')
		z_out=$(rec "$tmp/cg.rec" "$sleeper" | awk '{ print $11 }')
		if [ "$z_in" = docker/0123456789ab ] && [ "$z_out" = global ]
		then
			ok sweep_zone_container
		else
			nok sweep_zone_container "inside $z_in, outside $z_out"
		fi
	else
		skip sweep_zone_container "cannot move a process into $cgd"
	fi
	kill "$inside" 2>/dev/null
	wait "$inside" 2>/dev/null
	rmdir "$cgd" 2>/dev/null
else
	skip sweep_zone_container "needs root and a writable cgroup2 \
hierarchy mounted whole"
fi

# Four sweeps at once into one file: it decodes, one header, and four
# whole runs of records (each in ascending pid order, as /proc lists
# them), with each of our children in every run.
for i in 1 2 3 4; do
	"$EXDUMP" -w "$tmp/par" >/dev/null 2>"$tmp/par.err$i" &
	eval "w$i=\$!"
done
prc=0
for i in 1 2 3 4; do
	eval "wait \$w$i" || prc=$?
done
"$EXDUMP" "$tmp/par" >/dev/null 2>"$tmp/par.err"
drc=$?
records "$tmp/par" >"$tmp/par.rec"
runs=$(awk 'NR > 1 && $1 + 0 <= last + 0 { n++ } { last = $1 }
    END { print n + 1 }' "$tmp/par.rec")
nhdr=$("$EXDUMP" -v -n "$tmp/par" | grep -c 'group-header')
bad=
for p in $sleeper $burner $threads $zparent $nobody; do
	c=$(rec "$tmp/par.rec" "$p" | wc -l)
	[ "$c" -eq 4 ] || bad="$bad $p($c)"
done
if [ $prc -eq 0 ] && [ $drc -eq 0 ] && [ "$runs" = 4 ] &&
    [ "$nhdr" = 1 ] && [ -z "$bad" ]; then
	ok sweep_parallel
else
	nok sweep_parallel "exit $prc/$drc, $runs runs, $nhdr headers, \
counts:$bad $(cat "$tmp/par.err"*)"
fi

# Four loops of sweeps into one file for 10 s.  Each sweep holds the
# lock from before it reads /proc until its records are written, so the
# file is in time order: every sweep record starts after the one before
# it ended, its partial records follow it and finished within it, and no
# process's finish time ever goes back.  Every sweep that ran wrote its
# record.
if [ $root = 1 ]; then
	par_end=$(($(date +%s) + 10))
	for i in 1 2 3 4; do
		(
			n=0 f=0
			while [ "$(date +%s)" -lt $par_end ]; do
				if "$EXDUMP" -w "$tmp/loop" >/dev/null \
				    2>>"$tmp/loop.err$i"; then
					n=$((n + 1))
				else
					f=$((f + 1))
				fi
			done
			echo "$n $f" >"$tmp/loop.n$i"
		) &
		eval "l$i=\$!"
		pids="$pids $!"
	done
	for i in 1 2 3 4; do
		eval "wait \$l$i"
	done
	runs=0 fails=0
	for i in 1 2 3 4; do
		set -- $(cat "$tmp/loop.n$i" 2>/dev/null || echo 0 0)
		runs=$((runs + $1 + $2)) fails=$((fails + $2))
	done
	"$EXDUMP" "$tmp/loop" >/dev/null 2>"$tmp/loop.err"
	drc=$?
	timeline "$tmp/loop" >"$tmp/loop.tl"
	set -- $(check_timeline "$tmp/loop.tl")
	nhdr=$("$EXDUMP" -v "$tmp/loop" | grep -c 'group-header')
	if [ $drc -eq 0 ] && [ "$1" = "$runs" ] && [ "$runs" -gt 4 ] &&
	    [ "$nhdr" = 1 ]; then
		ok sweep_parallel_loops
	else
		nok sweep_parallel_loops "dump exit $drc, $runs sweeps run, \
timeline: $*, $nhdr headers: $(cat "$tmp/loop.err" | head -5)"
	fi
	# -S over those sweeps: one row per interval between two of them,
	# none with more processes than a sweep recorded (parallel sweeps
	# out of time order once gave rows with twice the live processes).
	maxrec=$("$EXDUMP" "$tmp/loop" 2>/dev/null |
	    awk '$1 == "7e0004" && $3 > m { m = $3 } END { print m + 0 }')
	"$EXDUMP" -i -S -H "$tmp/loop" >"$tmp/loop.sum" 2>/dev/null
	rows=$(wc -l <"$tmp/loop.sum")
	over=$(awk -v m="$maxrec" '$5 > m' "$tmp/loop.sum" | head -2)
	if [ "$rows" -eq $((runs - 1)) ] && [ -z "$over" ] &&
	    [ "$maxrec" -gt 0 ]; then
		ok sweep_parallel_summary
	else
		nok sweep_parallel_summary "$rows rows for $runs sweeps, \
at most $maxrec records a sweep: $over"
	fi
	# A sweep's own read of the file can meet another sweep's append
	# half done (the reader takes no lock, and a large write() shows up
	# page by page): that run says the file ends inside an item.  Any
	# other complaint is a sweep that failed.
	other=$(cat "$tmp"/loop.err[1-4] | grep -v 'file ends inside' |
	    head -3)
	torn=$(cat "$tmp"/loop.err[1-4] | grep -c 'file ends inside')
	if [ -n "$other" ]; then
		nok sweep_parallel_loops_runs "$fails of $runs runs failed: \
$other"
	elif [ "$fails" -ne 0 ]; then
		skip sweep_parallel_loops_runs "$fails of $runs runs exited \
non-zero; $torn read a half-appended tail of the file (no read lock)"
	else
		ok sweep_parallel_loops_runs
	fi
else
	skip sweep_parallel_loops "the 10 s loops of sweeps run as root, \
the privilege a sweep of every process has"
	skip sweep_parallel_loops_runs "runs as root only"
	skip sweep_parallel_summary "runs as root only"
fi

# Refused files: a symbolic link (as root), a FIFO, a file that is not
# exacct; none is touched.
if [ $root = 1 ]; then
	echo precious >"$tmp/target"
	ln -s "$tmp/target" "$tmp/link"
	ln -s "$tmp/absent" "$tmp/dangling"
	"$EXDUMP" -w "$tmp/link" >/dev/null 2>"$tmp/l.err"
	rc1=$?
	"$EXDUMP" -w "$tmp/dangling" >/dev/null 2>"$tmp/d.err"
	rc2=$?
	if [ $rc1 -ne 0 ] && [ $rc2 -ne 0 ] &&
	    grep -q 'symbolic link' "$tmp/l.err" &&
	    grep -q 'symbolic link' "$tmp/d.err" &&
	    [ "$(cat "$tmp/target")" = precious ] && [ ! -e "$tmp/absent" ]
	then
		ok sweep_symlink_refused
	else
		nok sweep_symlink_refused "exit $rc1/$rc2: $(cat "$tmp/l.err" \
"$tmp/d.err")"
	fi
else
	skip sweep_symlink_refused "symbolic links are refused as root only"
fi
mkfifo "$tmp/fifo"
"$EXDUMP" -w "$tmp/fifo" >/dev/null 2>"$tmp/f.err"
rc=$?
if [ $rc -ne 0 ] && grep -q 'not a regular file' "$tmp/f.err"; then
	ok sweep_fifo_refused
else
	nok sweep_fifo_refused "exit $rc: $(cat "$tmp/f.err")"
fi
echo "some text" >"$tmp/text"
chmod 600 "$tmp/text"		# as root, so that the header is what is wrong
"$EXDUMP" -w "$tmp/text" >/dev/null 2>"$tmp/x.err"
rc=$?
if [ $rc -ne 0 ] && grep -q 'not an exacct file' "$tmp/x.err" &&
    [ "$(cat "$tmp/text")" = "some text" ]; then
	ok sweep_not_exacct_refused
else
	nok sweep_not_exacct_refused "exit $rc: $(cat "$tmp/x.err")"
fi
"$EXDUMP" -w "$tmp/no/such/dir/f" >"$tmp/n.out" 2>"$tmp/n.err"
rc=$?
if [ $rc -eq 1 ] && [ "$(wc -l <"$tmp/n.err")" -eq 1 ] &&
    grep -q 'No such file or directory' "$tmp/n.err" && [ ! -s "$tmp/n.out" ]
then
	ok sweep_no_dir
else
	nok sweep_no_dir "exit $rc: $(cat "$tmp/n.err")"
fi

# Root writes only a file root owns, with one link, mode 0600, reached
# through directories no one but root can write, no symbolic link
# followed (issue 11).  Each hostile case is one a user could set up: it
# is refused with exit 1 and the reason naming the component at fault,
# and the file and its directory are as they were (names, bytes, mode,
# owner, links and times): nothing written, nothing made.
#
# What ls -l shows of each named file or directory (and of what a
# directory holds), with the bytes of each file.
state() {
	for x in "$@"; do
		ls -lAnd --full-time "$x" 2>&1
		if [ -d "$x" ] && [ ! -L "$x" ]; then
			ls -lAn --full-time "$x"
			for f in "$x"/* "$x"/.[!.]*; do
				if [ -f "$f" ] && [ ! -L "$f" ]; then
					cksum <"$f"
				fi
			done
		elif [ -f "$x" ]; then
			cksum <"$x"
		fi
	done
}

# hostile NAME WANT FILE [WATCHED ...]: `exdump -w FILE` as root.
hostile() {
	name=$1 want=$2 file=$3
	shift 3
	before=$(state "$file" "$@")
	"$EXDUMP" -w "$file" >/dev/null 2>"$tmp/h.err"
	rc=$?
	after=$(state "$file" "$@")
	if [ "$before" = "$after" ]; then
		same=unchanged
	else
		same=CHANGED
	fi
	if [ $rc = 1 ] && [ $same = unchanged ] &&
	    grep -qxF "exdump: $file: $want" "$tmp/h.err"; then
		ok "$name"
	else
		nok "$name" "exit $rc, $same, want \"$want\": \
$(cat "$tmp/h.err")"
	fi
}

# As uid 65534, with no groups: sh -c SCRIPT ARGS.
as_user() {
	"$H/helper_runas" 65534 65534 sh -c "$@"
}

rootcases="sweep_root_user_dir sweep_root_user_file sweep_root_forged \
sweep_root_hard_link sweep_root_symlink_dir sweep_root_symlink_relative \
sweep_root_group_writable sweep_root_sticky sweep_root_sticky_user_file \
sweep_root_mode_0644 sweep_root_other_creator sweep_root_dotdot \
sweep_root_new_file sweep_root_existing_file sweep_root_kernel_file \
sweep_root_relative_file"
if [ $root = 1 ]; then
	h=$tmp/h
	mkdir "$h" && chmod 755 "$h"
	# A copy uid 65534 can run: the checkout may be closed to others.
	cp "$EXDUMP" "$tmp/exdump.u" && chmod 755 "$tmp/exdump.u"

	# A directory of another user's, and the file that user made there.
	mkdir "$h/ud" && chown 65534:65534 "$h/ud"
	as_user ': >"$1"' sh "$h/ud/proc"
	hostile sweep_root_user_dir "$h/ud is owned by uid 65534, not root; \
not writing as root" "$h/ud/proc" "$h/ud"

	# The user's file in a directory that was theirs for a while (then
	# handed back to root): the user could chmod it and read it.
	mkdir "$h/od" && chown 65534:65534 "$h/od"
	as_user ': >"$1"' sh "$h/od/proc"
	chown 0:0 "$h/od" && chmod 755 "$h/od"
	hostile sweep_root_user_file "is owned by uid 65534, not root; not \
writing as root" "$h/od/proc" "$h/od"

	# Seeded with forged records: a whole exdump file, the user's.
	mkdir "$h/fd" && chown 65534:65534 "$h/fd"
	as_user '"$1" -w "$2" >/dev/null 2>&1' sh "$tmp/exdump.u" \
	    "$h/fd/proc"
	chown 0:0 "$h/fd" && chmod 755 "$h/fd"
	if "$EXDUMP" "$h/fd/proc" >/dev/null 2>&1; then
		hostile sweep_root_forged "is owned by uid 65534, not root; \
not writing as root" "$h/fd/proc" "$h/fd"
	else
		nok sweep_root_forged "the user's sweep made no exacct file"
	fi

	# A hard link to another, empty, file of root's (mode 0644, as a
	# file in /etc): it would have been made 0600 and filled.
	mkdir "$h/hl" && chmod 755 "$h/hl"
	: >"$h/hl/victim" && chmod 644 "$h/hl/victim"
	ln "$h/hl/victim" "$h/hl/proc"
	hostile sweep_root_hard_link "has 2 hard links, not 1; not writing as \
root" "$h/hl/proc" "$h/hl"

	# A symbolic link for a directory on the way: dir/etc -> a
	# directory of root's (for /etc), where x would have been made.
	mkdir "$h/target" "$h/sd" && chmod 755 "$h/target" "$h/sd"
	ln -s "$h/target" "$h/sd/etc"
	hostile sweep_root_symlink_dir "$h/sd/etc is a symbolic link; not \
following it as root" "$h/sd/etc/x" "$h/target" "$h/sd"
	(cd "$h/sd" && hostile sweep_root_symlink_relative "etc is a \
symbolic link; not following it as root" etc/x "$h/target" "$h/sd")

	# Directories another user can write in: made by root, but its
	# group may write (group 65534), or anyone may (sticky, as /tmp).
	mkdir "$h/gw" && chgrp 65534 "$h/gw" && chmod 775 "$h/gw"
	hostile sweep_root_group_writable "$h/gw is writable by its group; \
not writing as root" "$h/gw/proc" "$h/gw"
	mkdir "$h/st" && chmod 1777 "$h/st"
	hostile sweep_root_sticky "$h/st is writable by others; not writing \
as root" "$h/st/proc" "$h/st"
	# The user made the name first there.
	as_user ': >"$1"' sh "$h/st/acct"
	hostile sweep_root_sticky_user_file "$h/st is writable by others; not \
writing as root" "$h/st/acct" "$h/st"

	# Root's own file, but others may read it: refused, not fixed.
	mkdir "$h/ok" && chmod 700 "$h/ok"
	cp "$tmp/s1" "$h/ok/m644" && chmod 644 "$h/ok/m644"
	hostile sweep_root_mode_0644 "has mode 0644, open to its group or \
others; not writing as root" "$h/ok/m644" "$h/ok"

	# Root's, private, exacct, but some other program's: the creator in
	# the header is neither exdump nor the kernel.  A fixture (creator
	# SunOS) with the creator's bytes changed.
	if command -v python3 >/dev/null 2>&1 &&
	    python3 -c 'import sys
d = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(d.replace(b"SunOS\0", b"Other\0", 1))' \
	    fixtures/exacct/proc.exacct "$h/ok/other" &&
	    ! cmp -s fixtures/exacct/proc.exacct "$h/ok/other"; then
		chmod 600 "$h/ok/other"
		hostile sweep_root_other_creator "its header's creator is \
\"Other\", not exdump or the kernel (SunOS); not appending to it" \
		    "$h/ok/other" "$h/ok"
	else
		skip sweep_root_other_creator "python3 is needed to edit the \
fixture"
	fi

	# ".." is refused, not resolved.
	hostile sweep_root_dotdot "\"..\" in the path is refused as root; \
name the file without it" "$h/ok/../ok/x" "$h/ok"

	# The good cases still work.  A new file in root's 0700 directory:
	# root's, 0600, one link, a sweep in it.
	"$EXDUMP" -w "$h/ok/new" >/dev/null 2>"$tmp/g.err"
	rc=$?
	set -- $(stat -c '%u %a %h' "$h/ok/new" 2>/dev/null)
	n=$("$EXDUMP" "$h/ok/new" 2>/dev/null | grep -c '^ *7e0000')
	if [ $rc = 0 ] && [ "$1 $2 $3" = "0 600 1" ] && [ "$n" = 1 ]; then
		ok sweep_root_new_file
	else
		nok sweep_root_new_file "exit $rc, owner/mode/links $*, $n \
sweeps: $(cat "$tmp/g.err")"
	fi
	# Again: appended, what was there kept.
	cp "$h/ok/new" "$tmp/new.before"
	"$EXDUMP" -w "$h/ok/new" >/dev/null 2>"$tmp/g.err"
	rc=$?
	sz=$(wc -c <"$tmp/new.before")
	n=$("$EXDUMP" "$h/ok/new" 2>/dev/null | grep -c '^ *7e0000')
	if [ $rc = 0 ] && [ "$n" = 2 ] &&
	    cmp -s -n "$sz" "$tmp/new.before" "$h/ok/new"; then
		ok sweep_root_existing_file
	else
		nok sweep_root_existing_file "exit $rc, $n sweeps: \
$(cat "$tmp/g.err")"
	fi
	# A file the kernel wrote (creator SunOS): appended to.
	cp fixtures/exacct/proc_partial.exacct "$h/ok/kernel"
	chmod 600 "$h/ok/kernel"
	"$EXDUMP" -w "$h/ok/kernel" >/dev/null 2>"$tmp/g.err"
	rc=$?
	sz=$(wc -c <fixtures/exacct/proc_partial.exacct)
	n=$("$EXDUMP" "$h/ok/kernel" 2>/dev/null | grep -c '^ *7e0000')
	if [ $rc = 0 ] && [ "$n" = 1 ] &&
	    cmp -s -n "$sz" fixtures/exacct/proc_partial.exacct "$h/ok/kernel"
	then
		ok sweep_root_kernel_file
	else
		nok sweep_root_kernel_file "exit $rc, $n sweeps: \
$(cat "$tmp/g.err")"
	fi
	# A relative name, from a working directory of root's.
	(cd "$h/ok" && "$EXDUMP" -w rel >/dev/null 2>"$tmp/g.err")
	rc=$?
	if [ $rc = 0 ] && [ "$(stat -c '%u %a' "$h/ok/rel")" = "0 600" ]; then
		ok sweep_root_relative_file
	else
		nok sweep_root_relative_file "exit $rc: $(cat "$tmp/g.err")"
	fi
else
	for c in $rootcases; do
		skip "$c" "root's checks of the file and its directories"
	done
fi

# The default file, as root: in a mount namespace of its own with an
# empty tmpfs on /var/log, so the machine's own file is not touched.
# /var/log/exacct is made 0700, the file 0600; a second sweep appends;
# with /var/log, then /var/log/exacct, writable by others, refused.
if [ $root = 1 ] && command -v unshare >/dev/null 2>&1 &&
    root_only /var && unshare --mount --propagation private true \
    2>/dev/null; then
	cat >"$tmp/deflt.sh" <<'EOF'
E=$1
mount -t tmpfs -o mode=0755,size=4m tmpfs /var/log || exit 2
"$E" -w >/dev/null 2>&1
echo "first $? $(stat -c '%u %a' /var/log/exacct) \
$(stat -c '%u %a %h' /var/log/exacct/proc)"
"$E" -w >/dev/null 2>&1
echo "second $? $("$E" /var/log/exacct/proc 2>/dev/null |
    grep -c '^ *7e0000')"
s0=$(cksum </var/log/exacct/proc)
chmod 1777 /var/log
err=$("$E" -w 2>&1 >/dev/null)
echo "loglog $? $err"
chmod 755 /var/log
chmod 777 /var/log/exacct
err=$("$E" -w 2>&1 >/dev/null)
echo "logexacct $? $err"
echo "same $([ "$s0" = "$(cksum </var/log/exacct/proc)" ] && echo yes)"
EOF
	unshare --mount --propagation private sh "$tmp/deflt.sh" "$EXDUMP" \
	    >"$tmp/deflt.out" 2>&1
	d=/var/log/exacct/proc
	if grep -qx 'first 0 0 700 0 600 1' "$tmp/deflt.out" &&
	    grep -qx 'second 0 2' "$tmp/deflt.out"; then
		ok sweep_root_default_file
	else
		nok sweep_root_default_file "$(cat "$tmp/deflt.out")"
	fi
	if grep -qxF "loglog 1 exdump: $d: /var/log is writable by others; \
not writing as root" "$tmp/deflt.out" &&
	    grep -qxF "logexacct 1 exdump: $d: /var/log/exacct is writable \
by others; not writing as root" "$tmp/deflt.out" &&
	    grep -qx 'same yes' "$tmp/deflt.out"; then
		ok sweep_root_default_dirs_checked
	else
		nok sweep_root_default_dirs_checked "$(cat "$tmp/deflt.out")"
	fi
else
	skip sweep_root_default_file "needs root, unshare and a /var of root's"
	skip sweep_root_default_dirs_checked "needs root, unshare and a /var \
of root's"
fi

# A nearly full file system: the sweep fails, says why, and leaves the
# file as it was, whole.
if [ $root = 1 ]; then
	mkdir "$tmp/mnt"
	if mount -t tmpfs -o size=512k,mode=0700 tmpfs "$tmp/mnt" \
	    2>"$tmp/m.err"; then
		mnt=$tmp/mnt
		"$EXDUMP" -w "$mnt/f" >/dev/null 2>&1
		size1=$(wc -c <"$mnt/f")
		n1=$(records "$mnt/f" | wc -l)
		# Fill it, then free one page: less than a sweep needs.
		dd if=/dev/zero of="$mnt/fill" bs=4096 2>/dev/null
		fs=$(wc -c <"$mnt/fill")
		dd if=/dev/zero of="$mnt/fill" bs=4096 \
		    count=$((fs / 4096 - 1)) 2>/dev/null
		"$EXDUMP" -w "$mnt/f" >/dev/null 2>"$tmp/full.err"
		rc=$?
		size2=$(wc -c <"$mnt/f")
		"$EXDUMP" "$mnt/f" >/dev/null 2>&1
		drc=$?
		n2=$(records "$mnt/f" | wc -l)
		if [ $rc -ne 0 ] && grep -q 'No space left on device' \
		    "$tmp/full.err" && grep -q 'left as it was' \
		    "$tmp/full.err" && [ "$size2" = "$size1" ] &&
		    [ $drc -eq 0 ] && [ "$n2" = "$n1" ] && [ "$n1" -gt 0 ]
		then
			ok sweep_disk_full
		else
			nok sweep_disk_full "exit $rc, size $size1 -> $size2, \
dump $drc, records $n1 -> $n2: $(cat "$tmp/full.err")"
		fi
		# A new file, and an empty one that was there: the page
		# left holds the header, not the sweep.  The sweep fails
		# and leaves no file holding a header and nothing else.
		: >"$mnt/empty" && chmod 600 "$mnt/empty"
		bad=
		for f in new empty; do
			"$EXDUMP" -w "$mnt/$f" >/dev/null 2>"$tmp/full.$f"
			rc=$?
			grep -q 'No space left on device' "$tmp/full.$f" ||
			    bad="$bad $f: not said why;"
			[ $rc = 1 ] || bad="$bad $f: exit $rc;"
			if [ -e "$mnt/$f" ]; then
				bad="$bad $f left, $(wc -c <"$mnt/$f") bytes;"
			fi
		done
		if [ -z "$bad" ]; then
			ok sweep_disk_full_no_header_only
		else
			nok sweep_disk_full_no_header_only "$bad \
$(cat "$tmp/full.new" "$tmp/full.empty")"
		fi
		# Four at once into one new file: one makes it and fails,
		# the others, waiting for its lock, find it removed and
		# open the name again.  None is left, and none of them goes
		# on to read a file that is gone.
		for i in 1 2 3 4; do
			"$EXDUMP" -w "$mnt/par" >/dev/null 2>"$tmp/fpar$i" &
			eval "fp$i=\$!"
		done
		prc=
		for i in 1 2 3 4; do
			eval "wait \$fp$i"
			prc="$prc$?"
		done
		if [ "$prc" = 1111 ] && [ ! -e "$mnt/par" ] &&
		    ! grep -q 'cannot open' "$tmp"/fpar[1-4]; then
			ok sweep_disk_full_parallel
		else
			nok sweep_disk_full_parallel "exits $prc, \
$(ls "$mnt"): $(cat "$tmp"/fpar[1-4])"
		fi
		# Full to the last page: not even the header fits.  A new
		# file is not left either; an empty one that was there is
		# left as it was.
		dd if=/dev/zero of="$mnt/fill2" bs=4096 2>/dev/null
		: >"$mnt/empty" && chmod 600 "$mnt/empty"
		"$EXDUMP" -w "$mnt/new" >/dev/null 2>"$tmp/full.new"
		rc1=$?
		"$EXDUMP" -w "$mnt/empty" >/dev/null 2>"$tmp/full.empty"
		rc2=$?
		if [ $rc1 = 1 ] && [ $rc2 = 1 ] && [ ! -e "$mnt/new" ] &&
		    [ -f "$mnt/empty" ] && [ ! -s "$mnt/empty" ]; then
			ok sweep_disk_full_no_header
		else
			nok sweep_disk_full_no_header "exit $rc1/$rc2, \
$(ls -l "$mnt"): $(cat "$tmp/full.new" "$tmp/full.empty")"
		fi
		umount "$mnt" && mnt=
	else
		skip sweep_disk_full "cannot mount a tmpfs here: \
$(cat "$tmp/m.err")"
		skip sweep_disk_full_no_header_only "no tmpfs"
		skip sweep_disk_full_parallel "no tmpfs"
		skip sweep_disk_full_no_header "no tmpfs"
	fi
else
	skip sweep_disk_full "mounting a small tmpfs needs root"
	skip sweep_disk_full_no_header_only "mounting a small tmpfs needs root"
	skip sweep_disk_full_parallel "mounting a small tmpfs needs root"
	skip sweep_disk_full_no_header "mounting a small tmpfs needs root"
fi

# Without privilege (uid 65534): the default file is root's, and a
# user's own FILE gets every process it can see, without the chars of
# processes it may not trace (a root process), with its own.
if [ $root = 1 ]; then
	# The checkout may sit below a directory only root can enter: run a
	# copy of the binary from a directory everyone can.
	ndir=$(mktemp -d) && chmod 777 "$ndir"
	cp "$EXDUMP" "$ndir/exdump" && chmod 755 "$ndir/exdump"
	"$H/helper_runas" 65534 65534 "$ndir/exdump" -w >/dev/null \
	    2>"$tmp/u.err"
	rc=$?
	if [ $rc -ne 0 ] && grep -q '/var/log/exacct' "$tmp/u.err" &&
	    grep -q 'needs root' "$tmp/u.err"; then
		ok sweep_user_default_file
	else
		nok sweep_user_default_file "exit $rc: $(cat "$tmp/u.err")"
	fi
	"$H/helper_runas" 65534 65534 "$ndir/exdump" -w "$ndir/f" >/dev/null \
	    2>"$tmp/u2.err"
	rc=$?
	records "$ndir/f" >"$tmp/u.rec"
	set -- $(rec "$tmp/u.rec" "$sleeper")
	s_uid=$3 s_ch=$6
	set -- $(rec "$tmp/u.rec" "$nobody")
	n_uid=$3 n_ch=$6
	if [ $rc -eq 0 ] && [ "$s_uid" = 0 ] && [ "$s_ch" = - ] &&
	    [ "$n_uid" = 65534 ] && [ "$n_ch" != - ] && [ -n "$n_ch" ]; then
		ok sweep_user_own_file
	else
		nok sweep_user_own_file "exit $rc, root sleeper uid $s_uid \
chars $s_ch, nobody's uid $n_uid chars $n_ch: $(cat "$tmp/u2.err")"
	fi
	rm -rf "$ndir"
else
	skip sweep_user_default_file "needs root to become uid 65534"
	skip sweep_user_own_file "needs root to become uid 65534"
fi

# The uid 65534 child, swept by root.
if [ $root = 1 ]; then
	set -- $(rec "$tmp/s1.rec" "$nobody")
	if [ "$3" = 65534 ] && [ "$4" = 65534 ] && [ "$2" = "$$" ] &&
	    [ "${12}" = sleep ]; then
		ok sweep_other_uid
	else
		nok sweep_other_uid "want uid/gid 65534 sleep, got: $*"
	fi
else
	skip sweep_other_uid "starting a child under uid 65534 needs root"
fi
exit 0
