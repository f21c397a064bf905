//! Conversions between Rust values and script values, both ways: bool, the integer types, f64
//! and f32, String and &str, Vec, HashMap, Option, tuples up to six items, `()` (None) and
//! [`Handle`] (any value, held opaquely). A failed conversion is an [`Error`] of kind
//! [`ErrorKind::Conversion`](super::ErrorKind::Conversion) whose type name is the exception
//! CPython would raise (`TypeError`, or `OverflowError` for an int out of the target's range).
//!
//! The traits take `&mut Vm` and a raw [`Value`]: a raw value is only valid until the VM next
//! collects garbage, which happens only while a script runs, never inside a conversion.

use super::{Error, Handle};
use crate::object::HeapObj;
use crate::value::Value;
use crate::Vm;
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};

/// A Rust value that can become a script value.
pub trait IntoScript {
    /// The script value for `self`, allocated in `vm`.
    fn into_script(self, vm: &mut Vm) -> Result<Value, Error>;
}

/// A Rust value that can be made from a script value.
///
/// ```
/// use coro_vm::embed::{ErrorKind, Handle, Runtime};
/// use std::collections::HashMap;
///
/// let mut rt = Runtime::new();
/// rt.exec("scores = {'ada': 3, 'bob': 5}\nrow = (1, 'x', None, [1.5, 2.0], True)\nbig = 2**70", "main.py")?;
/// let scores: HashMap<String, i64> = rt.global("scores")?;
/// assert_eq!(scores["bob"], 5);
/// let row: (u8, String, Option<i64>, Vec<f64>, bool) = rt.global("row")?;
/// assert_eq!(row, (1, "x".into(), None, vec![1.5, 2.0], true));
/// // Any value can be held opaquely and passed back.
/// let opaque: Handle = rt.global("scores")?;
/// assert_eq!(rt.call::<usize>("len", (&opaque,))?, 2);
/// // Rust values become script values the same way.
/// rt.set_global("pair", (vec![1, 2], HashMap::from([("k", Some(2.5))])))?;
/// let pair: Handle = rt.global("pair")?;
/// assert_eq!(rt.repr(&pair)?, "([1, 2], {'k': 2.5})");
/// // A failed conversion says what was expected, as CPython's errors do.
/// let err = rt.global::<i64>("big").unwrap_err();
/// assert_eq!((err.kind(), err.summary().as_str()), (ErrorKind::Conversion, "OverflowError: int too large to convert to i64"));
/// let err = rt.global::<Vec<String>>("row").unwrap_err();
/// assert_eq!(err.summary(), "TypeError: item 0: expected str, got int");
/// # Ok::<(), coro_vm::embed::Error>(())
/// ```
pub trait FromScript: Sized {
    /// Converts `v`, or says why it cannot be converted.
    fn from_script(vm: &mut Vm, v: Value) -> Result<Self, Error>;

    /// The value to use for a native function's argument the caller left out: `None` means the
    /// argument is required (only `Option<T>` arguments are optional).
    fn when_missing() -> Option<Self> {
        None
    }
}

fn expected(vm: &Vm, what: &str, v: Value) -> Error {
    Error::conversion("TypeError", format!("expected {what}, got {}", vm.type_name(v)))
}

impl IntoScript for Handle {
    fn into_script(self, vm: &mut Vm) -> Result<Value, Error> {
        self.value(vm)
    }
}

impl IntoScript for &Handle {
    fn into_script(self, vm: &mut Vm) -> Result<Value, Error> {
        self.value(vm)
    }
}

impl FromScript for Handle {
    fn from_script(vm: &mut Vm, v: Value) -> Result<Self, Error> {
        Ok(Handle::new(vm, v))
    }
}

impl IntoScript for () {
    fn into_script(self, _vm: &mut Vm) -> Result<Value, Error> {
        Ok(Value::None)
    }
}

impl FromScript for () {
    fn from_script(vm: &mut Vm, v: Value) -> Result<Self, Error> {
        match v {
            Value::None => Ok(()),
            _ => Err(expected(vm, "None", v)),
        }
    }
}

impl IntoScript for bool {
    fn into_script(self, _vm: &mut Vm) -> Result<Value, Error> {
        Ok(Value::Bool(self))
    }
}

impl FromScript for bool {
    fn from_script(vm: &mut Vm, v: Value) -> Result<Self, Error> {
        match v {
            Value::Bool(b) => Ok(b),
            _ => Err(expected(vm, "bool", v)),
        }
    }
}

