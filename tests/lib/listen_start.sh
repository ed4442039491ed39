# listen_start.sh: sourced by the tests and benchmarks of exdump -W.
#
# listen_start FILE [OPTION...] starts "$EXDUMP -W OPTION... FILE" in the
# background (its standard error in FILE.err, or in $LERR if set; its pid
# in $lpid) and waits
# until it is registered with the kernel: until the record of a probe
# child ($H e, helper_exits) is in FILE.  0; or 1 with the reason in $why
# (the listener's own message if it exited) and $lpid empty.
listen_start() {
	f=$1
	shift
	e=${LERR:-$f.err}
	"$EXDUMP" -W "$@" "$f" 2>"$e" &
	lpid=$!
	n=0
	while [ $n -lt 100 ]; do
		if ! kill -0 "$lpid" 2>/dev/null; then
			why=$(cat "$e")
			lpid=
			return 1
		fi
		p=$("$H" e | cut -d' ' -f1)
		sleep 0.2
		if [ -s "$f" ] && "$EXDUMP" -c -F csv -H "$f" 2>/dev/null |
		    cut -d, -f1 | grep -qx "$p"; then
			return 0
		fi
		n=$((n + 1))
	done
	kill -TERM "$lpid" 2>/dev/null
	lpid=
	why="no probe record after 20 s"
	return 1
}
