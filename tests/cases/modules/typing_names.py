# typing: the common names import, module-level annotations using them evaluate, and the
# generic aliases of the builtin containers are the containers
from typing import Any, Optional, Union, List, Dict, Tuple, Set, Callable, Iterator, Iterable
from typing import Generator, Coroutine, Awaitable, TypeVar, Generic, Sequence, Mapping, Type
from typing import ClassVar, Final, Literal, Protocol, NoReturn, cast, TYPE_CHECKING
import typing

T = TypeVar("T")
K = TypeVar("K", int, str)
counts: Dict[str, int] = {}
names: List[str] = ["a"]
maybe: Optional[int] = None
either: Union[int, str] = 3
pair: Tuple[int, ...] = (1, 2)
handler: Callable[[int], None] = print
gen_type: Generator[int, None, str]
coro_type: Coroutine[Any, Any, T]
mapping: Mapping[str, List[Tuple[int, Set[str]]]] = {}
items: Iterable[Iterator[Awaitable[T]]] = []
print(counts, names, maybe, either, pair, handler is print)
print(TYPE_CHECKING, cast(int, "not checked"), cast(List[int], [1]))
print(isinstance([], List), isinstance({}, Dict), isinstance((), Tuple), isinstance(set(), Set))


def f(x: Optional[int] = None, *args: Any, **kw: Sequence[T]) -> Generator[int, None, None]:
    yield x


print(list(f(5)), list(f()))
print(typing.Optional is Optional, typing.cast(str, 1))
