#!/bin/sh
# make deb-check: the .deb `make deb` built (DEB, the first argument).
# lintian reports no error; the package holds the expected files, with
# /etc/wxstrip.conf its one conffile; its control fields and maintainer
# scripts create the user, enable and start the timer (not the service) and
# remove the data on purge only; the units it ships pass systemd-analyze
# verify and an exposure of at most 2.0. Exit status 1 names each failure.
set -eu
deb=${1:?usage: tests/deb-check.sh DEB}
[ -f "$deb" ] || { echo "deb-check: $deb: no such file" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/wxstrip-deb-check-XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "deb-check: FAIL: $*" >&2; failed=1; }
ok() { echo "deb-check: ok: $*"; }

# lintian: errors fail; warnings and info are shown (README, "Installing").
echo "  LINTIAN $deb"
if lintian --fail-on error --display-info "$deb" >"$work/lintian" 2>"$work/lintian.err"; then
    ok "lintian: no error"
else
    fail "lintian reported errors"
fi
cat "$work/lintian"
grep -v 'running with root privileges is not recommended' "$work/lintian.err" >&2 || true
grep -q '^E: ' "$work/lintian" && fail "lintian: $(grep -c '^E: ' "$work/lintian") E: tags"

# The files, with their modes and owners.
dpkg-deb --contents "$deb" | awk '{ print $1, $2, $6 }' >"$work/contents"
unitdir=$(pkg-config --variable=systemdsystemunitdir systemd 2>/dev/null || true)
unitdir=${unitdir:-/lib/systemd/system}
for want in \
    "-rwxr-xr-x root/root ./usr/bin/wxstrip" \
    "-rw-r--r-- root/root ./usr/share/man/man1/wxstrip.1.gz" \
    "-rw-r--r-- root/root ./usr/share/wxstrip/stations.tsv" \
    "-rw-r--r-- root/root ./etc/wxstrip.conf" \
    "-rw-r--r-- root/root .$unitdir/wxstrip.service" \
    "-rw-r--r-- root/root .$unitdir/wxstrip.timer" \
    "-rw-r--r-- root/root ./usr/lib/sysusers.d/wxstrip.conf" \
    "-rw-r--r-- root/root ./usr/share/doc/wxstrip/copyright" \
    "-rw-r--r-- root/root ./usr/share/doc/wxstrip/README.gz" \
    "-rw-r--r-- root/root ./usr/share/doc/wxstrip/changelog.Debian.gz"; do
    if grep -qxF -- "$want" "$work/contents"; then ok "contains ${want##* }"; else fail "no '$want'"; fi
done
# Nothing under /var: the data directory is made by postinst and StateDirectory=.
if grep -q ' \./var/' "$work/contents"; then fail "ships files under /var"; fi
files=$(grep -c '^-' "$work/contents")
[ "$files" -eq 10 ] || fail "$files files in the package, not 10: $(grep '^-' "$work/contents" | awk '{ print $3 }' | tr '\n' ' ')"

# Control: conffiles, relations.
mkdir "$work/ctrl"
dpkg-deb --ctrl-tarfile "$deb" | tar -xf - -C "$work/ctrl"
[ "$(cat "$work/ctrl/conffiles")" = /etc/wxstrip.conf ] &&
    ok "conffiles: /etc/wxstrip.conf" || fail "conffiles: $(tr '\n' ' ' <"$work/ctrl/conffiles")"
depends=$(dpkg-deb -f "$deb" Depends)
for d in librrd8 fonts-nanum libcurl4 'systemd | systemd-standalone-sysusers'; do
    case ", $depends," in *", $d"[\ ,]*) ok "Depends: $d" ;; *) fail "Depends lacks $d: $depends" ;; esac
done
[ "$(dpkg-deb -f "$deb" Suggests)" = rrdcached ] && ok "Suggests: rrdcached" || fail "Suggests: $(dpkg-deb -f "$deb" Suggests)"

