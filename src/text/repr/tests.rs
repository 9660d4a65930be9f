//! repr tests; expected values generated from CPython 3.11.7 (`testgen/gen_repr.py`).
use super::*;

#[test]
fn str_and_ascii() {
    assert_eq!(str_repr(""), "''");
    assert_eq!(str_ascii(""), "''");
    assert_eq!(str_repr("abc"), "'abc'");
    assert_eq!(str_ascii("abc"), "'abc'");
    assert_eq!(str_repr("it's"), "\"it's\"");
    assert_eq!(str_ascii("it's"), "\"it's\"");
    assert_eq!(str_repr("say \"hi\""), "'say \"hi\"'");
    assert_eq!(str_ascii("say \"hi\""), "'say \"hi\"'");
    assert_eq!(str_repr("both ' and \""), "'both \\' and \"'");
    assert_eq!(str_ascii("both ' and \""), "'both \\' and \"'");
    assert_eq!(str_repr("tab\there\nnl\rcr"), "'tab\\there\\nnl\\rcr'");
    assert_eq!(str_ascii("tab\there\nnl\rcr"), "'tab\\there\\nnl\\rcr'");
    assert_eq!(str_repr("back\\slash"), "'back\\\\slash'");
    assert_eq!(str_ascii("back\\slash"), "'back\\\\slash'");
    assert_eq!(str_repr("\u{0}\u{1f}\u{7f}\u{80}\u{9f}\u{a0}\u{ad}"), "'\\x00\\x1f\\x7f\\x80\\x9f\\xa0\\xad'");
    assert_eq!(str_ascii("\u{0}\u{1f}\u{7f}\u{80}\u{9f}\u{a0}\u{ad}"), "'\\x00\\x1f\\x7f\\x80\\x9f\\xa0\\xad'");
    assert_eq!(str_repr("héllo wörld"), "'héllo wörld'");
    assert_eq!(str_ascii("héllo wörld"), "'h\\xe9llo w\\xf6rld'");
    assert_eq!(str_repr("日本語"), "'日本語'");
    assert_eq!(str_ascii("日本語"), "'\\u65e5\\u672c\\u8a9e'");
    assert_eq!(str_repr("\u{200b}\u{2028}\u{feff}"), "'\\u200b\\u2028\\ufeff'");
    assert_eq!(str_ascii("\u{200b}\u{2028}\u{feff}"), "'\\u200b\\u2028\\ufeff'");
    assert_eq!(str_repr("😀 emoji"), "'😀 emoji'");
    assert_eq!(str_ascii("😀 emoji"), "'\\U0001f600 emoji'");
    assert_eq!(str_repr("\u{e0001}"), "'\\U000e0001'");
    assert_eq!(str_ascii("\u{e0001}"), "'\\U000e0001'");
    assert_eq!(str_repr("\u{10ffff}"), "'\\U0010ffff'");
    assert_eq!(str_ascii("\u{10ffff}"), "'\\U0010ffff'");
    assert_eq!(str_repr("ÿĀ"), "'ÿĀ'");
    assert_eq!(str_ascii("ÿĀ"), "'\\xff\\u0100'");
    assert_eq!(str_repr("\u{378}"), "'\\u0378'");
    assert_eq!(str_ascii("\u{378}"), "'\\u0378'");
}

#[test]
fn bytes() {
    assert_eq!(bytes_repr(&[][..0]), "b''");
    assert_eq!(bytearray_repr(&[][..0]), "bytearray(b'')");
    assert_eq!(bytes_repr(&[97, 98, 99]), "b'abc'");
    assert_eq!(bytearray_repr(&[97, 98, 99]), "bytearray(b'abc')");
    assert_eq!(bytes_repr(&[105, 116, 39, 115]), "b\"it's\"");
    assert_eq!(bytearray_repr(&[105, 116, 39, 115]), "bytearray(b\"it\\'s\")");
    assert_eq!(bytes_repr(&[34]), "b'\"'");
    assert_eq!(bytearray_repr(&[34]), "bytearray(b'\"')");
    assert_eq!(bytes_repr(&[39, 34]), "b'\\'\"'");
    assert_eq!(bytearray_repr(&[39, 34]), "bytearray(b'\\'\"')");
    assert_eq!(bytes_repr(&[0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 91, 98, 105, 112, 119, 126, 133, 140, 147, 154, 161, 168, 175, 182, 189, 196, 203, 210, 217, 224, 231, 238, 245, 252]), "b'\\x00\\x07\\x0e\\x15\\x1c#*18?FMT[bipw~\\x85\\x8c\\x93\\x9a\\xa1\\xa8\\xaf\\xb6\\xbd\\xc4\\xcb\\xd2\\xd9\\xe0\\xe7\\xee\\xf5\\xfc'");
    assert_eq!(bytearray_repr(&[0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 91, 98, 105, 112, 119, 126, 133, 140, 147, 154, 161, 168, 175, 182, 189, 196, 203, 210, 217, 224, 231, 238, 245, 252]), "bytearray(b'\\x00\\x07\\x0e\\x15\\x1c#*18?FMT[bipw~\\x85\\x8c\\x93\\x9a\\xa1\\xa8\\xaf\\xb6\\xbd\\xc4\\xcb\\xd2\\xd9\\xe0\\xe7\\xee\\xf5\\xfc')");
    assert_eq!(bytes_repr(&[92, 9, 10, 13]), "b'\\\\\\t\\n\\r'");
    assert_eq!(bytearray_repr(&[92, 9, 10, 13]), "bytearray(b'\\\\\\t\\n\\r')");
    assert_eq!(bytes_repr(&[127, 128, 255]), "b'\\x7f\\x80\\xff'");
    assert_eq!(bytearray_repr(&[127, 128, 255]), "bytearray(b'\\x7f\\x80\\xff')");
}

#[test]
fn complex() {
    assert_eq!(complex_repr(1.0_f64, 2.0_f64), "(1+2j)");
    assert_eq!(complex_repr(0.0_f64, 2.0_f64), "2j");
    assert_eq!(complex_repr(0.0_f64, -0.0_f64), "-0j");
    assert_eq!(complex_repr(-0.0_f64, -1.0_f64), "(-0-1j)");
    assert_eq!(complex_repr(-0.0_f64, 0.0_f64), "(-0+0j)");
    assert_eq!(complex_repr(1.5_f64, -2.5_f64), "(1.5-2.5j)");
    assert_eq!(complex_repr(f64::INFINITY, f64::NAN), "(inf+nanj)");
    assert_eq!(complex_repr(0.0_f64, f64::INFINITY), "infj");
    assert_eq!(complex_repr(0.0_f64, f64::NEG_INFINITY), "-infj");
    assert_eq!(complex_repr(f64::NAN, 1.0_f64), "(nan+1j)");
    assert_eq!(complex_repr(1e+16_f64, 1e-05_f64), "(1e+16+1e-05j)");
    assert_eq!(complex_repr(-1.0_f64, 0.0_f64), "(-1+0j)");
    assert_eq!(complex_repr(0.1_f64, 0.2_f64), "(0.1+0.2j)");
}
