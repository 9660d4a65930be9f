s = "héllo wörld ✓ 日本語 🐍"
print(s, len(s))
print(s.upper(), s[1], s[-1], s[12:15])
print([ord(c) for c in "aé✓🐍"], chr(233), chr(0x1F40D), chr(10003))
print(repr("é\n\t\\'\""), repr('it\'s'), repr("quote\"s"), repr("both'\""))
print(ascii("é✓"), "é".encode("utf-8"), "✓".encode(), b"\xc3\xa9".decode("utf-8"))
print(repr("\x00\x7f\x80\xa0\u200b"), repr("🐍"))
print("Straße".lower(), "ÉCOLE".lower(), "ﬁ".upper(), len("ﬁ".upper()))
print(sorted("bäac"), "ä" > "z", max("hello wörld"))
print("日本".encode("utf-8"), len("日本".encode("utf-8")), "abc".encode("ascii"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
print("\N{GREEK SMALL LETTER ALPHA}", "\u03b1" == "α", "\U0001F40D" == "🐍")
print("x".isascii(), "é".isascii(), "٣".isdigit(), "٣".isdecimal(), int("٣"))
for ch in "a✓":
    print(ch, hex(ord(ch)))
