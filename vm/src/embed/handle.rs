//! Handles: host-held references to script values. A handle owns a slot in its runtime's root
//! table, which the collector treats as a root, so the value stays alive (and the handle valid)
//! across any number of collections; dropping the handle frees the slot, and the value is
//! collected once nothing else refers to it.
//!
//! The table is shared (`Rc`) between the VM and its handles, so a handle can release its slot
//! in `drop` without access to the VM, and outliving the runtime is harmless.

use super::Error;
use crate::value::Value;
use crate::Vm;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

/// The slots of a runtime's handles, and the suspended runs their owners dropped.
#[derive(Default)]
pub(crate) struct Shared {
    values: RefCell<Vec<Value>>,
    free: RefCell<Vec<u32>>,
    /// Parked runs whose `Paused`/`Pending` was dropped without being continued: the runtime
    /// abandons them the next time it is used.
    pub(crate) dropped_runs: RefCell<Vec<u32>>,
}

impl Shared {
    /// Every value held by a handle (for the collector).
    pub(crate) fn roots(&self, out: &mut Vec<Value>) {
        out.extend(self.values.borrow().iter().copied());
    }
}

/// A script value held by the host: valid across garbage collection, released on drop.
///
/// Any script value can be held this way (a function, a generator, an object) and passed back to
/// the runtime that made it: as an argument ([`IntoScript`](super::IntoScript)), as a callee, as
/// a generator to resume. Cloning a handle holds the same value once more. A handle belongs to
/// one runtime; using it with another is an [`ErrorKind::Usage`](super::ErrorKind::Usage) error.
///
/// ```
/// use coro_vm::embed::{Handle, Runtime};
///
/// let mut rt = Runtime::new();
/// rt.exec("items = [1, 2, 3]", "main.py")?;
/// let items: Handle = rt.global("items")?;
/// rt.exec("items = None\nfor i in range(300000):\n    garbage = [i]", "main.py")?; // collections happen
/// rt.collect_garbage();
/// assert_eq!(rt.get::<Vec<i64>>(&items)?, vec![1, 2, 3]);
/// # Ok::<(), coro_vm::embed::Error>(())
/// ```
pub struct Handle {
    slot: u32,
    shared: Rc<Shared>,
}

impl Handle {
    /// Holds `v` (a value the VM just produced, not yet exposed to a collection).
    pub(crate) fn new(vm: &Vm, v: Value) -> Handle {
        Handle::hold(vm.embed.shared.clone(), v)
    }

    fn hold(shared: Rc<Shared>, v: Value) -> Handle {
        let slot = {
            let mut values = shared.values.borrow_mut();
            match shared.free.borrow_mut().pop() {
                Some(i) => {
                    values[i as usize] = v;
                    i
                }
                None => {
                    values.push(v);
                    values.len() as u32 - 1
                }
            }
        };
        Handle { slot, shared }
    }

    /// The value, checked to belong to `vm`.
    pub(crate) fn value(&self, vm: &Vm) -> Result<Value, Error> {
        if !Rc::ptr_eq(&self.shared, &vm.embed.shared) {
            return Err(Error::usage("a handle was used with a runtime other than the one that made it"));
        }
        Ok(self.raw())
    }

    fn raw(&self) -> Value {
        self.shared.values.borrow().get(self.slot as usize).copied().unwrap_or(Value::None)
    }

    /// Do both handles hold the same object (Python's `is`)?
    pub fn is(&self, other: &Handle) -> bool {
        Rc::ptr_eq(&self.shared, &other.shared) && self.raw().is(other.raw())
    }
}

impl Clone for Handle {
    fn clone(&self) -> Handle {
        Handle::hold(self.shared.clone(), self.raw())
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        if let Some(v) = self.shared.values.borrow_mut().get_mut(self.slot as usize) {
            *v = Value::None;
        }
        self.shared.free.borrow_mut().push(self.slot);
    }
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Handle({:?})", self.raw())
    }
}
