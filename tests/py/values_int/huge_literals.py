import sys
big = 1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890
print(big, big % 97, len(str(big)))
n = 10 ** 4000
print(len(str(n)), str(n)[:5])
print(sys.get_int_max_str_digits())
try:
    str(10 ** 5000)
except ValueError as e:
    print("ValueError:", e)
try:
    int("9" * 5000)
except ValueError as e:
    print("ValueError:", e)
print(hex(10 ** 5000)[:10], (10 ** 5000).bit_length())
x = 0x_FFFF_FFFF_FFFF_FFFF_FFFF
print(x, 1e400 if False else 1e308, 1_2_3)
print(0.1e-400, 1e400, -1e400)
nested = [[[[[[[[[[1]]]]]]]]]]
print(nested)
t = ((((((((((2,),),),),),),),),),)
print(t)