/// The value of a Python int (bools included, as CPython's int conversions accept them).
fn int_value(vm: &Vm, v: Value) -> Result<Result<i128, ()>, Error> {
    match v {
        Value::Int(n) => Ok(Ok(n as i128)),
        Value::Bool(b) => Ok(Ok(b as i128)),
        Value::Obj(r) => match vm.heap.get(r) {
            HeapObj::BigInt(b) => Ok(b.to_i128().ok_or(())),
            _ => Err(expected(vm, "int", v)),
        },
        _ => Err(expected(vm, "int", v)),
    }
}

macro_rules! int_conversions {
    ($($t:ty),*) => {$(
        impl IntoScript for $t {
            fn into_script(self, vm: &mut Vm) -> Result<Value, Error> {
                Ok(match i64::try_from(self) {
                    Ok(n) => Value::Int(n),
                    Err(_) => vm.new_bigint(BigInt::from(self)),
                })
            }
        }

        impl FromScript for $t {
            #[inline]
            fn from_script(vm: &mut Vm, v: Value) -> Result<Self, Error> {
                // The common case, a small int that fits, without the general path's i128.
                // (`try_from` is infallible for the widest targets.)
                #[allow(irrefutable_let_patterns)]
                if let Value::Int(n) = v {
                    if let Ok(x) = <$t>::try_from(n) {
                        return Ok(x);
                    }
                }
                let too_large = || {
                    Error::conversion("OverflowError", concat!("int too large to convert to ", stringify!($t)))
                };
                match int_value(vm, v)? {
                    Ok(n) => match <$t>::try_from(n) {
                        Ok(x) => Ok(x),
                        Err(_) if n < 0 && <$t>::MIN == 0 => {
                            Err(Error::conversion("OverflowError", "can't convert negative int to unsigned"))
                        }
                        Err(_) => Err(too_large()),
                    },
                    Err(()) => Err(too_large()),
                }
            }
        }
    )*};
}

int_conversions!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);

impl IntoScript for f64 {
    fn into_script(self, _vm: &mut Vm) -> Result<Value, Error> {
        Ok(Value::Float(self))
    }
}

impl FromScript for f64 {
    /// A float, or an int (as `float(n)` would give it).
    fn from_script(vm: &mut Vm, v: Value) -> Result<Self, Error> {
        match v {
            Value::Float(f) => Ok(f),
            Value::Int(n) => Ok(n as f64),
            Value::Bool(b) => Ok(b as i64 as f64),
            Value::Obj(r) => match vm.heap.get(r) {
                HeapObj::BigInt(b) => b
                    .to_f64()
                    .filter(|f| f.is_finite())
                    .ok_or_else(|| Error::conversion("OverflowError", "int too large to convert to float")),
                _ => Err(expected(vm, "float", v)),
            },
            _ => Err(expected(vm, "float", v)),
        }
    }
}

impl IntoScript for f32 {
    fn into_script(self, _vm: &mut Vm) -> Result<Value, Error> {
        Ok(Value::Float(self as f64))
    }
}

impl FromScript for f32 {
    fn from_script(vm: &mut Vm, v: Value) -> Result<Self, Error> {
        f64::from_script(vm, v).map(|f| f as f32)
    }
}

impl IntoScript for &str {
    fn into_script(self, vm: &mut Vm) -> Result<Value, Error> {
        Ok(vm.new_str(self))
    }
}

impl IntoScript for String {
    fn into_script(self, vm: &mut Vm) -> Result<Value, Error> {
        Ok(vm.new_string(self))
    }
}

impl IntoScript for &String {
    fn into_script(self, vm: &mut Vm) -> Result<Value, Error> {
        Ok(vm.new_str(self))
    }
}

impl FromScript for String {
    fn from_script(vm: &mut Vm, v: Value) -> Result<Self, Error> {
        match vm.str_of(v) {
            Some(s) => Ok(s.to_string()),
            None => Err(expected(vm, "str", v)),
        }
    }
}

impl<T: IntoScript> IntoScript for Option<T> {
    fn into_script(self, vm: &mut Vm) -> Result<Value, Error> {
        match self {
            Some(x) => x.into_script(vm),
            None => Ok(Value::None),
        }
    }
}

