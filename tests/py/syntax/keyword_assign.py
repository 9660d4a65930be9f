class C:
    def m(self):
        yield = 3
