print("{} {}".format("a", "b"), "{1} {0}".format("a", "b"), "{0}{0}".format("x"))
print("{name} is {age}".format(name="Bo", age=7), "{0[1]} {1[k]}".format([1, 2], {"k": "v"}))
class P:
    x = 5
print("{0.x}".format(P()), "{:>6}|".format("r"), "{:^7.2f}|".format(2.5), "{:,}".format(10 ** 7))
print("{!r} {!s}".format("s", "s"), "{:{w}}|".format(3, w=4), "{{}} {}".format(1))
print(format(3.14159, ".3f"), format(10, "b"), format("s", ">3"), format(0.5, "%"), format(12, ""))
print("{:08.3f}".format(-3.14159), "{:+}".format(3), "{:e}".format(0.0), "{:.3}".format(3.14159), "{:.3}".format("abcdef"))
print("{:n}".format(1234), "{:c}".format(97), "{:#X}".format(3054), "{:_b}".format(255))
try:
    "{}{}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{x}".format(y=1)
except KeyError as e:
    print("KeyError:", e)
try:
    "{0}{}".format(1, 2)
except ValueError as e:
    print("ValueError:", e)
print(str.format("{}-{}", 1, 2), "{:.2%}".format(0.12345), "{:>{}}".format("z", 3))
