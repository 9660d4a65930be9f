//! Printing of arrays exactly as numpy 2 prints them with the default print options
//! (`precision=8`, `floatmode='maxprec'`, `threshold=1000`, `edgeitems=3`, `linewidth=75`):
//! a port of `numpy/_core/arrayprint.py` (`FloatingFormat`, `IntegerFormat`, `BoolFormat`,
//! `_formatArray`, `_extendLine`, `array_repr`/`array_str`), with Dragon4's digit generation
//! obtained from Rust's correctly rounded float formatting.

use std::cell::Cell;

use super::array::NdArray;
use super::dtype::{DType, Scalar};

pub struct PrintOptions {
    pub precision: usize,
    pub threshold: usize,
    pub edgeitems: usize,
    pub linewidth: usize,
    pub suppress: bool,
}

thread_local! {
    pub static OPTIONS: Cell<(usize, usize, usize, usize, bool)> = const { Cell::new((8, 1000, 3, 75, false)) };
}

pub fn options() -> PrintOptions {
    let (precision, threshold, edgeitems, linewidth, suppress) = OPTIONS.with(|o| o.get());
    PrintOptions {
        precision,
        threshold,
        edgeitems,
        linewidth,
        suppress,
    }
}

/// `str(np.float64(x))`: Python's float repr.
pub fn float_scalar_str(x: f64) -> String {
    crate::text::float_repr::float_repr(x)
}

/// Shortest round-trip digits of |x| (no leading zeros) and the decimal exponent of the first.
fn shortest_sci(x: f64) -> (String, i32) {
    let s = format!("{:e}", x.abs());
    split_sci(&s)
}

fn split_sci(s: &str) -> (String, i32) {
    let (m, e) = s.split_once('e').unwrap_or((s, "0"));
    let digits: String = m.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits, e.parse().unwrap_or(0))
}

/// Dragon4 scientific digits with `unique=True` and at most `precision` digits after the point;
/// trailing zeros trimmed.
fn sci_digits(x: f64, precision: usize) -> (String, i32) {
    let (d, e) = shortest_sci(x);
    if d.len() <= precision + 1 {
        return (d, e);
    }
    let (mut d, e) = split_sci(&format!("{:.*e}", precision, x.abs()));
    while d.len() > 1 && d.ends_with('0') {
        d.pop();
    }
    (d, e)
}

/// Dragon4 positional (`unique=True`, `fractional=True`, at most `precision` fraction digits,
/// trailing zeros trimmed): (integer part with sign, fraction digits).
fn pos_parts(x: f64, precision: usize) -> (String, String) {
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let (d, e) = shortest_sci(x);
    let need = (d.len() as i32 - 1 - e).max(0) as usize;
    let (ip, fp) = if need <= precision {
        if e >= 0 {
            let e = e as usize;
            if d.len() > e + 1 {
                (d[..e + 1].to_string(), d[e + 1..].to_string())
            } else {
                (
                    format!("{}{}", d, "0".repeat(e + 1 - d.len())),
                    String::new(),
                )
            }
        } else {
            (
                "0".to_string(),
                format!("{}{}", "0".repeat((-e - 1) as usize), d),
            )
        }
    } else {
        let s = format!("{:.*}", precision, x.abs());
        let (i, f) = s.split_once('.').unwrap_or((&s, ""));
        (i.to_string(), f.trim_end_matches('0').to_string())
    };
    (format!("{sign}{ip}"), fp)
}

#[derive(Clone, Debug)]
pub struct FloatFormat {
    exp: bool,
    precision: usize,
    pad_left: usize,
    pad_right: usize,
    exp_size: usize,
}

impl FloatFormat {
    pub fn new(data: &[f64], opts: &PrintOptions) -> FloatFormat {
        let mut f = FloatFormat {
            exp: false,
            precision: opts.precision,
            pad_left: 0,
            pad_right: 0,
            exp_size: 0,
        };
        let finite: Vec<f64> = data.iter().copied().filter(|x| x.is_finite()).collect();
        let nz: Vec<f64> = finite
            .iter()
            .filter(|&&x| x != 0.0)
            .map(|x| x.abs())
            .collect();
        if !nz.is_empty() {
            let max = nz.iter().copied().fold(f64::MIN, f64::max);
            let min = nz.iter().copied().fold(f64::MAX, f64::min);
            if max >= 1e8 || (!opts.suppress && (min < 0.0001 || max / min > 1000.0)) {
                f.exp = true;
            }
        }
        if finite.is_empty() {
            f.pad_left = 0;
            f.pad_right = 0;
        } else if f.exp {
            let mut prec = 0;
            let mut pad_left = 0;
            let mut exp_size = 0;
            for &x in &finite {
                let (d, e) = sci_digits(x, opts.precision);
                prec = prec.max(d.len() - 1);
                pad_left = pad_left.max(1 + x.is_sign_negative() as usize);
                exp_size = exp_size.max(format!("{:02}", e.unsigned_abs()).len());
            }
            f.precision = prec;
            f.pad_left = pad_left;
            f.exp_size = exp_size;
            f.pad_right = exp_size + 2 + prec;
        } else {
            for &x in &finite {
                let (i, fr) = pos_parts(x, opts.precision);
                f.pad_left = f.pad_left.max(i.len());
                f.pad_right = f.pad_right.max(fr.len());
            }
        }
        if finite.len() != data.len() {
            let neginf = data.iter().any(|x| x.is_infinite() && *x < 0.0) as usize;
            let offset = f.pad_right + 1;
            f.pad_left = f
                .pad_left
                .max(3usize.saturating_sub(offset))
                .max((3 + neginf).saturating_sub(offset));
        }
        f
    }

