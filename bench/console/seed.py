#!/usr/bin/env python3
"""A small demo project for the console pages, made through the real API (used for screenshots and by hand).

Usage: seed.py BASE_URL ADMIN_API_KEY  -> prints the project id. Labels, the project name and item data carry XSS
payloads on purpose: the console must show them as text.
"""
import json
import random
import sys
import urllib.request
import uuid

BASE, KEY = sys.argv[1].rstrip('/'), sys.argv[2]
XSS = '<img src=x onerror=alert(1)>'


def call(method, path, body=None, token=KEY, ctype='application/json'):
    data = None if body is None else (body if isinstance(body, (bytes, str)) else json.dumps(body))
    if isinstance(data, str):
        data = data.encode()
    req = urllib.request.Request(BASE + path, data=data, method=method,
                                 headers={'Authorization': 'Bearer ' + token, 'Content-Type': ctype})
    try:
        with urllib.request.urlopen(req) as r:
            text = r.read().decode()
            return r.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as e:
        raise SystemExit(f'{method} {path}: {e.code} {e.read().decode()}')


rng = random.Random(7)
labels = [('pos', 'Positive'), ('neg', 'Negative ' + XSS), ('neu', 'Neutral')]
_, p = call('POST', '/api/projects', {
    'name': 'Reviews <script>alert("name")</script>', 'description': 'demo', 'instructions': 'Read it.',
    'schema': {'kind': 'single', 'labels': [{'key': k, 'name': n} for k, n in labels]},
    'overlap': {'crowd': 3, 'expert': 1}, 'hourly_rate': {'crowd': 12, 'expert': 60}})
pid = p['id']
call('PATCH', f'/api/projects/{pid}', {'baseline_sample_rate': 0.3, 'gold_rate': 0.1})
truth = {}
lines = []
for i in range(1, 91):
    t = rng.choice(['pos', 'neg', 'neu'])
    truth[f'r{i}'] = t
    line = {'external_id': f'r{i}', 'data': {'text': f'Review {i}: {"great" if t == "pos" else "awful" if t == "neg" else "fine"} '
                                                   + (XSS if i % 7 == 0 else ''), 'stars': rng.randint(1, 5)}}
    if i % 4 == 0:
        line['gold'] = t
    lines.append(json.dumps(line))
call('POST', f'/api/projects/{pid}/items', '\n'.join(lines) + '\n', ctype='application/x-ndjson')
preds = []
for ext, t in truth.items():
    right = rng.random() < 0.8
    lab = t if right else rng.choice([x for x in ['pos', 'neg', 'neu'] if x != t])
    pr = {k: 0.1 for k in ['pos', 'neg', 'neu']}
    pr[lab] = 0.8
    preds.append(json.dumps({'item': ext, 'label': lab, 'probs': pr}))
call('POST', f'/api/projects/{pid}/predictions?model=bert-%3Cb%3Ex%3C/b%3E&version=1&latency_ms=12&cost_per_1k=0.05',
     '\n'.join(preds) + '\n', ctype='application/x-ndjson')
people = []
for n in range(8):
    tier = 'expert' if n >= 6 else 'crowd'
    _, u = call('POST', '/api/users', {'email': f'a{n}-{uuid.uuid4().hex[:6]}@demo.test', 'password': 'password-demo-1',
                                       'role': 'annotator', 'tier': tier,
                                       'display_name': (f'Ann {n} ' + (XSS if n == 2 else '')).strip()})
    call('POST', f'/api/projects/{pid}/members', {'user_id': u['id']})
    _, tok = call('POST', f'/api/users/{u["id"]}/tokens', {'name': 'seed'})
    people.append((u['id'], tier, tok['token'], 0.9 - 0.08 * n if tier == 'crowd' else 0.95))
for rounds in range(120):
    progressed = False
    for uid, tier, tok, skill in people:
        status, task = call('POST', f'/api/projects/{pid}/tasks/next', token=tok)
        if status == 204 or task is None:
            continue
        t = truth[task['item']['external_id']]
        lab = t if rng.random() < skill else rng.choice(['pos', 'neg', 'neu'])
        call('POST', f'/api/leases/{task["lease_id"]}/answer', {'label': lab, 'duration_ms': rng.randint(2000, 20000)}, token=tok)
        progressed = True
    if not progressed:
        break
call('POST', f'/api/projects/{pid}/hardness/recompute')
print(pid)
