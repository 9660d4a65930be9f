//! The anchor kernels' loops written in the IR (`jit/kernels/*.nj`) give the checksums of
//! `../shared/anchors/expected.txt` at the small sizes, and match the reference evaluator
//! bit for bit (scalar results and whole result arrays).

mod common;
use common::*;
use numjit_jit::*;

/// Small-size checksums from /work/shared/anchors/expected.txt (CPython 3.11).
const EXPECTED: &[(&str, i64, f64)] = &[
    ("floatsum", 100000, 2.4999750000e+09),
    ("dot", 100000, 1.6666666665e+04),
    ("matmul", 30, -2.1107000000e+04),
    ("mandelbrot", 60, 172574.0),
    ("nbody", 20, -4.1539136738e-01),
    ("sieve", 100000, 9592.0),
    ("lee_filter", 60, 1.8839197190e+05),
    ("fib", 20, 6765.0),
];

fn expected(name: &str) -> (i64, f64) {
    let &(_, n, v) = EXPECTED.iter().find(|e| e.0 == name).unwrap();
    // Cross-check against the shared file when it is present.
    if let Ok(txt) = std::fs::read_to_string("/work/shared/anchors/expected.txt") {
        let line = txt
            .lines()
            .find(|l| l.split_whitespace().take(2).eq([name, &n.to_string()]))
            .expect("kernel listed in expected.txt");
        let file_v: f64 = line.split_whitespace().nth(2).unwrap().parse().unwrap();
        assert_eq!(
            file_v, v,
            "{name}: embedded checksum differs from expected.txt"
        );
    }
    (n, v)
}

fn close(got: f64, want: f64) -> bool {
    // run_all.sh's rule: equal, or within 1e-9 relative.
    got == want || (got - want).abs() <= 1e-9 * want.abs()
}