    pub fn format(&self, x: f64) -> String {
        if !x.is_finite() {
            let ret = if x.is_nan() {
                "nan"
            } else if x < 0.0 {
                "-inf"
            } else {
                "inf"
            };
            let w = self.pad_left + self.pad_right + 1;
            return format!("{}{}", " ".repeat(w.saturating_sub(ret.len())), ret);
        }
        if self.exp {
            let (d, e) = sci_digits(x, self.precision);
            let sign = if x.is_sign_negative() { "-" } else { "" };
            let mut frac = d[1..].to_string();
            while frac.len() < self.precision {
                frac.push('0');
            }
            let ip = format!("{sign}{}", &d[..1]);
            let es = if e < 0 { '-' } else { '+' };
            let ed = format!("{:0w$}", e.unsigned_abs(), w = self.exp_size.max(2));
            format!(
                "{}{ip}.{frac}e{es}{ed}",
                " ".repeat(self.pad_left.saturating_sub(ip.len()))
            )
        } else {
            let (ip, fp) = pos_parts(x, self.precision);
            format!(
                "{}{ip}.{fp}{}",
                " ".repeat(self.pad_left.saturating_sub(ip.len())),
                " ".repeat(self.pad_right.saturating_sub(fp.len()))
            )
        }
    }
}

enum Fmt {
    Float(FloatFormat),
    Int(usize),
    Bool(bool),
}

impl Fmt {
    fn new(a: &NdArray, data: &[Scalar], opts: &PrintOptions) -> Fmt {
        match a.dtype {
            DType::Float64 => {
                let v: Vec<f64> = data.iter().map(|s| s.as_f64()).collect();
                Fmt::Float(FloatFormat::new(&v, opts))
            }
            DType::Int64 => {
                let mut w = 0;
                if !data.is_empty() {
                    let mx = data.iter().map(|s| s.as_i64()).max().unwrap_or(0);
                    let mn = data.iter().map(|s| s.as_i64()).min().unwrap_or(0);
                    w = mx.to_string().len().max(mn.to_string().len());
                }
                Fmt::Int(w)
            }
            DType::Bool => Fmt::Bool(a.ndim() > 0),
        }
    }
    fn format(&self, s: Scalar) -> String {
        match self {
            Fmt::Float(f) => f.format(s.as_f64()),
            Fmt::Int(w) => format!("{:>w$}", s.as_i64(), w = *w),
            Fmt::Bool(pad) => match (s.as_bool(), pad) {
                (true, true) => " True".into(),
                (true, false) => "True".into(),
                (false, _) => "False".into(),
            },
        }
    }
}

/// The elements numpy uses to choose a format when summarising (edge items of every axis).
fn leading_trailing(a: &NdArray, edge: usize, idx: &mut Vec<usize>, out: &mut Vec<Scalar>) {
    let axis = idx.len();
    if axis == a.ndim() {
        out.push(a.get(a.offset_of(idx)));
        return;
    }
    let n = a.shape[axis];
    let items: Vec<usize> = if n > 2 * edge {
        (0..edge).chain(n - edge..n).collect()
    } else {
        (0..n).collect()
    };
    for i in items {
        idx.push(i);
        leading_trailing(a, edge, idx, out);
        idx.pop();
    }
}

fn extend_line(s: &mut String, line: &mut String, word: &str, width: usize, next_prefix: &str) {
    let mut needs_wrap = line.len() + word.len() > width;
    if line.len() <= next_prefix.len() {
        needs_wrap = false;
    }
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = next_prefix.to_string();
    }
    line.push_str(word);
}

struct Ctx<'a> {
    a: &'a NdArray,
    fmt: Fmt,
    sep: &'a str,
    edge: usize,
    summary: bool,
}

