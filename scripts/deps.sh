#!/bin/sh
# Installs the Debian packages wxstrip needs that are missing, for the groups
# named on the command line (build, run, test, bench, fuzz, deb; default: all).
# Runs apt-get as root, or through sudo. Quiet when nothing is missing.
set -eu

pkgs_build="gcc make pkg-config libcurl4-openssl-dev libxml2-dev librrd-dev libglib2.0-dev libdbi-dev libjansson-dev"
pkgs_run="ca-certificates fontconfig fonts-nanum tzdata"
pkgs_test="check python3 rrdtool rrdcached curl libxml2-utils chromium fonts-dejavu-core clang-format clang python3-prometheus-client systemd"
pkgs_bench="libxml2-utils python3 python3-bs4 python3-lxml python3-rrdtool rrdtool rrdcached curl time valgrind fontconfig fonts-nanum"
pkgs_fuzz="clang libclang-rt-dev"
pkgs_deb="debhelper lintian dpkg-dev fakeroot build-essential systemd rsync"

groups=${*:-build run test bench fuzz deb}
want=""
for g in $groups; do
    eval "list=\${pkgs_$g:-}"
    [ -n "$list" ] || { echo "deps.sh: unknown group '$g'" >&2; exit 2; }
    want="$want $list"
done

missing=""
for p in $want; do
    case " $missing " in *" $p "*) continue ;; esac
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing="$missing $p"
done
[ -n "$missing" ] || exit 0

echo "deps.sh: installing:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "deps.sh: need root or sudo to install:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$sudo apt-get install -y --no-install-recommends $missing >/dev/null 2>&1 || {
    $sudo apt-get update -q >/dev/null
    # shellcheck disable=SC2086
    $sudo apt-get install -y --no-install-recommends $missing
}
