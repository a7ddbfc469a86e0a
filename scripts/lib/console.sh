# shellcheck shell=bash
# Messages, privilege escalation and timing shared by every dreamx.sh command.

info() { printf '[dreamx] %s\n' "$*" >&2; }
warn() { printf '[dreamx] warning: %s\n' "$*" >&2; }
die() {
  printf '[dreamx] error: %s\n' "$*" >&2
  exit 1
}

is_root() { [[ ${EUID:-$(id -u)} -eq 0 ]]; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "'$*' needs root and sudo is not installed; run this script as root"
  fi
}

# "1m 05s" for a number of seconds.
format_duration() {
  local seconds=$1
  printf '%dm %02ds' $((seconds / 60)) $((seconds % 60))
}

# Turns INT and TERM into a normal exit, so that the EXIT trap (clean-up) runs.
exit_on_signals() {
  trap 'exit 130' INT
  trap 'exit 143' TERM
}
