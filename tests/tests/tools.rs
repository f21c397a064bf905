//! The tools of the `coro` binary other than `run`: `coro dis` (text, `--json`, `--func`) and
//! `coro repl`. Expected instruction sequences come from reading the compiler
//! (`compiler/src/codegen.rs`); expected REPL sessions are what CPython 3.11's `python3 -q -i`
//! printed for the same input (`tests/regen_repl.py`); never coro's own output.

use coro_tests::runner::coro_in_scratch as coro;
use serde_json::Value;

const PROGRAM: &str = "\
def add(a, b):
    return a + b

def count(n):
    i = 0
    while i < n:
        i += 1
    return i

def outer(x):
    def inner(y):
        return x + y
    return inner

class Box:
    def get(self):
        return 'box'

print(add(1, 2), count(3), outer(1)(2), Box().get())
";

fn dis_json(extra: &[&str]) -> Value {
    let mut args = vec!["dis", "prog.py", "--json"];
    args.extend_from_slice(extra);
    let (status, out, err) = coro(&args, &[("prog.py", PROGRAM)], "");
    assert_eq!(status, Some(0), "coro dis failed: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("coro dis --json printed invalid JSON ({e}):\n{out}"))
}

fn code_named<'v>(doc: &'v Value, qualname: &str) -> &'v Value {
    doc["code_objects"]
        .as_array()
        .expect("code_objects is an array")
        .iter()
        .find(|c| c["qualname"] == qualname)
        .unwrap_or_else(|| panic!("no code object {qualname} in {doc}"))
}

fn opnames(code: &Value) -> Vec<&str> {
    code["instructions"]
        .as_array()
        .expect("instructions")
        .iter()
        .map(|i| i["opname"].as_str().expect("opname"))
        .collect()
}

#[test]
fn dis_json_has_the_documented_structure() {
    let doc = dis_json(&[]);
    assert_eq!(doc["format"], "coro-dis");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["file"], "prog.py");
    let codes = doc["code_objects"].as_array().expect("code_objects");
    let names: Vec<&str> = codes.iter().map(|c| c["qualname"].as_str().expect("qualname")).collect();
    // Depth first, in constant order: the module, then each definition and what it nests.
    assert_eq!(names, ["<module>", "add", "count", "outer", "outer.<locals>.inner", "Box", "Box.get"]);
    let kinds: Vec<&str> = codes.iter().map(|c| c["kind"].as_str().expect("kind")).collect();
    assert_eq!(kinds, ["module", "function", "function", "function", "function", "class", "function"]);
    for c in codes {
        for key in ["name", "path", "filename"] {
            assert!(c[key].is_string(), "{key} of {c}");
        }
        for key in ["first_line", "argcount", "posonlyargcount", "kwonlyargcount", "max_stack", "size"] {
            assert!(c[key].is_u64(), "{key} of {}", c["qualname"]);
        }
        for key in ["varargs", "varkw"] {
            assert!(c[key].is_boolean(), "{key} of {}", c["qualname"]);
        }
        for key in ["varnames", "cellvars", "freevars", "names", "consts", "instructions", "exception_table"] {
            assert!(c[key].is_array(), "{key} of {}", c["qualname"]);
        }
        assert!(c["undecodable_at"].is_null());
        // Instructions tile the bytecode: each starts where the previous one ended.
        let mut at = 0;
        for ins in c["instructions"].as_array().expect("instructions") {
            assert_eq!(ins["offset"], at, "offsets of {}", c["qualname"]);
            at += ins["size"].as_u64().expect("size");
            assert!(ins["line"].is_u64() && ins["argrepr"].is_string() && ins["is_jump_target"].is_boolean());
            let operand = ins["operand"].as_str().expect("operand");
            assert_eq!(ins["arg"].is_null(), operand == "none", "{ins}");
            assert_eq!(ins["target"].is_null(), operand != "jump", "{ins}");
        }
        assert_eq!(c["size"], at, "size of {}", c["qualname"]);
    }
    let inner = code_named(&doc, "outer.<locals>.inner");
    assert_eq!(inner["path"], "outer.inner");
    assert_eq!(inner["freevars"], serde_json::json!(["x"]));
    assert_eq!(inner["varnames"], serde_json::json!(["y"]));
    assert_eq!(code_named(&doc, "outer")["cellvars"], serde_json::json!(["x"]));
    let get = code_named(&doc, "Box.get");
    assert_eq!(get["consts"], serde_json::json!([{"type": "str", "repr": "'box'"}]));
    let module = code_named(&doc, "<module>");
    let code_consts: Vec<&Value> =
        module["consts"].as_array().expect("consts").iter().filter(|k| k["type"] == "code").collect();
    assert_eq!(code_consts[0]["qualname"], "add");
    assert_eq!(code_consts[0]["repr"], "<code object add line 1>");
}

