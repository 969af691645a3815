#!/usr/bin/env bash
# Restore drill: back up a database holding seeded demo data and its private files the
# way docs/operations.md describes (pg_dump custom format + file sync), restore both into
# a FRESH database and a FRESH folder, and check a portfolio end to end against the
# restored copy (ops/verify_restore.py). Exit status non-zero on any failure.
#
#   ops/restore_drill.sh            # databases drill_source and drill_restore
#   SOURCE_DB=wt_src RESTORE_DB=wt_restore PGPORT=5432 ops/restore_drill.sh
#
# Both databases are DROPPED and recreated: never point them at real data. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
SOURCE_DB=${SOURCE_DB:-drill_source}
RESTORE_DB=${RESTORE_DB:-drill_restore}
export PGHOST PGPORT PGUSER
for name in "$SOURCE_DB" "$RESTORE_DB"; do
  [[ $name =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "refusing database name $name" >&2; exit 2; }
done
[ "$SOURCE_DB" != "$RESTORE_DB" ] || { echo "source and restore must differ" >&2; exit 2; }

work=$(mktemp -d /tmp/restore-drill.XXXXXX)
keep=${KEEP:-0}
cleanup() {
  if [ "$keep" != 1 ]; then
    rm -rf "$work"
    dropdb --if-exists --force "$SOURCE_DB" 2>/dev/null || true
    dropdb --if-exists --force "$RESTORE_DB" 2>/dev/null || true
  fi
}
trap cleanup EXIT
say() { printf '[restore-drill %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
url() { printf 'postgres://%s@%s:%s/%s' "$PGUSER" "$PGHOST" "$PGPORT" "$1"; }
# A clean environment for the portal: no broker (reports are made eagerly), no S3, no SMTP.
portal() { env -u CELERY_BROKER_URL -u S3_BUCKET -u SMTP_HOST ALLOWED_HOSTS=testserver "$@"; }

say "1. source: fresh database $SOURCE_DB with the framework and demo data"
dropdb --if-exists --force "$SOURCE_DB"
createdb "$SOURCE_DB"
src_files="$work/source-private"
for step in "migrate --noinput" "load_seed_data" "seed_demo"; do
  # shellcheck disable=SC2086 # the step is a command and its arguments
  DATABASE_URL=$(url "$SOURCE_DB") PRIVATE_ROOT=$src_files portal "$PYTHON" manage.py $step >/dev/null
done
DATABASE_URL=$(url "$SOURCE_DB") PRIVATE_ROOT=$src_files portal \
  "$PYTHON" ops/verify_restore.py --counts-only > "$work/source-counts.json"
say "   rows: $(cat "$work/source-counts.json")"

say "2. backup: pg_dump (custom format) and a copy of the private files"
backup="$work/backup"
mkdir -p "$backup/private"
pg_dump --format=custom --no-owner --no-privileges --file "$backup/portal.dump" "$SOURCE_DB"
rsync -a --delete "$src_files/" "$backup/private/"
(cd "$backup/private" && find . -type f -print0 | sort -z | xargs -0 sha256sum) > "$backup/files.sha256"
say "   $(du -h "$backup/portal.dump" | cut -f1) dump, $(wc -l < "$backup/files.sha256") files"

say "3. restore into a FRESH database $RESTORE_DB and a FRESH folder"
dropdb --if-exists --force "$RESTORE_DB"
createdb "$RESTORE_DB"
pg_restore --no-owner --no-privileges --exit-on-error --dbname "$RESTORE_DB" "$backup/portal.dump"
restored_files="$work/restored-private"
mkdir -p "$restored_files"
rsync -a "$backup/private/" "$restored_files/"
(cd "$restored_files" && sha256sum --quiet --check "$backup/files.sha256")
# The source must play no part in the check: its files go away before verifying.
rm -rf "$src_files"

say "4. verify the restored copy end to end"
DATABASE_URL=$(url "$RESTORE_DB") PRIVATE_ROOT=$restored_files portal \
  "$PYTHON" manage.py migrate --check --noinput >/dev/null
DATABASE_URL=$(url "$RESTORE_DB") PRIVATE_ROOT=$restored_files portal \
  "$PYTHON" ops/verify_restore.py --expect "$work/source-counts.json"
say "PASS: the restored copy is complete and consistent"
