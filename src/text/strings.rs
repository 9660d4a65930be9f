//! `str` methods on Rust `&str` with Python's semantics: indices are code
//! point indices (negative indices and out-of-range clamping as CPython's
//! `ADJUST_INDICES`), whitespace is Python's `isspace`, and the empty-substring
//! rules of `find`/`count`/`replace`/`startswith` match CPython 3.11.

use super::case::is_space;
use super::{check_alloc, TextError, TextResult};

/// Number of code points (Python's `len(s)`).
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Byte offset of code point `idx` (clamped to the end).
fn byte_at(s: &str, idx: usize) -> usize {
    if s.is_ascii() {
        return idx.min(s.len());
    }
    s.char_indices().nth(idx).map_or(s.len(), |(b, _)| b)
}

/// CPython's `ADJUST_INDICES`: `None` means "from the start"/"to the end",
/// negatives count from the end, results are clamped at 0 and `end <= len`.
/// `start` may exceed `len` (callers rely on that for the empty-string rules).
fn adjust(start: Option<i64>, end: Option<i64>, len: usize) -> (i64, i64) {
    let len = len as i64;
    let mut end = end.unwrap_or(len);
    if end > len {
        end = len;
    } else if end < 0 {
        end = (end + len).max(0);
    }
    let mut start = start.unwrap_or(0);
    if start < 0 {
        start = (start + len).max(0);
    }
    (start, end)
}

/// Resolves `[start:end]` to a byte range, or `None` when `sub_len` cannot
/// fit (`end - start < sub_len`).
fn window(
    s: &str,
    start: Option<i64>,
    end: Option<i64>,
    sub_len: usize,
) -> Option<(usize, usize, i64)> {
    let (start, end) = adjust(start, end, char_len(s));
    if end - start < sub_len as i64 {
        return None;
    }
    let bs = byte_at(s, start as usize);
    let be = byte_at(s, end as usize);
    Some((bs, be, start))
}

/// `s.find(sub, start, end)`: code-point index or -1.
pub fn find(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    let Some((bs, be, cstart)) = window(s, start, end, char_len(sub)) else {
        return -1;
    };
    match s[bs..be].find(sub) {
        Some(p) => cstart + char_len(&s[bs..bs + p]) as i64,
        None => -1,
    }
}

/// `s.rfind(sub, start, end)`: code-point index or -1.
pub fn rfind(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    let Some((bs, be, cstart)) = window(s, start, end, char_len(sub)) else {
        return -1;
    };
    match s[bs..be].rfind(sub) {
        Some(p) => cstart + char_len(&s[bs..bs + p]) as i64,
        None => -1,
    }
}

