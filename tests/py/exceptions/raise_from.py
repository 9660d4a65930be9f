class AppError(Exception):
    pass
def load():
    try:
        {}["cfg"]
    except KeyError as e:
        raise AppError("config missing") from e
try:
    load()
except AppError as e:
    print(repr(e), repr(e.__cause__), e.__suppress_context__, repr(e.__context__))
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("during handling")
except ValueError as e:
    print(repr(e.__context__), e.__cause__, e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("no context") from None
except ValueError as e:
    print(repr(e.__context__), e.__cause__, e.__suppress_context__)
try:
    raise RuntimeError("x") from KeyError
except RuntimeError as e:
    print(type(e.__cause__).__name__)
try:
    raise RuntimeError("x") from 5
except TypeError as e:
    print("TypeError:", e)
e = ValueError("v")
print(e.__traceback__ is None)
try:
    raise e
except ValueError as caught:
    print(caught is e, caught.__traceback__ is not None)
