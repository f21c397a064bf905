from typing import List, Dict, Optional, Any, Callable, Generator, Iterator, Iterable, Tuple, Union, TypeVar, Generic, Set, Coroutine, Awaitable, TYPE_CHECKING, cast, Protocol, ClassVar, Type, Sequence, Mapping
import typing

T = TypeVar("T")


def f(x: List[int], y: Optional[str] = None) -> Dict[str, Any]:
    return {"x": x, "y": y}


def g() -> Generator[int, None, str]:
    yield 1
    return "done"


class Loop:
    _instance: "Loop" = None
    count: int = 0
    handlers: List[Callable[..., Any]]

    @classmethod
    def get(cls) -> "Loop":
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance


print(f([1]), list(g()), Loop.get() is Loop.get(), Loop.count, TYPE_CHECKING, cast(int, "x"))
print(typing.List is list, typing.List, List[int], Optional[int], Union[int, str], T, Any, Callable[[int], str])
print(f.__annotations__, Loop.__annotations__)
x: int = 5
print(x, __annotations__ if "__annotations__" in globals() else None)
K = TypeVar("K", bound=str)
V_co = TypeVar("V_co", covariant=True)


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item


b: Box[int] = Box(3)
print(b.item, Box[int], Box.__orig_bases__, Box.__mro__, K, V_co, Generic[T])
print(Tuple[int, ...], Tuple[()], Tuple[int, str], Callable[..., Any], Union[int, Union[str, int]], Optional[Union[int, str]])
print(List["Loop"], typing.Literal[1, "a"], Dict[str, List[int]], Union[int], typing.get_origin(List[int]), typing.get_args(Dict[str, int]))
print(Iterator[int], Generator[int, None, None], Type[int], ClassVar[int], typing.Deque[int], typing.Text)
for bad in [lambda: List(), lambda: Any(), lambda: List[int, str], lambda: Union[()]]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)


class Proto(Protocol):
    def run(self) -> None: ...


print(Proto.__mro__[1:], typing.cast(str, 1), typing.overload(len) is not len)
