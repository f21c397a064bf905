//! The `math` module: constants and the common functions over floats and ints, with CPython's
//! argument conversions and errors ("math domain error", "math range error", ...). Results come
//! from the platform's libm, as CPython's do.

use super::new_builtin_module;
use crate::builtins::{no_kwargs, split_args, NResult};
use crate::interp::Ret;
use crate::object::NativeFn;
use crate::value::{ObjRef, Value};
use crate::{Exc, Vm};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// Names of CPython's `math` that coro does not provide yet.
/// (`cbrt`: Rust's cube root differs from the C library's CPython uses in the last bit.)
pub const UNSUPPORTED: &[&str] = &["cbrt", "erf", "erfc", "gamma", "lgamma", "nextafter", "ulp", "dist", "remainder"];

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("sqrt", m_sqrt),
    ("floor", m_floor),
    ("ceil", m_ceil),
    ("trunc", m_trunc),
    ("fabs", m_fabs),
    ("log", m_log),
    ("log2", m_log2),
    ("log10", m_log10),
    ("log1p", m_log1p),
    ("exp", m_exp),
    ("exp2", m_exp2),
    ("expm1", m_expm1),
    ("pow", m_pow),
    ("sin", m_sin),
    ("cos", m_cos),
    ("tan", m_tan),
    ("asin", m_asin),
    ("acos", m_acos),
    ("atan", m_atan),
    ("sinh", m_sinh),
    ("cosh", m_cosh),
    ("tanh", m_tanh),
    ("asinh", m_asinh),
    ("acosh", m_acosh),
    ("atanh", m_atanh),
    ("atan2", m_atan2),
    ("hypot", m_hypot),
    ("isclose", m_isclose),
    ("isinf", m_isinf),
    ("isnan", m_isnan),
    ("isfinite", m_isfinite),
    ("gcd", m_gcd),
    ("lcm", m_lcm),
    ("factorial", m_factorial),
    ("comb", m_comb),
    ("perm", m_perm),
    ("isqrt", m_isqrt),
    ("fsum", m_fsum),
    ("prod", m_prod),
    ("copysign", m_copysign),
    ("degrees", m_degrees),
    ("radians", m_radians),
    ("fmod", m_fmod),
    ("modf", m_modf),
    ("frexp", m_frexp),
    ("ldexp", m_ldexp),
];

pub fn create(vm: &mut Vm) -> Result<ObjRef, Exc> {
    let values = vec![
        ("pi", Value::Float(std::f64::consts::PI)),
        ("e", Value::Float(std::f64::consts::E)),
        ("tau", Value::Float(std::f64::consts::TAU)),
        ("inf", Value::Float(f64::INFINITY)),
        ("nan", Value::Float(f64::NAN)),
    ];
    new_builtin_module(vm, "math", FUNCTIONS, values)
}

fn domain_error(vm: &mut Vm) -> Exc {
    vm.value_error("math domain error")
}

fn range_error(vm: &mut Vm) -> Exc {
    vm.overflow_error("math range error")
}

/// A float argument: ints (OverflowError when too big), bools and floats.
fn float_arg(vm: &mut Vm, v: Value) -> Result<f64, Exc> {
    match vm.to_f64(v)? {
        Some(f) => Ok(f),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(&format!("must be real number, not {t}")))
        }
    }
}

/// An integer argument (`__index__`): ints and bools only.
fn int_arg(vm: &mut Vm, v: Value) -> Result<BigInt, Exc> {
    if matches!(v, Value::Int(_) | Value::Bool(_)) || vm.is_int(v) {
        if let Some(n) = vm.to_bigint(v) {
            return Ok(n);
        }
    }
    let t = vm.type_name(v);
    Err(vm.type_error(&format!("'{t}' object cannot be interpreted as an integer")))
}

fn exact(vm: &mut Vm, name: &str, args: &[Value], kw: &[Value], n: usize) -> Result<(), Exc> {
    no_kwargs(vm, name, kw)?;
    if args.len() != n {
        let msg = if n == 1 {
            format!("math.{name}() takes exactly one argument ({} given)", args.len())
        } else {
            format!("{name} expected {n} arguments, got {}", args.len())
        };
        return Err(vm.type_error(&msg));
    }
    Ok(())
}

/// A one-argument float function with CPython's error rules: a NaN result from a non-NaN
/// argument is a domain error, an infinite result from a finite argument a range error (or a
/// domain error where the function has a pole).
fn unary(vm: &mut Vm, name: &str, args: &[Value], kw: &[Value], f: fn(f64) -> f64, pole_is_domain: bool) -> NResult {
    exact(vm, name, args, kw, 1)?;
    let x = float_arg(vm, args[0])?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if pole_is_domain { domain_error(vm) } else { range_error(vm) });
    }
    Ok(Value::Float(r).into())
}

