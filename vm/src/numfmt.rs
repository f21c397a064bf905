//! Number <-> text conversions whose exact output CPython 3.11 defines: float `repr`,
//! `round()`, the format-spec mini-language for `int`, `float` and `str`, `int(str, base)`,
//! `float(str)`, and the int <-> float conversions Python rounds correctly (ties to even).
//!
//! Everything here is a pure function over Rust values; errors come back as values that name the
//! Python exception and carry CPython's message, so the VM only has to raise them.
//!
//! Digit generation leans on Rust's float formatting, which (like CPython's `dtoa.c`) is exact:
//! `{:e}` yields the shortest round-tripping digits and `{:.N}` / `{:.Ne}` round the exact binary
//! value half-to-even. Around those digits this module rebuilds CPython's layout rules
//! (`Python/pystrtod.c: format_float_short`, `Python/formatter_unicode.c`).

use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// CPython 3.11's default `sys.get_int_max_str_digits()`: decimal conversions of longer ints are
/// refused in both directions (power-of-two bases are exempt).
pub const INT_MAX_STR_DIGITS: usize = 4300;

/// Widest format field we agree to build. CPython would try to allocate such a string (and
/// raise MemoryError when it cannot); we refuse up front so a script cannot abort the process.
pub const MAX_FORMAT_WIDTH: usize = i32::MAX as usize;

/// A double's exact decimal expansion has at most 767 significant digits and 1074 fraction
/// digits: asking Rust for more only appends zeros (and Rust caps precision at `u16::MAX`).
const MAX_SIG_DIGITS: usize = 800;
const MAX_FRAC_DIGITS: usize = 1100;

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Why a format call failed, named by the Python exception CPython raises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FmtError {
    /// `ValueError` with this message.
    Value(String),
    /// `OverflowError` with this message.
    Overflow(String),
    /// `MemoryError`: the requested field is wider than [`MAX_FORMAT_WIDTH`] characters.
    Memory,
}

/// Why `int(str, base)` failed; [`ParseIntError::message`] renders CPython's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseIntError {
    /// `ValueError: invalid literal for int() with base B: 'text'`.
    Invalid,
    /// `ValueError`: more than [`INT_MAX_STR_DIGITS`] digits in a non-power-of-two base; carries
    /// the digit count CPython reports.
    TooManyDigits(usize),
    /// `ValueError: int() base must be >= 2 and <= 36, or 0`.
    BadBase,
}

impl ParseIntError {
    /// CPython's message. `base` is the base the caller passed (0 stays 0: CPython reports the
    /// requested base, not the detected one) and `input_repr` is `repr()` of the original string;
    /// CPython cuts that repr to 200 characters (`%.200R`), which is done here.
    pub fn message(&self, base: u32, input_repr: &str) -> String {
        match self {
            ParseIntError::Invalid => {
                let shown: String = input_repr.chars().take(200).collect();
                format!("invalid literal for int() with base {base}: {shown}")
            }
            ParseIntError::TooManyDigits(n) => format!(
                "Exceeds the limit ({INT_MAX_STR_DIGITS} digits) for integer string conversion: \
                 value has {n} digits; use sys.set_int_max_str_digits() to increase the limit"
            ),
            ParseIntError::BadBase => "int() base must be >= 2 and <= 36, or 0".to_string(),
        }
    }
}

/// Why true division of two ints failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DivError {
    /// `ZeroDivisionError: division by zero`.
    ZeroDivision,
    /// `OverflowError: integer division result too large for a float`.
    Overflow,
}

impl DivError {
    /// CPython's message for this error.
    pub fn message(&self) -> &'static str {
        match self {
            DivError::ZeroDivision => "division by zero",
            DivError::Overflow => "integer division result too large for a float",
        }
    }
}

/// The `ValueError` message for an int too long to print in decimal (`str`, `repr`, `format`).
pub fn int_to_str_limit_message() -> String {
    format!(
        "Exceeds the limit ({INT_MAX_STR_DIGITS} digits) for integer string conversion; \
         use sys.set_int_max_str_digits() to increase the limit"
    )
}

const INT_TOO_LARGE_FOR_FLOAT: &str = "int too large to convert to float";

// ---------------------------------------------------------------------------------------------
// Unicode tables CPython consults when reading numbers
// ---------------------------------------------------------------------------------------------

/// First code point of every run of ten Unicode decimal digits (category Nd), Unicode 14.0 as in
/// CPython 3.11. `int()`, `float()` and format-spec widths accept any of them.
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0,
    0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620,
    0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0,
    0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60,
    0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// The value of a Unicode decimal digit (`unicodedata.decimal`), as CPython's
/// `Py_UNICODE_TODECIMAL`.
pub fn py_decimal_value(c: char) -> Option<u32> {
    let cp = c as u32;
    let idx = DECIMAL_ZEROS.partition_point(|&zero| zero <= cp);
    let zero = *DECIMAL_ZEROS.get(idx.checked_sub(1)?)?;
    (cp - zero < 10).then_some(cp - zero)
}

