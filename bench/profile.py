"""Profile one benchmarked page with pyinstrument: where its time goes.

    .venv/bin/python bench/profile.py "assessor scoring"            # 20 requests
    .venv/bin/python bench/profile.py "task page (C1)" --requests 50 --database bench_load

Same settings as the load run (production mode, DEBUG off, the benchmark database,
Redis cache), Django's test client in this process, after one warm-up request. Prints
pyinstrument's call tree of all the measured requests and the mean time per request.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import bench_env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help="a page name from bench/pages.py")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--database", default="bench_load")
    parser.add_argument("--redis-cache", default="redis://127.0.0.1:6379/11")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/10")
    parser.add_argument("--html", help="also write pyinstrument's HTML report here")
    args = parser.parse_args()
    os.environ.update(bench_env(args))

    import django  # noqa: PLC0415

    django.setup()
    from django.test import Client  # noqa: PLC0415
    from pyinstrument import Profiler  # noqa: PLC0415

    from bench.pages import pages, session_for  # noqa: PLC0415

    found = {name: (path, user) for name, path, user in pages()}
    if args.page not in found:
        sys.exit(f"unknown page {args.page!r}; one of: {', '.join(found)}")
    path, user = found[args.page]
    client = Client(HTTP_HOST="127.0.0.1")
    if user is not None:
        client.cookies["sessionid"] = session_for(user)
    assert client.get(path, secure=True).status_code == 200
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    with profiler:
        for _ in range(args.requests):
            client.get(path, secure=True)
    elapsed = time.perf_counter() - started
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    print(f"{args.page}: {elapsed / args.requests * 1000:.1f} ms per request (profiled)")
    if args.html:
        Path(args.html).write_text(profiler.output_html())


if __name__ == "__main__":
    main()
