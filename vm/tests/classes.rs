//! What classes do not support yet fails loudly: a class defining a special method coro does not
//! call yet is refused when it is created, rather than running without it (a wrong answer).
//! (The supported special methods are tested end to end in tests/cases/classes/.)

use coro_vm::Vm;

fn run(src: &str) -> Result<String, String> {
    let out = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
    impl std::io::Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().map_err(|_| std::io::ErrorKind::Other)?.extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut vm = Vm::with_output(Box::new(Sink(out.clone())), Box::new(std::io::sink()));
    let result = vm.run_main(src, "<classes>");
    let text = String::from_utf8_lossy(&out.lock().expect("output lock")).into_owned();
    match result {
        Ok(_) => Ok(text),
        Err(coro_vm::RunError::Exception(e)) => Err(vm.format_exception(e)),
        Err(e) => Err(format!("{e:?}")),
    }
}

#[test]
fn unsupported_special_methods_are_refused_at_class_creation() {
    for method in [
        "__index__",
        "__int__",
        "__float__",
        "__del__",
        "__setattr__",
        "__getattribute__",
        "__get__",
        "__set__",
        "__reversed__",
        "__init_subclass__",
    ] {
        let src = format!("class A:\n    def {method}(self, *a):\n        return 1\nprint('created')\n");
        let err = run(&src).expect_err(&format!("{method} was accepted"));
        assert!(err.contains("NotImplementedError") && err.contains(method), "{method}: {err}");
    }
}

#[test]
fn supported_special_methods_are_accepted() {
    let out = run("class A:\n    def __init__(self):\n        self.x = 1\n    def __repr__(self):\n        return 'A!'\n    def __str__(self):\n        return 'a'\nprint(A(), repr(A()), A().x)\n");
    assert_eq!(out.as_deref(), Ok("a A! 1\n"));
}

#[test]
fn metaclass_keywords_and_builtin_bases_are_refused() {
    for src in [
        "class A(metaclass=lambda *a: None):\n    pass\n",
        "class M(type):\n    pass\nX = M('X', (), {})\n",
        "class A(x=1):\n    pass\n",
        "class S(set):\n    pass\n",
        "class F(float):\n    pass\n",
        "from collections import OrderedDict\nclass O(OrderedDict):\n    pass\n",
        "class L(list):\n    __slots__ = ('a',)\n",
        "class A:\n    __slots__ = ()\n",
    ] {
        let err = run(src).expect_err(src);
        assert!(err.contains("NotImplementedError"), "{src}: {err}");
    }
}

#[test]
fn subclassing_deque_is_refused() {
    let src = "from collections import deque\nclass Q(deque):\n    pass\n";
    let err = run(src).expect_err(src);
    assert!(err.contains("NotImplementedError: coro: subclassing 'deque' is not supported yet"), "{err}");
}
