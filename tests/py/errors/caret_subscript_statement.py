# A subscript that is the whole line still gets `~^^^` (its anchors), unlike a plain call.
def touch(items):
    items [ len(items) + 2 ]


touch([1, 2, 3])
