import sys
print(sys.getrecursionlimit())
def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n
d = depth(0)
print(900 < d < 1000)
sys.setrecursionlimit(3000)
print(sys.getrecursionlimit())
print(2500 < depth(0) < 3000)
def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)
print(deep(2500))
sys.setrecursionlimit(1000)
try:
    deep(5000)
except RecursionError as e:
    print("RecursionError:", e)
class R:
    def __repr__(self):
        return repr(self)
try:
    repr(R())
except RecursionError as e:
    print("RecursionError via __repr__:", e)
class E:
    def __eq__(self, other):
        return self == other
try:
    E() == E()
except RecursionError as e:
    print("RecursionError via __eq__:", e)
lst = []
lst.append(lst)
print(lst, repr([lst]))
d = {}
d["self"] = d
print(d)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("ValueError:", e)
