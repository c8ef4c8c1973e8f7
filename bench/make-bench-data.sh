#!/usr/bin/env bash
# Writes the benchmark's N users three ways: sipp's users.csv, Lineside's directory.yaml, Kamailio's db_text table.
set -euo pipefail

usage() { echo "usage: make-bench-data.sh DIR USERS (users are 100000 .. 100000+USERS-1)" >&2; exit 2; }
[ $# -eq 2 ] || usage
dir=$1
users=$2
case "$users" in ''|*[!0-9]*) usage ;; esac
[ "$users" -ge 1 ] && [ "$users" -le 100000 ] || { echo "make-bench-data.sh: USERS must be 1..100000" >&2; exit 2; }
first=100000
last=$((first + users - 1))
mkdir -p "$dir/kamailio-db"

# sipp: user;[authentication ...] (the whole keyword in one field), used in order.
{
  echo SEQUENTIAL
  seq "$first" "$last" | awk '{ printf "%s;[authentication username=%s password=pw%s]\n", $1, $1, $1 }'
} >"$dir/users.csv"

# Lineside: one device per user, digest on, the same password.
{
  echo "# Benchmark directory: $users devices, users $first..$last, password pw<user>."
  echo "devices:"
  seq "$first" "$last" | awk '{ printf "  - { id: dev-%s, user: \"%s\", dn: \"%s\", password: \"pw%s\" }\n", $1, $1, $1, $1 }'
} >"$dir/directory.yaml"

# Kamailio: htable rows in a db_text table (key_type 0 = name, value_type 0 = string).
{
  echo "id(int,auto) key_name(string) key_type(int) value_type(int) key_value(string) expires(int) "
  seq "$first" "$last" | awk '{ printf "%d:%s:0:0:pw%s:0\n", NR, $1, $1 }'
} >"$dir/kamailio-db/bench_users"
