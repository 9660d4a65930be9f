assert True
assert 1 == 1, "never shown"
try:
    assert 1 == 2
except AssertionError as e:
    print("AssertionError", repr(e), e.args)
try:
    assert False, "custom message"
except AssertionError as e:
    print("AssertionError:", e)
try:
    x = [1, 2]
    assert len(x) == 3, f"len is {len(x)}"
except AssertionError as e:
    print(e)
def check(v):
    assert v > 0, ("tuple", v)
    return v
try:
    check(-1)
except AssertionError as e:
    print(e.args)
print(check(5))
