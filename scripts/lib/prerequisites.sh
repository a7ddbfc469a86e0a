# shellcheck shell=bash
# Installs what the studio needs on a Debian machine. Every step checks first,
# so a second run installs nothing and takes well under a second.

# Debian packages the studio and its tests use: the database, media rendering,
# speech, CJK fonts for subtitles and the browser for UI tests.
readonly STUDIO_PACKAGES=(postgresql-15 ffmpeg espeak-ng fonts-noto-cjk chromium)

require_dotnet_sdk() {
  command -v dotnet >/dev/null 2>&1 ||
    die "the .NET SDK 10 is not installed (no 'dotnet' on PATH). Install it from https://dotnet.microsoft.com/download/dotnet/10.0 and run again."
  dotnet --list-sdks 2>/dev/null | grep -q '^10\.' ||
    die "the .NET SDK 10 is required, found: $(dotnet --list-sdks 2>/dev/null | cut -d' ' -f1 | paste -sd' ' -). Install it from https://dotnet.microsoft.com/download/dotnet/10.0"
}

is_package_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Installs the given Debian packages that are not installed yet.
ensure_packages() {
  local missing=() package
  for package in "$@"; do
    is_package_installed "$package" || missing+=("$package")
  done
  ((${#missing[@]} == 0)) && return 0

  command -v apt-get >/dev/null 2>&1 ||
    die "missing packages (${missing[*]}) and no apt-get to install them; install them by hand"
  info "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

ensure_studio_packages() { ensure_packages "${STUDIO_PACKAGES[@]}"; }

# Restores the tools pinned in .config/dotnet-tools.json (dotnet-ef).
ensure_dotnet_tools() {
  dotnet tool restore >/dev/null || die "dotnet tool restore failed (see .config/dotnet-tools.json)"
}

# The fake S3 server the storage tests talk to, pinned in tools/s3rver.
# npm ci runs only when node_modules is missing or older than the lock file.
ensure_s3rver() {
  local dir=$REPO_ROOT/tools/s3rver
  [[ -f $dir/package.json ]] || return 0
  if [[ -d $dir/node_modules && ! $dir/package-lock.json -nt $dir/node_modules ]]; then
    return 0
  fi
  command -v npm >/dev/null 2>&1 || ensure_packages npm
  info "installing s3rver (npm ci in tools/s3rver)"
  npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  # npm ci may keep the folder's old mtime; mark it as fresh for the check above.
  touch "$dir/node_modules"
}

s3rver_path() {
  local bin=$REPO_ROOT/tools/s3rver/node_modules/.bin/s3rver
  [[ -x $bin ]] && printf '%s\n' "$bin"
  return 0
}

chromium_path() {
  command -v chromium 2>/dev/null || true
}
