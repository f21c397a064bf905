class AppError(Exception):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
        self.msg = msg

    def __str__(self):
        return f"[{self.code}] {self.msg}"


class Quiet(Exception):
    def __repr__(self):
        return "Quiet!"


try:
    raise AppError(404, "not found")
except AppError as e:
    print(e, str(e), repr(e), e.args, f"{e}")
print(repr(Quiet("x")), str(Quiet("x")), [Quiet(1)])
try:
    try:
        raise AppError(1, "inner")
    except AppError as e:
        raise AppError(2, "outer") from e
except AppError as e:
    print(e, "caused by", e.__cause__)
raise AppError(500, "fatal")