# Maintainer scripts.
has() { grep -qF -- "$2" "$work/ctrl/$1" && ok "$1: $2" || fail "$1 lacks: $2"; }
has postinst "systemd-sysusers \${DPKG_ROOT:+--root=\"\$DPKG_ROOT\"} wxstrip.conf"
has postinst "deb-systemd-helper enable 'wxstrip.timer'"
has postinst "deb-systemd-invoke \$_dh_action 'wxstrip.timer'"
has postinst "install -d -o wxstrip -g wxstrip -m 0755 /var/lib/wxstrip"
has prerm "deb-systemd-invoke stop 'wxstrip.timer'"
has postrm "rm -rf /var/lib/wxstrip"
grep -q "wxstrip\.service" "$work/ctrl/postinst" && fail "postinst enables or starts wxstrip.service"
# The data goes on purge only.
sed -n '/^if \[ "$1" = "purge" \]; then$/,/^fi$/p' "$work/ctrl/postrm" | grep -q 'rm -rf /var/lib/wxstrip' &&
    ok "postrm: /var/lib/wxstrip removed on purge" || fail "postrm: /var/lib/wxstrip not removed under purge"
for s in postinst prerm postrm; do sh -n "$work/ctrl/$s" || fail "$s: not sh"; done

# The files themselves.
dpkg-deb -x "$deb" "$work/root"
r=$work/root
grep -qx 'stations_file = /usr/share/wxstrip/stations.tsv' "$r/etc/wxstrip.conf" &&
    ok "wxstrip.conf: the registry in /usr/share/wxstrip" || fail "wxstrip.conf: stations_file"
grep -qx 'ExecStart=/usr/bin/wxstrip poll' "$r$unitdir/wxstrip.service" &&
    ok "wxstrip.service: ExecStart=/usr/bin/wxstrip poll" || fail "wxstrip.service: ExecStart"
grep -q '^u wxstrip ' "$r/usr/lib/sysusers.d/wxstrip.conf" && ok "sysusers: user wxstrip" || fail "sysusers: no user wxstrip"
version=$("$r/usr/bin/wxstrip" --version) || true
[ "$version" = "wxstrip $(dpkg-deb -f "$deb" Version | sed 's/-[^-]*$//')" ] &&
    ok "--version: $version" || fail "--version: $version"
grep -qaF /etc/wxstrip.conf "$r/usr/bin/wxstrip" && ok "the binary reads /etc/wxstrip.conf" ||
    fail "the binary does not read /etc/wxstrip.conf"
if readelf -d "$r/usr/bin/wxstrip" | grep -q 'FLAGS.*BIND_NOW'; then ok "hardening: BIND_NOW (dpkg-buildflags LDFLAGS)"; else fail "no BIND_NOW"; fi

# The shipped units: verify (ExecStart pointed at the extracted binary, the
# manual found through MANPATH) prints nothing; exposure at most 2.0.
mkdir "$work/units"
sed "s|^ExecStart=/usr/bin/|ExecStart=$r/usr/bin/|" "$r$unitdir/wxstrip.service" >"$work/units/wxstrip.service"
cp "$r$unitdir/wxstrip.timer" "$work/units/"
out=$(MANPATH=$r/usr/share/man systemd-analyze verify "$work/units/wxstrip.service" "$work/units/wxstrip.timer" 2>&1) || true
[ -z "$out" ] && ok "systemd-analyze verify: nothing to say" || fail "systemd-analyze verify: $out"
level=$(systemd-analyze security --offline=true "$r$unitdir/wxstrip.service" 2>/dev/null |
    sed -n 's/.*Overall exposure level for wxstrip.service: \([0-9.]*\).*/\1/p')
if [ -n "$level" ] && awk -v l="$level" 'BEGIN { exit !(l <= 2.0) }'; then
    ok "systemd-analyze security: exposure $level"
else
    fail "systemd-analyze security: exposure '$level' (> 2.0 or unread)"
fi

if [ "$failed" -ne 0 ]; then
    echo "deb-check: $deb: FAILED" >&2
    exit 1
fi
echo "deb-check: $deb: all checks passed"
