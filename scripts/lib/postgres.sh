# shellcheck shell=bash
# shellcheck disable=SC2034 # the PG_* globals are read by dreamx.sh
# Private PostgreSQL clusters: the persistent one a developer runs the studio
# on (.data/pg) and throwaway ones for a test or benchmark run.
#
# A cluster is described by globals, set by pg_open_persistent,
# pg_locate_persistent or pg_create_throwaway:
#   PG_BIN   folder of the server binaries (initdb, pg_ctl, psql)
#   PG_DATA  the cluster's data folder (its unix socket lives there too)
#   PG_LOG   the server log
#   PG_PORT  the TCP port on 127.0.0.1 while it runs
#   PG_STARTED_HERE  true when this invocation started the server
# Only one cluster is open per invocation.

PG_BIN="" PG_DATA="" PG_LOG="" PG_PORT="" PG_STARTED_HERE=false
# The port pg_start tries first when set (the persistent cluster's port of its last run).
PG_PREFERRED_PORT=""
PG_THROWAWAY_BASE=""

readonly PG_FIRST_PORT=${DREAMX_PG_PORT:-5433}
readonly PG_THROWAWAY_SETTINGS=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300)

# initdb and pg_ctl refuse to run as root: a root caller runs them as the
# postgres OS user; anyone else owns their clusters themselves.
pg_owner() {
  if is_root; then printf 'postgres\n'; else id -un; fi
}

# Runs a command as the cluster owner, from / so that an owner who cannot enter
# the caller's working directory does not trip over it.
pg_as_owner() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# True when the owner can reach into the folder (every folder above it must be
# traversable: a checkout under /root usually is not for the postgres user).
pg_owner_can_enter() {
  is_root || return 0
  id postgres >/dev/null 2>&1 || return 1
  runuser -u postgres -- test -x "$1" 2>/dev/null
}

# Creates the data folder and log file and hands them to the owner.
pg_prepare_files() {
  mkdir -p "$PG_DATA"
  chmod 700 "$PG_DATA"
  touch "$PG_LOG"
  if is_root; then chown postgres: "$PG_DATA" "$PG_LOG"; fi
}

# Picks the binaries: those of the cluster's own major version when it exists,
# otherwise the highest installed version, otherwise whatever is on PATH.
pg_find_binaries() {
  local wanted="" candidate
  [[ -n $PG_DATA && -f $PG_DATA/PG_VERSION ]] && wanted=$(<"$PG_DATA/PG_VERSION")
  if [[ -n $wanted && -x /usr/lib/postgresql/$wanted/bin/pg_ctl ]]; then
    PG_BIN=/usr/lib/postgresql/$wanted/bin
    return 0
  fi
  candidate=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/pg_ctl' 2>/dev/null | sort -V | tail -n 1)
  if [[ -n $candidate ]]; then
    PG_BIN=$(dirname "$candidate")
  elif command -v pg_ctl >/dev/null 2>&1; then
    PG_BIN=$(dirname "$(command -v pg_ctl)")
  else
    die "PostgreSQL server binaries not found (install postgresql-15)"
  fi
  if [[ -n $wanted && $("$PG_BIN/pg_ctl" --version) != *" $wanted."* ]]; then
    die "the cluster in $PG_DATA was made by PostgreSQL $wanted, which is not installed; install postgresql-$wanted or remove that folder"
  fi
}

pg_is_initialised() { [[ -f $PG_DATA/PG_VERSION ]]; }

pg_init() {
  info "creating a PostgreSQL cluster in $PG_DATA"
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >>"$PG_LOG" 2>&1 ||
    die "initdb failed; see $PG_LOG"
}

pg_is_running() {
  [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]] || return 1
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

# The port of a running server, from the 4th line of its postmaster.pid.
pg_running_port() {
  sed -n 4p "$PG_DATA/postmaster.pid"
}

