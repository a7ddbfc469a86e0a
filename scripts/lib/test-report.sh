# shellcheck shell=bash
# Reads the outcome of a test run from its TRX files, with only grep and awk
# (a fresh Debian machine has no python).

# Prints "passed failed skipped" summed over every <Counters> element of the
# TRX files under the folder; fails when there is none.
trx_counts() {
  local folder=$1
  [[ -d $folder ]] || return 1
  find "$folder" -name '*.trx' -exec grep -ho '<Counters [^>]*>' {} + 2>/dev/null |
    awk '
      {
        found = 1
        for (i = 2; i <= NF; i++) {
          split($i, pair, "\"")
          key = pair[1]; sub(/=$/, "", key)
          count[key] += pair[2]
        }
      }
      END {
        if (!found) exit 1
        failed = count["failed"] + count["error"] + count["timeout"] + count["aborted"]
        skipped = count["total"] - count["executed"]
        if (count["notExecuted"] > skipped) skipped = count["notExecuted"]
        printf "%d %d %d\n", count["passed"], failed, skipped
      }'
}

# Prints the summary of a test run, the last line in the form CI reads:
#   Tests: N passed, N failed, N skipped
# Returns non-zero when dotnet test failed, a test failed or no test ran.
# The last errors the UI tests' studio logged (a failed test's cause is often there: an exception that ended a
# circuit), one or two lines each, so that a CI log that keeps only the output shows them.
print_studio_errors() {
  local log=$1
  [[ -s $log ]] || return 0
  printf '[dreamx] the last errors the studio logged (all of them in %s):\n' "${log#"$REPO_ROOT"/}"
  awk 'BEGIN { RS = ""; FS = "\n" } { entry[NR % 25] = substr($1, 1, 300) (NF > 1 && $2 != "" ? "\n    " substr($2, 1, 300) : "") }
       END { first = NR > 25 ? NR - 24 : 1; for (i = first; i <= NR; i++) print entry[i % 25] }' "$log"
}

report_test_run() {
  local folder=$1 test_status=$2 started=$3 counts passed failed skipped
  if ! counts=$(trx_counts "$folder"); then
    printf '[dreamx] error: no test results (no TRX file in %s); dotnet test exited with %s, see its output above\n' \
      "$folder" "$test_status" >&2
    return 1
  fi
  read -r passed failed skipped <<<"$counts"

  local verdict=0
  if ((test_status != 0 && failed == 0)); then
    warn "dotnet test exited with $test_status although no test failed (did the test host crash?)"
    verdict=1
  fi
  if ((passed + failed == 0)); then
    warn "no test ran"
    verdict=1
  fi
  ((failed == 0)) || verdict=1
  ((verdict == 0)) || print_studio_errors "$folder/artifacts/studio-errors.log"

  printf 'Total time: %s\n' "$(format_duration $((SECONDS - started)))"
  printf 'Tests: %d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
  return "$verdict"
}
