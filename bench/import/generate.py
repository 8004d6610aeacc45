#!/usr/bin/env python3
"""Writes N items of about 300 bytes as JSON Lines (for the HTTP import) and the same rows in PostgreSQL's COPY text
format for the items table (for the psql \\copy reference). Deterministic: the same N gives the same files.

usage: generate.py N items.jsonl items.copy PROJECT_ID_FOR_COPY
"""
import json
import random
import sys

WORDS = ("the phone battery lasts all day screen is bright camera great but slow charger arrived late support "
         "was kind price fair would buy again sound quality poor app crashes often delivery fast packaging nice").split()


def main():
    n, jsonl_path, copy_path, project = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    rnd = random.Random(42)
    with open(jsonl_path, "w", encoding="utf-8") as jl, open(copy_path, "w", encoding="utf-8") as cp:
        for i in range(n):
            words = []
            while sum(len(w) + 1 for w in words) < 200:
                words.append(rnd.choice(WORDS))
            data = {"text": " ".join(words), "source": "bench", "stars": rnd.randint(1, 5)}
            gold = rnd.choice(["pos", "neg"]) if i % 10 == 0 else None
            ext = "item-%07d" % i
            item = {"external_id": ext, "data": data}
            if gold is not None:
                item["gold"] = gold
            jl.write(json.dumps(item, ensure_ascii=False) + "\n")
            # project_id, external_id, data, gold, meta, seq, sample_key: what the import stores for the same line.
            cp.write("%d\t%s\t%s\t%s\t\\N\t%d\t%r\n" % (project, ext, json.dumps(data, ensure_ascii=False),
                                                       "\\N" if gold is None else json.dumps(gold), i + 1, rnd.random()))


if __name__ == "__main__":
    main()
