//! Golden tests for the disassembler: every `tests/golden/dis/*.py` is compiled and
//! disassembled, and the result compared with the `.dis` file beside it. Set `NUMJIT_BLESS=1`
//! to regenerate the expected files (review the diff by eye: these come from numjit itself).

use std::path::Path;

use numjit::compiler::{compile, dis::disassemble, Mode};

#[test]
fn golden_dis() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/dis");
    let bless = std::env::var_os("NUMJIT_BLESS").is_some();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/golden/dis")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    entries.sort();
    assert!(
        !entries.is_empty(),
        "no golden sources in {}",
        dir.display()
    );
    let mut failures = Vec::new();
    for py in entries {
        let src = std::fs::read_to_string(&py).expect("read source");
        let name = py.file_name().and_then(|n| n.to_str()).unwrap_or("x.py");
        let got = match compile(&src, name, Mode::Exec) {
            Ok(code) => disassemble(&code),
            Err(e) => e.render(),
        };
        let expected_path = py.with_extension("dis");
        if bless {
            std::fs::write(&expected_path, &got).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if want != got {
            failures.push(format!(
                "{}: disassembly differs (NUMJIT_BLESS=1 to regenerate)\n--- expected\n{want}\n--- got\n{got}",
                py.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
