"""A lazy generator pipeline: parse log records, filter, aggregate, with send() for control."""

LOG = """\
2024-01-01 12:00:01 INFO  api    GET /users 200 12ms
2024-01-01 12:00:02 WARN  api    GET /users/7 404 3ms
2024-01-01 12:00:03 INFO  db     query users 45ms
2024-01-01 12:00:04 ERROR api    POST /orders 500 230ms
2024-01-01 12:00:05 INFO  api    GET /orders 200 31ms
2024-01-01 12:00:06 INFO  db     query orders 78ms
2024-01-01 12:00:07 ERROR db     timeout orders 1000ms
2024-01-01 12:00:08 INFO  api    GET /health 200 1ms
"""


def read_lines(text):
    for number, line in enumerate(text.splitlines(), 1):
        yield number, line


def parse(records):
    for number, line in records:
        date, time, level, source, *rest = line.split()
        yield {"n": number, "time": time, "level": level, "source": source,
               "ms": int(rest[-1].rstrip("ms")), "msg": " ".join(rest[:-1])}


def only(records, **criteria):
    for r in records:
        if all(r[k] == v for k, v in criteria.items()):
            yield r


def running_stats():
    count, total, peak = 0, 0, 0
    while True:
        value = yield (count, total, peak)
        if value is None:
            return (count, total, peak)
        count, total, peak = count + 1, total + value, max(peak, value)


def take(n, it):
    for _, item in zip(range(n), it):
        yield item


records = list(parse(read_lines(LOG)))
print("records:", len(records))
for r in only(records, level="ERROR"):
    print(f"  line {r['n']}: {r['source']} {r['msg']} ({r['ms']} ms)")
stats = running_stats()
next(stats)
for r in only(records, source="api"):
    count, total, peak = stats.send(r["ms"])
    print(f"  api #{count}: total={total} peak={peak}")
try:
    stats.send(None)
except StopIteration as done:
    print("final api stats:", done.value)
by_level = {}
for r in records:
    by_level.setdefault(r["level"], []).append(r["ms"])
for level, times in sorted(by_level.items()):
    print(f"{level:5} n={len(times)} mean={sum(times) / len(times):.1f}")
print("first three slow:", [r["n"] for r in take(3, (r for r in records if r["ms"] > 20))])