fn m_sqrt(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "sqrt", a, k, f64::sqrt, false)
}
fn m_exp(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "exp", a, k, f64::exp, false)
}
fn m_exp2(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "exp2", a, k, f64::exp2, false)
}
fn m_expm1(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "expm1", a, k, f64::exp_m1, false)
}
fn m_sin(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "sin", a, k, f64::sin, false)
}
fn m_cos(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "cos", a, k, f64::cos, false)
}
fn m_tan(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "tan", a, k, f64::tan, false)
}
fn m_asin(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "asin", a, k, f64::asin, false)
}
fn m_acos(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "acos", a, k, f64::acos, false)
}
fn m_atan(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "atan", a, k, f64::atan, false)
}
fn m_sinh(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "sinh", a, k, f64::sinh, false)
}
fn m_cosh(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "cosh", a, k, f64::cosh, false)
}
fn m_tanh(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "tanh", a, k, f64::tanh, false)
}
fn m_asinh(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "asinh", a, k, f64::asinh, false)
}
fn m_acosh(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "acosh", a, k, f64::acosh, false)
}
fn m_atanh(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "atanh", a, k, f64::atanh, true)
}
fn m_log1p(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    unary(vm, "log1p", a, k, f64::ln_1p, true)
}

fn m_fabs(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    exact(vm, "fabs", a, k, 1)?;
    let x = float_arg(vm, a[0])?;
    Ok(Value::Float(x.abs()).into())
}

/// `floor`/`ceil`/`trunc`: ints stay as they are; floats round to an int.
fn to_integral(vm: &mut Vm, name: &str, a: &[Value], k: &[Value], f: fn(f64) -> f64) -> NResult {
    exact(vm, name, a, k, 1)?;
    let v = a[0];
    if vm.is_int(v) {
        return Ok(match v {
            Value::Bool(b) => Value::Int(b as i64),
            _ => v,
        }
        .into());
    }
    let x = match v {
        Value::Float(x) => x,
        _ => {
            let t = vm.type_name(v);
            let msg = if name == "trunc" {
                format!("type {t} doesn't define __trunc__ method")
            } else {
                format!("must be real number, not {t}")
            };
            return Err(vm.type_error(&msg));
        }
    };
    float_to_int(vm, f(x))
}

fn float_to_int(vm: &mut Vm, x: f64) -> NResult {
    if x.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    if x.abs() < 9.0e18 {
        return Ok(Value::Int(x as i64).into());
    }
    let n = num_bigint::BigInt::from(x as i128);
    let n = if x.abs() < 1.0e38 { n } else { big_from_f64(x) };
    Ok(vm.new_bigint(n).into())
}

/// An exact big int for an integral float.
fn big_from_f64(x: f64) -> BigInt {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let mut n = BigInt::from(mant);
    if exp > 0 {
        n <<= exp as usize;
    } else {
        n >>= (-exp) as usize;
    }
    if x < 0.0 {
        -n
    } else {
        n
    }
}

fn m_floor(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    to_integral(vm, "floor", a, k, f64::floor)
}
fn m_ceil(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    to_integral(vm, "ceil", a, k, f64::ceil)
}
fn m_trunc(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    to_integral(vm, "trunc", a, k, f64::trunc)
}

/// The natural logarithm of an int or float, exact for ints beyond the float range (CPython
/// splits those into mantissa and exponent).
fn ln_of(vm: &mut Vm, v: Value, f: fn(f64) -> f64) -> Result<f64, Exc> {
    if let Some(n) = vm.to_bigint(v).filter(|_| vm.is_int(v)) {
        if !n.is_positive() {
            return Err(domain_error(vm));
        }
        if let Some(x) = n.to_f64().filter(|x| x.is_finite()) {
            return Ok(f(x));
        }
        // x = m * 2**e with m in [0.5, 1): f(x) = f(m) + e * f(2).
        let e = n.bits() as i64;
        let shift = e - 60;
        let m = (&n >> shift as usize).to_f64().unwrap_or(1.0) / (1u64 << 60) as f64;
        return Ok(f(m) + e as f64 * f(2.0));
    }
    let x = float_arg(vm, v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain_error(vm));
    }
    Ok(f(x))
}