fn recurse(c: &Ctx, idx: &mut Vec<usize>, hanging: &str, curr_width: usize) -> String {
    let a = c.a;
    let axis = idx.len();
    let axes_left = a.ndim() - axis;
    if axes_left == 0 {
        return c.fmt.format(a.get(a.offset_of(idx)));
    }
    let next_hanging = format!("{hanging} ");
    let next_width = curr_width.saturating_sub(1);
    let a_len = a.shape[axis];
    let show_summary = c.summary && 2 * c.edge < a_len;
    let (leading, trailing) = if show_summary {
        (c.edge, c.edge)
    } else {
        (0, a_len)
    };
    let mut s = String::new();
    let sub = |i: usize, idx: &mut Vec<usize>| {
        idx.push(i);
        let r = recurse(c, idx, &next_hanging, next_width);
        idx.pop();
        r
    };
    if axes_left == 1 {
        let elem_width = curr_width.saturating_sub(c.sep.trim_end().len().max(1));
        let mut line = hanging.to_string();
        for i in 0..leading {
            let w = sub(i, idx);
            extend_line(&mut s, &mut line, &w, elem_width, hanging);
            line.push_str(c.sep);
        }
        if show_summary {
            extend_line(&mut s, &mut line, "...", elem_width, hanging);
            line.push_str(c.sep);
        }
        for i in (2..=trailing).rev() {
            let w = sub(a_len - i, idx);
            extend_line(&mut s, &mut line, &w, elem_width, hanging);
            line.push_str(c.sep);
        }
        let w = sub(a_len - 1, idx);
        extend_line(&mut s, &mut line, &w, elem_width, hanging);
        s.push_str(&line);
    } else {
        let line_sep = format!("{}{}", c.sep.trim_end(), "\n".repeat(axes_left - 1));
        for i in 0..leading {
            let n = sub(i, idx);
            s.push_str(hanging);
            s.push_str(&n);
            s.push_str(&line_sep);
        }
        if show_summary {
            s.push_str(hanging);
            s.push_str("...");
            s.push_str(&line_sep);
        }
        for i in (2..=trailing).rev() {
            let n = sub(a_len - i, idx);
            s.push_str(hanging);
            s.push_str(&n);
            s.push_str(&line_sep);
        }
        let n = sub(a_len - 1, idx);
        s.push_str(hanging);
        s.push_str(&n);
    }
    format!("[{}]", &s[hanging.len().min(s.len())..])
}

/// `np.array2string(a, separator=sep, prefix=prefix)` with a line width.
pub fn array2string(a: &NdArray, sep: &str, prefix: &str, linewidth: usize) -> String {
    if a.size() == 0 {
        return "[]".into();
    }
    let opts = options();
    let summary = a.size() > opts.threshold;
    let data = if summary {
        let mut v = Vec::new();
        leading_trailing(a, opts.edgeitems, &mut Vec::new(), &mut v);
        v
    } else {
        a.to_scalars()
    };
    let fmt = Fmt::new(a, &data, &opts);
    let ctx = Ctx {
        a,
        fmt,
        sep,
        edge: opts.edgeitems,
        summary,
    };
    let next_prefix = format!(" {}", " ".repeat(prefix.len()));
    recurse(&ctx, &mut Vec::new(), &next_prefix, linewidth)
}

pub fn shape_repr(shape: &[usize]) -> String {
    match shape.len() {
        1 => format!("({},)", shape[0]),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `repr(a)`.
pub fn array_repr(a: &NdArray) -> String {
    let opts = options();
    let prefix = "array(";
    let lst = array2string(a, ", ", prefix, opts.linewidth.saturating_sub(1));
    let mut extras = Vec::new();
    if (a.size() == 0 && a.shape != [0]) || a.size() > opts.threshold {
        extras.push(format!("shape={}", shape_repr(&a.shape)));
    }
    if a.size() == 0 {
        extras.push(format!("dtype={}", a.dtype.name()));
    }
    if extras.is_empty() {
        return format!("{prefix}{lst})");
    }
    let arr_str = format!("{prefix}{lst},");
    let extra = format!("{})", extras.join(", "));
    let last_line_len = arr_str.len() - arr_str.rfind('\n').map_or(0, |p| p + 1);
    let spacer = if last_line_len + extra.len() + 1 > opts.linewidth {
        format!("\n{}", " ".repeat(prefix.len()))
    } else {
        " ".to_string()
    };
    format!("{arr_str}{spacer}{extra}")
}

/// `str(a)` (0-d arrays print as their scalar).
pub fn array_str(a: &NdArray) -> String {
    if a.ndim() == 0 {
        return scalar_str(a.first());
    }
    array2string(a, " ", "", options().linewidth)
}

pub fn scalar_str(s: Scalar) -> String {
    match s {
        Scalar::B(b) => if b { "True" } else { "False" }.into(),
        Scalar::I(i) => i.to_string(),
        Scalar::F(f) => float_scalar_str(f),
    }
}

pub fn scalar_repr(s: Scalar) -> String {
    match s {
        Scalar::B(b) => if b { "np.True_" } else { "np.False_" }.into(),
        Scalar::I(i) => format!("np.int64({i})"),
        Scalar::F(f) => format!("np.float64({})", float_scalar_str(f)),
    }
}