/// Python's `str.isspace()` for one character (Unicode 14.0): White_Space plus the ASCII
/// separators U+001C..U+001F, which Python counts and Rust's `char::is_whitespace` does not.
pub fn py_isspace(c: char) -> bool {
    matches!(c,
        '\t'..='\r' | '\u{1c}'..='\u{20}' | '\u{85}' | '\u{a0}' | '\u{1680}'
        | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

/// C's `isspace` in the "C" locale, which CPython's number parsers apply after mapping Unicode
/// spaces to ' ': unlike `str.isspace`, it rejects U+001C..U+001F.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// `_PyUnicode_TransformDecimalAndSpaceToASCII`: ASCII stays, other spaces become ' ', other
/// decimal digits become their ASCII digit, anything else becomes '?' (which no parser accepts).
fn to_ascii_numeric(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                c as u8
            } else if py_isspace(c) {
                b' '
            } else if let Some(d) = py_decimal_value(c) {
                b'0' + d as u8
            } else {
                b'?'
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Float -> digits (the part of dtoa.c CPython's formatting uses)
// ---------------------------------------------------------------------------------------------

/// Which digits `_Py_dg_dtoa` is asked for.
#[derive(Clone, Copy)]
enum DtoaMode {
    /// Mode 0: the shortest digits that read back as the same double.
    Shortest,
    /// Mode 2: this many significant digits (at least 1).
    Significant(usize),
    /// Mode 3: this many digits after the decimal point.
    Fixed(usize),
}

/// Digits of `|x|` (finite) the way `_Py_dg_dtoa` returns them: no leading or trailing zeros, and
/// `|x| ~= 0.DIGITS * 10**decpt`. Zero is `"0"` with `decpt == 1`; a nonzero value that rounds
/// to nothing in fixed mode is `""` with `decpt == -ndigits`, as dtoa's `no_digits` exit.
fn dtoa(x: f64, mode: DtoaMode) -> (Vec<u8>, i64) {
    let x = x.abs();
    if x == 0.0 {
        return (b"0".to_vec(), 1);
    }
    match mode {
        DtoaMode::Shortest => {
            let (digits, decpt) = sci_digits(&format!("{x:e}"));
            // An exact tie needs two candidates one decimal unit apart inside one binary ulp,
            // so at least 16 digits; only an odd last digit can be the wrong pick.
            if digits.len() >= 16 && digits.last().is_some_and(|d| d % 2 == 1) {
                if let Some(even) = even_tie_candidate(x, digits.len()) {
                    return even;
                }
            }
            (digits, decpt)
        }
        DtoaMode::Significant(n) => {
            let n = n.clamp(1, MAX_SIG_DIGITS);
            sci_digits(&format!("{:.*e}", n - 1, x))
        }
        DtoaMode::Fixed(p) => {
            let q = p.min(MAX_FRAC_DIGITS);
            let text = format!("{x:.q$}");
            let all: Vec<u8> = text.bytes().filter(|b| b.is_ascii_digit()).collect();
            let lead = all.iter().take_while(|&&b| b == b'0').count();
            if lead == all.len() {
                return (Vec::new(), -(p as i64));
            }
            let decpt = all.len() as i64 - lead as i64 - q as i64;
            let mut digits = all[lead..].to_vec();
            trim_trailing_zeros(&mut digits);
            (digits, decpt)
        }
    }
}

/// Splits Rust's `d.ddde[-]N` into dtoa's (digits, decpt).
fn sci_digits(text: &str) -> (Vec<u8>, i64) {
    let (mut digits, decpt) = sci_digits_untrimmed(text);
    trim_trailing_zeros(&mut digits);
    if digits.is_empty() {
        digits.push(b'0');
    }
    (digits, decpt)
}

fn sci_digits_untrimmed(text: &str) -> (Vec<u8>, i64) {
    let (mantissa, exp) = text.split_once('e').unwrap_or((text, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    (mantissa.bytes().filter(|b| b.is_ascii_digit()).collect(), exp + 1)
}

/// When `x` lies exactly halfway between two `n`-digit strings that both read back as `x`,
/// dtoa's shortest mode takes the one with an even last digit (round-half-even), where Rust's
/// formatter may take the other (e.g. 125204573361847.125 is `...847.12` in Python). Returns
/// the even candidate in that case.
fn even_tie_candidate(x: f64, n: usize) -> Option<(Vec<u8>, i64)> {
    // n + 1 significant digits, correctly rounded: a tie shows up as an exact trailing 5.
    let (mut digits, mut decpt) = sci_digits_untrimmed(&format!("{:.*e}", n, x.abs()));
    if digits.len() != n + 1 || digits.last() != Some(&b'5') || !decimal_equals(x, &digits, decpt) {
        return None;
    }
    digits.pop();
    if digits.last().is_some_and(|d| d % 2 == 1) {
        // Step up to the upper candidate, carrying through nines.
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                decpt += 1;
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    trim_trailing_zeros(&mut digits);
    let text: String = digits.iter().map(|&b| b as char).collect();
    let back: f64 = format!("0.{text}e{decpt}").parse().ok()?;
    (back == x.abs()).then_some((digits, decpt))
}

/// Whether `|x|` equals `0.DIGITS * 10**decpt` exactly.
fn decimal_equals(x: f64, digits: &[u8], decpt: i64) -> bool {
    let bits = x.abs().to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mantissa, exp2) = if biased == 0 { (fraction, -1074) } else { (fraction | (1u64 << 52), biased - 1075) };
    let Some(decimal) = BigUint::parse_bytes(digits, 10) else {
        return false;
    };
    let exp10 = decpt - digits.len() as i64;
    let mut lhs = BigUint::from(mantissa);
    let mut rhs = decimal;
    if exp2 >= 0 {
        lhs <<= exp2 as usize;
    } else {
        rhs <<= (-exp2) as usize;
    }
    let ten = BigUint::from(10u32);
    if exp10 >= 0 {
        rhs *= num_traits::pow(ten, exp10 as usize);
    } else {
        lhs *= num_traits::pow(ten, (-exp10) as usize);
    }
    lhs == rhs
}

fn trim_trailing_zeros(digits: &mut Vec<u8>) {
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
}

/// How `format_float_short` lays the digits out: `'e'`, `'f'`, `'g'` or `'r'` (repr).
#[derive(Clone, Copy, PartialEq, Eq)]
enum FloatStyle {
    Exp,
    Fixed,
    General,
    Repr,
}

/// Flags of `PyOS_double_to_string` that formatting uses.
#[derive(Clone, Copy, Default)]
struct FloatFlags {
    /// `Py_DTSF_ADD_DOT_0`: an integral result without exponent still shows `.0`.
    add_dot_0: bool,
    /// `Py_DTSF_ALT` (`#`): keep a trailing point, and trailing zeros in `g`.
    alt: bool,
    /// `Py_DTSF_NO_NEG_0` (`z`): a result that rounded to zero loses its minus sign.
    no_neg_0: bool,
    /// `E`/`F`/`G`: `INF`, `NAN` and `E`.
    upper: bool,
}

/// CPython's `format_float_short`: `x` in the given style with `precision` as
/// `PyOS_double_to_string` receives it (digits after the point for `e`/`f`, significant digits
/// for `g`, ignored for repr). Never emits a plus sign.
fn format_float_short(x: f64, style: FloatStyle, precision: usize, flags: FloatFlags) -> String {
    if x.is_nan() {
        // CPython ignores the sign of a NaN.
        return if flags.upper { "NAN" } else { "nan" }.to_string();
    }
    if x.is_infinite() {
        let inf = if flags.upper { "INF" } else { "inf" };
        return if x < 0.0 { format!("-{inf}") } else { inf.to_string() };
    }
    let precision = precision as i64;
    let (digits, mut decpt) = match style {
        FloatStyle::Exp => dtoa(x, DtoaMode::Significant(precision as usize + 1)),
        FloatStyle::Fixed => dtoa(x, DtoaMode::Fixed(precision as usize)),
        FloatStyle::General => dtoa(x, DtoaMode::Significant((precision as usize).max(1))),
        FloatStyle::Repr => dtoa(x, DtoaMode::Shortest),
    };
    let mut negative = x.is_sign_negative();
    if flags.no_neg_0 && negative && (digits.is_empty() || digits == b"0") {
        negative = false;
    }
    let digits_len = digits.len() as i64;

    // CPython pads `digits` on both sides with virtual zeros and prints the slice
    // vdigits[vdigits_start..vdigits_end], with the point after position `decpt`.
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match style {
        FloatStyle::Exp => {
            use_exp = true;
            vdigits_end = precision + 1;
        }
        FloatStyle::Fixed => vdigits_end = decpt + precision,
        FloatStyle::General => {
            let precision = precision.max(1);
            let limit = if flags.add_dot_0 { precision - 1 } else { precision };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        // Exponent form from 1e16 on: 16 significant digits padded with zeros would look like
        // more precision than a double has.
        FloatStyle::Repr => use_exp = decpt <= -4 || decpt > 16,
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    vdigits_end = if !use_exp && flags.add_dot_0 { vdigits_end.max(decpt + 1) } else { vdigits_end.max(decpt) };

    let zeros = |out: &mut String, n: i64| out.extend(std::iter::repeat_n('0', n.max(0) as usize));
    let mut out = String::with_capacity((vdigits_end - vdigits_start + 8).max(8) as usize);
    if negative {
        out.push('-');
    }
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    let text = |d: &[u8]| d.iter().map(|&b| b as char).collect::<String>();
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&text(&digits[..decpt as usize]));
        out.push('.');
        out.push_str(&text(&digits[decpt as usize..]));
    } else {
        out.push_str(&text(&digits));
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if flags.upper { 'E' } else { 'e' });
        // C's "%+.02d": always signed, at least two digits.
        out.push_str(&format!("{exp:+03}"));
    }
    out
}

/// `repr(x)` / `str(x)` for a float: shortest round-tripping digits, exponent form when the
/// decimal exponent is below -4 or at least 16, `.0` on integral values, `inf`/`-inf`/`nan`.
pub fn float_repr(x: f64) -> String {
    let flags = FloatFlags { add_dot_0: true, ..FloatFlags::default() };
    format_float_short(x, FloatStyle::Repr, 0, flags)
}

// ---------------------------------------------------------------------------------------------
// round()
// ---------------------------------------------------------------------------------------------

/// `round(x, ndigits)` for a float, exactly as CPython: the exact binary value is rounded
/// half-to-even at the decimal position (so `round(2.675, 2) == 2.67`) and read back correctly
/// rounded. NaN and infinities come back unchanged; `None` means CPython's
/// `OverflowError: rounded value too large to represent`.
pub fn round_half_even(x: f64, ndigits: i64) -> Option<f64> {
    // floatobject.c: past NDIGITS_MAX every double is already exact; below NDIGITS_MIN every
    // double rounds to a signed zero.
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return Some(x);
    }
    if ndigits < NDIGITS_MIN {
        return Some(0.0 * x);
    }
    let text = if ndigits >= 0 {
        // Rust rounds the exact value half-to-even at this position, as dtoa's mode 3 does.
        format!("{x:.prec$}", prec = ndigits as usize)
    } else {
        let k = (-ndigits) as u32;
        let int_part = float_is_integer_to_bigint(x.abs())?.magnitude().clone();
        let has_fraction = x.fract() != 0.0;
        let unit = num_traits::pow(BigUint::from(10u32), k as usize);
        let (mut q, r) = int_part.div_rem(&unit);
        let twice = &r * 2u32;
        let round_up = twice > unit || (twice == unit && (has_fraction || q.is_odd()));
        if round_up {
            q += 1u32;
        }
        let sign = if x.is_sign_negative() { "-" } else { "" };
        format!("{sign}{q}e{k}")
    };
    let rounded: f64 = text.parse().ok()?;
    rounded.is_finite().then_some(rounded)
}

/// `round(x)` with no ndigits: the nearest int, ties to even. Errors carry CPython's message:
/// infinity is an `OverflowError`, NaN a `ValueError`.
pub fn round_to_int(x: f64) -> Result<BigInt, &'static str> {
    if x.is_nan() {
        return Err("cannot convert float NaN to integer");
    }
    if x.is_infinite() {
        return Err("cannot convert float infinity to integer");
    }
    float_is_integer_to_bigint(x.round_ties_even()).ok_or("cannot convert float NaN to integer")
}

// ---------------------------------------------------------------------------------------------
// int <-> float
// ---------------------------------------------------------------------------------------------

/// `2**e` for `e` in the normal exponent range.
fn pow2(e: i64) -> f64 {
    debug_assert!((-1022..=1023).contains(&e));
    f64::from_bits(((e + 1023) as u64) << 52)
}

/// `x * 2**e` (C's `ldexp`), exact whenever the result is representable: the scaling steps
/// keep every intermediate a normal number for the small-integer `x` callers pass.
fn ldexp(mut x: f64, mut e: i64) -> f64 {
    while e > 1000 && x.is_finite() {
        x *= pow2(1000);
        e -= 1000;
    }
    while e < -1000 && x != 0.0 {
        x *= pow2(-1000);
        e += 1000;
    }
    if e > 1023 {
        return x * f64::INFINITY;
    }
    if e < -1022 {
        return x * 0.0;
    }
    x * pow2(e)
}

/// `int(x)` for a finite float: truncated toward zero, exactly. `None` for NaN and infinities
/// (CPython: ValueError "cannot convert float NaN to integer" / OverflowError "cannot convert
/// float infinity to integer").
pub fn float_is_integer_to_bigint(x: f64) -> Option<BigInt> {
    if !x.is_finite() {
        return None;
    }
    let t = x.trunc();
    if t.abs() < 9.0e18 {
        return Some(BigInt::from(t as i64));
    }
    let bits = t.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64;
    let mantissa = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    // |t| >= 9e18 > 2**53, so it is mantissa * 2**(exponent - 1075) with a positive shift.
    let magnitude = BigInt::from(mantissa) << (exponent - 1075) as usize;
    Some(if t < 0.0 { -magnitude } else { magnitude })
}

/// `float(n)`, correctly rounded (ties to even) as CPython's `PyLong_AsDouble`. `None` when the
/// rounded value is past the float range (OverflowError "int too large to convert to float").
pub fn bigint_to_f64(n: &BigInt) -> Option<f64> {
    let magnitude = n.magnitude();
    let bits = magnitude.bits();
    let value = if bits <= 64 {
        // Rust's u64 -> f64 cast rounds to nearest, ties to even.
        magnitude.to_u64()? as f64
    } else if bits > 1025 {
        return None;
    } else {
        // Keep 55 bits and fold everything below into a sticky bit: the cast then sees the
        // round bit and whether anything lies beyond it, which is all half-to-even needs.
        let shift = bits - 55;
        let top = (magnitude >> shift).to_u64()?;
        let sticky = magnitude.trailing_zeros().is_some_and(|tz| tz < shift);
        ldexp((top | sticky as u64) as f64, shift as i64)
    };
    if value.is_infinite() {
        return None;
    }
    Some(if n.is_negative() { -value } else { value })
}

/// `a / b` for ints, correctly rounded as CPython's `long_true_divide` (so
/// `10**400 / 10**399 == 10.0`). A result below the smallest subnormal is a zero carrying the
/// quotient's sign, as in CPython.
pub fn int_true_div(a: &BigInt, b: &BigInt) -> Result<f64, DivError> {
    if b.is_zero() {
        return Err(DivError::ZeroDivision);
    }
    let negate = a.is_negative() != b.is_negative();
    let (am, bm) = (a.magnitude(), b.magnitude());
    if am.bits() <= 53 && bm.bits() <= 53 {
        // Both convert exactly, and IEEE division rounds correctly (and gives 0 / -5 == -0.0,
        // like CPython's fast path).
        let (x, y) = (a.to_f64().unwrap_or(0.0), b.to_f64().unwrap_or(1.0));
        return Ok(x / y);
    }
    let signed = |v: f64| if negate { -v } else { v };
    // 2**(diff-1) < a/b < 2**(diff+1)
    let diff = am.bits() as i64 - bm.bits() as i64;
    if diff > 1025 {
        return Err(DivError::Overflow);
    }
    if diff < -1076 {
        // a/b < 2**-1075, half the smallest subnormal.
        return Ok(signed(0.0));
    }
    const DBL_MIN_EXP: i64 = -1021;
    const DBL_MANT_DIG: i64 = 53;
    // Scale so the integer quotient has 55 or 56 bits (fewer in the subnormal range), round
    // those to the bits a double keeps, then scale back exactly.
    let shift = diff.max(DBL_MIN_EXP) - DBL_MANT_DIG - 2;
    let (num, den) =
        if shift >= 0 { (am.clone(), bm << shift as usize) } else { (am << (-shift) as usize, bm.clone()) };
    let (q, r) = num.div_rem(&den);
    let x_bits = q.bits() as i64;
    let Some(mut x) = q.to_u64() else {
        return Err(DivError::Overflow);
    };
    let extra = x_bits.max(DBL_MIN_EXP - shift) - DBL_MANT_DIG;
    if extra > 0 {
        let mask = 1u64 << (extra - 1);
        let low = x | u64::from(!r.is_zero());
        // Round up when the round bit is set and either a lower bit or the kept last bit is.
        let mut rounded = low;
        if low & mask != 0 && low & (3 * mask - 1) != 0 {
            rounded += mask;
        }
        x = rounded & !(2 * mask - 1);
    }
    let result = ldexp(x as f64, shift);
    if result.is_infinite() {
        return Err(DivError::Overflow);
    }
    Ok(signed(result))
}

/// Python's float `divmod(a, b)` = `(a // b, a % b)`: the remainder takes the sign of `b`, the
/// quotient is snapped to an integral value (CPython's `_float_div_mod`). The caller raises
/// ZeroDivisionError for `b == 0`.
pub fn float_floordiv_mod(a: f64, b: f64) -> (f64, f64) {
    // Rust's % on floats is C's fmod, exact.
    let mut modulo = a % b;
    let mut div = (a - modulo) / b;
    if modulo != 0.0 {
        if (b < 0.0) != (modulo < 0.0) {
            modulo += b;
            div -= 1.0;
        }
    } else {
        modulo = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, modulo)
}

// ---------------------------------------------------------------------------------------------
// int <-> text
// ---------------------------------------------------------------------------------------------

/// `hex(n)`, `oct(n)`, `bin(n)` for `base` 16, 8, 2 (lowercase, sign before the prefix:
/// `-0x1f`); without `prefix` just the signed digits. Other bases get no prefix.
pub fn int_to_base(n: &BigInt, base: u32, prefix: bool) -> String {
    let base = base.clamp(2, 36);
    let tag = match (prefix, base) {
        (true, 16) => "0x",
        (true, 8) => "0o",
        (true, 2) => "0b",
        _ => "",
    };
    let sign = if n.is_negative() { "-" } else { "" };
    format!("{sign}{tag}{}", n.magnitude().to_str_radix(base))
}

/// `str(n)` under CPython 3.11's digit limit: `Err(INT_MAX_STR_DIGITS)` when the decimal form
/// would have more than that many digits (message: [`int_to_str_limit_message`]). Numbers that
/// are certainly too long are refused by bit length before any conversion.
pub fn int_to_decimal_checked(n: &BigInt) -> Result<String, usize> {
    let bits = n.bits();
    // n >= 2**(bits-1) has at least floor((bits-1) * log10(2)) + 1 digits; 0.30102 < log10(2).
    if bits > 0 && (bits - 1) * 30102 / 100_000 >= INT_MAX_STR_DIGITS as u64 {
        return Err(INT_MAX_STR_DIGITS);
    }
    let text = n.to_string();
    let digits = text.len() - usize::from(n.is_negative());
    if digits > INT_MAX_STR_DIGITS {
        return Err(INT_MAX_STR_DIGITS);
    }
    Ok(text)
}

/// Digit value for `int()` parsing: 0-9, then letters of either case as 10-35; 37 otherwise
/// (CPython's `_PyLong_DigitValue`).
fn digit_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => u32::from(b - b'0'),
        b'a'..=b'z' => u32::from(b - b'a') + 10,
        b'A'..=b'Z' => u32::from(b - b'A') + 10,
        _ => 37,
    }
}

/// `int(s, base)` for a str, following CPython 3.11's `PyLong_FromUnicodeObject`: surrounding
/// whitespace, one sign, an optional `0x`/`0o`/`0b` prefix matching the base (base 0 detects it,
/// and rejects nonzero numbers with a leading 0), single underscores between digits (one may
/// follow the prefix), any Unicode decimal digits, and the 4300-digit limit for bases that are
/// not powers of two, checked before trailing junk as CPython does.
pub fn parse_int(s: &str, base: u32) -> Result<BigInt, ParseIntError> {
    if base == 1 || base > 36 {
        return Err(ParseIntError::BadBase);
    }
    let buf = to_ascii_numeric(s);
    // CPython walks a NUL-terminated copy: reading past the end sees 0, which matches nothing.
    let at = |i: usize| buf.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while is_c_space(at(i)) {
        i += 1;
    }
    let mut negative = false;
    if at(i) == b'+' {
        i += 1;
    } else if at(i) == b'-' {
        negative = true;
        i += 1;
    }
    let mut base = base;
    let mut error_if_nonzero = false;
    if base == 0 {
        base = match (at(i), at(i + 1)) {
            (b'0', b'x' | b'X') => 16,
            (b'0', b'o' | b'O') => 8,
            (b'0', b'b' | b'B') => 2,
            (b'0', _) => {
                // An old C-style octal literal: only zero itself survives.
                error_if_nonzero = true;
                10
            }
            _ => 10,
        };
    }
    if at(i) == b'0' && matches!((base, at(i + 1)), (16, b'x' | b'X') | (8, b'o' | b'O') | (2, b'b' | b'B')) {
        i += 2;
        if at(i) == b'_' {
            i += 1;
        }
    }
    if at(i) == b'_' {
        return Err(ParseIntError::Invalid);
    }
    let start = i;
    let mut clean = Vec::new();
    let mut prev = 0u8;
    while i < buf.len() && (digit_value(buf[i]) < base || buf[i] == b'_') {
        if buf[i] == b'_' {
            if prev == b'_' {
                return Err(ParseIntError::Invalid);
            }
        } else {
            clean.push(buf[i]);
        }
        prev = buf[i];
        i += 1;
    }
    if prev == b'_' {
        return Err(ParseIntError::Invalid);
    }
    if !base.is_power_of_two() && clean.len() > INT_MAX_STR_DIGITS {
        return Err(ParseIntError::TooManyDigits(clean.len()));
    }
    if i == start {
        return Err(ParseIntError::Invalid);
    }
    let magnitude = BigInt::parse_bytes(&clean, base).ok_or(ParseIntError::Invalid)?;
    if error_if_nonzero && !magnitude.is_zero() {
        return Err(ParseIntError::Invalid);
    }
    while is_c_space(at(i)) {
        i += 1;
    }
    if i != buf.len() {
        return Err(ParseIntError::Invalid);
    }
    Ok(if negative { -magnitude } else { magnitude })
}

// ---------------------------------------------------------------------------------------------
// float(str)
// ---------------------------------------------------------------------------------------------

/// `float(s)` for a str, as CPython 3.11: surrounding whitespace, a sign, `inf`/`infinity`/
/// `nan` in any case, decimal digits with optional point and exponent, underscores only between
/// two digits, Unicode decimal digits; no hex, nothing trailing. `None` means CPython's
/// `ValueError: could not convert string to float: <repr>`. Out-of-range values become
/// infinities or zeros, as in CPython.
pub fn parse_float(s: &str) -> Option<f64> {
    let buf = to_ascii_numeric(s);
    // _Py_string_to_number_with_underscores: each '_' sits between two digits.
    let mut clean = Vec::with_capacity(buf.len());
    let mut prev = 0u8;
    for &b in &buf {
        if b == b'_' {
            if !prev.is_ascii_digit() {
                return None;
            }
        } else {
            if prev == b'_' && !b.is_ascii_digit() {
                return None;
            }
            clean.push(b);
        }
        prev = b;
    }
    if prev == b'_' {
        return None;
    }
    let start = clean.iter().position(|&b| !is_c_space(b))?;
    let end = clean.iter().rposition(|&b| !is_c_space(b))? + 1;
    let body = &clean[start..end];

    let (negative, unsigned) = match body.first() {
        Some(b'-') => (true, &body[1..]),
        Some(b'+') => (false, &body[1..]),
        _ => (false, body),
    };
    let lower = unsigned.to_ascii_lowercase();
    if lower == b"inf" || lower == b"infinity" {
        return Some(if negative { f64::NEG_INFINITY } else { f64::INFINITY });
    }
    if lower == b"nan" {
        // CPython keeps the sign of "-nan".
        return Some(if negative { -f64::NAN } else { f64::NAN });
    }
    if !is_decimal_literal(unsigned) {
        return None;
    }
    let text = std::str::from_utf8(body).ok()?;
    text.parse::<f64>().ok()
}

/// digits [. digits] or . digits, then an optional exponent with at least one digit.
fn is_decimal_literal(s: &[u8]) -> bool {
    let count_digits = |from: usize| s[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut i = count_digits(0);
    let mut mantissa_digits = i;
    if s.get(i) == Some(&b'.') {
        let frac = count_digits(i + 1);
        mantissa_digits += frac;
        i += 1 + frac;
    }
    if mantissa_digits == 0 {
        return false;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_digits = count_digits(i);
        if exp_digits == 0 {
            return false;
        }
        i += exp_digits;
    }
    i == s.len()
}

// ---------------------------------------------------------------------------------------------
// Format-spec mini-language
// ---------------------------------------------------------------------------------------------

/// Where padding goes (`<`, `>`, `^`, `=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// `<`: the default for str.
    Left,
    /// `>`: the default for numbers.
    Right,
    /// `^`: an odd leftover pad goes on the right.
    Center,
    /// `=`: between the sign (and prefix) and the digits.
    AfterSign,
}

/// The sign option (`-`, `+`, space).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// `-`: a sign only on negatives (the default, but still "a sign" to the str/`c` checks).
    Minus,
    /// `+`: always a sign.
    Plus,
    /// space: a space where a positive number's sign would go.
    Space,
}

