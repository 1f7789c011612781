#!/bin/sh
# The stand-in nginx image's entrypoint, with the official image's contract: before nginx starts,
# every executable *.sh in /docker-entrypoint.d/ runs in name order and every executable *.envsh is
# sourced; then the command replaces this shell, so nginx is PID 1.
set -e
if [ "$1" = nginx ] || [ "$1" = nginx-debug ]; then
  for script in $(find /docker-entrypoint.d/ -follow -type f | sort -V); do
    if [ ! -x "$script" ]; then
      echo "$0: ignoring $script, not executable"
      continue
    fi
    case "$script" in
      *.envsh) echo "$0: sourcing $script" && . "$script" ;;
      *.sh) echo "$0: running $script" && "$script" ;;
      *) echo "$0: ignoring $script" ;;
    esac
  done
fi
exec "$@"
