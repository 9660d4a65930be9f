# A loop whose int grows past int64: at the default threshold it is already a big int when
# the loop gets hot, so the loop stays interpreted (compiled code wraps at int64, as numba).


def big_ints():
    p = 1
    for i in range(3000):
        if i < 100:
            p = p * 3
    print(p % 1000007, p > 2 ** 63)



big_ints()
