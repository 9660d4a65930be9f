//! "Did you mean" suggestions for NameError and AttributeError, CPython 3.11's algorithm
//! (Python/suggestions.c): a Levenshtein distance with case-insensitive matches costing less,
//! limited to a third of the characters involved.

use crate::runtime::value::Value;

use super::Vm;

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if (a & 31) != (b & 31) {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

fn levenshtein<'a>(mut a: &'a [u8], mut b: &'a [u8], max_cost: usize) -> usize {
    while !a.is_empty() && !b.is_empty() && a[0] == b[0] {
        a = &a[1..];
        b = &b[1..];
    }
    while !a.is_empty() && !b.is_empty() && a[a.len() - 1] == b[b.len() - 1] {
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (0..a.len()).map(|i| (i + 1) * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = buffer[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The closest candidate to `name`, if any is close enough.
pub fn best_match<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<&str> = None;
    let mut best_distance = usize::MAX;
    for (n, item) in candidates.enumerate() {
        if n >= MAX_CANDIDATE_ITEMS {
            return None;
        }
        if item == name {
            continue;
        }
        let max_distance = (name.len() + item.len() + 3) * MOVE_COST / 6;
        let max_distance = max_distance.min(best_distance.saturating_sub(1));
        let d = levenshtein(name.as_bytes(), item.as_bytes(), max_distance);
        if d > max_distance {
            continue;
        }
        if best.is_none() || d < best_distance {
            best = Some(item);
            best_distance = d;
        }
    }
    best.map(|s| s.to_string())
}

impl Vm {
    /// Suggestion for an AttributeError on `obj` (candidates: `dir(obj)`).
    pub fn attribute_suggestion(&mut self, obj: &Value, name: &str) -> Option<String> {
        let names = self.dir_of(obj).ok()?;
        if names.len() > MAX_CANDIDATE_ITEMS {
            return None;
        }
        let strs: Vec<String> = names
            .iter()
            .filter_map(|v| v.as_pystr().map(|s| s.as_str().to_string()))
            .collect();
        best_match(name, strs.iter().map(|s| s.as_str()))
    }

    /// Suggestion for a NameError: the frame's locals, then globals, then builtins.
    pub fn name_suggestion(
        &mut self,
        locals: &[String],
        globals: &crate::runtime::dict::PyDict,
        name: &str,
    ) -> Option<String> {
        if locals.len() <= MAX_CANDIDATE_ITEMS {
            if let Some(s) = best_match(name, locals.iter().map(|s| s.as_str())) {
                return Some(s);
            }
        }
        for d in [globals, &*self.builtins.clone()] {
            let keys: Vec<String> = d
                .map
                .borrow()
                .keys()
                .iter()
                .filter_map(|v| v.as_pystr().map(|s| s.as_str().to_string()))
                .collect();
            if keys.len() > MAX_CANDIDATE_ITEMS {
                continue;
            }
            if let Some(s) = best_match(name, keys.iter().map(|s| s.as_str())) {
                return Some(s);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpython_examples() {
        // Expected values from CPython 3.11 tracebacks.
        assert_eq!(
            best_match("vaule", ["value", "next"].into_iter()).as_deref(),
            Some("value")
        );
        assert_eq!(
            best_match("pritn", ["print", "input"].into_iter()).as_deref(),
            Some("print")
        );
        assert_eq!(best_match("x", ["y", "abc"].into_iter()), None);
        assert_eq!(
            best_match("Lenght", ["length"].into_iter()).as_deref(),
            Some("length")
        );
    }
}
