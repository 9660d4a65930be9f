name, n, pi = "Ada", 42, 3.14159265
print(f"Hello {name}!", f"{n}", f"{n + 1}", f"{name!r}", f"{name!s}", f"{name!a}", f"{'é'!a}")
print(f"{pi:.2f}", f"{pi:10.3f}|", f"{pi:<10.1f}|", f"{pi:^10.2f}|", f"{pi:+.1e}", f"{pi:.3g}", f"{pi:%}", f"{0.25:.0%}")
print(f"{n:5d}|", f"{n:<5d}|", f"{n:^5}|", f"{n:05d}", f"{n:x}", f"{n:X}", f"{n:#x}", f"{n:o}", f"{n:#b}", f"{n:b}")
print(f"{1234567:,}", f"{1234567:_}", f"{1234567.891:,.2f}", f"{-42:+d}", f"{42:+d}", f"{42: d}", f"{-3.5:=+8.2f}")
print(f"{name:>8}|", f"{name:*^9}", f"{name:.2}", f"{'x':-<4}")
w, p = 10, 3
print(f"{pi:{w}.{p}f}|", f"{n:{'>'}{w}}|")
print(f"{{literal}}", f"{{{n}}}", f"{'nested' + f'{n}'}")
d = {"k": "v"}
print(f"{d['k']}", f"{[1, 2][0]}", f"{(lambda x: x * 2)(4)}", f"{n if n > 40 else 0}")
print(f"{n=}", f"{pi=:.2f}", f"{name = }")
print(f"{3.0}", f"{1e20}", f"{1e-7}", f"{float('inf')}", f"{True}", f"{None}", f"{[1, 'a']}")
print(f"{123.456:e}", f"{123.456:E}", f"{0.000123:g}", f"{123456789.0:g}", f"{1.0:g}", f"{1e16:g}")
print(f"{'a'!r:>6}", f"{3:.2f}", f"{2.5:.0f}", f"{3.5:.0f}", f"{0.125:.2f}", f"{-0.0:.1f}")
print(f"{'multi'}" f"{'part'}", "plain" f"{n}")
try:
    f"{n:q}"
except ValueError as e:
    print("ValueError:", e)
try:
    f"{name:d}"
except ValueError as e:
    print("ValueError:", e)