/// `s.index(sub, start, end)`; `ValueError("substring not found")`.
pub fn index(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> TextResult<i64> {
    match find(s, sub, start, end) {
        -1 => Err(TextError::value("substring not found")),
        i => Ok(i),
    }
}

/// `s.rindex(sub, start, end)`; `ValueError("substring not found")`.
pub fn rindex(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> TextResult<i64> {
    match rfind(s, sub, start, end) {
        -1 => Err(TextError::value("substring not found")),
        i => Ok(i),
    }
}

/// `s.count(sub, start, end)`: non-overlapping occurrences; an empty `sub`
/// counts `end - start + 1` positions.
pub fn count(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    let Some((bs, be, _)) = window(s, start, end, char_len(sub)) else {
        return 0;
    };
    let hay = &s[bs..be];
    if sub.is_empty() {
        return char_len(hay) as i64 + 1;
    }
    hay.matches(sub).count() as i64
}

/// `s.startswith(prefix, start, end)` for one prefix (the VM loops over
/// tuples).
pub fn startswith(s: &str, prefix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    let len = char_len(s);
    let (start, end) = adjust(start, end, len);
    let plen = char_len(prefix) as i64;
    if end - plen < start {
        return false;
    }
    let bs = byte_at(s, start as usize);
    let be = byte_at(s, end as usize);
    s[bs..be].starts_with(prefix)
}

/// `s.endswith(suffix, start, end)` for one suffix.
pub fn endswith(s: &str, suffix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    let len = char_len(s);
    let (start, end) = adjust(start, end, len);
    let plen = char_len(suffix) as i64;
    if end - plen < start {
        return false;
    }
    let bs = byte_at(s, start as usize);
    let be = byte_at(s, end as usize);
    s[bs..be].ends_with(suffix)
}

/// `s.replace(old, new, count)`; `count < 0` replaces all.  An empty `old`
/// inserts `new` before every character and at the end (up to `count`
/// times).  `MemoryError` if the result would be absurdly large.
pub fn replace(s: &str, old: &str, new: &str, count: i64) -> TextResult<String> {
    let max = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    let occurrences = if old.is_empty() {
        (char_len(s) + 1).min(max)
    } else {
        s.matches(old).take(max).count()
    };
    let new_len = char_len(new);
    let old_len = char_len(old);
    if new_len > old_len {
        let grow = occurrences.saturating_mul(new_len - old_len);
        check_alloc(char_len(s).saturating_add(grow))?;
    }
    Ok(s.replacen(old, new, occurrences))
}

/// `s.split(sep, maxsplit)`; `maxsplit < 0` means no limit.  `sep = None`
/// splits on runs of whitespace and drops empty strings.
/// `ValueError("empty separator")` for `sep == Some("")`.
pub fn split<'a>(s: &'a str, sep: Option<&str>, maxsplit: i64) -> TextResult<Vec<&'a str>> {
    let max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    match sep {
        Some("") => Err(TextError::value("empty separator")),
        Some(sep) => Ok(s.splitn(max.saturating_add(1), sep).collect()),
        None => Ok(split_whitespace(s, max)),
    }
}

fn split_whitespace(s: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    let mut splits = 0;
    loop {
        rest = rest.trim_start_matches(is_space);
        if rest.is_empty() {
            break;
        }
        if splits == max {
            // Limit reached: the remainder (without leading space) is kept.
            out.push(rest);
            break;
        }
        let end = rest.find(is_space).unwrap_or(rest.len());
        out.push(&rest[..end]);
        rest = &rest[end..];
        splits += 1;
    }
    out
}

/// `s.rsplit(sep, maxsplit)`: like [`split`] but splitting from the right.
pub fn rsplit<'a>(s: &'a str, sep: Option<&str>, maxsplit: i64) -> TextResult<Vec<&'a str>> {
    let max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    match sep {
        Some("") => Err(TextError::value("empty separator")),
        Some(sep) => {
            let mut v: Vec<&str> = s.rsplitn(max.saturating_add(1), sep).collect();
            v.reverse();
            Ok(v)
        }
        None => {
            let mut out = Vec::new();
            let mut rest = s;
            let mut splits = 0;
            loop {
                rest = rest.trim_end_matches(is_space);
                if rest.is_empty() {
                    break;
                }
                if splits == max {
                    out.push(rest);
                    break;
                }
                let start = rest
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| is_space(c))
                    .map_or(0, |(i, c)| i + c.len_utf8());
                out.push(&rest[start..]);
                rest = &rest[..start];
                splits += 1;
            }
            out.reverse();
            Ok(out)
        }
    }
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `s.splitlines(keepends)`: splits on `\n \r \r\n \v \f \x1c \x1d \x1e
/// \x85 \u2028 \u2029`.
pub fn splitlines(s: &str, keepends: bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_line_break(c) {
            continue;
        }
        let mut eol = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(_, '\n')) = it.peek() {
                it.next();
                eol += 1;
            }
        }
        out.push(if keepends {
            &s[start..eol]
        } else {
            &s[start..i]
        });
        start = eol;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// `s.strip(chars)`: `None` strips Python whitespace.
pub fn strip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    rstrip(lstrip(s, chars), chars)
}

