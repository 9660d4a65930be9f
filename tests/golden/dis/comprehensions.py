squares = [x * x for x in range(10) if x % 2]
pairs = {(a, b) for a in xs for b in ys if a != b}
index = {k: v for k, v in items}
total = sum(x for x in data)
