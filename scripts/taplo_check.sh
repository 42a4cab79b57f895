#!/usr/bin/env bash
# Checks the JSON Schema the way an editor uses it: taplo validates the
# sample (no error), then three copies with one mistake each, which must be
# reported once each: a typo in a key, a value outside an enum and a date
# written in quotes. A quoted ISO date is shown last: taplo hands TOML dates
# to the validator as strings, so it cannot flag one (`briefing check` does).
# Needs taplo (`cargo install taplo-cli --locked` or `npm i -g @taplo/cli`).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v taplo >/dev/null || { echo "taplo is not installed" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp briefing.schema.json "$dir/"
cp briefing.toml "$dir/good.toml"
sed 's/^paper = "letter"/papr = "letter"/' briefing.toml > "$dir/typo.toml"
sed 's/^paper = "letter"/paper = "a5"/' briefing.toml > "$dir/enum.toml"
sed '0,/^date = 2001-08-13/s//date = "13 August 2001"/' briefing.toml > "$dir/quoted.toml"
sed '0,/^date = 2001-08-13/s//date = "2001-08-13"/' briefing.toml > "$dir/quoted-iso.toml"
status=0
for f in good typo enum quoted quoted-iso; do
  out=$(cd "$dir" && taplo check --no-auto-config "$f.toml" 2>&1 || true)
  n=$(grep -c '^error:' <<<"$out" || true)
  first=$(grep -m1 '^error:' <<<"$out" || echo "no error")
  printf '%-11s %d error(s)  %s\n' "$f" "$n" "$first"
  case $f in
    good|quoted-iso) want=0 ;;
    *) want=1 ;;
  esac
  [ "$n" = "$want" ] || status=1
done
exit $status
