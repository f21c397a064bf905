//! The `time` module: wall-clock time, a monotonic clock, the performance counter and `sleep`.

use super::new_builtin_module;
use crate::builtins::{no_kwargs, NResult};
use crate::object::NativeFn;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Names of CPython's `time` that coro does not provide yet.
pub const UNSUPPORTED: &[&str] = &[
    "strftime",
    "strptime",
    "localtime",
    "gmtime",
    "mktime",
    "asctime",
    "ctime",
    "struct_time",
    "process_time",
    "process_time_ns",
    "thread_time",
    "thread_time_ns",
    "get_clock_info",
    "timezone",
    "tzname",
    "altzone",
    "daylight",
];

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("time", t_time),
    ("time_ns", t_time_ns),
    ("monotonic", t_monotonic),
    ("monotonic_ns", t_monotonic_ns),
    ("perf_counter", t_monotonic),
    ("perf_counter_ns", t_monotonic_ns),
    ("sleep", t_sleep),
];

pub fn create(vm: &mut Vm) -> Result<ObjRef, Exc> {
    new_builtin_module(vm, "time", FUNCTIONS, Vec::new())
}

fn no_args(vm: &mut Vm, name: &str, args: &[Value], kw: &[Value]) -> Result<(), Exc> {
    no_kwargs(vm, name, kw)?;
    if !args.is_empty() {
        return Err(vm.type_error(&format!("time.{name}() takes no arguments ({} given)", args.len())));
    }
    Ok(())
}

fn since_epoch() -> Duration {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default()
}

/// Time on a monotonic clock since the first reading (only differences mean anything).
fn monotonic() -> Duration {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

fn t_time(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    no_args(vm, "time", a, k)?;
    Ok(Value::Float(since_epoch().as_secs_f64()).into())
}

fn t_time_ns(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    no_args(vm, "time_ns", a, k)?;
    Ok(Value::Int(since_epoch().as_nanos() as i64).into())
}

fn t_monotonic(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    no_args(vm, "monotonic", a, k)?;
    Ok(Value::Float(monotonic().as_secs_f64()).into())
}

fn t_monotonic_ns(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    no_args(vm, "monotonic_ns", a, k)?;
    Ok(Value::Int(monotonic().as_nanos() as i64).into())
}

fn t_sleep(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    no_kwargs(vm, "sleep", k)?;
    if a.len() != 1 {
        return Err(vm.type_error(&format!("time.sleep() takes exactly one argument ({} given)", a.len())));
    }
    let secs = match vm.to_f64(a[0])? {
        Some(s) => s,
        None => {
            let t = vm.type_name(a[0]);
            return Err(vm.type_error(&format!("'{t}' object cannot be interpreted as an integer")));
        }
    };
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    match Duration::try_from_secs_f64(secs) {
        Ok(d) => std::thread::sleep(d),
        Err(_) => return Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t")),
    }
    Ok(Value::None.into())
}
