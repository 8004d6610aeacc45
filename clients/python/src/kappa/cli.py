"""The ``kappa`` command line: login, import, export, baselines, hard-cases.

The server and token come from ``--url``/``--token``, else ``KAPPA_URL``/``KAPPA_TOKEN``, else the config file
that ``kappa login`` writes (``$XDG_CONFIG_HOME/kappa/config.json``, by default ``~/.config/kappa/config.json``,
readable by its owner only; ``KAPPA_CONFIG`` names another file).
"""
from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

from .client import Client
from .errors import KappaError


def config_path() -> Path:
    if os.environ.get("KAPPA_CONFIG"):
        return Path(os.environ["KAPPA_CONFIG"])
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "kappa" / "config.json"


def load_config() -> Dict[str, Any]:
    path = config_path()
    if not path.exists():
        return {}
    return json.loads(path.read_text())


def save_config(config: Dict[str, Any]) -> Path:
    """Writes the file with mode 0600 from the first byte (the token is a secret)."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(config, f, indent=2)
    os.chmod(path, 0o600)
    return path


def _client(args: argparse.Namespace) -> Client:
    config = load_config()
    url = args.url or os.environ.get("KAPPA_URL") or config.get("url")
    token = args.token or os.environ.get("KAPPA_TOKEN") or config.get("token")
    if not url or not token:
        raise SystemExit("kappa: no server or token; run `kappa login` first (or set KAPPA_URL and KAPPA_TOKEN)")
    return Client(url, token)


def _project(args: argparse.Namespace) -> int:
    project = args.project or os.environ.get("KAPPA_PROJECT") or load_config().get("project")
    if project is None:
        raise SystemExit("kappa: which project? give --project N")
    return int(project)


def cmd_login(args: argparse.Namespace) -> int:
    url = args.url or os.environ.get("KAPPA_URL") or load_config().get("url") or "http://localhost:8080"
    email = args.email or input("email: ")
    password = os.environ.get("KAPPA_PASSWORD") if args.password_env else None
    if password is None:
        password = getpass.getpass("password: ")
    client = Client.login(url, email, password, token_name=args.token_name)
    config = load_config()
    config.update({"url": client.url, "token": client.token, "email": email})
    if args.project is not None:
        config["project"] = args.project
    path = save_config(config)
    print(f"logged in to {client.url} as {email}; token saved in {path}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    client, project = _client(args), _project(args)
    if args.kind == "predictions":
        if not args.model or not args.version:
            raise SystemExit("kappa: predictions need --model and --version")
        result: Any = client.predictions.upload(project, args.model, args.version, args.file,
                                                latency_ms=args.latency_ms)
    elif args.kind == "answers":
        result = client.answers.upload(project, args.file)
    else:
        result = client.items.upload(project, args.file)
    print(json.dumps(result.raw))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    client, project = _client(args), _project(args)
    filters = {"tier": args.tier, "consensus": args.consensus, "from": args.from_, "to": args.to}
    filters = {k: v for k, v in filters.items() if v is not None}
    if args.output:
        n = client.exports.download(project, args.output, format=args.format, **filters)
        print(f"wrote {n} bytes to {args.output}", file=sys.stderr)
        return 0
    with client._t.request("GET", f"/api/projects/{project}/export", params={"format": args.format or "jsonl",
                                                                             **filters}, stream=True) as r:
        for chunk in r.iter_content(1 << 16):
            sys.stdout.buffer.write(chunk)
    return 0


def cmd_baselines(args: argparse.Namespace) -> int:
    client, project = _client(args), _project(args)
    report = client.baselines(project, reference=args.reference, resamples=args.resamples, seed=args.seed)
    if args.json:
        print(json.dumps(report.raw, indent=2))
        return 0
    rows = report.records(args.table)
    if args.table == "rows":
        cols = ["section", "row", "n_items", "accuracy", "accuracy_low", "accuracy_high", "macro_f1", "cohen_kappa",
                "reason"]
    elif args.table == "classes":
        cols = ["section", "row", "class", "precision", "recall", "f1", "support", "reason"]
    else:
        cols = ["model", "version", "versus", "metric", "class", "value", "low", "high"]
    print(f"reference: {report.reference} ({report.reference_description})")
    _print_table(rows, cols)
    if args.table == "rows" and report.crowd_answers_to_match_one_expert is not None:
        print(f"crowd answers to match one expert: {report.crowd_answers_to_match_one_expert}")
    return 0


def cmd_hard_cases(args: argparse.Namespace) -> int:
    client, project = _client(args), _project(args)
    if args.since is not None:
        page = client.hard_cases.feed(project, since=args.since, limit=args.limit)
    else:
        page = client.hard_cases.list(project, limit=args.limit, model_wrong=args.model_wrong)
    for case in page:
        print(json.dumps(case.raw))
    if page.next_cursor is not None:
        print(f"next cursor: {page.next_cursor} (kappa hard-cases --since {page.next_cursor})", file=sys.stderr)
    return 0


def _fmt(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def _print_table(rows: List[Dict[str, Any]], cols: List[str]) -> None:
    cells = [[_fmt(r.get(c)) for c in cols] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(cols)]
    print("  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip())
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kappa", description="Kappa from the command line.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--url", help="server URL (default: KAPPA_URL, then the config file)")
    common.add_argument("--token", help="API token (default: KAPPA_TOKEN, then the config file)")
    common.add_argument("--project", type=int, help="project id (default: KAPPA_PROJECT, then the config file)")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("login", parents=[common], help="log in and store an API token in the config file")
    s.add_argument("--email")
    s.add_argument("--password-env", action="store_true", help="read the password from KAPPA_PASSWORD")
    s.add_argument("--token-name", default="kappa-cli")
    s.set_defaults(run=cmd_login)

    s = sub.add_parser("import", parents=[common], help="upload items, answers or predictions (.jsonl or .csv)")
    s.add_argument("file")
    s.add_argument("--kind", choices=["items", "answers", "predictions"], default="items")
    s.add_argument("--model")
    s.add_argument("--version")
    s.add_argument("--latency-ms", type=float)
    s.set_defaults(run=cmd_import)

    s = sub.add_parser("export", parents=[common], help="stream the project's items and answers")
    s.add_argument("-o", "--output", help="file to write (default: stdout)")
    s.add_argument("--format", choices=["jsonl", "csv"])
    s.add_argument("--tier", choices=["crowd", "expert"])
    s.add_argument("--consensus", choices=["majority", "weighted", "dawid-skene"])
    s.add_argument("--from", dest="from_")
    s.add_argument("--to")
    s.set_defaults(run=cmd_export)

    s = sub.add_parser("baselines", parents=[common], help="human baselines beside the model runs")
    s.add_argument("--reference", choices=["gold", "expert", "consensus"])
    s.add_argument("--table", choices=["rows", "classes", "gap"], default="rows")
    s.add_argument("--resamples", type=int)
    s.add_argument("--seed", type=int)
    s.add_argument("--json", action="store_true", help="the whole report as JSON")
    s.set_defaults(run=cmd_baselines)

    s = sub.add_parser("hard-cases", parents=[common], help="hardest items, or what changed since a cursor")
    s.add_argument("--since", help="feed cursor: 0 to start, then the printed next cursor")
    s.add_argument("--limit", type=int, default=100)
    s.add_argument("--model-wrong", action="store_true", default=None)
    s.set_defaults(run=cmd_hard_cases)
    return p


def main(argv: Optional[List[str]] = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KappaError as e:
        print(f"kappa: {e}", file=sys.stderr)
        for err in e.errors[:20]:
            where = f"line {err['line']}: " if err.get("line") is not None else ""
            print(f"  {where}{err.get('field', '')}: {err.get('reason', '')}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
