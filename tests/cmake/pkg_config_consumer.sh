#!/usr/bin/env bash
# Builds tests/cmake/consumer.cpp against an installed sroi with nothing but what `pkg-config sroi`
# gives (static link: --static adds the libraries sroi uses inside), then runs it.
#   pkg_config_consumer.sh CXX PREFIX LIBDIR SOURCE WORKDIR
set -eu
cxx=$1
prefix=$2
libdir=$3
source=$4
work=$5
mkdir -p "$work"
export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
# sroi.pc names the prefix the build was configured for; the test installs elsewhere. (The
# override reaches fmt's and libyaml's files too, whose libraries the linker finds anyway.)
flags=$(pkg-config --define-variable=prefix="$prefix" --cflags --libs --static sroi)
echo "pkg-config sroi: $flags"
# shellcheck disable=SC2086  # the flags are words
"$cxx" -std=c++20 "$source" -o "$work/consumer" $flags
"$work/consumer"
