# Pattern A: Iterable is the iterator
class ChunkedRange:
    def __init__(self, rangeStart, rangeStop, chunkSize):
        self.rangeStart = rangeStart
        self.rangeStop = rangeStop
        self.chunkSize = chunkSize
        self.cur_val = rangeStart

    def __iter__(self):
        return self

    def __next__(self):
        if self.cur_val >= self.rangeStop:
            raise StopIteration
        lst = []
        stop_val = self.cur_val + self.chunkSize
        stop_val = min(stop_val, self.rangeStop)
        while self.cur_val < stop_val:
            lst.append(self.cur_val)
            self.cur_val += 1
        return lst


cr = ChunkedRange(0, 10, 3)
for chunk in cr:
    print(chunk)
# Pattern A can only be consumed once: the iterable keeps the iterator state.
print("second pass:", list(cr))
cr2 = ChunkedRange(5, 12, 4)
print(iter(cr2) is cr2, next(cr2), next(iter(cr2)), next(cr2, "exhausted"))
print(list(ChunkedRange(0, 0, 3)), list(ChunkedRange(0, 5, 10)))
print(sum(len(c) for c in ChunkedRange(0, 100, 7)))
