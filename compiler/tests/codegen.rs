//! Codegen properties checked on real source: jump targets land on instruction boundaries, the
//! exception table covers what it should, generator flags, constant folding, and errors CPython
//! reports at compile time.

use coro_compiler::opcode::{Op, Operand};
use coro_compiler::{compile_module, Code, Const};

fn compile(src: &str) -> std::rc::Rc<Code> {
    compile_module(src, "t.py").unwrap_or_else(|e| panic!("{e}"))
}

fn all_codes(c: &Code) -> Vec<&Code> {
    let mut out = vec![c];
    for k in &c.consts {
        if let Const::Code(inner) = k {
            out.extend(all_codes(inner));
        }
    }
    out
}

fn compile_error(src: &str) -> String {
    match compile_module(src, "t.py") {
        Ok(_) => panic!("expected a compile error for {src:?}"),
        Err(e) => format!("{}: {}", e.kind.name(), e.msg),
    }
}

#[test]
fn jumps_land_on_instruction_starts() {
    let src = "def f(xs):\n    t = 0\n    for x in xs:\n        if x and not t or x > 3 < t:\n            continue\n        while t < 10:\n            t += 1\n            if t == 5:\n                break\n        else:\n            t = 0\n    try:\n        t = 1 / t\n    except (ZeroDivisionError, ValueError) as e:\n        return e\n    finally:\n        t = 2\n    return [y * 2 for y in xs if y] + list(z for z in xs)\n";
    let code = compile(src);
    for c in all_codes(&code) {
        let starts: Vec<u32> = c.instructions().map(|i| i.expect("decodes").start).collect();
        for ins in c.instructions().map(|i| i.expect("decodes")) {
            if ins.op.operand() == Operand::Jump {
                assert!(starts.contains(&ins.arg), "{}: jump to {} is not an instruction start", c.qualname, ins.arg);
            }
        }
        for e in &c.exception_table {
            assert!(starts.contains(&e.handler), "handler {} of {}", e.handler, c.qualname);
            assert!(e.start < e.end && e.end as usize <= c.code.len());
        }
        assert!(c.max_stack >= 1 || c.code.is_empty());
    }
}

#[test]
fn generator_flag_and_yield_from() {
    let code = compile("def g():\n    yield 1\n    yield from h()\ndef f():\n    return 1\n");
    let codes = all_codes(&code);
    let g = codes.iter().find(|c| &*c.name == "g").expect("g");
    let f = codes.iter().find(|c| &*c.name == "f").expect("f");
    assert!(g.flags.generator);
    assert!(!f.flags.generator);
    assert!(g.instructions().any(|i| i.map(|i| i.op == Op::YieldFrom).unwrap_or(false)));
}

#[test]
fn negative_literals_are_folded() {
    let code = compile("x = -5\ny = -9223372036854775808\nz = -2.5\n");
    assert!(code.consts.contains(&Const::Int(-5)));
    assert!(code.consts.contains(&Const::Int(i64::MIN)));
    assert!(code.consts.contains(&Const::Float(-2.5)));
}

#[test]
fn compile_time_errors_match_cpython() {
    assert_eq!(compile_error("return 1\n"), "SyntaxError: 'return' outside function");
    assert_eq!(compile_error("break\n"), "SyntaxError: 'break' outside loop");
    assert_eq!(compile_error("continue\n"), "SyntaxError: 'continue' not properly in loop");
    assert_eq!(compile_error("yield 1\n"), "SyntaxError: 'yield' outside function");
    assert_eq!(compile_error("nonlocal x\n"), "SyntaxError: nonlocal declaration not allowed at module level");
    assert_eq!(compile_error("def f():\n    nonlocal x\n"), "SyntaxError: no binding for nonlocal 'x' found");
    assert_eq!(
        compile_error("def f():\n    x = 1\n    global x\n"),
        "SyntaxError: name 'x' is assigned to before global declaration"
    );
    assert_eq!(compile_error("def f(a, a):\n    pass\n"), "SyntaxError: duplicate argument 'a' in function definition");
    assert_eq!(compile_error("a, *b, *c = d\n"), "SyntaxError: multiple starred expressions in assignment");
}

#[test]
fn unsupported_features_are_clean_errors() {
    for src in ["async with f() as g:\n    pass\n", "async def f():\n    pass\n", "x = 2j\n", "x = b'a'\n"] {
        let msg = compile_error(src);
        assert!(msg.starts_with("SyntaxError: ") && msg.contains("not supported"), "{src:?} gave {msg}");
    }
}

#[test]
fn methods_using_super_close_over_the_class_cell() {
    let code =
        compile("class A(B):\n    def f(self):\n        return super().f()\n    def g(self):\n        return 1\n");
    let codes = all_codes(&code);
    let body = codes.iter().find(|c| &*c.name == "A").expect("class body");
    assert_eq!(body.cellvars.iter().map(|s| &**s).collect::<Vec<_>>(), ["__class__"]);
    let f = codes.iter().find(|c| &*c.name == "f").expect("method f");
    assert_eq!(f.freevars.iter().map(|s| &**s).collect::<Vec<_>>(), ["__class__"]);
    let g = codes.iter().find(|c| &*c.name == "g").expect("method g");
    assert!(g.freevars.is_empty(), "a method without super() needs no cell");
    assert_eq!(&*f.qualname, "A.f");
}

#[test]
fn disassembly_names_operands() {
    let code = compile("def f(a):\n    try:\n        return g(a, k=1)\n    except E:\n        pass\n");
    let text = coro_compiler::dis::disassemble(&code);
    for needle in ["LoadGlobal", "(g)", "(a)", "CallKw", "ExceptionTable", "(('k',))", "f (file \"t.py\", line 1)"] {
        assert!(text.contains(needle), "missing {needle} in\n{text}");
    }
}

#[test]
fn long_elif_chain_compiles_without_deep_recursion() {
    // The parser nests each `elif` in the previous `else`; scope analysis and codegen walk the
    // chain in a loop, so 20,000 branches compile even on a 256 KiB stack.
    let mut src = String::from("x = 5\nif x == 0:\n    y = 0\n");
    for i in 1..20_000 {
        src.push_str(&format!("elif x == {i}:\n    y = {i}\n"));
    }
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || compile_module(&src, "t.py").map(|c| c.code.len()))
        .expect("spawn");
    let len = handle.join().expect("no stack overflow").expect("compiles");
    assert!(len > 20_000 * 6, "bytecode for 20,000 branches is only {len} bytes");
}