impl<T: FromScript> FromScript for Option<T> {
    /// None becomes `None`; anything else converts as `T`.
    fn from_script(vm: &mut Vm, v: Value) -> Result<Self, Error> {
        match v {
            Value::None => Ok(None),
            _ => T::from_script(vm, v).map(Some),
        }
    }

    fn when_missing() -> Option<Self> {
        Some(None)
    }
}

impl<T: IntoScript> IntoScript for Vec<T> {
    /// A list.
    fn into_script(self, vm: &mut Vm) -> Result<Value, Error> {
        let items = self.into_iter().map(|x| x.into_script(vm)).collect::<Result<Vec<_>, _>>()?;
        Ok(vm.new_list(items))
    }
}

/// The items of a list or tuple.
fn sequence(vm: &Vm, v: Value, what: &str) -> Result<Vec<Value>, Error> {
    match v {
        Value::Obj(r) if matches!(vm.heap.get(r), HeapObj::List(_) | HeapObj::Tuple(_)) => Ok(vm.tuple_items(v)),
        _ => Err(expected(vm, what, v)),
    }
}

impl<T: FromScript> FromScript for Vec<T> {
    /// From a list or a tuple.
    fn from_script(vm: &mut Vm, v: Value) -> Result<Self, Error> {
        let items = sequence(vm, v, "list or tuple")?;
        items
            .into_iter()
            .enumerate()
            .map(|(i, x)| T::from_script(vm, x).map_err(|e| e.in_item(format!("item {i}"))))
            .collect()
    }
}

impl<K: IntoScript, V: IntoScript, S> IntoScript for HashMap<K, V, S> {
    /// A dict (in the map's iteration order).
    fn into_script(self, vm: &mut Vm) -> Result<Value, Error> {
        let d = vm.new_dict();
        let Value::Obj(dr) = d else { return Ok(d) };
        for (k, v) in self {
            let k = k.into_script(vm)?;
            let v = v.into_script(vm)?;
            vm.dict_set(dr, k, v).map_err(|e| Error::from_exc(vm, e))?;
        }
        Ok(d)
    }
}

impl<K: FromScript + Eq + Hash, V: FromScript, S: BuildHasher + Default> FromScript for HashMap<K, V, S> {
    /// From a dict.
    fn from_script(vm: &mut Vm, v: Value) -> Result<Self, Error> {
        let entries: Vec<(Value, Value)> = match v {
            Value::Obj(r) => match vm.heap.get(r) {
                HeapObj::Dict(d) => d.iter().map(|e| (e.key, e.value)).collect(),
                _ => return Err(expected(vm, "dict", v)),
            },
            _ => return Err(expected(vm, "dict", v)),
        };
        let mut map = HashMap::with_capacity_and_hasher(entries.len(), S::default());
        for (k, x) in entries {
            let key = K::from_script(vm, k).map_err(|e| e.in_item("key"))?;
            let shown = vm.repr_string(k).unwrap_or_default();
            let value = V::from_script(vm, x).map_err(|e| e.in_item(format!("value of {shown}")))?;
            map.insert(key, value);
        }
        Ok(map)
    }
}

macro_rules! tuple_conversions {
    ($n:expr; $($t:ident $i:tt),+) => {
        impl<$($t: IntoScript),+> IntoScript for ($($t,)+) {
            /// A tuple.
            fn into_script(self, vm: &mut Vm) -> Result<Value, Error> {
                let items = vec![$(self.$i.into_script(vm)?),+];
                Ok(vm.new_tuple(items))
            }
        }

        impl<$($t: FromScript),+> FromScript for ($($t,)+) {
            /// From a tuple (or list) of exactly as many items.
            fn from_script(vm: &mut Vm, v: Value) -> Result<Self, Error> {
                let items = sequence(vm, v, "tuple")?;
                if items.len() != $n {
                    let msg = format!("expected a tuple of {} items, got {}", $n, items.len());
                    return Err(Error::conversion("TypeError", msg));
                }
                Ok(($($t::from_script(vm, items[$i]).map_err(|e| e.in_item(format!("item {}", $i)))?,)+))
            }
        }
    };
}

tuple_conversions!(1; A 0);
tuple_conversions!(2; A 0, B 1);
tuple_conversions!(3; A 0, B 1, C 2);
tuple_conversions!(4; A 0, B 1, C 2, D 3);
tuple_conversions!(5; A 0, B 1, C 2, D 3, E 4);
tuple_conversions!(6; A 0, B 1, C 2, D 3, E 4, F 5);

