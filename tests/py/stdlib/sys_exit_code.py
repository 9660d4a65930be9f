import sys
print("about to exit")
try:
    sys.exit(5)
except SystemExit as e:
    print("caught SystemExit", e.code)
try:
    sys.exit()
except SystemExit as e:
    print("code", e.code)
try:
    raise SystemExit("msg")
except SystemExit as e:
    print("code", e.code)
def cleanup():
    try:
        sys.exit(3)
    finally:
        print("finally runs on exit")
cleanup()
print("never printed")
