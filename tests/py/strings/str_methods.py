s = "  Hello, World  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr("xxhixx".strip("x")))
t = "Hello, World"
print(t.upper(), t.lower(), t.swapcase(), t.title(), "hello world".capitalize(), "ß".upper(), "ǅ".lower())
print(t.find("o"), t.rfind("o"), t.find("z"), t.index("W"), t.count("l"), t.count(""))
try:
    t.index("z")
except ValueError as e:
    print("ValueError:", e)
print(t.startswith("Hell"), t.endswith(("x", "ld")), t.startswith("World", 7))
print(t.replace("l", "L"), t.replace("l", "L", 2), t.replace("", "-")[:10])
print(t.split(","), "a b  c".split(), "a,b,,c".split(","), "a b c".split(None, 1), "a-b-c".rsplit("-", 1))
print("l1\nl2\r\nl3".splitlines(), "l1\nl2\n".splitlines(keepends=True))
print("-".join(["a", "b", "c"]), "".join(reversed("abc")), ", ".join(str(i) for i in range(3)))
print("abc".center(9, "*"), "abc".ljust(6, "."), "abc".rjust(6), "42".zfill(5), "-42".zfill(5))
print("abc".isalpha(), "123".isdigit(), "a1".isalnum(), "  ".isspace(), "Ab".isupper(), "ab".islower(), "Hi There".istitle())
print("12".isnumeric(), "1.5".isdecimal(), "_x1".isidentifier(), "".isalpha())
print("a=b=c".partition("="), "a=b=c".rpartition("="), "abc".partition("x"))
print("hello"[1], "hello"[-1], "hello"[1:4], "hello"[::-1], "hello"[::2], "hello"[10:], "hello"[-3:])
print("tab\there".expandtabs(4), "ab" * 3, "a" + "b", "abc" < "abd", "b" > "abc", len("hello"))
print("prefix_rest".removeprefix("prefix_"), "file.py".removesuffix(".py"), "%".join("ab"))
print(str.maketrans("ab", "xy") == {97: 120, 98: 121}, "abcab".translate(str.maketrans("ab", "xy")))
print("Hello".casefold(), "a\tb".split("\t"), "x".join([]), "mississippi".split("ss"))
try:
    "abc"[5]
except IndexError as e:
    print("IndexError:", e)
try:
    "abc"[0] = "z"
except TypeError as e:
    print("TypeError:", e)
try:
    "a" + 1
except TypeError as e:
    print("TypeError:", e)
