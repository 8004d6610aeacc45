#!/usr/bin/env python3
"""Writes past answers for the answer-import benchmark (issue 14): VOTES answers on each of ITEMS items by WORKERS
workers (never the same worker twice on an item), labels pos/neg with 75% agreement, as JSON Lines for the HTTP import
and the same rows in COPY text format for the answers table (the psql \\copy reference), whose item and annotator ids
are ITEM_ID0 + index and USER_ID0 + worker. Deterministic for the same arguments.

usage: answers.py ITEMS VOTES WORKERS PROJECT ITEM_ID0 USER_ID0 answers.jsonl answers.copy
"""
import random
import sys


def main():
    items, votes, workers, project, item0, user0 = (int(a) for a in sys.argv[1:7])
    rnd = random.Random(14)
    with open(sys.argv[7], "w") as jl, open(sys.argv[8], "w") as cp:
        for i in range(items):
            truth = "pos" if rnd.random() < 0.6 else "neg"
            first = rnd.randrange(workers)
            for v in range(votes):
                w = (first + v * 7) % workers
                label = truth if rnd.random() < 0.75 else ("neg" if truth == "pos" else "pos")
                jl.write('{"item": "item-%07d", "annotator": "bw%d", "tier": "crowd", "label": "%s", "duration_ms": %d}\n'
                         % (i, w, label, 1000 + w))
                # project_id, item_id, annotator_id, tier, label, duration_ms, source
                cp.write('%d\t%d\t%d\tcrowd\t"%s"\t%d\timport\n' % (project, item0 + i, user0 + w, label, 1000 + w))


if __name__ == "__main__":
    main()