fn m_log(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    no_kwargs(vm, "log", k)?;
    if a.is_empty() || a.len() > 2 {
        return Err(vm.type_error("math.log requires 1 to 2 arguments"));
    }
    let num = ln_of(vm, a[0], f64::ln)?;
    if a.len() == 1 {
        return Ok(Value::Float(num).into());
    }
    let den = ln_of(vm, a[1], f64::ln)?;
    if den == 0.0 {
        return Err(vm.zero_division("float division by zero"));
    }
    Ok(Value::Float(num / den).into())
}

fn m_log2(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    exact(vm, "log2", a, k, 1)?;
    Ok(Value::Float(ln_of(vm, a[0], f64::log2)?).into())
}

fn m_log10(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    exact(vm, "log10", a, k, 1)?;
    Ok(Value::Float(ln_of(vm, a[0], f64::log10)?).into())
}

fn two_floats(vm: &mut Vm, name: &str, a: &[Value], k: &[Value]) -> Result<(f64, f64), Exc> {
    exact(vm, name, a, k, 2)?;
    Ok((float_arg(vm, a[0])?, float_arg(vm, a[1])?))
}

fn m_pow(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    let (x, y) = two_floats(vm, "pow", a, k)?;
    let r = x.powf(y);
    if x.is_finite() && y.is_finite() {
        if r.is_nan() {
            return Err(domain_error(vm));
        }
        if r.is_infinite() {
            return Err(if x == 0.0 { domain_error(vm) } else { range_error(vm) });
        }
    }
    Ok(Value::Float(r).into())
}

fn m_atan2(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    let (y, x) = two_floats(vm, "atan2", a, k)?;
    Ok(Value::Float(y.atan2(x)).into())
}

fn m_copysign(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    let (x, y) = two_floats(vm, "copysign", a, k)?;
    Ok(Value::Float(x.copysign(y)).into())
}

fn m_fmod(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    let (x, y) = two_floats(vm, "fmod", a, k)?;
    if y == 0.0 && !x.is_nan() || x.is_infinite() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    Ok(Value::Float(x % y).into())
}

fn m_hypot(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    no_kwargs(vm, "hypot", k)?;
    let mut xs = Vec::with_capacity(a.len());
    for v in a {
        xs.push(float_arg(vm, *v)?);
    }
    if xs.iter().any(|x| x.is_infinite()) {
        return Ok(Value::Float(f64::INFINITY).into());
    }
    if xs.iter().any(|x| x.is_nan()) {
        return Ok(Value::Float(f64::NAN).into());
    }
    let r = match xs.as_slice() {
        [] => 0.0,
        [x] => x.abs(),
        [x, y] => x.hypot(*y),
        _ => {
            // Scaled to avoid overflow, then summed exactly.
            let max = xs.iter().fold(0.0f64, |m, x| m.max(x.abs()));
            if max == 0.0 {
                0.0
            } else {
                let squares: Vec<f64> = xs.iter().map(|x| (x / max) * (x / max)).collect();
                max * exact_sum(&squares).unwrap_or(f64::INFINITY).sqrt()
            }
        }
    };
    Ok(Value::Float(r).into())
}

fn m_degrees(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    exact(vm, "degrees", a, k, 1)?;
    let x = float_arg(vm, a[0])?;
    Ok(Value::Float(x * (180.0 / std::f64::consts::PI)).into())
}

fn m_radians(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    exact(vm, "radians", a, k, 1)?;
    let x = float_arg(vm, a[0])?;
    Ok(Value::Float(x * (std::f64::consts::PI / 180.0)).into())
}

fn m_modf(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    exact(vm, "modf", a, k, 1)?;
    let x = float_arg(vm, a[0])?;
    let (frac, int) = if x.is_infinite() { (0.0f64.copysign(x), x) } else { (x.fract(), x.trunc()) };
    Ok(vm.new_tuple(vec![Value::Float(frac), Value::Float(int)]).into())
}

fn m_frexp(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    exact(vm, "frexp", a, k, 1)?;
    let x = float_arg(vm, a[0])?;
    let (m, e) = if x == 0.0 || !x.is_finite() {
        (x, 0)
    } else {
        let bits = x.to_bits();
        let raw = ((bits >> 52) & 0x7ff) as i64;
        if raw == 0 {
            // Subnormal: scale into the normal range first.
            let y = x * 2f64.powi(64);
            let e = ((y.to_bits() >> 52) & 0x7ff) as i64 - 1022;
            (f64::from_bits((y.to_bits() & !(0x7ffu64 << 52)) | (1022u64 << 52)), e - 64)
        } else {
            (f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52)), raw - 1022)
        }
    };
    Ok(vm.new_tuple(vec![Value::Float(m), Value::Int(e)]).into())
}

