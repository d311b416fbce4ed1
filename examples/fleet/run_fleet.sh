#!/usr/bin/env bash
# examples/fleet/run_fleet.sh: the fleet example end to end, against a real
# etcd. Starts etcd on free ports with a temporary data directory, seeds the
# prefix /fleet/, runs the three instances, then
#   - puts a valid value: each instance must print it applied;
#   - puts a broken value: each must print the rejection, naming the etcd key,
#     and keep the value it had;
#   - puts a valid value again: each must apply it.
# etcd is killed by its pid on exit (trap), whatever happens.
#
#   run_fleet.sh <fleet binary> [etcd] [etcdctl]     (ctest example.fleet)
set -euo pipefail

fleet_bin=$1
etcd_bin=${2:-etcd}
etcdctl_bin=${3:-etcdctl}
work=$(mktemp -d /tmp/strata-fleet-XXXXXX)
log=$work/fleet.log
etcd_pid=
fleet_pid=

cleanup() {
  exec 3>&- 2>/dev/null || true
  if [[ -n $fleet_pid ]]; then kill "$fleet_pid" 2>/dev/null || true; wait "$fleet_pid" 2>/dev/null || true; fi
  if [[ -n $etcd_pid ]]; then kill -9 "$etcd_pid" 2>/dev/null || true; wait "$etcd_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "run_fleet.sh: FAILED: $*" >&2
  echo "--- fleet output" >&2
  cat "$log" >&2 2>/dev/null || true
  exit 1
}

# A TCP port on 127.0.0.1 nobody listens on (etcd's start is retried if
# another process takes it first).
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 9<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

ctl() { ETCDCTL_API=3 "$etcdctl_bin" --dial-timeout=2s --endpoints="$endpoint" "$@"; }

start_etcd() {
  local attempt client_port peer_port peer
  for attempt in 1 2 3; do
    client_port=$(free_port)
    peer_port=$(free_port)
    endpoint=http://127.0.0.1:$client_port
    peer=http://127.0.0.1:$peer_port
    rm -rf "$work/data"
    "$etcd_bin" --name fleet --data-dir "$work/data" --listen-client-urls "$endpoint" \
      --advertise-client-urls "$endpoint" --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer" \
      --initial-cluster "fleet=$peer" --log-level error >"$work/etcd.log" 2>&1 &
    etcd_pid=$!
    for _ in $(seq 100); do
      if ctl endpoint health >/dev/null 2>&1; then return 0; fi
      kill -0 "$etcd_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$etcd_pid" 2>/dev/null || true
    wait "$etcd_pid" 2>/dev/null || true
    etcd_pid=
  done
  cat "$work/etcd.log" >&2
  fail "etcd did not start"
}

# Waits up to 20 s until every instance printed a line matching the pattern
# (an extended regular expression, after "instance N: ").
all_three() {
  local pattern=$1 i missing
  for _ in $(seq 200); do
    missing=
    for i in 1 2 3; do
      grep -Eq "^instance $i: $pattern" "$log" || missing="$missing $i"
    done
    [[ -z $missing ]] && return 0
    sleep 0.1
  done
  fail "instance(s)$missing never printed: $pattern"
}

start_etcd
ctl put /fleet/greeting '"hello from etcd"' >/dev/null
ctl put /fleet/limits/max_connections 200 >/dev/null
ctl put /fleet/limits/timeout 250ms >/dev/null

# The fleet runs until its stdin (the fifo, held open on descriptor 3) closes.
mkfifo "$work/stdin"
"$fleet_bin" "$endpoint" /fleet/ <"$work/stdin" >"$log" 2>&1 &
fleet_pid=$!
exec 3>"$work/stdin"

all_three "watching, greeting=hello from etcd max_connections=200 timeout=250ms$"
echo "three instances loaded the seeded prefix"

ctl put /fleet/limits/max_connections 500 >/dev/null
all_three "applied greeting=hello from etcd max_connections=500 timeout=250ms \(changed limits.max_connections\)$"
echo "a valid put: all three applied max_connections=500"

ctl put /fleet/limits/max_connections 0 >/dev/null
all_three "rejected a change, keeps greeting=hello from etcd max_connections=500 timeout=250ms$"
errors=$(grep -c "^error: limits.max_connections: must be in \[1, 10000\], got 0$" "$log" || true)
origins=$(grep -c "^  --> etcd /fleet/limits/max_connections@[0-9]*$" "$log" || true)
[[ $errors -eq 3 && $origins -eq 3 ]] ||
  fail "expected 3 rejections naming limits.max_connections and its etcd key, found $errors errors, $origins origins"
echo "a broken put: all three rejected it and kept max_connections=500"

ctl put /fleet/limits/max_connections 600 >/dev/null
all_three "applied greeting=hello from etcd max_connections=600 timeout=250ms \(changed limits.max_connections\)$"
echo "a valid put after the broken one: all three applied max_connections=600"

exec 3>&-
status=0
wait "$fleet_pid" || status=$?
fleet_pid=
[[ $status -eq 0 ]] || fail "the fleet exited with status $status"
echo "--- fleet output"
cat "$log"
echo "run_fleet.sh: passed"
