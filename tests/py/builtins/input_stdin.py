# stdin: Alice\n42\nlast line without newline
name = input()
age = int(input("Age? "))
print()
print("Hello", name, "next year", age + 1)
print(repr(input()))
try:
    input()
except EOFError as e:
    print("EOFError:", e)