/// Arguments for a call from Rust: `()`, a tuple of up to six [`IntoScript`] values, or a `Vec`
/// of them (each item one argument; to pass one list, wrap it: `(vec,)`).
pub trait IntoArgs {
    /// Converts the arguments, appending them to `out` (a buffer the runtime reuses, so a
    /// call from Rust allocates nothing for its arguments).
    fn push_args(self, vm: &mut Vm, out: &mut Vec<Value>) -> Result<(), Error>;

    /// The arguments in a vector of their own.
    fn into_args(self, vm: &mut Vm) -> Result<Vec<Value>, Error>
    where
        Self: Sized,
    {
        let mut out = Vec::new();
        self.push_args(vm, &mut out)?;
        Ok(out)
    }
}

impl IntoArgs for () {
    fn push_args(self, _vm: &mut Vm, _out: &mut Vec<Value>) -> Result<(), Error> {
        Ok(())
    }
}

impl<T: IntoScript> IntoArgs for Vec<T> {
    fn push_args(self, vm: &mut Vm, out: &mut Vec<Value>) -> Result<(), Error> {
        for x in self {
            out.push(x.into_script(vm)?);
        }
        Ok(())
    }
}

macro_rules! tuple_args {
    ($($t:ident $i:tt),+) => {
        impl<$($t: IntoScript),+> IntoArgs for ($($t,)+) {
            fn push_args(self, vm: &mut Vm, out: &mut Vec<Value>) -> Result<(), Error> {
                $(out.push(self.$i.into_script(vm)?);)+
                Ok(())
            }
        }
    };
}

tuple_args!(A 0);
tuple_args!(A 0, B 1);
tuple_args!(A 0, B 1, C 2);
tuple_args!(A 0, B 1, C 2, D 3);
tuple_args!(A 0, B 1, C 2, D 3, E 4);
tuple_args!(A 0, B 1, C 2, D 3, E 4, F 5);

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: IntoScript + FromScript + PartialEq + std::fmt::Debug + Clone>(vm: &mut Vm, x: T) {
        let v = x.clone().into_script(vm).expect("into");
        assert_eq!(T::from_script(vm, v).expect("from"), x);
    }

    #[test]
    fn values_round_trip() {
        let mut vm = Vm::new();
        round_trip(&mut vm, true);
        round_trip(&mut vm, -5i64);
        round_trip(&mut vm, u64::MAX);
        round_trip(&mut vm, i128::MIN);
        round_trip(&mut vm, 2.5f64);
        round_trip(&mut vm, "héllo".to_string());
        round_trip(&mut vm, vec![1i32, 2, 3]);
        round_trip(&mut vm, Some(vec!["a".to_string()]));
        round_trip(&mut vm, None::<i64>);
        round_trip(&mut vm, (1u8, "x".to_string(), 2.0f64));
        round_trip(&mut vm, HashMap::from([("a".to_string(), 1i64), ("b".to_string(), 2)]));
        round_trip(&mut vm, ());
    }

    #[test]
    fn conversion_errors_name_the_problem() {
        let mut vm = Vm::new();
        let s = vm.new_str("x");
        let e = i64::from_script(&mut vm, s).unwrap_err();
        assert_eq!((e.type_name(), e.message()), ("TypeError", "expected int, got str"));
        let e = u8::from_script(&mut vm, Value::Int(300)).unwrap_err();
        assert_eq!((e.type_name(), e.message()), ("OverflowError", "int too large to convert to u8"));
        let e = u32::from_script(&mut vm, Value::Int(-1)).unwrap_err();
        assert_eq!(e.message(), "can't convert negative int to unsigned");
        let l = vm.new_list(vec![Value::Int(1), s]);
        let e = Vec::<i64>::from_script(&mut vm, l).unwrap_err();
        assert_eq!(e.message(), "item 1: expected int, got str");
        let t = vm.new_tuple(vec![Value::Int(1)]);
        let e = <(i64, i64)>::from_script(&mut vm, t).unwrap_err();
        assert_eq!(e.message(), "expected a tuple of 2 items, got 1");
        let big = vm.new_bigint(BigInt::from(u64::MAX) * 4);
        assert_eq!(i128::from_script(&mut vm, big).ok(), Some(u64::MAX as i128 * 4));
        let e = i64::from_script(&mut vm, big).unwrap_err();
        assert_eq!(e.type_name(), "OverflowError");
    }
}
