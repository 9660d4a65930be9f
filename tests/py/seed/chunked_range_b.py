# Pattern B: Iterable and iterator are separate
class ChunkedRangeIterable:
    def __init__(self, rangeStart, rangeStop, chunkSize):
        self.rangeStart = rangeStart
        self.rangeStop = rangeStop
        self.chunkSize = chunkSize

    def __iter__(self):
        return ChunkedRangeIterator(self.rangeStart, self.rangeStop, self.chunkSize)


class ChunkedRangeIterator:
    def __init__(self, rangeStart, rangeStop, chunkSize):
        self.rangeStart = rangeStart
        self.rangeStop = rangeStop
        self.chunkSize = chunkSize
        self.cur_val = rangeStart

    # An iterator is also an iterable!
    def __iter__(self):
        return self

    def __next__(self):
        if self.cur_val >= self.rangeStop:
            raise StopIteration
        lst = []
        stop_val = min(self.cur_val + self.chunkSize, self.rangeStop)
        while self.cur_val < stop_val:
            lst.append(self.cur_val)
            self.cur_val += 1
        return lst


crb = ChunkedRangeIterable(0, 10, 4)
print(list(crb))
print("second pass:", list(crb))
it = iter(crb)
print(type(it).__name__, iter(it) is it, next(it))
# iter() on a partially consumed iterator returns itself
print(list(iter(it)))
print(iter(crb) is iter(crb))
print([len(c) for c in ChunkedRangeIterable(0, 10, 3)])
for x in range(0, 10):
    pass
print(x, type(iter(range(0, 10))).__name__)
