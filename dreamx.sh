#!/usr/bin/env bash
# DreamX Studio on a Debian machine: installs what is missing, runs a private
# PostgreSQL, then runs the studio, the tests or a benchmark.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
readonly REPO_ROOT
readonly DATA_ROOT=$REPO_ROOT/.data
readonly SOLUTION=$REPO_ROOT/DreamX.Web.sln

# shellcheck source=scripts/lib/console.sh
source "$REPO_ROOT/scripts/lib/console.sh"
# shellcheck source=scripts/lib/prerequisites.sh
source "$REPO_ROOT/scripts/lib/prerequisites.sh"
# shellcheck source=scripts/lib/postgres.sh
source "$REPO_ROOT/scripts/lib/postgres.sh"
# shellcheck source=scripts/lib/supervision.sh
source "$REPO_ROOT/scripts/lib/supervision.sh"
# shellcheck source=scripts/lib/test-report.sh
source "$REPO_ROOT/scripts/lib/test-report.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exit_on_signals

usage() {
  cat <<'EOF'
Usage: ./dreamx.sh <command> [arguments]

  run                  Build and run the studio with its demo data on a private
                       PostgreSQL in .data/pg. Ctrl-C stops the studio and the
                       database.
  test [args]          Build and run the whole test suite on a throwaway
                       PostgreSQL; extra arguments go to dotnet test
                       (e.g. ./dreamx.sh test --filter Domain). The last line
                       reads "Tests: N passed, N failed, N skipped".
  bench <name> [args]  Run bench/<name>.sh on a throwaway PostgreSQL.
  db start|stop|status|psql [args]
                       Manage the persistent developer cluster in .data/pg.
  help                 Show this text.

Every command first installs what is missing (Debian packages, dotnet tools).

Environment:
  DREAMX_URL      where the studio listens (default http://127.0.0.1:5000)
  DREAMX_PUBLIC_URL
                  the address e-mailed links use (default DREAMX_URL)
  DREAMX_DB       an Npgsql connection string; run uses it instead of .data/pg
  DREAMX_PG_PORT  first port tried for a private cluster (default 5433)
EOF
}

prepare_machine() {
  require_dotnet_sdk
  ensure_studio_packages
  ensure_dotnet_tools
}

build_solution() {
  info "building the solution (Release)"
  # The warnings are printed as they happen; the summary would only repeat them.
  dotnet build "$SOLUTION" -c Release --nologo -clp:NoSummary
}

# The variables tests and benchmarks find their tools by.
export_tool_locations() {
  local chromium s3rver
  export DREAMX_REPO_ROOT=$REPO_ROOT
  chromium=$(chromium_path)
  if [[ -n $chromium ]]; then export DREAMX_CHROMIUM=$chromium; fi
  s3rver=$(s3rver_path)
  if [[ -n $s3rver ]]; then export DREAMX_S3RVER=$s3rver; fi
}

# --- run --------------------------------------------------------------------

# Stops the studio, then the cluster when a run started it (not `db start`) and no other studio still
# uses it: the last studio to stop stops PostgreSQL, whichever of them started it. A studio that stops
# while another still runs leaves the cluster up for it (and the other one stops it later).
close_studio() {
  local others
  stop_supervised
  [[ -n $PG_PORT && -z ${DREAMX_DB:-} ]] || return 0
  if [[ ! -f $(pg_run_marker) ]]; then
    info "PostgreSQL was started with ./dreamx.sh db start; it stays up (./dreamx.sh db stop)"
    return 0
  fi
  # The studio's own connections close as it exits; give the server a moment to see them go.
  for _ in 1 2 3 4 5; do
    others=$(pg_other_clients)
    [[ ${others:-0} -gt 0 ]] || break
    sleep 1
  done
  if [[ ${others:-0} -gt 0 ]]; then
    info "another studio (or session) still uses PostgreSQL ($others connections); it stays up, and the last studio to stop stops it"
    return 0
  fi
  info "stopping PostgreSQL (no other studio uses it)"
  pg_stop fast
  rm -f "$(pg_run_marker)"
}

# The admin's password: DREAMX_ADMIN_PASSWORD, else one generated on the first run and kept in .data/.
admin_password() {
  local file=$DATA_ROOT/admin-password
  if [[ -n ${DREAMX_ADMIN_PASSWORD:-} ]]; then
    printf '%s' "$DREAMX_ADMIN_PASSWORD"
    return
  fi
  if [[ ! -s $file ]]; then
    (umask 077 && printf 'dx7%s' "$(tr -dc 'a-z0-9' </dev/urandom | head -c 13)" >"$file")
  fi
  cat "$file"
}

# True for http(s)://127.x, localhost or [::1] addresses.
is_loopback_url() {
  [[ $1 =~ ^https?://(127\.[0-9.]+|localhost|\[::1\])(:[0-9]+)?(/.*)?$ ]]
}

cmd_run() {
  local connection url=${DREAMX_URL:-http://127.0.0.1:5000} status=0
  prepare_machine
  mkdir -p "$DATA_ROOT/storage"
  trap close_studio EXIT
  if [[ -n ${DREAMX_DB:-} ]]; then
    info "using the database given in DREAMX_DB"
    connection=$DREAMX_DB
  else
    pg_open_persistent
    # Started by a run: the last studio to stop stops it. Joined: it belongs to whoever started it.
    if [[ $PG_STARTED_HERE == true ]]; then : >"$(pg_run_marker)"; fi
    pg_ensure_database dreamx
    connection=$(pg_connection_string dreamx)
  fi
  build_solution

  info "starting the studio on $url (Ctrl-C stops it); the admin password is DREAMX_ADMIN_PASSWORD or the one kept in .data/admin-password"
  # Development (detailed error pages) only while the studio listens on loopback; anything else is Production.
  local environment=${ASPNETCORE_ENVIRONMENT:-Development}
  if [[ -z ${ASPNETCORE_ENVIRONMENT:-} ]] && ! is_loopback_url "$url"; then
    environment=Production
  fi
  # Data Protection keys live in the database; an inherited KeysPath would override that.
  run_supervised env -u DataProtection__KeysPath \
    ConnectionStrings__Default="$connection" \
    ASPNETCORE_URLS="$url" \
    Studio__PublicUrl="${DREAMX_PUBLIC_URL:-$url}" \
    ASPNETCORE_ENVIRONMENT="$environment" \
    Database__MigrateOnStartup=true \
    Seed__Demo=true \
    Seed__AdminPassword="$(admin_password)" \
    Storage__Provider=Local \
    Storage__Local__Root="$DATA_ROOT/storage" \
    DataProtection__KeyEncryption__CertificatePath="$DATA_ROOT/keys/data-protection-key-encryption.pfx" \
    DataProtection__KeyEncryption__CreateIfMissing=true \
    dotnet run --no-build --no-launch-profile -c Release --project "$REPO_ROOT/DreamX.Web" ||
    status=$?
  info "the studio exited with status $status"
  return "$status"
}

# --- test -------------------------------------------------------------------

cmd_test() {
  local started=$SECONDS results=$REPO_ROOT/TestResults status=0
  prepare_machine
  ensure_s3rver
  build_solution || die "the build failed; no test was run"

  trap 'stop_supervised; pg_remove_throwaway' EXIT
  pg_sweep_abandoned_throwaways
  pg_create_throwaway test
  export DREAMX_TEST_DB="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  export_tool_locations

  # Results of an earlier run must not be counted as this one's.
  if [[ -d $results ]]; then find "$results" \( -name '*.trx' -o -name 'studio-errors.log' -o -name 'ui-browser-cpu.tsv' \) -delete; fi
  run_supervised dotnet test "$REPO_ROOT/DreamX.Tests" -c Release --no-build \
    --logger "trx;LogFileName=results.trx" \
    --logger "console;verbosity=minimal" \
    --results-directory "$results" "$@" ||
    status=$?

  # Clean up before the summary so that its last line stays the last line.
  pg_remove_throwaway
  report_test_run "$results" "$status" "$started"
}

# --- bench ------------------------------------------------------------------

list_benchmarks() {
  local script found=false
  printf 'Available benchmarks (bench/<name>.sh):\n'
  for script in "$REPO_ROOT"/bench/*.sh; do
    [[ -f $script ]] || continue
    found=true
    printf '  %s\n' "$(basename "$script" .sh)"
  done
  [[ $found == true ]] || printf '  (none yet)\n'
}

cmd_bench() {
  local name=${1:-}
  if [[ ! $name =~ ^[A-Za-z0-9._-]+$ || ! -f $REPO_ROOT/bench/$name.sh ]]; then
    if [[ -n $name ]]; then printf 'Unknown benchmark: %s\n' "$name" >&2; fi
    list_benchmarks >&2
    exit 2
  fi
  shift
  prepare_machine
  ensure_s3rver

  trap 'stop_supervised; pg_remove_throwaway' EXIT
  pg_sweep_abandoned_throwaways
  pg_create_throwaway bench
  export DREAMX_BENCH_DB="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  export_tool_locations

  info "running bench/$name.sh"
  run_supervised bash "$REPO_ROOT/bench/$name.sh" "$@"
}

# --- db ---------------------------------------------------------------------

# Locates the persistent cluster for a command that must not create it.
open_existing_cluster() {
  pg_locate_persistent
  if [[ -z $PG_DATA ]] || ! pg_is_initialised; then
    info "no cluster yet; ./dreamx.sh db start creates one"
    return 1
  fi
  pg_find_binaries
  if pg_is_running; then PG_PORT=$(pg_running_port); fi
  return 0
}

cmd_db() {
  local action=${1:-status}
  shift || true
  case $action in
    start)
      ensure_packages postgresql-15
      pg_open_persistent
      # Asked for by hand: it stays up until ./dreamx.sh db stop, whatever studios come and go.
      rm -f "$(pg_run_marker)"
      pg_ensure_database dreamx
      printf '%s\n' "$(pg_connection_string dreamx)"
      ;;
    stop)
      open_existing_cluster || return 0
      rm -f "$(pg_run_marker)"
      if [[ -n $PG_PORT ]]; then
        pg_stop fast
        info "stopped"
      else
        info "not running"
      fi
      ;;
    status)
      open_existing_cluster || return 3
      if [[ -z $PG_PORT ]]; then
        printf 'stopped (data in %s)\n' "$PG_DATA"
        return 3
      fi
      printf 'running on 127.0.0.1:%s (data in %s, log %s)\n%s\n' \
        "$PG_PORT" "$PG_DATA" "$PG_LOG" "$(pg_connection_string dreamx)"
      ;;
    psql)
      open_existing_cluster || exit 1
      [[ -n $PG_PORT ]] || die "the cluster is not running; start it with ./dreamx.sh db start"
      pg_psql -d dreamx "$@"
      ;;
    *)
      printf 'Unknown db action: %s (expected start, stop, status or psql)\n' "$action" >&2
      exit 2
      ;;
  esac
}

main() {
  local command=${1:-help}
  shift || true
  case $command in
    run) cmd_run "$@" ;;
    test) cmd_test "$@" ;;
    bench) cmd_bench "$@" ;;
    db) cmd_db "$@" ;;
    help | -h | --help) usage ;;
    *)
      printf 'Unknown command: %s\n\n' "$command" >&2
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
