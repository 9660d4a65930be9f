# Loops followed (or surrounded) by code the compiler cannot type: the loop runs natively and
# everything after it keeps running in the interpreter with the written-back locals.


def main():
    s = 0
    for i in range(30000):
        s += i * i % 13
    words = ["s=%d" % s, "i=%d" % i]
    print(" ".join(words))
    d = {}
    for i in range(3000):
        d[i % 17] = d.get(i % 17, 0) + i
    print(sorted(d.items())[:3])
    out = []
    t = 0.0
    for i in range(5000):
        t += i / 3.0
        if i % 1000 == 0:
            out.append(round(t, 3))
    print(out, t)
    text = ""
    for i in range(3000):
        if i % 500 == 0:
            text += str(i)
    print(text)
    q = 0
    for i in range(20000):
        q += i
    print(q, [q, i], {"q": q})


main()
