#!/bin/sh
# Run by the nginx image's entrypoint (from /docker-entrypoint.d) before nginx starts.
#
# nginx.conf keeps its pid file, logs, temp files and upstream.conf under one prefix, as the tier
# controller lays them out. In the container that prefix must be writable, but upstream.conf comes
# from the host directory the controller writes, mounted read-only. The directory is mounted rather
# than the file because the controller replaces upstream.conf by renaming a new file over it, and a
# single-file bind mount would keep showing the old one; a symbolic link joins the two.
set -eu
prefix=/var/lib/scopeml-nginx
upstream_dir=/etc/nginx/scopeml-upstream

mkdir -p "$prefix/logs" "$prefix/temp"
ln -sfn "$upstream_dir/upstream.conf" "$prefix/upstream.conf"
# The error log goes to the container's log, like the image's own configuration does.
ln -sfn /dev/stderr "$prefix/logs/error.log"
