//! A first `asyncio`: `iscoroutine` and `iscoroutinefunction` (written in Python, `asyncio.py`,
//! as CPython's are). The event loop itself is what coro programs build from generators.

use super::new_builtin_module;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};

/// Names of CPython's `asyncio` that coro does not provide yet.
pub const UNSUPPORTED: &[&str] = &[
    "run",
    "sleep",
    "gather",
    "wait",
    "wait_for",
    "create_task",
    "ensure_future",
    "get_event_loop",
    "get_running_loop",
    "new_event_loop",
    "set_event_loop",
    "run_coroutine_threadsafe",
    "shield",
    "as_completed",
    "timeout",
    "Future",
    "Task",
    "TaskGroup",
    "Queue",
    "Event",
    "Lock",
    "Semaphore",
    "Condition",
    "CancelledError",
    "TimeoutError",
    "InvalidStateError",
    "AbstractEventLoop",
    "BaseEventLoop",
    "Handle",
    "TimerHandle",
    "iscoroutinefunction_marker",
];

/// The Python body of `asyncio`.
pub const SOURCE: &str = include_str!("asyncio.py");

pub fn create(vm: &mut Vm) -> Result<ObjRef, Exc> {
    let g = Value::Obj(vm.types.generator);
    new_builtin_module(vm, "asyncio", &[], vec![("_GeneratorType", g)])
}
