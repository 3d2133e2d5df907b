#!/usr/bin/env python3
"""The Python peer of bench/pipeline.bench.ts: the same municipal pipeline
with openpyxl (read_only to read, write_only to write), sqlite3 between the
steps (like hyojun, each step is its own process), and a per-業務 inverted
index of character bigrams scored with BM25 (top 3).

  python3 pipeline.py inventory FILE --db DB
  python3 pipeline.py specs DIR --db DB
  python3 pipeline.py customizations FILE --db DB
  python3 pipeline.py fitgap --output OUT.xlsx --db DB

Needs openpyxl (Debian: python3-openpyxl). Prints one JSON line per step.
"""
import heapq
import json
import math
import os
import re
import sqlite3
import sys
import time
from collections import defaultdict
from operator import itemgetter

from openpyxl import Workbook, load_workbook

REQ_HEADERS = {
    "id": ("機能ID",),
    "major": ("大項目",),
    "middle": ("中項目",),
    "minor": ("小項目",),
    "name": ("機能名称",),
    "text": ("要件", "機能要件"),
    "class": ("実装区分",),
}
CLASSES = {"実装必須機能": "mandatory", "標準オプション機能": "optional", "実装不可機能": "prohibited"}
VERDICT = {"mandatory": "適合", "optional": "標準オプション", "prohibited": "実装不可"}
K1, B = 1.2, 0.75
OUTSIDE_BELOW = 0.25  # share of the top score a customization must reach of its self-score


def connect(path):
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS systems(id TEXT PRIMARY KEY, name TEXT, business TEXT);
        CREATE TABLE IF NOT EXISTS requirements(business TEXT, id TEXT, path TEXT, name TEXT, text TEXT, class TEXT);
        CREATE TABLE IF NOT EXISTS customizations(id TEXT PRIMARY KEY, system TEXT, business TEXT, name TEXT,
          description TEXT, requirement_id TEXT, cost INTEGER);
        """
    )
    return db


def rows_after_header(path, wanted):
    """Rows of the first sheet whose header row holds all `wanted` names, as dicts."""
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        for ws in wb.worksheets:
            cols = None
            for row in ws.iter_rows(values_only=True):
                if cols is None:
                    cells = [str(c).strip() if c is not None else "" for c in row]
                    if all(w in cells for w in wanted):
                        cols = {c: i for i, c in enumerate(cells) if c}
                    continue
                yield cols, row
            if cols is not None:
                return
    finally:
        wb.close()


def cell(cols, row, *names):
    for n in names:
        i = cols.get(n)
        if i is not None and i < len(row) and row[i] is not None:
            return str(row[i]).strip()
    return ""


def cmd_inventory(db, path):
    n = 0
    with db:
        for cols, row in rows_after_header(path, ("システム名称", "対象業務")):
            name = cell(cols, row, "システム名称")
            if not name:
                continue
            db.execute(
                "INSERT OR REPLACE INTO systems VALUES (?,?,?)",
                (cell(cols, row, "管理番号"), name, cell(cols, row, "対象業務")),
            )
            n += 1
    return {"systems": n}


TITLE_BUSINESS = re.compile(r"^(.+?)システム標準仕様書")


def cmd_specs(db, folder):
    n = 0
    with db:
        for f in sorted(os.listdir(folder)):
            if not f.endswith(".xlsx"):
                continue
            business = f.split("_")[0]
            for cols, row in rows_after_header(os.path.join(folder, f), ("機能ID", "実装区分")):
                rid = cell(cols, row, "機能ID")
                text = cell(cols, row, *REQ_HEADERS["text"])
                if not rid or not text:
                    continue
                cls = CLASSES.get(cell(cols, row, "実装区分"))
                if cls is None:
                    raise SystemExit(f"{f}: 機能ID {rid} の実装区分を判別できません")
                path = " > ".join(x for x in (cell(cols, row, k) for k in ("大項目", "中項目", "小項目")) if x)
                db.execute(
                    "INSERT INTO requirements VALUES (?,?,?,?,?,?)",
                    (business, rid, path, cell(cols, row, "機能名称"), text, cls),
                )
                n += 1
    return {"requirements": n}


def cmd_customizations(db, path):
    n = 0
    with db:
        for cols, row in rows_after_header(path, ("カスタマイズ名称", "業務")):
            cid = cell(cols, row, "管理番号")
            if not cid:
                continue
            cost = cell(cols, row, "年間保守費（千円）")
            db.execute(
                "INSERT OR REPLACE INTO customizations VALUES (?,?,?,?,?,?,?)",
                (
                    cid,
                    cell(cols, row, "システム名"),
                    cell(cols, row, "業務"),
                    cell(cols, row, "カスタマイズ名称"),
                    cell(cols, row, "内容"),
                    cell(cols, row, "関連機能ID") or None,
                    int(float(cost)) * 1000 if cost else 0,
                ),
            )
            n += 1
    return {"customizations": n}


def bigrams(s):
    s = re.sub(r"[\s、。「」（）()・]", "", s)
    return [s[i : i + 2] for i in range(len(s) - 1)]


class Index:
    """Inverted index of character bigrams over one 業務's requirements (BM25)."""

    def __init__(self, reqs):
        self.reqs = reqs
        self.postings = defaultdict(list)
        lengths = []
        for i, r in enumerate(reqs):
            grams = bigrams(r[1] + r[2])
            lengths.append(len(grams))
            tf = defaultdict(int)
            for g in grams:
                tf[g] += 1
            for g, c in tf.items():
                self.postings[g].append((i, c))
        avg = sum(lengths) / max(1, len(lengths))
        self.norm = [K1 * (1 - B + B * n / avg) for n in lengths]
        n = len(reqs)
        self.idf = {g: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for g, p in self.postings.items()}

    def top(self, query, k=3):
        acc = defaultdict(float)
        norm = self.norm
        common = len(self.reqs) // 2
        for g in set(bigrams(query)):
            p = self.postings.get(g)
            # Bigrams in more than half of the rows (について, できる) carry almost no weight.
            if p is None or len(p) > common:
                continue
            w = self.idf[g] * (K1 + 1)
            for i, c in p:
                acc[i] += w * c / (c + norm[i])
        return heapq.nlargest(k, acc.items(), key=itemgetter(1))

    def self_score(self, query):
        grams = set(bigrams(query))
        return sum(self.idf.get(g, math.log(1 + len(self.reqs))) for g in grams) or 1.0


