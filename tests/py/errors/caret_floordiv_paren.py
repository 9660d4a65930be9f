# CPython 3.11 anchors a binary operation's carets on its operator, past a closing parenthesis.
def ratio(a, x):
    return (a[0] + 1) // x


print(ratio([4], 2))
print(ratio([4], 0))