/// `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`, as written: defaults that
/// depend on the formatted type are resolved by [`FormatSpec::fill_char`] and
/// [`FormatSpec::align_or`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormatSpec {
    /// The fill character, present only when written before an align character.
    pub fill: Option<char>,
    /// The align character, if written.
    pub align: Option<Align>,
    /// The sign option, if written.
    pub sign: Option<Sign>,
    /// `z` (PEP 682): coerce negative zero to zero.
    pub no_neg_zero: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// A `0` before the width with no explicit fill.
    pub zero: bool,
    /// Minimum field width in characters.
    pub width: Option<usize>,
    /// `,` or `_`.
    pub grouping: Option<char>,
    /// Digits after the point (`f`, `e`, `%`), significant digits (`g`, none), or the maximum
    /// length of a str.
    pub precision: Option<usize>,
    /// The presentation type, or the default passed to [`parse_format_spec`] when none is given.
    pub ty: Option<char>,
}

impl FormatSpec {
    /// The fill in force: the explicit one, else `0` when the `0` flag was given, else space.
    pub fn fill_char(&self) -> char {
        self.fill.unwrap_or(if self.zero { '0' } else { ' ' })
    }

    /// The alignment in force for a type whose default is `default`: as CPython, the `0` flag
    /// turns a right-aligned (numeric) default into `=`.
    pub fn align_or(&self, default: Align) -> Align {
        match self.align {
            Some(a) => a,
            None if self.zero && default == Align::Right => Align::AfterSign,
            None => default,
        }
    }
}

fn align_of(c: char) -> Option<Align> {
    match c {
        '<' => Some(Align::Left),
        '>' => Some(Align::Right),
        '^' => Some(Align::Center),
        '=' => Some(Align::AfterSign),
        _ => None,
    }
}

/// A presentation or grouping character as CPython quotes it: itself when printable ASCII, else
/// `\x..` in lowercase hex without padding.
fn quote_code(c: char) -> String {
    let code = c as u32;
    if code > 32 && code < 128 {
        c.to_string()
    } else {
        format!("\\x{code:x}")
    }
}

fn unknown_code(c: char, type_name: &str) -> FmtError {
    FmtError::Value(format!("Unknown format code '{}' for object of type '{type_name}'", quote_code(c)))
}

/// CPython's `get_integer`: a run of Unicode decimal digits. Returns the value and how many
/// digits were read.
fn read_integer(chars: &[char], pos: &mut usize) -> Result<(usize, usize), String> {
    let mut acc: i64 = 0;
    let mut count = 0;
    while let Some(d) = chars.get(*pos).and_then(|&c| py_decimal_value(c)) {
        let d = i64::from(d);
        if acc > (i64::MAX - d) / 10 {
            return Err("Too many decimal digits in format string".to_string());
        }
        acc = acc * 10 + d;
        *pos += 1;
        count += 1;
    }
    Ok((acc as usize, count))
}

