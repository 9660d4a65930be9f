# Entering a loop nest at its hot inner loop: the native code finishes the inner loop, then
# runs the rest of each enclosing loop's body and its remaining iterations. Every variable,
# every loop counter after the nest, and every error must be the interpreter's.
import numpy as np


def rest_statements(n):
    # Statements after the inner loop (in an `if` too) run natively after the entry.
    total = 0.0
    rows = np.zeros(n)
    for i in range(n):
        s = 0.0
        for j in range(i, n):
            s += (i * n + j) * 0.5
        if i % 2 == 0:
            s = -s
            rows[i] = s
        else:
            rows[i] = s * 2.0
        total += s
    return total, rows.sum(), i, j, s


def three_deep(n):
    acc = 0
    for a in range(n):
        for b in range(a):
            for c in range(b):
                acc += (a * b - c) % 7
            acc -= 1
        acc += 2
    return acc, a, b, c


def while_outside(n):
    # A `while` loop around a hot `for` loop; the counter is assigned in the nest.
    k = 0
    hits = 0
    while k < n:
        for j in range(300):
            if (k + j) % 5 == 0:
                hits += 1
        k += 1
    return hits, k, j


def continue_in_rest(n):
    # `continue` in the rest of the outer body: one lifted copy of the outer loop runs it.
    # (The inner range depends on `i`: a short one that does not is lifted at the outer
    # loop's back-edge instead, defer_entry.py.)
    out = 0
    for i in range(n):
        for j in range(i, i + 200):
            out += j & i
        if i % 3 == 0:
            continue
        out -= i
    return out, i, j


def empty_inner_at_end(n):
    # The inner loop's range is used up at the entry point of some iterations.
    t = 0
    for i in range(n):
        for j in range(i % 4):
            t += j
        for j in range(1000):
            t += 1
    return t, i, j


def raises_in_rest(a):
    # The IndexError is raised by the outer loop's body, after the inner loop finished.
    n = a.shape[0]
    s = 0.0
    for i in range(n + 1):
        for j in range(500):
            s += j * 0.001
        s += a[i]
    return s


def big_bounds(n, big):
    # `big` does not fit the small-int specialisation: its arithmetic keeps overflow checks,
    # and the overflow hands the nest back to the interpreter (no arrays were touched).
    x = 0
    for i in range(n):
        for j in range(300):
            x = big * (i + j)
    return x, i, j


def dead_after(n):
    # u is never read after the nest: its final value need not be written back...
    t = 0
    for i in range(n):
        for j in range(100):
            u = i * j
            t += u
    return t, i, j


def introspected(n):
    # ...unless the function can see its locals by name.
    t = 0
    for i in range(n):
        for j in range(100):
            u = i * j + 1
            t += u
    return sorted(locals().items())


def main():
    print(rest_statements(300))
    print(three_deep(40))
    print(while_outside(30))
    print(continue_in_rest(60))
    print(empty_inner_at_end(20))
    print(big_bounds(10, 2**40))
    print(big_bounds(10, 2**62))
    print(dead_after(50))
    print(introspected(50))
    a = np.arange(10.0)
    try:
        raises_in_rest(a)
    except IndexError as e:
        print("IndexError:", e)


main()
