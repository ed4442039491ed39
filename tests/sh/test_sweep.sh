#!/bin/sh
# test_sweep.sh: the Linux -w sweep against children whose identity and
# usage we know: a sleeper, a CPU burner, a multi-threaded program whose
# threads do I/O and then exit, a child under uid 65534 and a zombie.
# Also parallel sweeps, a full file system, refused files, and a sweep
# without privilege.  (The illumos policy is tested by test_sweep.c.)
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

tmp=$(mktemp -d) || exit 1
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

root=0
[ "$(id -u)" = 0 ] && root=1

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

# An existing empty file made with a looser mode becomes private too.
: > "$tmp/loose" && chmod 644 "$tmp/loose"
"$EXDUMP" -w "$tmp/loose" >/dev/null 2>&1
mode=$(ls -l "$tmp/loose" | cut -c1-10)
if [ "$mode" = "-rw-------" ] && [ -s "$tmp/loose" ]; then
	ok sweep_mode_empty_file
else
	nok sweep_mode_empty_file "$mode"
fi

# The sleeper: identity.
set -- $(rec "$tmp/s1.rec" "$sleeper")
if [ "$2" = "$$" ] && [ "$3" = "$(id -u)" ] && [ "$4" = "$(id -g)" ] &&
    [ "${12}" = sleep ] && [ "${11}" = global ]; then
	ok sweep_sleeper
else
	nok sweep_sleeper "want ppid $$ uid $(id -u) sleep, got: $*"
fi

# The burner: the 0.5 s of CPU it burned (by clock(), to the ns).  The
# kernel gives user and system time in whole clock ticks, each cut down,
# so the record may be up to two ticks short; and not much over.
tick=$((1000000000 / $(getconf CLK_TCK)))
lo=$((500000000 - 2 * tick))
set -- $(rec "$tmp/s1.rec" "$burner")
if [ "${12}" = helper_burn ] && [ "$2" = "$$" ] && [ "$5" -ge $lo ] &&
    [ "$5" -le 1000000000 ]; then
	ok sweep_cpu
else
	nok sweep_cpu "want helper_burn with $lo..1000000000 ns, got: $*"
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

# After the threads exit: the counters are the live threads' only, as in
# an illumos partial record.
kill -USR1 "$threads"
if await "$tmp/thr.state" joined; then
	"$EXDUMP" -w "$tmp/s2" >/dev/null 2>&1
	set -- $(records "$tmp/s2" | awk -v p="$threads" '$1 == p')
	if [ "$1" = "$threads" ] && [ "$6" != - ] && [ "$6" -lt 1048576 ]
	then
		ok sweep_threads_exited
	else
		nok sweep_threads_exited "want chars < 1 MiB, got: $*"
	fi
else
	nok sweep_threads_exited "the threads did not exit"
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

# A nearly full file system: the sweep fails, says why, and leaves the
# file as it was, whole.
if [ $root = 1 ]; then
	mkdir "$tmp/mnt"
	if mount -t tmpfs -o size=512k tmpfs "$tmp/mnt" 2>"$tmp/m.err"; then
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
		umount "$mnt" && mnt=
	else
		skip sweep_disk_full "cannot mount a tmpfs here: \
$(cat "$tmp/m.err")"
	fi
else
	skip sweep_disk_full "mounting a small tmpfs needs root"
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