fn m_ldexp(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    exact(vm, "ldexp", a, k, 2)?;
    let x = float_arg(vm, a[0])?;
    if matches!(a[1], Value::Float(_)) {
        return Err(vm.type_error("Expected an int as second argument to ldexp."));
    }
    let e = int_arg(vm, a[1])?;
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x).into());
    }
    let e = e.to_i64().unwrap_or(if e.is_negative() { i64::MIN } else { i64::MAX }).clamp(-10000, 10000);
    let mut r = x;
    let mut left = e;
    while left != 0 {
        let step = left.clamp(-1000, 1000);
        r *= 2f64.powi(step as i32);
        left -= step;
    }
    if r.is_infinite() {
        return Err(range_error(vm));
    }
    Ok(Value::Float(r).into())
}

fn m_isclose(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    let (pos, kws) = split_args(vm, a, k);
    let pos = pos.to_vec();
    let mut rel_tol = 1e-9;
    let mut abs_tol = 0.0;
    for (name, v) in kws {
        match name.as_str() {
            "rel_tol" => rel_tol = float_arg(vm, v)?,
            "abs_tol" => abs_tol = float_arg(vm, v)?,
            "a" | "b" => {}
            _ => return Err(vm.type_error(&format!("isclose() got an unexpected keyword argument '{name}'"))),
        }
    }
    if pos.len() != 2 {
        if pos.len() > 2 {
            return Err(vm.type_error(&format!("isclose() takes exactly 2 positional arguments ({} given)", pos.len())));
        }
        let missing = if pos.is_empty() { "'a' (pos 1)" } else { "'b' (pos 2)" };
        return Err(vm.type_error(&format!("isclose() missing required argument {missing}")));
    }
    let x = float_arg(vm, pos[0])?;
    let y = float_arg(vm, pos[1])?;
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::Bool(true).into());
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::Bool(false).into());
    }
    let diff = (y - x).abs();
    let close = diff <= (rel_tol * y).abs() || diff <= (rel_tol * x).abs() || diff <= abs_tol;
    Ok(Value::Bool(close).into())
}

fn float_test(vm: &mut Vm, name: &str, a: &[Value], k: &[Value], f: fn(f64) -> bool) -> NResult {
    exact(vm, name, a, k, 1)?;
    let x = float_arg(vm, a[0])?;
    Ok(Value::Bool(f(x)).into())
}

fn m_isinf(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    float_test(vm, "isinf", a, k, f64::is_infinite)
}
fn m_isnan(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    float_test(vm, "isnan", a, k, f64::is_nan)
}
fn m_isfinite(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    float_test(vm, "isfinite", a, k, f64::is_finite)
}

fn m_gcd(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    no_kwargs(vm, "gcd", k)?;
    let mut g = BigInt::zero();
    for v in a {
        let n = int_arg(vm, *v)?;
        g = g.gcd(&n);
    }
    Ok(vm.new_bigint(g).into())
}

fn m_lcm(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    no_kwargs(vm, "lcm", k)?;
    let mut l = BigInt::one();
    for v in a {
        let n = int_arg(vm, *v)?;
        l = if l.is_zero() || n.is_zero() { BigInt::zero() } else { l.lcm(&n) };
    }
    Ok(vm.new_bigint(l).into())
}

/// Integer results this large would take the machine's memory; CPython would too, slowly.
const MAX_FACTORIAL: u64 = 100_000;

fn m_factorial(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    exact(vm, "factorial", a, k, 1)?;
    let n = int_arg(vm, a[0])?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_u64().filter(|n| *n <= MAX_FACTORIAL) else {
        return Err(vm.overflow_error("factorial() argument should not exceed 100000 in coro"));
    };
    let mut r = BigInt::one();
    for i in 2..=n {
        r *= i;
    }
    Ok(vm.new_bigint(r).into())
}