/// Parses a format spec as CPython 3.11's `parse_internal_render_format_spec`. `default_type`
/// is what `ty` becomes when the spec names none (`Some('d')` for int, `None` for float,
/// `Some('s')` for str); `type_name` goes into the "Invalid format specifier" message. Errors
/// are CPython's ValueError messages.
pub fn parse_format_spec(spec: &str, default_type: Option<char>, type_name: &str) -> Result<FormatSpec, String> {
    let chars: Vec<char> = spec.chars().collect();
    let end = chars.len();
    let mut pos = 0;
    let mut f = FormatSpec { ty: default_type, ..FormatSpec::default() };

    if let Some(align) = chars.get(1).and_then(|&c| align_of(c)) {
        f.fill = Some(chars[0]);
        f.align = Some(align);
        pos = 2;
    } else if let Some(align) = chars.first().and_then(|&c| align_of(c)) {
        f.align = Some(align);
        pos = 1;
    }
    f.sign = match chars.get(pos) {
        Some('+') => Some(Sign::Plus),
        Some('-') => Some(Sign::Minus),
        Some(' ') => Some(Sign::Space),
        _ => None,
    };
    if f.sign.is_some() {
        pos += 1;
    }
    if chars.get(pos) == Some(&'z') {
        f.no_neg_zero = true;
        pos += 1;
    }
    if chars.get(pos) == Some(&'#') {
        f.alternate = true;
        pos += 1;
    }
    // An explicit fill makes a leading 0 part of the width instead.
    if f.fill.is_none() && chars.get(pos) == Some(&'0') {
        f.zero = true;
        pos += 1;
    }
    let (width, digits) = read_integer(&chars, &mut pos)?;
    if digits > 0 {
        f.width = Some(width);
    }
    const BOTH: &str = "Cannot specify both ',' and '_'.";
    if chars.get(pos) == Some(&',') {
        f.grouping = Some(',');
        pos += 1;
    }
    if chars.get(pos) == Some(&'_') {
        if f.grouping.is_some() {
            return Err(BOTH.to_string());
        }
        f.grouping = Some('_');
        pos += 1;
    }
    if chars.get(pos) == Some(&',') && f.grouping == Some('_') {
        return Err(BOTH.to_string());
    }
    if chars.get(pos) == Some(&'.') {
        pos += 1;
        let (precision, digits) = read_integer(&chars, &mut pos)?;
        if digits == 0 {
            return Err("Format specifier missing precision".to_string());
        }
        f.precision = Some(precision);
    }
    if end - pos > 1 {
        return Err(format!("Invalid format specifier '{spec}' for object of type '{type_name}'"));
    }
    if end - pos == 1 {
        f.ty = Some(chars[pos]);
    }
    if let Some(sep) = f.grouping {
        let allowed = match f.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            // PEP 515: '_' groups bin/oct/hex digits by four.
            Some('b' | 'o' | 'x' | 'X') => sep == '_',
            Some(_) => false,
        };
        if !allowed {
            let ty = f.ty.map(quote_code).unwrap_or_default();
            return Err(format!("Cannot specify '{sep}' with '{ty}'."));
        }
    }
    Ok(f)
}

fn check_width(f: &FormatSpec) -> Result<(), FmtError> {
    match f.width {
        Some(w) if w > MAX_FORMAT_WIDTH => Err(FmtError::Memory),
        _ => Ok(()),
    }
}

/// A number split the way `calc_number_widths` sees it:
/// `<sign><prefix><digits>[.]<remainder>`, where only `digits` is grouped and zero-padded.
struct NumberParts<'a> {
    negative: bool,
    prefix: &'a str,
    digits: &'a str,
    decimal_point: bool,
    remainder: &'a str,
}

/// `_PyUnicode_InsertThousandsGrouping`: groups `digits` from the right with `sep` every `size`
/// digits and, for `=` alignment with a `0` fill, pads with zeros (grouped too) to `min_width`.
fn group_digits(digits: &str, min_width: i64, sep: Option<(char, usize)>) -> String {
    let digits = digits.as_bytes();
    let mut out: Vec<u8> = Vec::new();
    let mut remaining = digits.len() as i64;
    let mut pos = digits.len();
    let mut min_width = min_width.max(0);
    let mut use_sep = false;
    let mut emit = |out: &mut Vec<u8>, len: i64, remaining: i64, use_sep: bool, sep: u8| {
        if use_sep {
            out.push(sep);
        }
        let n_chars = remaining.min(len).max(0) as usize;
        for _ in 0..n_chars {
            pos -= 1;
            out.push(digits[pos]);
        }
        out.extend(std::iter::repeat_n(b'0', (len - remaining).max(0) as usize));
        n_chars as i64
    };
    let mut finished = false;
    if let Some((sep, size)) = sep {
        let sep = sep as u8;
        loop {
            let len = (size as i64).min(remaining.max(min_width).max(1));
            remaining -= emit(&mut out, len, remaining, use_sep, sep);
            use_sep = true;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                finished = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !finished {
        let len = remaining.max(min_width).max(1);
        emit(&mut out, len, remaining, use_sep, b',');
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// `calc_number_widths` + `fill_number`: sign, prefix, padding and grouping around a number.
fn render_number(parts: &NumberParts, f: &FormatSpec, sep: Option<(char, usize)>) -> String {
    let fill = f.fill_char();
    let align = f.align_or(Align::Right);
    let sign = match f.sign {
        Some(Sign::Plus) => Some(if parts.negative { '-' } else { '+' }),
        Some(Sign::Space) => Some(if parts.negative { '-' } else { ' ' }),
        _ => parts.negative.then_some('-'),
    };
    let n_non_digit = i64::from(sign.is_some())
        + parts.prefix.len() as i64
        + i64::from(parts.decimal_point)
        + parts.remainder.chars().count() as i64;
    let width = f.width.map_or(-1, |w| w as i64);
    let min_width = if fill == '0' && align == Align::AfterSign { width - n_non_digit } else { 0 };
    let grouped = if parts.digits.is_empty() { String::new() } else { group_digits(parts.digits, min_width, sep) };
    let padding = (width - n_non_digit - grouped.len() as i64).max(0) as usize;
    let (left, inner, right) = match align {
        Align::Left => (0, 0, padding),
        Align::Right => (padding, 0, 0),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
    };
    let mut out = String::with_capacity(padding + n_non_digit as usize + grouped.len() + 4);
    out.extend(std::iter::repeat_n(fill, left));
    out.extend(sign);
    out.push_str(parts.prefix);
    out.extend(std::iter::repeat_n(fill, inner));
    out.push_str(&grouped);
    if parts.decimal_point {
        out.push('.');
    }
    out.push_str(parts.remainder);
    out.extend(std::iter::repeat_n(fill, right));
    out
}

/// An int operand: the i64 fast path avoids a BigInt.
#[derive(Clone, Copy)]
enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntRef<'_> {
    fn is_negative(self) -> bool {
        match self {
            IntRef::Small(v) => v < 0,
            IntRef::Big(b) => b.is_negative(),
        }
    }

    /// Digits of the magnitude in `base` (2, 8, 10 or 16, lowercase).
    fn magnitude_digits(self, base: u32) -> Result<String, FmtError> {
        match self {
            IntRef::Small(v) => {
                let m = v.unsigned_abs();
                Ok(match base {
                    2 => format!("{m:b}"),
                    8 => format!("{m:o}"),
                    16 => format!("{m:x}"),
                    _ => m.to_string(),
                })
            }
            IntRef::Big(b) if base == 10 => {
                let text = int_to_decimal_checked(b).map_err(|_| FmtError::Value(int_to_str_limit_message()))?;
                Ok(text.trim_start_matches('-').to_string())
            }
            IntRef::Big(b) => Ok(b.magnitude().to_str_radix(base)),
        }
    }

    fn to_f64(self) -> Result<f64, FmtError> {
        match self {
            // Rounds to nearest, ties to even, like PyLong_AsDouble.
            IntRef::Small(v) => Ok(v as f64),
            IntRef::Big(b) => bigint_to_f64(b).ok_or_else(|| FmtError::Overflow(INT_TOO_LARGE_FOR_FLOAT.into())),
        }
    }

    fn to_i64(self) -> Option<i64> {
        match self {
            IntRef::Small(v) => Some(v),
            IntRef::Big(b) => b.to_i64(),
        }
    }

    fn decimal(self) -> Result<String, FmtError> {
        let digits = self.magnitude_digits(10)?;
        Ok(if self.is_negative() { format!("-{digits}") } else { digits })
    }
}

/// `format(n, spec)` for an int: types `b c d o x X n` and none (= `d`), the float types
/// `e E f F g G %` (via `float(n)`), fill/align/sign/`#`/`0`/width/grouping. An empty spec is
/// `str(n)`. Errors are CPython's, including the 4300-digit limit on decimal output.
pub fn format_int(n: &BigInt, spec: &str) -> Result<String, FmtError> {
    match n.to_i64() {
        Some(small) => format_int_ref(IntRef::Small(small), spec),
        None => format_int_ref(IntRef::Big(n), spec),
    }
}

/// [`format_int`] for an int that fits in an i64, without building a BigInt.
pub fn format_i64(n: i64, spec: &str) -> Result<String, FmtError> {
    format_int_ref(IntRef::Small(n), spec)
}

fn format_int_ref(n: IntRef, spec: &str) -> Result<String, FmtError> {
    if spec.is_empty() {
        return n.decimal();
    }
    let f = parse_format_spec(spec, Some('d'), "int").map_err(FmtError::Value)?;
    match f.ty {
        Some('b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n') => format_int_internal(n, &f),
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => format_float_internal(n.to_f64()?, &f),
        other => Err(unknown_code(other.unwrap_or('\0'), "int")),
    }
}

/// CPython's `format_long_internal`.
fn format_int_internal(n: IntRef, f: &FormatSpec) -> Result<String, FmtError> {
    let value_error = |m: &str| Err(FmtError::Value(m.to_string()));
    if f.precision.is_some() {
        return value_error("Precision not allowed in integer format specifier");
    }
    if f.no_neg_zero {
        return value_error("Negative zero coercion (z) not allowed in integer format specifier");
    }
    check_width(f)?;
    let ty = f.ty.unwrap_or('d');
    if ty == 'c' {
        if f.sign.is_some() {
            return value_error("Sign not allowed with integer format specifier 'c'");
        }
        if f.alternate {
            return value_error("Alternate form (#) not allowed with integer format specifier 'c'");
        }
        let code = n.to_i64().ok_or_else(|| FmtError::Overflow("Python int too large to convert to C long".into()))?;
        if !(0..=0x10ffff).contains(&code) {
            return Err(FmtError::Overflow("%c arg not in range(0x110000)".into()));
        }
        // Python str can hold a lone surrogate; a Rust String cannot.
        let ch = char::from_u32(code as u32)
            .ok_or_else(|| FmtError::Value(format!("cannot represent surrogate U+{code:04X} in a str")))?;
        let text = ch.to_string();
        // CPython passes the character as "remainder": copied, never grouped.
        let parts = NumberParts { negative: false, prefix: "", digits: "", decimal_point: false, remainder: &text };
        return Ok(render_number(&parts, f, None));
    }
    let (base, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = n.magnitude_digits(base)?;
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    // 'n' groups by the current locale, which for a Python program is "C": no grouping.
    let sep = match (f.grouping, ty) {
        (_, 'n') | (None, _) => None,
        (Some('_'), 'b' | 'o' | 'x' | 'X') => Some(('_', 4)),
        (Some(c), _) => Some((c, 3)),
    };
    let parts = NumberParts {
        negative: n.is_negative(),
        prefix: if f.alternate { prefix } else { "" },
        digits: &digits,
        decimal_point: false,
        remainder: "",
    };
    Ok(render_number(&parts, f, sep))
}

/// `format(x, spec)` for a float: types `e E f F g G n %` and none (repr-like without a
/// precision, else `g` that keeps a `.0`), with `#`, `z`, fill/align/sign/`0`/width/grouping.
/// An empty spec is `str(x)`.
pub fn format_float(x: f64, spec: &str) -> Result<String, FmtError> {
    if spec.is_empty() {
        return Ok(float_repr(x));
    }
    let f = parse_format_spec(spec, None, "float").map_err(FmtError::Value)?;
    match f.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => format_float_internal(x, &f),
        Some(other) => Err(unknown_code(other, "float")),
    }
}

/// CPython's `format_float_internal`.
fn format_float_internal(x: f64, f: &FormatSpec) -> Result<String, FmtError> {
    if f.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(FmtError::Value("precision too big".into()));
    }
    check_width(f)?;
    let mut flags = FloatFlags { alt: f.alternate, no_neg_0: f.no_neg_zero, ..FloatFlags::default() };
    let mut x = x;
    let mut percent = false;
    let mut default_precision = 6;
    let mut style = match f.ty {
        None => {
            // Like repr without a precision, else like 'g' but always with a digit after the
            // point.
            flags.add_dot_0 = true;
            default_precision = 0;
            FloatStyle::Repr
        }
        Some('e') => FloatStyle::Exp,
        Some('E') => {
            flags.upper = true;
            FloatStyle::Exp
        }
        Some('f') => FloatStyle::Fixed,
        Some('F') => {
            flags.upper = true;
            FloatStyle::Fixed
        }
        Some('G') => {
            flags.upper = true;
            FloatStyle::General
        }
        Some('%') => {
            x *= 100.0;
            percent = true;
            FloatStyle::Fixed
        }
        // 'g', and 'n' which is 'g' in the locale ("C" for Python programs).
        Some(_) => FloatStyle::General,
    };
    let precision = match f.precision {
        Some(p) => {
            if style == FloatStyle::Repr {
                style = FloatStyle::General;
            }
            p
        }
        None => default_precision,
    };
    let mut body = format_float_short(x, style, precision, flags);
    if percent {
        body.push('%');
    }
    let (negative, unsigned) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body.as_str()),
    };
    let digit_end = unsigned.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(unsigned.len());
    let decimal_point = unsigned[digit_end..].starts_with('.');
    let parts = NumberParts {
        negative,
        prefix: "",
        digits: &unsigned[..digit_end],
        decimal_point,
        remainder: &unsigned[digit_end + usize::from(decimal_point)..],
    };
    let sep = match f.ty {
        Some('n') => None,
        _ => f.grouping.map(|c| (c, 3)),
    };
    Ok(render_number(&parts, f, sep))
}

