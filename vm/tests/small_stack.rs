//! The dispatch loop never recurses on the native stack: these programs run on a thread with a
//! 256 KiB stack and must finish (or fail with a clean Python exception), never overflow it.

mod common;

/// Runs `src` on a 256 KiB thread; returns stdout, or the last line of the error report.
fn run_small(src: &'static str) -> Result<String, String> {
    common::run_on_small_stack(src, "<test>", None)
}

#[test]
fn deep_recursion_200k() {
    let out = run_small("import sys\nsys.setrecursionlimit(300000)\ndef f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\nprint(f(200000))\n");
    assert_eq!(out, Ok("200000\n".to_string()));
}

#[test]
fn default_limit_gives_recursion_error() {
    let out = run_small("def f(n):\n    return f(n + 1)\nf(0)\n");
    assert_eq!(out, Err("RecursionError: maximum recursion depth exceeded".to_string()));
}

#[test]
fn yield_from_chain_100k() {
    let out = run_small(
        "import sys\nsys.setrecursionlimit(1000000)\ndef leaf():\n    yield 1\n    yield 2\n    return 3\ndef chain(d):\n    if d == 0:\n        r = yield from leaf()\n    else:\n        r = yield from chain(d - 1)\n    return r\ng = chain(100000)\nprint(list(g))\ndef outer():\n    r = yield from chain(100000)\n    print('result', r)\nfor x in outer():\n    pass\n",
    );
    assert_eq!(out, Ok("[1, 2]\nresult 3\n".to_string()));
}

#[test]
fn repr_of_deeply_nested_list() {
    let out = run_small("x = []\nfor i in range(100000):\n    x = [x]\ntry:\n    s = repr(x)\n    print(len(s))\nexcept RecursionError as e:\n    print('RecursionError', e)\n");
    assert_eq!(
        out,
        Ok("RecursionError maximum recursion depth exceeded while getting the repr of an object\n".to_string())
    );
}

#[test]
fn nested_list_within_limit_prints() {
    let out = run_small("x = []\nfor i in range(500):\n    x = [x]\ns = repr(x)\nprint(len(s), s[:3], s[-3:])\n");
    assert_eq!(out, Ok("1002 [[[ ]]]\n".to_string()));
}

#[test]
fn ten_thousand_chained_generators() {
    let out = run_small("import sys\nsys.setrecursionlimit(20000)\ndef g(it):\n    for x in it:\n        yield x + 1\nit = iter([0, 1, 2])\nfor i in range(10000):\n    it = g(it)\nprint(list(it))\n");
    assert_eq!(out, Ok("[10000, 10001, 10002]\n".to_string()));
}

#[test]
fn self_referential_containers() {
    let out = run_small("a = [1]\na.append(a)\nd = {}\nd['d'] = d\nprint(a, d, a == a)\n");
    assert_eq!(out, Ok("[1, [...]] {'d': {...}} True\n".to_string()));
}