fn comb_perm_args(
    vm: &mut Vm,
    name: &str,
    a: &[Value],
    k: &[Value],
    min: usize,
) -> Result<(BigInt, Option<BigInt>), Exc> {
    no_kwargs(vm, name, k)?;
    if a.len() < min || a.len() > 2 {
        let msg = if min == 2 {
            format!("{name} expected 2 arguments, got {}", a.len())
        } else if a.len() < min {
            format!("{name} expected at least {min} argument, got {}", a.len())
        } else {
            format!("{name} expected at most 2 arguments, got {}", a.len())
        };
        return Err(vm.type_error(&msg));
    }
    let n = int_arg(vm, a[0])?;
    let kk = match a.get(1) {
        Some(Value::None) | None => None,
        Some(v) => Some(int_arg(vm, *v)?),
    };
    if n.is_negative() && kk.is_none() {
        // perm(n) is factorial(n).
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if kk.as_ref().is_some_and(|k| k.is_negative()) {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    Ok((n, kk))
}

fn falling(n: &BigInt, k: u64) -> BigInt {
    let mut r = BigInt::one();
    let mut f = n.clone();
    for _ in 0..k {
        r *= &f;
        f -= 1;
    }
    r
}

fn m_comb(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    let (n, kk) = comb_perm_args(vm, "comb", a, k, 2)?;
    let kk = kk.unwrap_or_default();
    if kk > n {
        return Ok(Value::Int(0).into());
    }
    let k2 = std::cmp::min(kk.clone(), &n - &kk);
    let Some(k2) = k2.to_u64().filter(|k| *k <= MAX_FACTORIAL) else {
        return Err(vm.overflow_error("comb() result too large for coro"));
    };
    let mut r = BigInt::one();
    for i in 0..k2 {
        r = r * (&n - i) / (i + 1);
    }
    Ok(vm.new_bigint(r).into())
}

fn m_perm(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    let (n, kk) = comb_perm_args(vm, "perm", a, k, 1)?;
    let kk = kk.unwrap_or_else(|| n.clone());
    if kk > n {
        return Ok(Value::Int(0).into());
    }
    let Some(k2) = kk.to_u64().filter(|k| *k <= MAX_FACTORIAL) else {
        return Err(vm.overflow_error("perm() result too large for coro"));
    };
    let r = falling(&n, k2);
    Ok(vm.new_bigint(r).into())
}

fn m_isqrt(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    exact(vm, "isqrt", a, k, 1)?;
    let n = int_arg(vm, a[0])?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(vm.new_bigint(n.sqrt()).into())
}

/// Shewchuk's exact summation of finite floats, rounded once (what CPython's `fsum`
/// computes); None when an intermediate sum overflows.
fn exact_sum(xs: &[f64]) -> Option<f64> {
    let mut partials: Vec<f64> = Vec::new();
    for &x0 in xs {
        let mut x = x0;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if !x.is_finite() {
            return None;
        }
        partials.push(x);
    }
    let mut n = partials.len();
    let mut hi = 0.0;
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Round half-even across the remaining partials, as CPython does.
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Some(hi)
}

fn m_fsum(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    exact(vm, "fsum", a, k, 1)?;
    let Some(items) = vm.sequence_items(a[0]) else {
        crate::builtins::not_iterable_check(vm, a[0])?;
        let f = fsum_native(vm);
        let kw = vm.new_dict();
        return Ok(Ret::TailCall(vm.prelude_fn("_call_with_list"), vec![f, a[0], kw]));
    };
    let mut xs = Vec::with_capacity(items.len());
    let (mut special, mut inf_sum) = (0.0f64, 0.0f64);
    for v in items {
        let x = float_arg(vm, v)?;
        if x.is_finite() {
            xs.push(x);
        } else {
            if x.is_infinite() {
                inf_sum += x;
            }
            special += x;
        }
    }
    if special != 0.0 || special.is_nan() {
        if inf_sum.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return Ok(Value::Float(special).into());
    }
    match exact_sum(&xs) {
        Some(r) => Ok(Value::Float(r).into()),
        None => Err(vm.overflow_error("intermediate overflow in fsum")),
    }
}

fn fsum_native(vm: &mut Vm) -> Value {
    crate::builtins::native(vm, "fsum", m_fsum)
}

fn m_prod(vm: &mut Vm, a: &[Value], k: &[Value]) -> NResult {
    use coro_compiler::opcode::BinOpKind;
    let (pos, kws) = split_args(vm, a, k);
    let pos = pos.to_vec();
    let mut start = Value::Int(1);
    for (name, v) in kws {
        if name != "start" {
            return Err(vm.type_error(&format!("'{name}' is an invalid keyword argument for prod()")));
        }
        start = v;
    }
    if pos.len() != 1 {
        return Err(vm.type_error(&format!("prod() takes exactly 1 positional argument ({} given)", pos.len())));
    }
    let Some(items) = vm.sequence_items(pos[0]) else {
        crate::builtins::not_iterable_check(vm, pos[0])?;
        let list_prod = crate::builtins::native(vm, "prod", m_prod);
        let kw = vm.new_dict();
        let key = vm.intern("start");
        if let Some(d) = kw.as_obj() {
            vm.dict_set(d, key, start)?;
        }
        return Ok(Ret::TailCall(vm.prelude_fn("_call_with_list"), vec![list_prod, pos[0], kw]));
    };
    let mut acc = start;
    for v in items {
        acc = vm.binary_op(BinOpKind::Mul, acc, v)?;
    }
    Ok(acc.into())
}
