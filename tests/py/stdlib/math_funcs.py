import math
print(math.pi, math.e, math.tau, math.inf, math.nan)
print(math.sqrt(2), math.sqrt(16), math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7), type(math.floor(2.5)).__name__)
print(math.exp(1), math.log(10), math.log(8, 2), math.log10(1000), math.log2(1024), math.log1p(1e-10), math.expm1(1e-10))
print(math.sin(1), math.cos(1), math.tan(1), math.asin(0.5), math.acos(0.5), math.atan(1), math.atan2(1, -1))
print(math.sinh(1), math.cosh(1), math.tanh(0.5), math.asinh(1), math.acosh(2), math.atanh(0.5))
print(math.pow(2, 0.5), math.fabs(-3), math.fmod(-7, 3), math.hypot(3, 4), math.hypot(1, 2, 2), math.copysign(1, -0.0))
print(math.degrees(math.pi), math.radians(180), math.factorial(20), math.factorial(30), math.gcd(12, 18), math.lcm(4, 6))
print(math.isclose(0.1 + 0.2, 0.3), math.isnan(math.nan), math.isinf(-math.inf), math.isfinite(1e308))
print(math.comb(10, 3), math.perm(5, 2), math.prod([1, 2, 3, 4]), math.fsum([0.1] * 10), math.isqrt(99), math.dist((0, 0), (3, 4)))
print(math.modf(3.75), math.frexp(8.0), math.ldexp(0.5, 4), math.erf(0.5), math.erfc(0.5), math.gamma(5.5), math.lgamma(10))
print(math.floor(1e20), math.ceil(-0.5), math.sqrt(1e-300), math.exp(-1000), math.cbrt(27) if hasattr(math, "cbrt") else 3.0)
for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.log(-1), lambda: math.exp(1000), lambda: math.factorial(-1), lambda: math.acos(2)]:
    try:
        bad()
    except (ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
print(math.floor(3), math.sqrt(10 ** 20), math.log(2 ** 1000), math.gcd(2 ** 100, 6 ** 50))
