class CM:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        print("exiting with", exc[0].__name__ if exc[0] else None)
        return False
def run():
    with CM():
        try:
            raise KeyError("inner")
        finally:
            print("finally ran")
run()
