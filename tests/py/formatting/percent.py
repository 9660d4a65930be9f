print("%s and %s" % ("a", "b"), "%d items" % 5, "%r" % "q", "%5s|" % "ab", "%-5s|" % "ab")
print("%.2f" % 3.14159, "%8.3f|" % 2.5, "%e" % 12345.678, "%g" % 0.00001234, "%x %X %o" % (255, 255, 8))
print("%05d" % 42, "%+d" % 5, "% d" % 5, "%%", "%c" % 65, "%c" % "z", "%i" % 3.9)
print("%(name)s is %(age)d" % {"name": "Bo", "age": 7})
print("%s" % [1, 2], "%s" % (1,), "%s %s" % (1, (2, 3)), "%r" % ((1, 2),))
print("%*d|" % (5, 42), "%.*f" % (1, 2.25), "%#x" % 255, "%#o" % 8, "%10.4s|" % "abcdefg")
print("%s" % None, "%d" % True, "%.0f" % 0.5, "%.0f" % 1.5, "%a" % "é")
for bad in [("%d", "x"), ("%s %s", ("a",)), ("%s", ("a", "b")), ("%z", 1)]:
    try:
        print(bad[0] % bad[1])
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
