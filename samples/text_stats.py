"""Text statistics: word frequencies, line lengths and a small histogram."""

TEXT = """\
It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness,
it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness,
it was the spring of hope, it was the winter of despair.
"""


def words(text):
    for line in text.splitlines():
        for raw in line.split():
            word = raw.strip(".,;:!?").lower()
            if word:
                yield word


def frequencies(ws):
    counts = {}
    for w in ws:
        counts[w] = counts.get(w, 0) + 1
    return counts


def histogram(counts, top=8, width=30):
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    biggest = ranked[0][1]
    for word, n in ranked:
        bar = "#" * max(1, n * width // biggest)
        print(f"{word:>12} {n:3d} {bar}")


lines = TEXT.splitlines()
all_words = list(words(TEXT))
counts = frequencies(all_words)
print(f"lines: {len(lines)}, words: {len(all_words)}, distinct: {len(counts)}")
print(f"average line length: {sum(map(len, lines)) / len(lines):.2f}")
longest = max(counts, key=lambda w: (len(w), w))
print(f"longest word: {longest!r} ({len(longest)} letters)")
letters = frequencies(c for c in TEXT.lower() if c.isalpha())
print("top letters:", ", ".join(f"{c}={n}" for c, n in sorted(letters.items(), key=lambda kv: (-kv[1], kv[0]))[:5]))
histogram(counts)
pairs = frequencies(zip(all_words, all_words[1:]))
best = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))
print("most common pair:", " ".join(best[0]), best[1])
