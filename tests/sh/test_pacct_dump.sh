#!/bin/sh
# test_pacct_dump.sh: a Linux process-accounting file wherever exdump
# takes a file: the classic dump shows each record as the final process
# record exacct would hold, and -c reads it.  The record is written byte
# by byte here (version 3, little-endian); what it must show was worked
# out by hand from the values below.
EXDUMP=${EXDUMP:-./exdump}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok $1"; }
notok() { echo "not ok $1: $2"; }

# flag ASU (0x02), version 3, tty 4/1, exit code 3 (0x300), uid 1000,
# gid 100, pid 4242, ppid 1, btime 1700000000, etime 250.0 ticks (float
# 0x437a0000), utime 150 ticks, stime 20, mem, io, rw 0, minflt 77,
# majflt 2, swaps 0, comm "hello".
rec() {
	printf '\002\003\001\004\000\003\000\000'
	printf '\350\003\000\000\144\000\000\000'
	printf '\222\020\000\000\001\000\000\000'
	printf '\000\361\123\145\000\000\172\103'
	printf '\226\000\024\000\000\000\000\000'
	printf '\000\000\115\000\002\000\000\000'
	printf 'hello\000\000\000\000\000\000\000\000\000\000\000'
}
rec > "$tmp/pacct"
rec >> "$tmp/pacct"

line() { printf '%6s\t%-30s\t%s\n' "$1" "$2" "$3"; }
group() {
	line 100 group-proc '[group of 19 object(s)]'
	line 1000 ' pid' 4242
	line 1001 ' uid' '1000           '
	line 1002 ' gid' '100            '
	line 100b ' cpu-user-sec' '1              '
	line 100c ' cpu-user-nsec' '500000000      '
	line 100d ' cpu-sys-sec' '0              '
	line 100e ' cpu-sys-nsec' '200000000      '
	line 1007 ' start-sec' "1700000000     $1"
	line 1008 ' start-nsec' '0              '
	line 1009 ' finish-sec' "1700000002     $2"
	line 100a ' finish-nsec' '500000000      '
	line 1006 ' command' '"hello"'
	line 100f ' tty-major' 4
	line 1010 ' tty-minor' 1
	line 1011 ' faults-major' '2              '
	line 1012 ' faults-minor' '77             '
	line 101d ' acctflags' "2              $3"
	line 101f ' ppid' 1
	line 1020 ' wait-status' "$4"
}
{ group '' '' '' 768; group '' '' '' 768; } > "$tmp/want"
"$EXDUMP" "$tmp/pacct" > "$tmp/got" 2> "$tmp/err"
rc=$?
# 19 items: 3 ids, 4 cpu, 4 times, command, 2 tty, 2 faults, flags, ppid, status.

if [ $rc -eq 0 ] && cmp -s "$tmp/want" "$tmp/got" && [ ! -s "$tmp/err" ]; then
	ok pacct_dump
else
	notok pacct_dump "exit $rc"
	diff "$tmp/want" "$tmp/got" | head; cat "$tmp/err"
fi

# -v -n: dates (UTC), flags and the exit status decoded.
{
	group '11/14/23 22:13:20' '11/14/23 22:13:22' SU '3              exit'
	group '11/14/23 22:13:20' '11/14/23 22:13:22' SU '3              exit'
} > "$tmp/want"
"$EXDUMP" -v -n "$tmp/pacct" > "$tmp/got"
if cmp -s "$tmp/want" "$tmp/got"; then
	ok pacct_dump_v
else
	notok pacct_dump_v "output differs"
	diff "$tmp/want" "$tmp/got" | head
fi

# -c: 2.5 s elapsed, 1.50 s user, 0.20 s system, no I/O or rss.
want='4242 1 1000 1.50 0.20 2.50 2 77 - - - - - - - hello'
got=$("$EXDUMP" -c -H "$tmp/pacct" | head -n 1)
if [ "$got" = "$want" ]; then
	ok pacct_columns
else
	notok pacct_columns "got: $got"
fi

# A record cut short at the end is damage, after the whole ones.
{ rec; rec | head -c 30; } > "$tmp/cut"
"$EXDUMP" "$tmp/cut" > "$tmp/got" 2> "$tmp/err"
rc=$?
if [ $rc -eq 2 ] && [ "$(wc -l < "$tmp/got")" -eq 20 ] &&
    [ "$(cat "$tmp/err")" = "exdump: $tmp/cut: offset 64: file ends inside a process-accounting record" ]; then
	ok pacct_dump_cut
else
	notok pacct_dump_cut "exit $rc: $(cat "$tmp/err")"
fi
exit 0
