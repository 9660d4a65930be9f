from typing import List, Dict, Tuple, Optional, Union, Any, Callable, Iterable, Iterator, Sequence, Set, TypeVar, Generic
import typing
T = TypeVar("T")
def first(xs: List[T]) -> Optional[T]:
    return xs[0] if xs else None
def apply(f: Callable[[int], int], v: int) -> int:
    return f(v)
def merge(a: Dict[str, int], b: Dict[str, int]) -> Dict[str, int]:
    return {**a, **b}
def pairs(it: Iterable[Tuple[int, str]]) -> Iterator[str]:
    for n, s in it:
        yield s * n
def maybe(x: Union[int, str, None] = None) -> Any:
    return x
print(first([1, 2]), first([]), apply(lambda v: v + 1, 1), merge({"a": 1}, {"b": 2}), list(pairs([(2, "x")])), maybe())
print(first.__annotations__["xs"] == List[T], apply.__annotations__["return"])
class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item
print(Box(3).item, Box[int](4).item)
x: int = 5
y: Set[str]
print(__annotations__ if False else sorted(__annotations__))
def f(a: "Forward") -> "str":
    return "ok"
print(f(1), f.__annotations__)
print(typing.TYPE_CHECKING, isinstance([], typing.List) if False else "skip")
