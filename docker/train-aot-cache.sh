#!/bin/sh
# The training run that makes the JVM's start-up cache for the packaged jar: starts promobot once, from its own
# folder, on a new H2 database of its own, with nothing to reach (no Telegram, no AWS), waits until
# /q/health/ready answers 200, and stops it with SIGTERM; the JVM writes the cache as it exits. The container
# image runs it at build time (docker/Dockerfile.jvm), and the start-up benchmark runs it the same way.
#
#   JAVA=java JAVA_OPTS="..." sh docker/train-aot-cache.sh APP_DIR CACHE
#
# CACHE ending in .aot: an AOT cache (JDK 25: -XX:AOTCacheOutput, used with -XX:AOTCache=CACHE);
# ending in .jsa: an AppCDS archive (JDK 17: -XX:ArchiveClassesAtExit, used with -XX:SharedArchiveFile=CACHE).
# Either is valid only for the JVM that made it, with the same JAVA_OPTS, and the jar run as
# `java -jar quarkus-run.jar` from APP_DIR, as here.
set -eu

app=$1
cache=$2
java=${JAVA:-java}
port=${TRAINING_PORT:-18080}

case "$cache" in
  /*) ;;
  *) cache="$(pwd)/$cache" ;;
esac
case "$cache" in
  *.aot) record="-XX:AOTCacheOutput=$cache" ;;
  *.jsa) record="-XX:ArchiveClassesAtExit=$cache" ;;
  *) echo "train-aot-cache.sh: $cache: name the cache *.aot (AOT cache) or *.jsa (AppCDS archive)" >&2; exit 2 ;;
esac

work=$(mktemp -d)
rm -f "$cache"
# Only what a start needs: a token (never used, Telegram is unreachable), a database, a port.
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
(cd "$app" && exec env PROMOBOT_TELEGRAM_TOKEN=0:training PROMOBOT_TELEGRAM_API_URL=http://127.0.0.1:9 \
  PROMOBOT_AWS_ENDPOINT_OVERRIDE=http://127.0.0.1:9 AWS_ACCESS_KEY_ID=training AWS_SECRET_ACCESS_KEY=training \
  QUARKUS_HTTP_PORT="$port" QUARKUS_DATASOURCE_JDBC_URL="jdbc:h2:file:$work/db;DB_CLOSE_ON_EXIT=FALSE" \
  "$java" ${JAVA_OPTS:-} "$record" -jar quarkus-run.jar) > "$work/training.log" 2>&1 &
pid=$!

tries=0
until curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; do
  tries=$((tries + 1))
  if ! kill -0 "$pid" 2>/dev/null || [ "$tries" -gt 1200 ]; then
    echo "train-aot-cache.sh: promobot did not become ready; its log:" >&2
    cat "$work/training.log" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
  fi
  sleep 0.1
done
kill -TERM "$pid"
wait "$pid" || true

if [ ! -s "$cache" ]; then
  echo "train-aot-cache.sh: the JVM wrote no $cache; the training run's log:" >&2
  cat "$work/training.log" >&2
  exit 1
fi
rm -rf "$work"
echo "train-aot-cache.sh: wrote $cache"