/// `format(s, spec)` for a str: fill/align (default left), width and precision counted in
/// characters (precision truncates), type `s` or none. An empty spec returns `s`.
pub fn format_str(s: &str, spec: &str) -> Result<String, FmtError> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let f = parse_format_spec(spec, Some('s'), "str").map_err(FmtError::Value)?;
    match f.ty {
        Some('s') | None => {}
        Some(other) => return Err(unknown_code(other, "str")),
    }
    let value_error = |m: &str| Err(FmtError::Value(m.to_string()));
    match f.sign {
        Some(Sign::Space) => return value_error("Space not allowed in string format specifier"),
        Some(_) => return value_error("Sign not allowed in string format specifier"),
        None => {}
    }
    if f.no_neg_zero {
        return value_error("Negative zero coercion (z) not allowed in string format specifier");
    }
    if f.alternate {
        return value_error("Alternate form (#) not allowed in string format specifier");
    }
    let align = f.align_or(Align::Left);
    if align == Align::AfterSign {
        return value_error("'=' alignment not allowed in string format specifier");
    }
    check_width(&f)?;
    let text = match f.precision {
        Some(p) => match s.char_indices().nth(p) {
            Some((cut, _)) => &s[..cut],
            None => s,
        },
        None => s,
    };
    let len = text.chars().count();
    let padding = f.width.unwrap_or(0).saturating_sub(len);
    let left = match align {
        Align::Right => padding,
        Align::Center => padding / 2,
        _ => 0,
    };
    let fill = f.fill_char();
    let mut out = String::with_capacity(text.len() + padding * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(text);
    out.extend(std::iter::repeat_n(fill, padding - left));
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Tests: every expected value below was produced by CPython 3.11.7.
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::One;

    /// Renders a format result the way the expectations were recorded:
    /// the text, or `ExceptionName: message`.
    fn show(r: Result<String, FmtError>) -> String {
        match r {
            Ok(s) => summarize(&s),
            Err(FmtError::Value(m)) => format!("ValueError: {m}"),
            Err(FmtError::Overflow(m)) => format!("OverflowError: {m}"),
            Err(FmtError::Memory) => "MemoryError".to_string(),
        }
    }

    /// Long expectations are stored as `first10..last10:length`.
    fn summarize(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        if chars.len() <= 100 {
            return s.to_string();
        }
        let head: String = chars[..10].iter().collect();
        let tail: String = chars[chars.len() - 10..].iter().collect();
        format!("{head}..{tail}:{}", chars.len())
    }

    /// Evaluates the int expressions used in the tables: terms joined by `+`/`-`, each a
    /// product of literals and `a**b` powers.
    fn eval_int(expr: &str) -> BigInt {
        let mut total = BigInt::zero();
        let mut term_start = 0;
        let bytes = expr.as_bytes();
        let mut sign = BigInt::one();
        for i in 0..=bytes.len() {
            let at_op = i == bytes.len() || ((bytes[i] == b'+' || bytes[i] == b'-') && i > 0);
            if !at_op {
                continue;
            }
            let term = &expr[term_start..i];
            let (negative, term) = match term.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, term),
            };
            // "3*2**10".split('*') is ["3", "2", "", "10"]: an empty piece marks a power.
            let pieces: Vec<&str> = term.split('*').collect();
            let mut product = BigInt::one();
            let mut k = 0;
            while k < pieces.len() {
                let base: BigInt = pieces[k].parse().expect("literal");
                if pieces.get(k + 1) == Some(&"") {
                    product *= num_traits::pow(base, pieces[k + 2].parse().expect("exponent"));
                    k += 3;
                } else {
                    product *= base;
                    k += 1;
                }
            }
            total += if negative { -&sign * product } else { &sign * product };
            if i < bytes.len() {
                sign = if bytes[i] == b'-' { -BigInt::one() } else { BigInt::one() };
            }
            term_start = i + 1;
        }
        total
    }

    /// A test input, spelled out or as (prefix, unit, repeat count, suffix).
    enum Src {
        Lit(&'static str),
        Rep(&'static str, &'static str, usize, &'static str),
    }
    use Src::{Lit, Rep};

    impl Src {
        fn text(&self) -> String {
            match self {
                Lit(s) => s.to_string(),
                Rep(pre, unit, n, suf) => format!("{pre}{}{suf}", unit.repeat(*n)),
            }
        }
    }

    const REPRS: &[(f64, &str)] = &[
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1.0, "1.0"),
        (-1.0, "-1.0"),
        (0.1, "0.1"),
        (0.5, "0.5"),
        (1.5, "1.5"),
        (1e+16, "1e+16"),
        (1000000000000000.0, "1000000000000000.0"),
        (9999999999999998.0, "9999999999999998.0"),
        (0.0001, "0.0001"),
        (1e-05, "1e-05"),
        (1.5e-05, "1.5e-05"),
        (123456789012345.0, "123456789012345.0"),
        (1234567890123456.0, "1234567890123456.0"),
        (1.2345678901234568e+16, "1.2345678901234568e+16"),
        (1.2345678901234568e+16, "1.2345678901234568e+16"),
        (5e-324, "5e-324"),
        (2.2250738585072014e-308, "2.2250738585072014e-308"),
        (1.7976931348623157e+308, "1.7976931348623157e+308"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (f64::NAN, "nan"),
        (0.3333333333333333, "0.3333333333333333"),
        (0.6666666666666666, "0.6666666666666666"),
        (0.30000000000000004, "0.30000000000000004"),
        (100.0, "100.0"),
        (1e+22, "1e+22"),
        (1e+23, "1e+23"),
        (1.7320508075688772, "1.7320508075688772"),
        (3.142857142857143, "3.142857142857143"),
        (-2.3333333333333335, "-2.3333333333333335"),
        (125204573361847.12, "125204573361847.12"),
        (0.001, "0.001"),
        (123.456, "123.456"),
        (4.35, "4.35"),
        (3e-310, "3e-310"),
        (1.152921504606847e+18, "1.152921504606847e+18"),
        (9.5367431640625e-07, "9.5367431640625e-07"),
        (9007199254740992.0, "9007199254740992.0"),
    ];
    const FLOAT_FORMATS: &[(f64, &str, &str)] = &[
        (1.0, "", "1.0"),
        (1.0, "f", "1.000000"),
        (1.0, "e", "1.000000e+00"),
        (1.0, "g", "1"),
        (1.0, "%", "100.000000%"),
        (1.0, "n", "1"),
        (1.5, ".0f", "2"),
        (2.5, ".0f", "2"),
        (0.125, ".2f", "0.12"),
        (0.375, ".2f", "0.38"),
        (2.675, ".2f", "2.67"),
        (1e+20, ".3", "1e+20"),
        (1.5, ".3", "1.5"),
        (100.0, ".3", "1e+02"),
        (10.0, ".3", "10.0"),
        (1234567.0, ".3", "1.23e+06"),
        (0.0001, ".3", "0.0001"),
        (1e-05, ".3", "1e-05"),
        (1e+16, "", "1e+16"),
        (1e+16, ".17", "1e+16"),
        (1000000000000000.0, "", "1000000000000000.0"),
        (1e+20, "#", "1.e+20"),
        (1.0, "#", "1.0"),
        (1.0, "#.0f", "1."),
        (1.0, "#.0e", "1.e+00"),
        (1.0, "#g", "1.00000"),
        (1.5, "#.3g", "1.50"),
        (100.0, "#.0%", "10000.%"),
        (0.0, "g", "0"),
        (0.0, "#g", "0.00000"),
        (0.0, "e", "0.000000e+00"),
        (0.0, ".3e", "0.000e+00"),
        (123.456, "e", "1.234560e+02"),
        (123.456, "E", "1.234560E+02"),
        (123.456, ".2e", "1.23e+02"),
        (123.456, ".0e", "1e+02"),
        (123.456, ".20e", "1.23456000000000003070e+02"),
        (1e-300, "e", "1.000000e-300"),
        (5e-324, ".3e", "4.941e-324"),
        (5e-324, "g", "4.94066e-324"),
        (1.7976931348623157e+308, "f", "1797693134..368.000000:316"),
        (1234.5678, "g", "1234.57"),
        (1234.5678, "G", "1234.57"),
        (1234.5678, ".2g", "1.2e+03"),
        (1234.5678, ".0g", "1e+03"),
        (1e-05, "g", "1e-05"),
        (0.0001, "g", "0.0001"),
        (123456.0, "g", "123456"),
        (1234567.0, "g", "1.23457e+06"),
        (1234567.0, "G", "1.23457E+06"),
        (1.2345e-05, "G", "1.2345E-05"),
        (1234567.891, ",", "1,234,567.891"),
        (1234567.891, "_", "1_234_567.891"),
        (1234567.891, ",.2f", "1,234,567.89"),
        (1234567.891, "_.2f", "1_234_567.89"),
        (-1234567.891, ",.3e", "-1.235e+06"),
        (1234567.891, ",g", "1.23457e+06"),
        (1234567.891, ",%", "123,456,789.100000%"),
        (1234567.891, "n", "1.23457e+06"),
        (1234.5, "015,.2f", "0,000,001,234.50"),
        (1234.5, "016,.2f", "0,000,001,234.50"),
        (1234.5, "014,.2f", "000,001,234.50"),
        (1234.5, "0=15,.2f", "0,000,001,234.50"),
        (1234.5, "*=15,.2f", "*******1,234.50"),
        (-1234.5, "015,.2f", "-000,001,234.50"),
        (-1234.5, "+015_.1f", "-0_000_001_234.5"),
        (1.5, "010", "00000001.5"),
        (1.5, "+", "+1.5"),
        (1.5, " ", " 1.5"),
        (-1.5, " ", "-1.5"),
        (1.5, "-", "1.5"),
        (1.5, "+.2f", "+1.50"),
        (-0.0, "", "-0.0"),
        (-0.0, "f", "-0.000000"),
        (-0.0, "z", "0.0"),
        (-0.0, "zf", "0.000000"),
        (-0.0001, "z.2f", "0.00"),
        (-0.0001, ".2f", "-0.00"),
        (-1e-10, "z.3e", "-1.000e-10"),
        (-1e-05, "z.1%", "0.0%"),
        (-0.5, "z.0f", "0"),
        (-0.6, "z.0f", "-1"),
        (-0.0, "+z", "+0.0"),
        (f64::INFINITY, "", "inf"),
        (f64::NEG_INFINITY, "", "-inf"),
        (f64::NAN, "", "nan"),
        (f64::INFINITY, "f", "inf"),
        (f64::INFINITY, "F", "INF"),
        (f64::NAN, "E", "NAN"),
        (-f64::NAN, "f", "nan"),
        (f64::INFINITY, "+", "+inf"),
        (f64::NAN, "+", "+nan"),
        (f64::NAN, " ", " nan"),
        (f64::INFINITY, "010", "0000000inf"),
        (f64::NEG_INFINITY, "010", "-000000inf"),
        (f64::INFINITY, "=+10", "+      inf"),
        (f64::INFINITY, ",f", "inf"),
        (f64::NEG_INFINITY, "z", "-inf"),
        (f64::INFINITY, "%", "inf%"),
        (f64::NAN, "#.3g", "nan"),
        (3.45678, "*^12.3f", "***3.457****"),
        (3.45678, "<10", "3.45678   "),
        (3.45678, ">10", "   3.45678"),
        (3.45678, "^10", " 3.45678  "),
        (3.45678, "^11", "  3.45678  "),
        (-3.45678, "=10.2f", "-     3.46"),
        (-3.45678, "x=10.2f", "-xxxxx3.46"),
        (3.45678, "\u{e9}>9.1f", "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}3.5"),
        (3.45678, "010.2%", "000345.68%"),
        (0.5, ".0%", "50%"),
        (0.005, ".0%", "0%"),
        (0.015, ".1%", "1.5%"),
        (1e+300, "%", "1000000000..56.000000%:311"),
        (1.0, ".60f", "1.000000000000000000000000000000000000000000000000000000000000"),
        (0.1, ".30f", "0.100000000000000005551115123126"),
        (0.1, ".25e", "1.0000000000000000555111512e-01"),
        (1.0, ".2000f", "1.00000000..0000000000:2002"),
        (1.0, "d", "ValueError: Unknown format code 'd' for object of type 'float'"),
        (1.0, "s", "ValueError: Unknown format code 's' for object of type 'float'"),
        (1.0, "x", "ValueError: Unknown format code 'x' for object of type 'float'"),
        (1.0, "c", "ValueError: Unknown format code 'c' for object of type 'float'"),
        (1.0, "abc", "ValueError: Invalid format specifier 'abc' for object of type 'float'"),
        (1.0, ".", "ValueError: Format specifier missing precision"),
        (1.0, ",_", "ValueError: Cannot specify both ',' and '_'."),
        (1.0, "_,", "ValueError: Cannot specify both ',' and '_'."),
        (1.0, ",,", "ValueError: Cannot specify ',' with ','."),
        (1.0, ",n", "ValueError: Cannot specify ',' with 'n'."),
        (1.0, "_n", "ValueError: Cannot specify '_' with 'n'."),
        (1.0, ".2147483648f", "ValueError: precision too big"),
        (1.0, "99999999999999999999", "ValueError: Too many decimal digits in format string"),
        (1.0, "\u{663}", "1.0"),
        (1.0, ".\u{663}f", "1.000"),
        (1.0, "\u{1}", "ValueError: Unknown format code '\\x1' for object of type 'float'"),
        (1.0, "\u{e9}", "ValueError: Unknown format code '\\xe9' for object of type 'float'"),
    ];
    const INT_FORMATS: &[(&str, &str, &str)] = &[
        ("0", "", "0"),
        ("0", "d", "0"),
        ("42", "", "42"),
        ("-42", "", "-42"),
        ("42", "b", "101010"),
        ("42", "o", "52"),
        ("42", "x", "2a"),
        ("42", "X", "2A"),
        ("-42", "#b", "-0b101010"),
        ("-42", "#o", "-0o52"),
        ("-42", "#x", "-0x2a"),
        ("-42", "#X", "-0X2A"),
        ("255", "#010x", "0x000000ff"),
        ("255", "#10x", "      0xff"),
        ("255", "#<10x", "ff########"),
        ("255", "#^10X", "####FF####"),
        ("-255", "#010x", "-0x00000ff"),
        ("1234567", ",", "1,234,567"),
        ("1234567", "_", "1_234_567"),
        ("-1234567", ",", "-1,234,567"),
        ("1234567", "n", "1234567"),
        ("1234567", "_x", "12_d687"),
        ("1234567", "_b", "1_0010_1101_0110_1000_0111"),
        ("1234567", "#_o", "0o455_3207"),
        ("1234567", "_X", "12_D687"),
        ("1234567", "020,", "0,000,000,001,234,567"),
        ("1234567", "015,", "000,001,234,567"),
        ("1234567", "014,", "00,001,234,567"),
        ("1234567", "013,", "0,001,234,567"),
        ("-1234567", "013,", "-0,001,234,567"),
        ("1234567", "0=13,", "0,001,234,567"),
        ("1234567", "x=13,", "xxxx1,234,567"),
        ("1234", "08_", "0_001_234"),
        ("1234", "07_", "001_234"),
        ("11259375", "#012_x", "0x0_00ab_cdef"),
        ("11259375", "#013_x", "0x0_00ab_cdef"),
        ("5", "0<5", "50000"),
        ("5", "<05", "50000"),
        ("5", "^5", "  5  "),
        ("5", "^6", "  5   "),
        ("5", "=+5", "+   5"),
        ("-5", "=5", "-   5"),
        ("-5", "05", "-0005"),
        ("-5", "+05", "-0005"),
        ("5", " 05", " 0005"),
        ("5", "+", "+5"),
        ("5", " ", " 5"),
        ("-5", " ", "-5"),
        ("5", "-", "5"),
        ("65", "c", "A"),
        ("128512", "c", "\u{1f600}"),
        ("65", "05c", "0000A"),
        ("65", "<5c", "A    "),
        ("65", "^5c", "  A  "),
        ("233", "3c", "  \u{e9}"),
        ("-1", "c", "OverflowError: %c arg not in range(0x110000)"),
        ("1114112", "c", "OverflowError: %c arg not in range(0x110000)"),
        ("1180591620717411303424", "c", "OverflowError: Python int too large to convert to C long"),
        ("65", "+c", "ValueError: Sign not allowed with integer format specifier 'c'"),
        ("65", "-c", "ValueError: Sign not allowed with integer format specifier 'c'"),
        ("65", "#c", "ValueError: Alternate form (#) not allowed with integer format specifier 'c'"),
        ("65", ",c", "ValueError: Cannot specify ',' with 'c'."),
        ("1", ".2", "ValueError: Precision not allowed in integer format specifier"),
        ("1", ".2f", "1.00"),
        ("1", "z", "ValueError: Negative zero coercion (z) not allowed in integer format specifier"),
        ("1", "zd", "ValueError: Negative zero coercion (z) not allowed in integer format specifier"),
        ("0", "z.1f", "0.0"),
        ("1", "s", "ValueError: Unknown format code 's' for object of type 'int'"),
        ("1", "abc", "ValueError: Invalid format specifier 'abc' for object of type 'int'"),
        ("1", "\u{1}", "ValueError: Unknown format code '\\x1' for object of type 'int'"),
        ("1", "\u{e9}", "ValueError: Unknown format code '\\xe9' for object of type 'int'"),
        ("1", ",s", "ValueError: Cannot specify ',' with 's'."),
        ("1", ",x", "ValueError: Cannot specify ',' with 'x'."),
        ("1", "_s", "ValueError: Cannot specify '_' with 's'."),
        ("1", ",_", "ValueError: Cannot specify both ',' and '_'."),
        ("1", ".", "ValueError: Format specifier missing precision"),
        ("1", "99999999999999999999", "ValueError: Too many decimal digits in format string"),
        ("1", "\u{663}", "  1"),
        ("1", "10\u{663}", "          ..         1:103"),
        ("100000000000000000000", "e", "1.000000e+20"),
        ("100000000000000000000", ",.2f", "100,000,000,000,000,000,000.00"),
        ("-100000000000000000000", "%", "-10000000000000000000000.000000%"),
        ("9007199254740993", ".0f", "9007199254740992"),
        ("7", "g", "7"),
        ("7", ".3%", "700.000%"),
        ("7", "n", "7"),
        ("18446744073709551616", "", "18446744073709551616"),
        ("-18446744073709551616", "x", "-10000000000000000"),
        ("18446744073709551616", ",", "18,446,744,073,709,551,616"),
        ("1267650600228229401496703205376", "_", "1_267_650_600_228_229_401_496_703_205_376"),
        ("1267650600228229401496703205376", "+040,", "+1,267,650,600,228,229,401,496,703,205,376"),
    ];
    const STR_FORMATS: &[(&str, &str, &str)] = &[
        ("abc", "", "abc"),
        ("abc", "s", "abc"),
        ("abc", "10", "abc       "),
        ("abc", "<10", "abc       "),
        ("abc", ">10", "       abc"),
        ("abc", "^10", "   abc    "),
        ("abc", "^9", "   abc   "),
        ("abc", "*^8", "**abc***"),
        ("abc", "05", "abc00"),
        ("abc", "0>5", "00abc"),
        ("abc", ".2", "ab"),
        ("abc", ".0", ""),
        ("abc", "10.1", "a         "),
        ("h\u{e9}llo", ">7", "  h\u{e9}llo"),
        ("\u{65e5}\u{672c}", "^6", "  \u{65e5}\u{672c}  "),
        ("\u{65e5}\u{672c}\u{8a9e}", ".2", "\u{65e5}\u{672c}"),
        ("abc", "\u{e9}<6", "abc\u{e9}\u{e9}\u{e9}"),
        ("abc", "+", "ValueError: Sign not allowed in string format specifier"),
        ("abc", " ", "ValueError: Space not allowed in string format specifier"),
        ("abc", "-", "ValueError: Sign not allowed in string format specifier"),
        ("abc", "z", "ValueError: Negative zero coercion (z) not allowed in string format specifier"),
        ("abc", "#", "ValueError: Alternate form (#) not allowed in string format specifier"),
        ("abc", "=", "ValueError: '=' alignment not allowed in string format specifier"),
        ("abc", "0=5", "ValueError: '=' alignment not allowed in string format specifier"),
        ("abc", ",", "ValueError: Cannot specify ',' with 's'."),
        ("abc", "_", "ValueError: Cannot specify '_' with 's'."),
        ("abc", ",s", "ValueError: Cannot specify ',' with 's'."),
        ("abc", "d", "ValueError: Unknown format code 'd' for object of type 'str'"),
        ("abc", "abc", "ValueError: Invalid format specifier 'abc' for object of type 'str'"),
        ("abc", ".", "ValueError: Format specifier missing precision"),
        ("abc", "\u{1}", "ValueError: Unknown format code '\\x1' for object of type 'str'"),
        ("", "3", "   "),
        ("abc", "\u{663}", "abc"),
        ("abc", "2", "abc"),
    ];
    const ROUNDS: &[(f64, i64, &str)] = &[
        (2.675, 2, "2.67"),
        (0.5, 0, "0.0"),
        (1.5, 0, "2.0"),
        (2.5, 0, "2.0"),
        (-2.5, 0, "-2.0"),
        (-0.5, 0, "-0.0"),
        (-0.4, 0, "-0.0"),
        (0.125, 2, "0.12"),
        (0.375, 2, "0.38"),
        (1234.5, -1, "1230.0"),
        (1235.0, -1, "1240.0"),
        (1225.0, -1, "1220.0"),
        (1250.0, -2, "1200.0"),
        (1350.0, -2, "1400.0"),
        (5.0, -1, "0.0"),
        (-5.0, -1, "-0.0"),
        (15.0, -1, "20.0"),
        (25.0, -1, "20.0"),
        (0.7, -1, "0.0"),
        (-0.7, -1, "-0.0"),
        (1.23456789, 5, "1.23457"),
        (1e-300, 300, "1e-300"),
        (1e-300, 299, "0.0"),
        (5e-324, 323, "0.0"),
        (5e-324, 324, "5e-324"),
        (5e-324, 400, "5e-324"),
        (123.456, 400, "123.456"),
        (123.456, -400, "0.0"),
        (-123.456, -400, "-0.0"),
        (-123.456, -309, "-0.0"),
        (1e+308, -308, "1e+308"),
        (1.7976931348623157e+308, -308, "OverflowError"),
        (-1.7976931348623157e+308, -308, "OverflowError"),
        (1.7976931348623157e+308, -307, "OverflowError"),
        (f64::INFINITY, 2, "inf"),
        (f64::NEG_INFINITY, -2, "-inf"),
        (f64::NAN, 0, "nan"),
        (0.0, 3, "0.0"),
        (-0.0, 3, "-0.0"),
        (-0.0, -3, "-0.0"),
        (1e+22, -22, "1e+22"),
        (5e+22, -23, "0.0"),
        (1.5e+22, -22, "2e+22"),
        (0.30000000000000004, 16, "0.3"),
        (0.30000000000000004, 15, "0.3"),
        (1.0000000000000002, 15, "1.0"),
        (12345678.5, 0, "12345678.0"),
        (4503599627370496.0, 0, "4503599627370496.0"),
    ];
    const ROUND_INTS: &[(f64, &str)] = &[
        (0.5, "0"),
        (1.5, "2"),
        (2.5, "2"),
        (-0.5, "0"),
        (-1.5, "-2"),
        (-2.5, "-2"),
        (0.49999999999999994, "0"),
        (3.7, "4"),
        (-3.7, "-4"),
        (1e+20, "100000000000000000000"),
        (-1e+300, "-100000000..9400540160:302"),
        (9.223372036854776e+18, "9223372036854775808"),
        (4503599627370497.0, "4503599627370497"),
        (1.7976931348623157e+308, "1797693134..4124858368:309"),
        (f64::INFINITY, "OverflowError: cannot convert float infinity to integer"),
        (f64::NEG_INFINITY, "OverflowError: cannot convert float infinity to integer"),
        (f64::NAN, "ValueError: cannot convert float NaN to integer"),
        (-0.0, "0"),
    ];
    // Long inputs are spelled (prefix, unit, repeat count, suffix).
    // Long results are summarized as first10..last10:length (see `summarize`).
    const PARSE_INTS: &[(Src, u32, &str)] = &[
        (Lit("0"), 10, "0"),
        (Lit("42"), 10, "42"),
        (Lit("  -42\u{a}"), 10, "-42"),
        (Lit("+42"), 10, "42"),
        (Lit("- 42"), 10, "Invalid"),
        (Lit("4_2"), 10, "42"),
        (Lit("4__2"), 10, "Invalid"),
        (Lit("_42"), 10, "Invalid"),
        (Lit("42_"), 10, "Invalid"),
        (Lit(""), 10, "Invalid"),
        (Lit("  "), 10, "Invalid"),
        (Lit("0x1f"), 16, "31"),
        (Lit("0X1F"), 16, "31"),
        (Lit("0x_1f"), 16, "31"),
        (Lit("0x__1f"), 16, "Invalid"),
        (Lit("0x"), 16, "Invalid"),
        (Lit("1f"), 16, "31"),
        (Lit("0x1f"), 10, "Invalid"),
        (Lit("0x1f"), 0, "31"),
        (Lit("0o17"), 0, "15"),
        (Lit("0b101"), 0, "5"),
        (Lit("0B_1"), 0, "1"),
        (Lit("010"), 0, "Invalid"),
        (Lit("0"), 0, "0"),
        (Lit("00"), 0, "0"),
        (Lit("0_0"), 0, "0"),
        (Lit("000"), 0, "0"),
        (Lit("-0"), 0, "0"),
        (Lit("12"), 0, "12"),
        (Lit("1_2"), 0, "12"),
        (Lit("0b1"), 16, "177"),
        (Lit("0b1"), 11, "Invalid"),
        (Lit("0b1"), 2, "1"),
        (Lit("z"), 36, "35"),
        (Lit("Z"), 36, "35"),
        (Lit("10"), 36, "36"),
        (Lit("9"), 8, "Invalid"),
        (Lit("8"), 8, "Invalid"),
        (Lit("7"), 8, "7"),
        (Lit("\u{663}\u{665}"), 10, "35"),
        (Lit("\u{a0}42\u{3000}"), 10, "42"),
        (Lit("\u{85}42"), 10, "42"),
        (Lit("\u{1c}42"), 10, "Invalid"),
        (Lit("4\u{0}2"), 10, "Invalid"),
        (Lit("42\u{0}"), 10, "Invalid"),
        (Lit("\u{e9}"), 10, "Invalid"),
        (Lit("42"), 1, "BadBase"),
        (Lit("42"), 37, "BadBase"),
        (Rep("", "1", 4300, ""), 7, "1391300082..9784430000:3634"),
        (Rep("", "1", 4301, ""), 10, "TooManyDigits(4301)"),
        (Rep("", "1_", 4300, "1"), 10, "TooManyDigits(4301)"),
        (Rep("", "0", 4301, ""), 0, "TooManyDigits(4301)"),
        (Rep("", "1", 4301, "x"), 10, "TooManyDigits(4301)"),
        (Rep("x", "1", 4301, ""), 10, "Invalid"),
        (Rep("", "1", 4301, ""), 8, "2212768662..3439421001:3884"),
        (Rep("", "1", 4301, ""), 32, "1441103125..9370580001:6473"),
        (Lit("123456789012345678901234567890"), 10, "123456789012345678901234567890"),
        (Lit("-0xdeadbeefcafebabe1234"), 0, "-1051570404360395033547316"),
    ];
    const PARSE_FLOATS: &[(&str, &str)] = &[
        ("1.5", "1.5"),
        (" 1.5 ", "1.5"),
        ("\u{9}-1.5\u{a}", "-1.5"),
        ("1_0.5", "10.5"),
        ("1_0e1_0", "100000000000.0"),
        ("1__0", "None"),
        ("_1", "None"),
        ("1_", "None"),
        ("1._5", "None"),
        ("1_.5", "None"),
        ("1_e5", "None"),
        ("1e_5", "None"),
        ("inf", "inf"),
        ("-Infinity", "-inf"),
        ("iNfInItY", "inf"),
        ("nAn", "nan"),
        ("-nan", "nan"),
        ("+inf", "inf"),
        ("infinit", "None"),
        ("infinityy", "None"),
        ("in f", "None"),
        ("nan_", "None"),
        ("1e", "None"),
        ("e5", "None"),
        (".5", "0.5"),
        ("5.", "5.0"),
        (".", "None"),
        ("-.5e-3", "-0.0005"),
        ("1e+5", "100000.0"),
        ("1E-5", "1e-05"),
        ("0x10", "None"),
        ("1e400", "inf"),
        ("-1e400", "-inf"),
        ("1e-400", "0.0"),
        (" ", "None"),
        ("", "None"),
        ("\u{1c}1", "None"),
        ("\u{a0}1.5\u{2003}", "1.5"),
        ("\u{663}.\u{665}", "3.5"),
        ("1.5x", "None"),
        ("--1", "None"),
        ("+-1", "None"),
        ("1.0e+", "None"),
        ("4.9e-324", "5e-324"),
        ("2.4703282292062328e-324", "5e-324"),
        ("2.4703282292062327e-324", "0.0"),
        ("1e99999999999999999999", "inf"),
        ("0.1", "0.1"),
        ("\u{e9}", "None"),
    ];
    const FLOAT_DIVMODS: &[(f64, f64, &str)] = &[
        (7.0, 2.0, "3.0 1.0"),
        (-7.0, 2.0, "-4.0 1.0"),
        (7.0, -2.0, "-4.0 -1.0"),
        (-7.0, -2.0, "3.0 -1.0"),
        (0.0, 3.0, "0.0 0.0"),
        (-0.0, 3.0, "-0.0 0.0"),
        (0.0, -3.0, "-0.0 -0.0"),
        (6.0, 3.0, "2.0 0.0"),
        (-6.0, 3.0, "-2.0 0.0"),
        (6.0, -3.0, "-2.0 -0.0"),
        (1.0, 0.1, "9.0 0.09999999999999995"),
        (-1.0, 0.1, "-10.0 5.551115123125783e-17"),
        (5.0, f64::INFINITY, "0.0 5.0"),
        (-5.0, f64::INFINITY, "-1.0 inf"),
        (5.0, f64::NEG_INFINITY, "-1.0 -inf"),
        (f64::INFINITY, 2.0, "nan nan"),
        (f64::NAN, 2.0, "nan nan"),
        (1e+308, 1e-308, "inf 3.498445546245627e-309"),
        (0.5, 0.25, "2.0 0.0"),
        (-0.5, 0.25, "-2.0 0.0"),
        (3.5, 1.5, "2.0 0.5"),
    ];
    // Ints are written as expressions; see `eval_int`.
    const BIGINT_TO_F64: &[(&str, &str)] = &[
        ("0", "0.0"),
        ("1", "1.0"),
        ("-1", "-1.0"),
        ("2**53+1", "9007199254740992.0"),
        ("2**53+3", "9007199254740996.0"),
        ("2**54+2", "1.8014398509481984e+16"),
        ("2**54+6", "1.801439850948199e+16"),
        ("2**63+1", "9.223372036854776e+18"),
        ("2**64-1", "1.8446744073709552e+19"),
        ("2**64+2**11", "1.8446744073709552e+19"),
        ("2**64+2**11+1", "1.8446744073709556e+19"),
        ("10**22", "1e+22"),
        ("10**23", "1e+23"),
        ("-10**23", "-1e+23"),
        ("2**1023", "8.98846567431158e+307"),
        ("2**1024-2**971", "1.7976931348623157e+308"),
        ("2**1024-2**970-1", "1.7976931348623157e+308"),
        ("2**1024-2**970", "OverflowError"),
        ("2**1024", "OverflowError"),
        ("-2**1024", "OverflowError"),
        ("10**400", "OverflowError"),
        ("3**600", "1.873927703884794e+286"),
    ];
    const TRUE_DIVS: &[(&str, &str, &str)] = &[
        ("1", "3", "0.3333333333333333"),
        ("-1", "3", "-0.3333333333333333"),
        ("10**400", "10**399", "10.0"),
        ("2**1000+1", "2**999", "2.0"),
        ("1", "10**400", "0.0"),
        ("-1", "10**400", "-0.0"),
        ("0", "5", "0.0"),
        ("0", "-5", "-0.0"),
        ("0", "-10**30", "-0.0"),
        ("10**400", "7", "Overflow"),
        ("7", "10**400", "0.0"),
        ("1", "2**1074", "5e-324"),
        ("1", "2**1075", "0.0"),
        ("3", "2**1076", "5e-324"),
        ("1", "2**1075-1", "5e-324"),
        ("2**1024", "1", "Overflow"),
        ("2**1024-2**970", "1", "Overflow"),
        ("2**1024-2**970-1", "1", "1.7976931348623157e+308"),
        ("3*2**1024-3*2**970-1", "3", "1.7976931348623157e+308"),
        ("2**2000", "2**977", "8.98846567431158e+307"),
        ("5", "0", "ZeroDivision"),
        ("10**400", "0", "ZeroDivision"),
        ("123456789*10**300", "10**300", "123456789.0"),
        ("-10**30", "7", "-1.4285714285714285e+29"),
        ("2**60+1", "3", "3.843071682022823e+17"),
        ("-3*2**1024", "-3*2**1000", "16777216.0"),
    ];
    const FLOAT_TO_INT: &[(f64, &str)] = &[
        (0.0, "0"),
        (-0.0, "0"),
        (0.9, "0"),
        (-0.9, "0"),
        (1.5, "1"),
        (-1.5, "-1"),
        (1e+20, "100000000000000000000"),
        (-1e+20, "-100000000000000000000"),
        (9.223372036854776e+18, "9223372036854775808"),
        (-9.223372036854776e+18, "-9223372036854775808"),
        (1.8446744073709552e+19, "18446744073709551616"),
        (9.2e+18, "9200000000000000000"),
        (1.7976931348623157e+308, "1797693134..4124858368:309"),
        (123456789.999, "123456789"),
    ];
    const BASES: &[(i128, u32, &str, &str)] = &[
        (31, 16, "0x1f", "1f"),
        (-31, 16, "-0x1f", "-1f"),
        (0, 16, "0x0", "0"),
        (8, 8, "0o10", "10"),
        (-8, 8, "-0o10", "-10"),
        (5, 2, "0b101", "101"),
        (-5, 2, "-0b101", "-101"),
        (0, 2, "0b0", "0"),
        (1180591620717411303424, 16, "0x400000000000000000", "400000000000000000"),
        (
            -1180591620717411303424,
            2,
            "-0b10000000000000000000000000000000000000000000000000000000000000000000000",
            "-10000000000000000000000000000000000000000000000000000000000000000000000",
        ),
    ];

    #[test]
    fn eval_int_reads_table_expressions() {
        assert_eq!(eval_int("2**10+1"), BigInt::from(1025));
        assert_eq!(eval_int("-3*2**4-1"), BigInt::from(-49));
        assert_eq!(eval_int("10**3-2**3"), BigInt::from(992));
    }

    #[test]
    fn repr_matches_cpython() {
        for &(x, want) in REPRS {
            assert_eq!(float_repr(x), want, "repr of {x:e}");
        }
    }

    #[test]
    fn repr_round_trips() {
        // A fixed pseudo-random walk over bit patterns (xorshift), so failures reproduce.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = f64::from_bits(state);
            if x.is_finite() {
                let back: f64 = float_repr(x).parse().expect("repr parses");
                assert_eq!(back.to_bits(), x.to_bits(), "{x:e}");
            }
        }
    }

    #[test]
    fn float_format_matches_cpython() {
        for &(x, spec, want) in FLOAT_FORMATS {
            assert_eq!(show(format_float(x, spec)), want, "format({x:e}, {spec:?})");
        }
    }

    #[test]
    fn int_format_matches_cpython() {
        for &(n, spec, want) in INT_FORMATS {
            let n = eval_int(n);
            assert_eq!(show(format_int(&n, spec)), want, "format({n}, {spec:?})");
            if let Some(small) = n.to_i64() {
                assert_eq!(show(format_i64(small, spec)), want, "format_i64({n}, {spec:?})");
            }
        }
    }

    #[test]
    fn int_format_respects_digit_limit() {
        let limit = format!("ValueError: {}", int_to_str_limit_message());
        let huge = num_traits::pow(BigInt::from(10), 4300);
        assert_eq!(show(format_int(&huge, "")), limit);
        assert_eq!(show(format_int(&huge, "d")), limit);
        assert_eq!(show(format_int(&huge, ",")), limit);
        assert_eq!(show(format_int(&-&huge, "n")), limit);
        // Power-of-two bases are exempt, as in CPython.
        assert_eq!(format_int(&huge, "x").map(|s| s.len()), Ok(3572));
        // 4300 digits are still allowed.
        let edge = &huge - 1u32;
        assert_eq!(format_int(&edge, "").map(|s| s.len()), Ok(4300));
        // int -> float types convert first: OverflowError.
        assert_eq!(show(format_int(&huge, "e")), "OverflowError: int too large to convert to float");
    }

    #[test]
    fn str_format_matches_cpython() {
        for &(s, spec, want) in STR_FORMATS {
            assert_eq!(show(format_str(s, spec)), want, "format({s:?}, {spec:?})");
        }
    }

    #[test]
    fn absurd_widths_are_refused_not_allocated() {
        assert_eq!(format_i64(1, "3000000000"), Err(FmtError::Memory));
        assert_eq!(format_float(1.0, "3000000000"), Err(FmtError::Memory));
        assert_eq!(format_str("a", "3000000000"), Err(FmtError::Memory));
        assert_eq!(format_str("abc", ".3000000000"), Ok("abc".to_string()));
    }

    #[test]
    fn spec_fields_are_parsed_as_written() {
        let f = parse_format_spec("*^+z#012_.3e", None, "float").expect("valid spec");
        assert_eq!(
            f,
            FormatSpec {
                fill: Some('*'),
                align: Some(Align::Center),
                sign: Some(Sign::Plus),
                no_neg_zero: true,
                alternate: true,
                zero: false,
                width: Some(12),
                grouping: Some('_'),
                precision: Some(3),
                ty: Some('e'),
            }
        );
        // An explicit fill makes the 0 part of the width.
        let f = parse_format_spec("x<010", Some('d'), "int").expect("valid spec");
        assert_eq!((f.zero, f.width, f.fill_char()), (false, Some(10), 'x'));
        let f = parse_format_spec("08", Some('d'), "int").expect("valid spec");
        assert_eq!((f.fill_char(), f.align_or(Align::Right), f.ty), ('0', Align::AfterSign, Some('d')));
        assert_eq!(f.align_or(Align::Left), Align::Left);
        assert_eq!(parse_format_spec(",", Some('s'), "str"), Err("Cannot specify ',' with 's'.".to_string()));
    }

    #[test]
    fn round_matches_cpython() {
        for &(x, n, want) in ROUNDS {
            let got = round_half_even(x, n).map_or("OverflowError".to_string(), float_repr);
            assert_eq!(got, want, "round({x:e}, {n})");
        }
    }

    #[test]
    fn round_to_int_matches_cpython() {
        for &(x, want) in ROUND_INTS {
            let got = match round_to_int(x) {
                Ok(v) => summarize(&v.to_string()),
                Err(m) if m.contains("NaN") => format!("ValueError: {m}"),
                Err(m) => format!("OverflowError: {m}"),
            };
            assert_eq!(got, want, "round({x:e})");
        }
    }

    #[test]
    fn parse_int_matches_cpython() {
        for (src, base, want) in PARSE_INTS {
            let text = src.text();
            let got = match parse_int(&text, *base) {
                Ok(v) => summarize(&v.to_string()),
                Err(e) => format!("{e:?}"),
            };
            assert_eq!(&got, want, "int({:?}, {base})", summarize(&text));
        }
    }

    #[test]
    fn parse_int_messages_match_cpython() {
        assert_eq!(ParseIntError::Invalid.message(0, "'010'"), "invalid literal for int() with base 0: '010'");
        let long_repr = format!("'{}'", "a".repeat(201));
        let msg = ParseIntError::Invalid.message(10, &long_repr);
        assert_eq!(msg, format!("invalid literal for int() with base 10: '{}", "a".repeat(199)));
        assert_eq!(
            ParseIntError::TooManyDigits(5000).message(10, "''"),
            "Exceeds the limit (4300 digits) for integer string conversion: value has 5000 \
             digits; use sys.set_int_max_str_digits() to increase the limit"
        );
        assert_eq!(ParseIntError::BadBase.message(37, "''"), "int() base must be >= 2 and <= 36, or 0");
        assert_eq!(
            int_to_str_limit_message(),
            "Exceeds the limit (4300 digits) for integer string conversion; use \
             sys.set_int_max_str_digits() to increase the limit"
        );
    }

    #[test]
    fn parse_float_matches_cpython() {
        for &(s, want) in PARSE_FLOATS {
            let got = parse_float(s).map_or("None".to_string(), float_repr);
            assert_eq!(got, want, "float({s:?})");
        }
        // CPython keeps the sign bit of "-nan" (visible through math.copysign).
        assert!(parse_float("-nan").is_some_and(|x| x.is_nan() && x.is_sign_negative()));
        assert!(parse_float("nan").is_some_and(|x| x.is_nan() && x.is_sign_positive()));
    }

    #[test]
    fn float_divmod_matches_cpython() {
        for &(a, b, want) in FLOAT_DIVMODS {
            let (q, r) = float_floordiv_mod(a, b);
            assert_eq!(format!("{} {}", float_repr(q), float_repr(r)), want, "divmod({a:e}, {b:e})");
        }
    }

    #[test]
    fn int_to_float_matches_cpython() {
        for &(n, want) in BIGINT_TO_F64 {
            let got = bigint_to_f64(&eval_int(n)).map_or("OverflowError".to_string(), float_repr);
            assert_eq!(got, want, "float({n})");
        }
    }

    #[test]
    fn int_true_division_matches_cpython() {
        for &(a, b, want) in TRUE_DIVS {
            let got = match int_true_div(&eval_int(a), &eval_int(b)) {
                Ok(v) => float_repr(v),
                Err(e) => format!("{e:?}"),
            };
            assert_eq!(got, want, "({a}) / ({b})");
        }
        assert_eq!(DivError::Overflow.message(), "integer division result too large for a float");
    }

    #[test]
    fn float_to_int_matches_cpython() {
        for &(x, want) in FLOAT_TO_INT {
            let got = float_is_integer_to_bigint(x).map(|v| summarize(&v.to_string()));
            assert_eq!(got.as_deref(), Some(want), "int({x:e})");
        }
        assert_eq!(float_is_integer_to_bigint(f64::INFINITY), None);
        assert_eq!(float_is_integer_to_bigint(f64::NAN), None);
    }

    #[test]
    fn base_conversion_matches_cpython() {
        for &(n, base, with_prefix, bare) in BASES {
            let n = BigInt::from(n);
            assert_eq!(int_to_base(&n, base, true), with_prefix);
            assert_eq!(int_to_base(&n, base, false), bare);
        }
    }

    #[test]
    fn decimal_conversion_enforces_digit_limit() {
        let ten = BigInt::from(10);
        let max_ok = num_traits::pow(ten.clone(), 4300) - 1u32;
        assert_eq!(int_to_decimal_checked(&max_ok).map(|s| s.len()), Ok(4300));
        assert_eq!(int_to_decimal_checked(&-&max_ok).map(|s| s.len()), Ok(4301));
        assert_eq!(int_to_decimal_checked(&(&max_ok + 1u32)), Err(INT_MAX_STR_DIGITS));
        // Refused by bit length alone.
        assert_eq!(int_to_decimal_checked(&(BigInt::one() << 100_000usize)), Err(INT_MAX_STR_DIGITS));
        assert_eq!(int_to_decimal_checked(&BigInt::zero()), Ok("0".to_string()));
    }

    #[test]
    fn unicode_tables_match_cpython() {
        assert_eq!(py_decimal_value('7'), Some(7));
        assert_eq!(py_decimal_value('\u{663}'), Some(3));
        assert_eq!(py_decimal_value('\u{1d7ce}'), Some(0));
        assert_eq!(py_decimal_value('\u{1d7d7}'), Some(9));
        assert_eq!(py_decimal_value('\u{1fbf9}'), Some(9));
        assert_eq!(py_decimal_value('\u{1fbfa}'), None);
        assert_eq!(py_decimal_value('a'), None);
        assert_eq!(py_decimal_value('\u{b2}'), None); // superscript two: a digit, not decimal
        assert!(py_isspace('\u{1c}') && py_isspace('\u{85}') && py_isspace('\u{3000}'));
        assert!(!py_isspace('\u{200b}') && !py_isspace('a'));
    }
}
