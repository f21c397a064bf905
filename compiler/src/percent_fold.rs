//! CPython's compile-time rewrite of `'...' % (a, b)`: when the right operand is a tuple
//! display (not all constants, no `*x`) with exactly one item per conversion, and every
//! conversion is a plain `%s`, `%r` or `%a` (flags, a width and a precision of at most two
//! digits), CPython 3.11 compiles the expression as the f-string `f'...{a!s}...{b!r:>5}'`.
//! The rewrite shows: each item is evaluated just before its own formatting, and a text that
//! comes back as a str subclass goes through `format()` (so its `__str__` runs) instead of
//! being copied. Anything else stays a `%` operation.

/// One piece of the f-string a `%` template becomes.
#[derive(Debug, PartialEq)]
pub enum Piece {
    /// Literal text (`%%` already made `%`).
    Text(String),
    /// The next tuple item with a conversion (`'s'`, `'r'` or `'a'`) and a format spec.
    Field { conversion: char, spec: Option<String> },
}

/// CPython's rewrite gives up on a width or precision of this many digits.
const TOO_MANY_DIGITS: usize = 3;

/// The f-string pieces for `fmt % (item, ...)` with `items` items, or None when CPython leaves
/// the operation alone.
pub fn percent_as_fstring(fmt: &str, items: usize) -> Option<Vec<Piece>> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut pieces = Vec::new();
    let mut fields = 0;
    let mut i = 0;
    loop {
        let mut text = String::new();
        while let Some(&c) = chars.get(i) {
            if c != '%' {
                text.push(c);
                i += 1;
            } else if chars.get(i + 1) == Some(&'%') {
                text.push('%');
                i += 2;
            } else {
                break;
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        if i >= chars.len() {
            break;
        }
        if fields == items {
            return None;
        }
        i += 1;
        pieces.push(Spec { chars: &chars, at: i }.field(&mut i)?);
        fields += 1;
    }
    (fields == items).then_some(pieces)
}

/// A conversion being read, just past its '%'.
struct Spec<'c> {
    chars: &'c [char],
    at: usize,
}

impl Spec<'_> {
    /// The next char; None (no rewrite) at the end of the template.
    fn next(&mut self) -> Option<char> {
        let c = self.chars.get(self.at).copied();
        self.at += 1;
        c
    }

    /// A run of digits starting with `*c`, leaving `*c` the char after it; None when it is
    /// too long for the rewrite.
    fn number(&mut self, c: &mut char) -> Option<Option<u32>> {
        let mut n = None;
        let mut count = 0;
        while let Some(d) = c.to_digit(10) {
            n = Some(n.unwrap_or(0) * 10 + d);
            *c = self.next()?;
            count += 1;
            if count >= TOO_MANY_DIGITS {
                return None;
            }
        }
        Some(n)
    }

    /// The f-string field for a simple `s`/`r`/`a` conversion, leaving `*end` past it.
    fn field(mut self, end: &mut usize) -> Option<Piece> {
        let mut c = self.next()?;
        let mut left = false;
        while matches!(c, '-' | '+' | ' ' | '#' | '0') {
            left |= c == '-';
            c = self.next()?;
        }
        let width = self.number(&mut c)?;
        let mut precision = None;
        if c == '.' {
            c = self.next()?;
            precision = Some(self.number(&mut c)?.unwrap_or(0));
        }
        if !matches!(c, 's' | 'r' | 'a') {
            return None;
        }
        *end = self.at;
        // A string is left-aligned by default in a format spec, as `%-5s` is.
        let mut spec = String::new();
        if let Some(w) = width {
            if !left && w > 0 {
                spec.push('>');
            }
            spec.push_str(&w.to_string());
        }
        if let Some(p) = precision {
            spec.push_str(&format!(".{p}"));
        }
        Some(Piece::Field { conversion: c, spec: (!spec.is_empty()).then_some(spec) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(conversion: char, spec: Option<&str>) -> Piece {
        Piece::Field { conversion, spec: spec.map(String::from) }
    }

    #[test]
    fn simple_templates_become_fstrings() {
        let text = |s: &str| Piece::Text(s.into());
        assert_eq!(percent_as_fstring("%s", 1), Some(vec![field('s', None)]));
        assert_eq!(
            percent_as_fstring("a%%b %r|%-5s|%10.2a|%.s", 4),
            Some(vec![
                text("a%b "),
                field('r', None),
                text("|"),
                field('s', Some("5")),
                text("|"),
                field('a', Some(">10.2")),
                text("|"),
                field('s', Some(".0")),
            ])
        );
        assert_eq!(percent_as_fstring("%+05s", 1), Some(vec![field('s', Some(">5"))]));
        assert_eq!(percent_as_fstring("100%%", 0), Some(vec![text("100%")]));
    }

    #[test]
    fn other_templates_stay_percent_operations() {
        for (fmt, n) in [
            ("%d", 1),
            ("%s %s", 1),
            ("%s", 2),
            ("%(k)s", 1),
            ("%*s", 2),
            ("%100s", 1),
            ("%.100s", 1),
            ("%ls", 1),
            ("%", 1),
            ("%5", 1),
            ("%s %", 1),
        ] {
            assert_eq!(percent_as_fstring(fmt, n), None, "{fmt:?} with {n} items");
        }
    }
}
