# A nest entered at its hot inner loop runs one copy of its outer loops: in the iteration where
# it is entered, the statements before the inner loop are not run again, the `if`s and `while`s
# on the way down are not tested again, and loop variables keep the values the interpreter gave
# them. Later iterations run in full. Every case must print what CPython prints.


def prefix_counts(n):
    # A counter before the inner loop: run once per outer iteration, never twice.
    calls = 0
    s = 0
    for i in range(n):
        calls += 1
        t = i * 2
        for j in range(300):
            s += (j ^ t) & 7
        s -= calls
    return calls, s, i, j, t


def elif_chain(n):
    # The inner loop in an `elif`: the entry must not re-test either condition.
    h0 = h1 = h2 = 0
    total = 0
    for i in range(n):
        if i % 3 == 0:
            h0 += 1
        elif i % 3 == 1:
            h1 += 1
            for j in range(400):
                total += (i * j) % 11
        else:
            h2 += 1
            total -= 1
    return h0, h1, h2, total


def else_branch(n, flip):
    total = 0
    for i in range(n):
        if (i + flip) % 2 == 0:
            total += 1
        else:
            for j in range(500):
                total += j % (i + 3)
    return total


def rebound_loop_var(n):
    # The body rebinds the outer loop variable before the inner loop: the entry keeps the
    # interpreter's value for the current iteration; the next iteration rebinds it.
    acc = 0
    seen = 0
    for i in range(n):
        i = i * 10
        for j in range(250):
            acc += (i + j) % 13
        seen += i
    return acc, seen, i


def steps_and_breaks(n, step):
    acc = 0
    for i in range(n, 0, -step):
        if i % 7 == 0:
            continue
        for j in range(0, 600, 3):
            if j > 5 * i:
                break
            acc += j - i
        if acc > 1000000000:
            break
        acc ^= i
    return acc, i, j


def while_levels(n):
    k = 0
    total = 0
    while k < n:
        k += 1
        if k % 4 == 0:
            continue
        m = 0
        while m < 300:
            total += (m * k) % 5
            m += 1
        total -= k
    return total, k, m


def three_levels(n):
    out = 0
    for a in range(n):
        out += a
        for b in range(a, n):
            if b % 2:
                for c in range(b, b + 60):
                    out += (a * b + c) % 9
            else:
                out -= 1
    return out, a, b, c


print(prefix_counts(60))
print(elif_chain(90))
print(else_branch(60, 0), else_branch(61, 1))
print(rebound_loop_var(40))
print(steps_and_breaks(200, 1), steps_and_breaks(200, 3))
print(while_levels(50))
print(three_levels(30))
