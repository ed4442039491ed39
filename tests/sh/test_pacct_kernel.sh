#!/bin/sh
# test_pacct_kernel.sh: the pacct decoder on records the running Linux
# kernel writes.  Root only.  It switches process accounting on into a
# temporary file, runs processes whose records it knows (each started in
# the background so that its pid is known, and under a name of its own,
# a link to the acct_on helper, so that its record is told apart), switches
# accounting off again (always, from a trap), and checks what
# "test_pacct -d" decodes from the file.
#
# Accounting is one per system (per pid namespace): switching it on
# replaces whatever file the system was writing, and switching it off
# stops it.  So the test does not run where the system's accounting file
# exists, unless PACCT_KERNEL_FORCE=1.
name=pacct_kernel
helper=${OBJDIR:-build}/acct_on
dec=${OBJDIR:-build}/test_pacct

if [ "$(uname -s)" != Linux ]; then
	echo "skip $name: acct(2) version 3 records are Linux only"
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "skip $name: needs root to switch accounting on"
	exit 0
fi
if [ ! -x "$helper" ] || [ ! -x "$dec" ]; then
	echo "skip $name: $helper or $dec not built"
	exit 0
fi
for f in /var/log/account/pacct /var/account/pacct; do
	if [ -e "$f" ] && [ "${PACCT_KERNEL_FORCE:-0}" != 1 ]; then
		echo "skip $name: system accounting may be on ($f exists);" \
		    "PACCT_KERNEL_FORCE=1 runs the test anyway"
		exit 0
	fi
done

helper=$(cd "$(dirname "$helper")" && pwd)/acct_on
tmp=$(mktemp -d) || exit 1
on=0
cleanup() {
	if [ "$on" = 1 ]; then
		"$helper" -o || echo "not ok $name: could not switch" \
		    "accounting off"
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

for n in px_on px_exit3 px_term px_segv px_burn px_nobody px_fork px_off; do
	ln -s "$helper" "$tmp/$n" || exit 1
done
: >"$tmp/pacct"

t0=$(date +%s)
msg=$("$tmp/px_on" "$tmp/pacct" 2>&1)
case $? in
0)	on=1 ;;
3)	echo "skip $name: ${msg:-acct(2) refused}"
	exit 0 ;;
*)	echo "not ok $name: switching accounting on: $msg"
	exit 1 ;;
esac

# Each process in the background, so that $! is its pid, then waited for.
"$tmp/px_exit3" -x 3 &
p_exit3=$!
wait "$p_exit3"
rc_exit3=$?

sh -c 'exit 3' &
p_sh=$!
wait "$p_sh"

"$tmp/px_term" -p &
p_term=$!
# Kill it only once it runs as px_term, not while still the forked shell.
i=0
while [ "$(cat "/proc/$p_term/comm" 2>/dev/null)" != px_term ] &&
    [ "$i" -lt 10 ]; do
	sleep 1
	i=$((i + 1))
done
kill -TERM "$p_term"
wait "$p_term" 2>/dev/null
rc_term=$?

# SIGSEGV with no core allowed: the kernel sets ACORE (a signal that
# dumps core) though it writes none, and its exit code lacks the 0x80
# bit; the record's wait status must still say core (lastcomm's D).
# (A sanitizer's own SIGSEGV handler would catch the signal: not here.)
(ulimit -c 0; cd "$tmp" && ASAN_OPTIONS=handle_segv=0 \
    UBSAN_OPTIONS=handle_segv=0 exec "$tmp/px_segv" -p) &
p_segv=$!
i=0
while [ "$(cat "/proc/$p_segv/comm" 2>/dev/null)" != px_segv ] &&
    [ "$i" -lt 10 ]; do
	sleep 1
	i=$((i + 1))
done
kill -SEGV "$p_segv"
wait "$p_segv" 2>/dev/null
rc_segv=$?

"$tmp/px_burn" -b 600 &
p_burn=$!
wait "$p_burn"

"$tmp/px_nobody" -u 65534 &
p_nobody=$!
wait "$p_nobody"

"$tmp/px_fork" -f >"$tmp/child" &
p_fork=$!
wait "$p_fork"

"$tmp/px_off" -o
rc=$?
if [ "$rc" = 0 ]; then
	on=0
fi
t1=$(date +%s)

# The record of a pid as one line, or nothing.
rec() {
	awk -v p="pid=$1" '$1 == p' "$tmp/out"
}
# One field of such a line.
field() {
	echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}
ok() {
	echo "ok $name: $1"
}
notok() {
	echo "not ok $name: $1: $2"
}
# check NAME PID: the record of PID, in $r, or a failure.
check() {
	r=$(rec "$2")
	if [ -z "$r" ]; then
		notok "$1" "no record for pid $2"
		return 1
	fi
	return 0
}

