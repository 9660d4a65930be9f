//! The interactive prompt: line editing and history via rustyline, multi-line blocks
//! continued with `... `, expression results echoed as CPython does.

use std::rc::Rc;

use crate::compiler::Mode;
use crate::runtime::dict::PyDict;
use crate::vm::Vm;

pub fn repl(vm: &mut Vm, globals: Rc<PyDict>) -> i32 {
    println!(
        "Python 3.11.7 (numjit {}) on linux",
        env!("CARGO_PKG_VERSION")
    );
    println!("Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.");
    let mut rl = match rustyline::DefaultEditor::new() {
        Ok(r) => r,
        Err(_) => return 1,
    };
    let mut buf = String::new();
    loop {
        let prompt = if buf.is_empty() { ">>> " } else { "... " };
        match rl.readline(prompt) {
            Ok(line) => {
                if !buf.is_empty() {
                    buf.push('\n');
                }
                buf.push_str(&line);
                // A block continues until an empty line, as in CPython's prompt.
                if !line.trim().is_empty()
                    && (buf.contains('\n') || crate::compiler::is_incomplete_input(&buf))
                {
                    continue;
                }
                let src = std::mem::take(&mut buf);
                if src.trim().is_empty() {
                    continue;
                }
                let _ = rl.add_history_entry(src.as_str());
                vm.sources.insert("<stdin>".into(), src.clone().into());
                match crate::compiler::compile(&(src.clone() + "\n"), "<stdin>", Mode::Interactive)
                {
                    Ok(code) => {
                        let code = vm.load_code(&code);
                        if let Err(e) =
                            vm.run_code(&code, globals.clone(), Some(globals.clone()), &[])
                        {
                            if vm.exc_matches(&e, "SystemExit") {
                                return crate::cli::handle_uncaught(vm, &e);
                            }
                            vm.print_exception(&e);
                        }
                        vm.flush_stdout();
                    }
                    Err(e) => eprint!("{}", e.render()),
                }
            }
            Err(rustyline::error::ReadlineError::Interrupted) => {
                buf.clear();
                println!("\nKeyboardInterrupt");
            }
            Err(_) => {
                println!();
                return 0;
            }
        }
    }
}
