#!/usr/bin/env bash
# Debian packages the tests need and pip cannot provide: Chromium (browser tests, screenshots, the
# PDF) and CJK fonts for it (charts use the font of the noto-cjk-sans-otc Python package instead).
#
# "Installed" is decided without pipes: the output of fc-list is captured first and then matched in
# the shell, so no SIGPIPE (exit 141 under pipefail) can make a present font look missing. When
# nothing is missing the script exits 0 at once: no apt-get, no sudo.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if command -v fc-list >/dev/null 2>&1; then
    families="$(fc-list : family 2>/dev/null || true)"
    [[ "$families" == *"Noto Sans CJK"* ]] || need+=(fonts-noto-cjk)
else
    need+=(fontconfig fonts-noto-cjk)
fi
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "error: missing Debian packages (${need[*]}); install them as root: apt-get install ${need[*]}" >&2
        exit 1
    fi
    sudo="sudo"
fi
echo "installing Debian packages: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