"$dec" -d "$tmp/pacct" >"$tmp/out" 2>&1
rc=$?
size=$(wc -c <"$tmp/pacct" | tr -d ' ')
if [ "$rc" = 0 ] && [ $((size % 64)) = 0 ] &&
    grep -q '^records [1-9][0-9]*, bad 0$' "$tmp/out"; then
	ok "decode: $(tail -n 1 "$tmp/out") in $size bytes"
else
	notok decode "rc $rc, $size bytes: $(head -n 3 "$tmp/out")"
fi

# The byte order the probe saw is this machine's.
if [ "$(printf '\001\000' | od -An -tu2 | tr -d ' ')" = 1 ]; then
	want=le
else
	want=be
fi
if grep -q "^order $want\$" "$tmp/out"; then
	ok "byte order $want"
else
	notok order "want $want: $(head -n 1 "$tmp/out")"
fi

# px_on itself, not a child it forked (as LeakSanitizer does at exit).
if check on "$(awk '/ comm=px_on$/ && / flags=[02] / {
    sub(/^pid=/, "", $1); print $1 }' "$tmp/out" | head -n 1)"; then
	f=$(field "$r" flags)
	if [ $((f & 2)) = 2 ]; then
		ok "acct(2) caller flagged SU"
	else
		notok su "flags $f: $r"
	fi
fi

if check exit3 "$p_exit3"; then
	if [ "$rc_exit3" = 3 ] && [ "$(field "$r" comm)" = px_exit3 ] &&
	    [ "$(field "$r" wstat)" = 768 ] &&
	    [ "$(field "$r" ppid)" = $$ ] &&
	    [ $(($(field "$r" flags) & 1)) = 0 ]; then
		ok "exit status 3 is wait status 0x300, parent $$"
	else
		notok exit3 "exit $rc_exit3: $r"
	fi
fi

if check sh_exit3 "$p_sh"; then
	if [ "$(field "$r" comm)" = sh ] && [ "$(field "$r" wstat)" = 768 ]
	then
		ok "sh -c 'exit 3' is wait status 0x300"
	else
		notok sh_exit3 "$r"
	fi
fi

if check term "$p_term"; then
	if [ "$rc_term" = 143 ] && [ "$(field "$r" comm)" = px_term ] &&
	    [ "$(field "$r" wstat)" = 15 ]; then
		ok "SIGTERM is wait status 15 (signalled)"
	else
		notok term "exit $rc_term: $r"
	fi
fi

if check segv "$p_segv"; then
	# The raw record as the kernel wrote it: its flag byte has ACORE
	# (0x08) and its exit code is 11, without 0x80 (no core written).
	idx=$(awk -v p="pid=$p_segv" '$1 == p { print NR - 2 }' "$tmp/out")
	flag=$(od -An -tu1 -j $((idx * 64)) -N 1 "$tmp/pacct" | tr -d ' ')
	code=$(od -An -tu1 -j $((idx * 64 + 4)) -N 1 "$tmp/pacct" | tr -d ' ')
	if [ "$rc_segv" = 139 ] && [ $((flag & 8)) = 8 ] && [ "$code" = 11 ] &&
	    [ "$(field "$r" wstat)" = 139 ]; then
		ok "SIGSEGV without a core is wait status 139 (signal 11, core)"
	else
		notok segv "exit $rc_segv, flag $flag, code $code: $r"
	fi
fi

if check burn "$p_burn"; then
	u=$(field "$r" user)
	s=$(field "$r" start)
	e=$(field "$r" finish)
	if [ "$(field "$r" comm)" = px_burn ] &&
	    awk -v u="$u" -v s="$s" -v e="$e" -v t0="$t0" -v t1="$t1" \
	    'BEGIN { exit !(u >= 0.2 && u < 10 && e - s >= 0.2 &&
	    s >= t0 - 2 && s <= t1 + 2) }'; then
		ok "600 ms burner: user $u s, elapsed $(awk -v s="$s" \
		    -v e="$e" 'BEGIN { printf "%.2f", e - s }') s"
	else
		notok burn "want user >= 0.2 s, start in [$t0, $t1]: $r"
	fi
fi

if check nobody "$p_nobody"; then
	if [ "$(field "$r" uid)" = 65534 ] &&
	    [ "$(field "$r" gid)" = 65534 ] &&
	    [ "$(field "$r" comm)" = px_nobody ]; then
		ok "uid and gid 65534"
	else
		notok nobody "$r"
	fi
fi

# The child of px_fork never exec'd: FORK flag, exit status 5.
if check fork "$(cat "$tmp/child")"; then
	f=$(field "$r" flags)
	if [ "$(field "$r" comm)" = px_fork ] && [ $((f & 1)) = 1 ] &&
	    [ "$(field "$r" ppid)" = "$p_fork" ] &&
	    [ "$(field "$r" wstat)" = 1280 ]; then
		ok "forked child without exec flagged FORK, wait status 0x500"
	else
		notok fork "$r"
	fi
fi
exit 0
