class Config:
    def __init__(self, **kw):
        self.values = dict(kw)

    def __repr__(self):
        return f"Config({self.values})"
