# After a loop that ran natively, a later loop of the same function is compiled only once it
# has done enough work of its own: the short one stays interpreted, the long one is lifted.


def main():
    s = 0
    for i in range(100000):
        s += i % 7
    short = 0
    for i in range(300):
        short += i * 3
    long = 0
    for i in range(100000):
        long += i % 5
    return s, short, long, i


print(main())