#[test]
fn dis_json_shows_the_instructions_codegen_emits() {
    let doc = dis_json(&[]);
    // `return a + b`, then the implicit `return None` codegen appends to every function body.
    let add = code_named(&doc, "add");
    assert_eq!(opnames(add), ["LoadFast", "LoadFast", "Add", "Return", "LoadNone", "Return"]);
    let ins = add["instructions"].as_array().expect("instructions");
    assert_eq!((&ins[0]["argrepr"], &ins[0]["arg"], &ins[0]["operand"]), (&"a".into(), &0.into(), &"local".into()));
    assert_eq!((&ins[1]["argrepr"], &ins[1]["arg"]), (&"b".into(), &1.into()));
    assert!(ins.iter().all(|i| i["line"] == 2));
    assert_eq!(add["argcount"], 2);
    assert_eq!(add["varnames"], serde_json::json!(["a", "b"]));
    // A `while` loop: the test at the loop start, a conditional jump out, the body, a jump back.
    let count = code_named(&doc, "count");
    let ins = count["instructions"].as_array().expect("instructions");
    let back = ins.iter().find(|i| i["opname"] == "Jump").expect("the loop's jump back");
    let start = back["target"].as_u64().expect("target");
    let head = ins.iter().find(|i| i["offset"] == start).expect("the loop start is an instruction");
    assert_eq!(head["is_jump_target"], true);
    assert_eq!(head["opname"], "LoadFast");
    assert_eq!(head["argrepr"], "i");
    assert_eq!(head["line"], 6);
    assert_eq!(back["argrepr"], format!("to {start}"));
    let exit = ins.iter().find(|i| i["opname"] == "PopJumpIfFalse").expect("the loop's exit test");
    let after_loop = back["offset"].as_u64().expect("offset") + back["size"].as_u64().expect("size");
    assert_eq!(exit["target"], after_loop, "the exit jumps just past the jump back");
    assert!(opnames(count).contains(&"InplaceAdd"));
}

#[test]
fn dis_func_selects_code_objects_by_name_path_or_qualname() {
    for name in ["inner", "outer.inner", "outer.<locals>.inner"] {
        let doc = dis_json(&["--func", name]);
        let names: Vec<&str> = doc["code_objects"]
            .as_array()
            .expect("code_objects")
            .iter()
            .filter_map(|c| c["qualname"].as_str())
            .collect();
        assert_eq!(names, ["outer.<locals>.inner"], "--func {name}");
    }
    let doc = dis_json(&["--func", "Box.get"]);
    assert_eq!(doc["code_objects"].as_array().map(Vec::len), Some(1));
    // The text listing takes --func too, and shows only the named code object.
    let (status, out, _) = coro(&["dis", "prog.py", "--func", "add"], &[("prog.py", PROGRAM)], "");
    assert_eq!(status, Some(0));
    assert_eq!(out.matches("Disassembly of").count(), 1, "{out}");
    assert!(out.starts_with("Disassembly of code object add (file \"prog.py\", line 1)"), "{out}");
}

#[test]
fn dis_func_names_what_exists_when_nothing_matches() {
    let (status, out, err) = coro(&["dis", "prog.py", "--func", "nope"], &[("prog.py", PROGRAM)], "");
    assert_eq!(status, Some(2));
    assert!(out.is_empty());
    assert!(err.contains("no function or class named 'nope'"), "{err}");
    assert!(err.contains("outer.inner") && err.contains("Box.get"), "{err}");
}

/// Object addresses differ between runs and runtimes (twin of `ADDRESS` in regen_repl.py).
fn hide_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("0x") {
        out.push_str(&rest[..at]);
        let digits = rest[at + 2..].bytes().take_while(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b)).count();
        out.push_str(if digits > 0 { "0x..." } else { "0x" });
        rest = &rest[at + 2 + digits..];
    }
    out.push_str(rest);
    out
}

/// Every tests/repl/<name>.session piped into `coro repl` prints, on stdout and on stderr
/// (prompts included), what `python3 -q -i` printed for it, and exits with its status.
#[test]
fn repl_sessions_print_what_cpython_prints() {
    let dir = coro_tests::repo_root().join("tests/repl");
    let mut sessions: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "session"))
        .collect();
    sessions.sort();
    assert!(sessions.len() >= 5, "the REPL sessions in {} are missing", dir.display());
    let mut failures = Vec::new();
    for session in &sessions {
        let input = std::fs::read_to_string(session).expect("read the session");
        let expected_path = session.with_extension("expected");
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|e| {
            panic!("cannot read {} ({e}); run `python3 tests/regen_repl.py`", expected_path.display())
        });
        let (status, out, err) = coro(&["repl"], &[], &input);
        let got = format!(
            "exit: {}\n--- stderr\n{}\n--- stdout\n{}",
            status.map_or("signal".to_string(), |s| s.to_string()),
            hide_addresses(&err),
            hide_addresses(&out)
        );
        if got != expected {
            failures
                .push(format!("=== {}\n--- expected (CPython)\n{expected}\n--- got (coro)\n{got}", session.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} REPL sessions differ:\n{}",
        failures.len(),
        sessions.len(),
        failures.join("\n")
    );
}

/// `:dis NAME` shows the function a session defined, as `coro dis` would list it; `:help` and
/// unknown commands do not end the session. (coro-only commands: no CPython counterpart.)
#[test]
fn repl_dis_command_disassembles_session_functions() {
    let input = "def add(a, b):\n    return a + b\n\n:dis add\n:dis missing\n:nonsense\nadd(2, 3)\n";
    let (status, out, err) = coro(&["repl"], &[], input);
    assert_eq!(status, Some(0), "{err}");
    assert!(out.starts_with("Disassembly of code object add (file \"<stdin>\", line 1)"), "{out}");
    // The body codegen emits for `return a + b` (see dis_json_shows_the_instructions_codegen_emits).
    let ops: Vec<&str> = out
        .lines()
        .skip(1)
        .take(6)
        .filter_map(|l| l.split_whitespace().find(|w| w.chars().next().is_some_and(char::is_uppercase)))
        .collect();
    assert_eq!(ops, ["LoadFast", "LoadFast", "Add", "Return", "LoadNone", "Return"], "{out}");
    assert!(out.trim_end().ends_with("\n5"), "the session goes on after the commands: {out}");
    assert!(err.contains(":dis: no function or class named 'missing'"), "{err}");
    assert!(err.contains("unknown command ':nonsense'"), "{err}");
}