fn kernel(file: &str) -> (Module, Compiled) {
    let path = format!("{}/kernels/{file}.nj", env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(path).unwrap();
    let m = parse_module(&src).unwrap();
    let c = compile(&m, &Options::default()).unwrap();
    (m, c)
}

fn lcg(state: &mut i64) -> f64 {
    *state = (state.wrapping_mul(1103515245) + 12345) & 2147483647;
    *state as f64 / 2147483648.0
}

#[test]
fn floatsum() {
    let (n, want) = expected("floatsum");
    let (m, c) = kernel("floatsum");
    let got = c
        .call("floatsum", &[Arg::I64(n)], &mut VecRuntime::new())
        .unwrap()[0];
    assert!(close(got.as_f64().unwrap(), want), "{got:?}");
    check_scalar(&c, &m, "floatsum", &[EV::I(n)]);
}

#[test]
fn fib() {
    let (n, want) = expected("fib");
    let (m, c) = kernel("fib");
    let got = c
        .call("fib", &[Arg::I64(n)], &mut VecRuntime::new())
        .unwrap()[0];
    assert_eq!(got, Value::I64(want as i64));
    check_scalar(&c, &m, "fib", &[EV::I(n)]);
}

#[test]
fn sieve() {
    let (n, want) = expected("sieve");
    let (m, c) = kernel("sieve");
    let mut rt = VecRuntime::new();
    let got = c.call("sieve", &[Arg::I64(n)], &mut rt).unwrap()[0];
    assert_eq!(got, Value::I64(want as i64));
    assert_eq!(rt.len(), 1, "one array allocated through the host callback");
    check_scalar(&c, &m, "sieve", &[EV::I(n)]);
}

#[test]
fn dot() {
    let (n, want) = expected("dot");
    let (m, c) = kernel("dot");
    let inv = 1.0 / n as f64;
    let mut a: Vec<f64> = (0..n).map(|i| i as f64 * inv).collect();
    let mut b: Vec<f64> = a.iter().map(|x| 1.0 - x).collect();
    let mut ev = Eval::new(&m);
    ev.arrays.push(EArr::from_f64(&a, &[n]));
    ev.arrays.push(EArr::from_f64(&b, &[n]));
    let reference = ev.call("dot", &[EV::A(0), EV::A(1)]).unwrap()[0];
    let av = ArrayView::contiguous(&mut a, &[n as usize]).unwrap();
    let bv = ArrayView::contiguous(&mut b, &[n as usize]).unwrap();
    let got = c
        .call(
            "dot",
            &[Arg::Array(&av), Arg::Array(&bv)],
            &mut VecRuntime::new(),
        )
        .unwrap()[0];
    assert!(close(got.as_f64().unwrap(), want), "{got:?}");
    assert!(same(&got, &reference));
}

#[test]
fn matmul() {
    let (n, want) = expected("matmul");
    let (m, c) = kernel("matmul");
    let nn = n as usize;
    let mut a = vec![0.0; nn * nn];
    let mut b = vec![0.0; nn * nn];
    for i in 0..n {
        for j in 0..n {
            a[(i * n + j) as usize] = ((3 * i + 5 * j + i * j) % 9) as f64 - 4.0;
            b[(i * n + j) as usize] = ((7 * i + 2 * j + i * j) % 11) as f64 - 5.0;
        }
    }
    let mut ev = Eval::new(&m);
    ev.arrays.push(EArr::from_f64(&a, &[n, n]));
    ev.arrays.push(EArr::from_f64(&b, &[n, n]));
    let EV::A(r) = ev.call("matmul", &[EV::A(0), EV::A(1)]).unwrap()[0] else {
        panic!()
    };
    let reference: Vec<f64> = ev.arrays[r]
        .elements()
        .into_iter()
        .map(f64::from_bits)
        .collect();
    let av = ArrayView::contiguous(&mut a, &[nn, nn]).unwrap();
    let bv = ArrayView::contiguous(&mut b, &[nn, nn]).unwrap();
    let mut rt = VecRuntime::new();
    let Value::Array(out) = c
        .call("matmul", &[Arg::Array(&av), Arg::Array(&bv)], &mut rt)
        .unwrap()[0]
    else {
        panic!()
    };
    assert_eq!(rt.get(out).unwrap().shape(), &[n, n]);
    let cm = rt.to_f64_vec(out).unwrap();
    assert_eq!(
        cm.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
        reference.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
    );
    let mut chk = 0.0;
    for i in 0..n {
        for j in 0..n {
            chk += cm[(i * n + j) as usize] * (((7 * i + 3 * j) % 11 + 1) as f64);
        }
    }
    assert!(close(chk, want), "{chk}");
}

#[test]
fn mandelbrot() {
    let (size, want) = expected("mandelbrot");
    let (m, c) = kernel("mandelbrot");
    let mut rt = VecRuntime::new();
    let args = [Arg::I64(size), Arg::I64(size), Arg::I64(255)];
    let Value::Array(out) = c.call("mandelbrot", &args, &mut rt).unwrap()[0] else {
        panic!()
    };
    let counts = rt.to_i64_vec(out).unwrap();
    assert_eq!(counts.iter().sum::<i64>(), want as i64);
    let mut ev = Eval::new(&m);
    let EV::A(r) = ev
        .call("mandelbrot", &[EV::I(size), EV::I(size), EV::I(255)])
        .unwrap()[0]
    else {
        panic!()
    };
    let reference: Vec<i64> = ev.arrays[r]
        .elements()
        .into_iter()
        .map(|b| b as i64)
        .collect();
    assert_eq!(counts, reference);
}

#[test]
fn nbody() {
    let (steps, want) = expected("nbody");
    let (m, c) = kernel("nbody");
    let n = 32usize;
    let (mut pos, mut vel, mut mass) = (vec![0.0; n * 3], vec![0.0; n * 3], vec![0.0; n]);
    let mut state = 12345i64;
    for i in 0..n {
        for d in 0..3 {
            pos[i * 3 + d] = 2.0 * lcg(&mut state) - 1.0;
            vel[i * 3 + d] = 0.1 * lcg(&mut state) - 0.05;
        }
        mass[i] = (0.5 + lcg(&mut state)) / n as f64;
    }
    let mut ev = Eval::new(&m);
    ev.arrays.push(EArr::from_f64(&pos, &[n as i64, 3]));
    ev.arrays.push(EArr::from_f64(&vel, &[n as i64, 3]));
    ev.arrays.push(EArr::from_f64(&mass, &[n as i64]));
    let reference = ev
        .call(
            "nbody",
            &[EV::A(0), EV::A(1), EV::A(2), EV::I(steps), EV::F(0.001)],
        )
        .unwrap()[0];
    let pv = ArrayView::contiguous(&mut pos, &[n, 3]).unwrap();
    let vv = ArrayView::contiguous(&mut vel, &[n, 3]).unwrap();
    let mv = ArrayView::contiguous(&mut mass, &[n]).unwrap();
    let args = [
        Arg::Array(&pv),
        Arg::Array(&vv),
        Arg::Array(&mv),
        Arg::I64(steps),
        Arg::F64(0.001),
    ];
    let got = c.call("nbody", &args, &mut VecRuntime::new()).unwrap()[0];
    assert!(close(got.as_f64().unwrap(), want), "{got:?} vs {want}");
    assert!(same(&got, &reference));
}

/// The synthetic speckled image of lee_filter.py.
pub fn lee_image(size: usize) -> Vec<f64> {
    let mut img = vec![0.0; size * size];
    let mut state = 2024i64;
    for y in 0..size {
        for x in 0..size {
            let u = lcg(&mut state);
            let mut base = 40.0;
            if ((y / 32) + (x / 32)) % 2 == 1 {
                base = 100.0;
            }
            if y % 61 == 7 && x % 53 == 11 {
                base = 2000.0;
            }
            img[y * size + x] = base * (0.25 + 1.5 * u * u);
        }
    }
    img
}

#[test]
fn lee_filter() {
    let (size, want) = expected("lee_filter");
    let (m, c) = kernel("lee_filter");
    let s = size as usize;
    let mut img = lee_image(s);
    let mut ev = Eval::new(&m);
    ev.arrays.push(EArr::from_f64(&img, &[size, size]));
    let EV::A(r) = ev
        .call("enhanced_lee", &[EV::A(0), EV::F(4.0), EV::F(1.0)])
        .unwrap()[0]
    else {
        panic!()
    };
    let reference: Vec<u64> = ev.arrays[r].elements();
    let iv = ArrayView::contiguous(&mut img, &[s, s]).unwrap();
    let mut rt = VecRuntime::new();
    let args = [Arg::Array(&iv), Arg::F64(4.0), Arg::F64(1.0)];
    let Value::Array(out) = c.call("enhanced_lee", &args, &mut rt).unwrap()[0] else {
        panic!()
    };
    let o = rt.to_f64_vec(out).unwrap();
    assert_eq!(o.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), reference);
    let chk: f64 = o.iter().sum();
    assert!(close(chk, want), "{chk} vs {want}");
}