/// `s.lstrip(chars)`.
pub fn lstrip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    match chars {
        None => s.trim_start_matches(is_space),
        Some(set) => s.trim_start_matches(|c| set.contains(c)),
    }
}

/// `s.rstrip(chars)`.
pub fn rstrip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    match chars {
        None => s.trim_end_matches(is_space),
        Some(set) => s.trim_end_matches(|c| set.contains(c)),
    }
}

/// `s.partition(sep)`; `ValueError("empty separator")`.
pub fn partition<'a>(s: &'a str, sep: &str) -> TextResult<(&'a str, &'a str, &'a str)> {
    if sep.is_empty() {
        return Err(TextError::value("empty separator"));
    }
    Ok(match s.find(sep) {
        Some(i) => (&s[..i], &s[i..i + sep.len()], &s[i + sep.len()..]),
        None => (s, "", ""),
    })
}

/// `s.rpartition(sep)`; `ValueError("empty separator")`.
pub fn rpartition<'a>(s: &'a str, sep: &str) -> TextResult<(&'a str, &'a str, &'a str)> {
    if sep.is_empty() {
        return Err(TextError::value("empty separator"));
    }
    Ok(match s.rfind(sep) {
        Some(i) => (&s[..i], &s[i..i + sep.len()], &s[i + sep.len()..]),
        None => ("", "", s),
    })
}

fn pad(s: &str, left: usize, right: usize, fill: char) -> TextResult<String> {
    check_alloc(left.saturating_add(right).saturating_add(s.len()))?;
    let mut out = String::with_capacity(s.len() + (left + right) * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    Ok(out)
}

/// Padding needed to reach `width` (0 if already wide enough).
fn margin(s: &str, width: i64) -> usize {
    (width - char_len(s) as i64).max(0) as usize
}

/// `s.center(width, fillchar)`, with CPython's odd-width bias
/// (`left = marg / 2 + (marg & width & 1)`).  `MemoryError` for absurd widths.
pub fn center(s: &str, width: i64, fill: char) -> TextResult<String> {
    let marg = margin(s, width);
    if marg == 0 {
        return Ok(s.to_string());
    }
    let left = marg / 2 + (marg & (width as usize) & 1);
    pad(s, left, marg - left, fill)
}

/// `s.ljust(width, fillchar)`.
pub fn ljust(s: &str, width: i64, fill: char) -> TextResult<String> {
    pad(s, 0, margin(s, width), fill)
}

/// `s.rjust(width, fillchar)`.
pub fn rjust(s: &str, width: i64, fill: char) -> TextResult<String> {
    pad(s, margin(s, width), 0, fill)
}

/// `s.zfill(width)`: zero padding after a leading sign.
pub fn zfill(s: &str, width: i64) -> TextResult<String> {
    let fill = margin(s, width);
    let mut out = pad(s, fill, 0, '0')?;
    if fill > 0 && matches!(s.chars().next(), Some('+' | '-')) {
        // Move the sign to the front: "000-42" -> "-00042".
        let sign = out.remove(fill);
        out.insert(0, sign);
    }
    Ok(out)
}

/// `s.expandtabs(tabsize)`: columns reset at `\n` and `\r`; a tab size <= 0
/// removes tabs.  `MemoryError` for absurd results.
pub fn expandtabs(s: &str, tabsize: i64) -> TextResult<String> {
    let mut out = String::with_capacity(s.len());
    let mut column: usize = 0;
    let mut total: usize = 0;
    for c in s.chars() {
        if c == '\t' {
            if tabsize > 0 {
                let ts = usize::try_from(tabsize).unwrap_or(usize::MAX);
                let incr = ts - column % ts;
                column = column.saturating_add(incr);
                total = total.saturating_add(incr);
                check_alloc(total)?;
                out.extend(std::iter::repeat_n(' ', incr));
            }
        } else {
            column += 1;
            total += 1;
            if c == '\n' || c == '\r' {
                column = 0;
            }
            out.push(c);
        }
    }
    Ok(out)
}

#[cfg(test)]
#[rustfmt::skip]
mod tests;
