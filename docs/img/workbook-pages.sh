#!/usr/bin/env bash
# Remakes docs/img/workbook-*.png, the printed pages of the practice
# conference's workbook shown in the user guides, the way a secretary gets
# them: the demo data, the head and deputies voted in the program (tmux
# types the keys), the outcomes created, the workbook exported, then
# LibreOffice prints it to PDF and pdftoppm turns the pages into PNG.
# Needs tmux, LibreOffice (soffice) and poppler-utils (.ci/run installs them).
# Usage: docs/img/workbook-pages.sh [path/to/thidua]
set -euo pipefail
cd "$(dirname "$0")"
bin=$(realpath "${1:-../../target/release/thidua}")
work=$(mktemp -d)
trap 'tmux kill-session -t thidua-pages 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/db"
"$bin" --db "$db" init --demo >/dev/null

keys() { tmux send-keys -t thidua-pages "$@"; sleep 0.4; }
tmux new-session -d -s thidua-pages -x 160 -y 45 "$bin --db $db"
sleep 1.5
keys 4; keys Enter                           # the practice score sheet
# Head for next year: issued 6, valid 6; A 1 vote, F 5.
keys b; keys Right; keys Right
keys Tab Tab Tab 6 Tab 6 Tab Tab 1 Tab Tab Tab Tab Tab 5; keys C-s
# Deputies: issued 6, valid 6; B 6, C 5, D 1.
keys b; keys Right; keys Right; keys Right
keys Tab Tab Tab 6 Tab 6 Tab Tab Tab 6 Tab 5 Tab 1; keys C-s
keys o; keys y                               # proposals and next year's term
keys q; sleep 1

"$bin" --db "$db" export sheet --cluster "luyện tập" --year 2024 --format xlsx \
    --out "$work/workbook.xlsx" >/dev/null
soffice --headless "-env:UserInstallation=file://$work/profile" \
    --convert-to pdf --outdir "$work" "$work/workbook.xlsx" >/dev/null 2>&1
rm -f workbook-*.png
pdftoppm -png -r 80 "$work/workbook.pdf" workbook
ls workbook-*.png
