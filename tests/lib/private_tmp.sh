# private_tmp.sh: sourced by the tests and benchmarks that sweep.
#
# private_tmp NAME prints a new temporary directory.  As root the sweep
# writes only through directories no one else can write, which /tmp is
# not: then the directory is made in a root-only one (/run, /root or
# /var/lib, whichever is root's and writable by root alone).  With no such
# directory it prints nothing and fails; not root, it is made in $TMPDIR.
private_tmp() {
	if [ "$(id -u)" != 0 ]; then
		mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX"
		return
	fi
	for d in /run /root /var/lib; do
		# shellcheck disable=SC2012
		case $(ls -ld "$d" 2>/dev/null) in
		d????-??-*" root root "*)
			mktemp -d "$d/$1.XXXXXX" && return 0 ;;
		esac
	done
	return 1
}
