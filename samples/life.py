"""Conway's Game of Life on a small torus, with sets, comprehensions and a generator of generations."""


def parse(pattern):
    return {(r, c) for r, row in enumerate(pattern.strip().splitlines())
            for c, ch in enumerate(row) if ch == "#"}


def neighbours(cell, size):
    r, c = cell
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr or dc:
                yield ((r + dr) % size, (c + dc) % size)


def step(live, size):
    counts = {}
    for cell in live:
        for n in neighbours(cell, size):
            counts[n] = counts.get(n, 0) + 1
    return {cell for cell, n in counts.items() if n == 3 or (n == 2 and cell in live)}


def generations(live, size):
    while True:
        yield live
        live = step(live, size)


def show(live, size):
    return "\n".join("".join("#" if (r, c) in live else "." for c in range(size)) for r in range(size))


GLIDER = """
.#.
..#
###
"""
size = 8
for i, gen in zip(range(5), generations(parse(GLIDER), size)):
    print(f"generation {i}: {len(gen)} live")
    print(show(gen, size))
blinker = {(1, 0), (1, 1), (1, 2)}
print(step(step(blinker, 5), 5) == blinker, sorted(step(blinker, 5)))
g = generations(parse(GLIDER), size)
history = [frozenset(next(g)) for _ in range(33)]
print("glider returns to its start after", history.index(history[0], 1), "steps")