pg_port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pg_next_free_port() {
  local port=$1
  while ! pg_port_is_free "$port"; do
    port=$((port + 1))
    ((port < 65535)) || die "no free TCP port on 127.0.0.1 from $1 up"
  done
  printf '%s\n' "$port"
}

# Starts the server on 127.0.0.1 and a free port. Another process may take the
# port between the check and the start (parallel test runs): then the next
# port is tried.
pg_start() {
  local settings=("$@") port=${PG_PREFERRED_PORT:-$PG_FIRST_PORT} attempt log_offset socket_dir=$PG_DATA
  # A unix socket path is limited to 107 bytes; a deep checkout goes TCP-only.
  if ((${#socket_dir} + 17 > 107)); then socket_dir=""; fi
  rm -f "$PG_DATA/postmaster.pid" "$PG_DATA"/.s.PGSQL.*
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$(pg_next_free_port "$port")
    log_offset=$(stat -c %s "$PG_LOG")
    if pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
      -o "-p $port -h 127.0.0.1 -k '$socket_dir' ${settings[*]}" start >/dev/null; then
      PG_PORT=$port
      PG_STARTED_HERE=true
      return 0
    fi
    if tail -c +"$((log_offset + 1))" "$PG_LOG" | grep -q 'could not bind\|already in use'; then
      info "port $port was taken meanwhile (attempt $attempt), trying the next one"
      port=$((port + 1))
      continue
    fi
    tail -c +"$((log_offset + 1))" "$PG_LOG" | tail -n 20 >&2
    die "PostgreSQL did not start; see $PG_LOG"
  done
  die "PostgreSQL did not find a free port; see $PG_LOG"
}

pg_stop() {
  local mode=${1:-fast}
  pg_is_running || return 0
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m "$mode" -w stop >/dev/null ||
    warn "could not stop PostgreSQL in $PG_DATA"
}

pg_connection_string() {
  printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=postgres\n' "$PG_PORT" "$1"
}

pg_psql() {
  PGCONNECT_TIMEOUT=10 "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"
}

pg_ensure_database() {
  local name=$1
  if [[ $(pg_psql -X -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'") != 1 ]]; then
    info "creating database $name"
    pg_psql -X -d postgres -qc "CREATE DATABASE \"$name\"" || die "could not create database $name"
  fi
}

# --- the persistent cluster -------------------------------------------------

# Where the persistent cluster lives: .data/pg, or, when the postgres user
# cannot enter the checkout, a folder under /tmp recorded in .data/pg.fallback.
# Leaves PG_DATA empty when that fallback folder does not exist (yet).
pg_locate_persistent() {
  local record=$DATA_ROOT/pg.fallback base=""
  if pg_owner_can_enter "$DATA_ROOT"; then
    PG_DATA=$DATA_ROOT/pg
    PG_LOG=$DATA_ROOT/pg.log
    return 0
  fi
  [[ -f $record ]] && base=$(<"$record")
  if [[ -n $base && -d $base/pg ]]; then
    PG_DATA=$base/pg
    PG_LOG=$base/pg.log
  else
    PG_DATA="" PG_LOG=""
  fi
}

# Opens the persistent cluster: creates it on first use, reuses a server that
# is still running (from `db start` or an interrupted run), starts it otherwise.
pg_open_persistent() {
  mkdir -p "$DATA_ROOT"
  pg_locate_persistent
  if [[ -z $PG_DATA ]]; then
    local base
    base=$(mktemp -d -t dreamx-pg.XXXXXX)
    is_root && chown postgres: "$base"
    printf '%s\n' "$base" >"$DATA_ROOT/pg.fallback"
    PG_DATA=$base/pg
    PG_LOG=$base/pg.log
  fi
  if [[ $PG_DATA != "$DATA_ROOT/pg" ]]; then
    info "the postgres user cannot enter $DATA_ROOT; the cluster lives in $PG_DATA"
  fi
  pg_prepare_files
  pg_find_binaries
  pg_is_initialised || pg_init
  if pg_is_running; then
    PG_PORT=$(pg_running_port)
    info "PostgreSQL is already running on port $PG_PORT; reusing it"
  else
    # The port of the last run first, so connection strings written down (a second instance's) stay valid.
    PG_PREFERRED_PORT=$(pg_recorded_port)
    pg_start
    if [[ -n $PG_PREFERRED_PORT && $PG_PORT != "$PG_PREFERRED_PORT" ]]; then
      warn "port $PG_PREFERRED_PORT of the last run is taken; PostgreSQL moved to $PG_PORT"
    fi
    printf '%s\n' "$PG_PORT" >"$DATA_ROOT/pg.port"
    info "PostgreSQL started on 127.0.0.1:$PG_PORT (log: $PG_LOG)"
  fi
}

# The port the persistent cluster had on its last start (empty before the first).
pg_recorded_port() {
  local file=$DATA_ROOT/pg.port port=""
  [[ -f $file ]] && port=$(<"$file")
  [[ $port =~ ^[0-9]+$ ]] && printf '%s\n' "$port"
  return 0
}

# A file that says a `./dreamx.sh run` started the persistent cluster (so the last studio to stop stops it);
# `db start` removes it (a cluster started by hand stays up until `db stop`).
pg_run_marker() {
  printf '%s\n' "$DATA_ROOT/pg.started-by-run"
}

# How many client connections other than this one the running server has (other studios, psql sessions).
pg_other_clients() {
  pg_psql -X -d postgres -tAc \
    "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()" 2>/dev/null || printf '0\n'
}

# --- throwaway clusters -----------------------------------------------------

# A fresh cluster tuned for speed over durability, in .data/<purpose>-pg-XXXXXX
# (or under /tmp when the postgres user cannot enter .data). The folder holds
# the pid of this script so that a later run can sweep it if we were killed.
pg_create_throwaway() {
  local purpose=$1
  mkdir -p "$DATA_ROOT"
  if pg_owner_can_enter "$DATA_ROOT"; then
    PG_THROWAWAY_BASE=$(mktemp -d "$DATA_ROOT/$purpose-pg-XXXXXX")
  else
    PG_THROWAWAY_BASE=$(mktemp -d -t "dreamx-$purpose-pg.XXXXXX")
    info "the postgres user cannot enter $DATA_ROOT; the throwaway cluster lives in $PG_THROWAWAY_BASE"
  fi
  printf '%s\n' "$$" >"$PG_THROWAWAY_BASE/owner.pid"
  is_root && chown postgres: "$PG_THROWAWAY_BASE"
  PG_DATA=$PG_THROWAWAY_BASE/data
  PG_LOG=$PG_THROWAWAY_BASE/postgres.log
  pg_prepare_files
  pg_find_binaries
  pg_init
  pg_start "${PG_THROWAWAY_SETTINGS[@]}"
  info "throwaway PostgreSQL on 127.0.0.1:$PG_PORT"
}

# Stops and deletes the throwaway cluster; safe to call twice.
pg_remove_throwaway() {
  [[ -n $PG_THROWAWAY_BASE ]] || return 0
  pg_stop immediate
  rm -rf "$PG_THROWAWAY_BASE"
  PG_THROWAWAY_BASE=""
}

# Deletes throwaway clusters left behind by runs that were killed outright
# (their owner.pid names a process that no longer exists), in .data and in
# the temporary folder the fallback uses.
pg_sweep_abandoned_throwaways() {
  local base owner
  for base in "$DATA_ROOT"/*-pg-?????? "${TMPDIR:-/tmp}"/dreamx-*-pg.??????; do
    [[ -f $base/owner.pid && -r $base/owner.pid && -w $base ]] || continue
    owner=$(<"$base/owner.pid")
    # /proc, not kill -0: a process of another user must count as alive too.
    [[ -z $owner || -d /proc/$owner ]] && continue
    info "removing the abandoned cluster $base"
    local PG_DATA=$base/data PG_BIN=""
    pg_find_binaries
    pg_stop immediate
    rm -rf "$base" || warn "could not remove $base"
  done
}
