# shellcheck shell=bash
# Runs a long command (the studio, a test run, a benchmark) so that Ctrl-C or
# SIGTERM to dreamx.sh stops its whole process tree before our own clean-up
# (stopping PostgreSQL) runs.

SUPERVISED_PID=""

# Runs the command in its own session and process group and waits for it;
# returns its exit status. On INT/TERM the group is stopped and dreamx.sh
# exits with 130/143, which runs the caller's EXIT trap.
run_supervised() {
  local status=0
  setsid "$@" &
  SUPERVISED_PID=$!
  trap 'stop_supervised; exit 130' INT
  trap 'stop_supervised; exit 143' TERM
  wait "$SUPERVISED_PID" || status=$?
  SUPERVISED_PID=""
  exit_on_signals
  return "$status"
}

# Asks the supervised process group to stop, waits up to 20 s, then kills it.
stop_supervised() {
  local pid=$SUPERVISED_PID tick
  [[ -n $pid ]] || return 0
  SUPERVISED_PID=""
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  for ((tick = 0; tick < 100; tick++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