def cmd_fitgap(db, output):
    by_business = defaultdict(list)
    for business, rid, path, name, text, cls in db.execute(
        "SELECT business, id, path, name, text, class FROM requirements ORDER BY business, id"
    ):
        by_business[business].append((rid, name, text, cls, path))
    custs = defaultdict(list)
    for row in db.execute("SELECT id, system, business, name, description, requirement_id, cost FROM customizations"):
        custs[row[2]].append(row)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("比較分析表")
    ws.append(
        ["管理番号", "システム", "業務", "カスタマイズ名称", "内容", "判定",
         "候補1 機能ID", "候補1 機能名称", "候補1 実装区分", "スコア", "候補2 機能ID", "候補3 機能ID", "年間保守費"]
    )
    counts = defaultdict(int)
    for business in sorted(custs):
        index = Index(by_business.get(business, []))
        for cid, system, _, name, desc, req_id, cost in custs[business]:
            query = f"{name}{desc}"
            top = index.top(query)
            if req_id and any(r[0] == req_id for r in index.reqs):
                best_i = next(i for i, r in enumerate(index.reqs) if r[0] == req_id)
                top = [(best_i, top[0][1] if top else 0.0)] + [t for t in top if t[0] != best_i][:2]
            if not top:
                verdict, score = "標準外", 0.0
            else:
                score = top[0][1] / index.self_score(query)
                verdict = "標準外" if score < OUTSIDE_BELOW else VERDICT[index.reqs[top[0][0]][3]]
            counts[verdict] += 1
            ids = [index.reqs[i][0] for i, _ in top] + ["", "", ""]
            best = index.reqs[top[0][0]] if top else ("", "", "", "", "")
            ws.append([cid, system, business, name, desc, verdict, ids[0], best[1], best[3],
                       round(score, 3), ids[1], ids[2], cost])
    summary = wb.create_sheet("集計")
    summary.append(["判定", "件数"])
    for v, n in sorted(counts.items()):
        summary.append([v, n])
    tmp = output + ".tmp"
    wb.save(tmp)
    os.replace(tmp, output)
    return {"lines": sum(counts.values()), "verdicts": counts}


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    step, rest = argv[1], argv[2:]
    db_path = rest[rest.index("--db") + 1]
    args = [a for i, a in enumerate(rest) if a != "--db" and (i == 0 or rest[i - 1] != "--db")]
    t0 = time.perf_counter()
    db = connect(db_path)
    if step == "inventory":
        out = cmd_inventory(db, args[0])
    elif step == "specs":
        out = cmd_specs(db, args[0])
    elif step == "customizations":
        out = cmd_customizations(db, args[0])
    elif step == "fitgap":
        out = cmd_fitgap(db, args[args.index("--output") + 1])
    else:
        raise SystemExit(f"unknown step {step}")
    db.close()
    print(json.dumps({"step": step, "seconds": round(time.perf_counter() - t0, 3), **out}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv)
