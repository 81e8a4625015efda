"""Reply parsing and command encoding, without a server."""
import unittest
from typing import Any, List

import support  # noqa: F401  (puts the package on sys.path)
from diskdb.exceptions import AuthenticationError, DataError, ResponseError, TypeMismatchError
from diskdb.protocol import PushReply, ReplyParser, encode_command


def parse(data: bytes, decode: bool = False) -> List[Any]:
    chunks = [data[i:i + 3] for i in range(0, len(data), 3)]  # split replies across reads

    def fill() -> bytes:
        return chunks.pop(0)

    parser = ReplyParser(fill, decode)
    replies = []
    while chunks or parser.has_buffered_data():
        replies.append(parser.read())
    return replies


class EncodingTest(unittest.TestCase):
    def test_commands_are_arrays_of_bulk_strings(self) -> None:
        self.assertEqual(encode_command(("SET", b"k\r\n", 1, 2.5)),
                         b"*4\r\n$3\r\nSET\r\n$3\r\nk\r\n\r\n$1\r\n1\r\n$3\r\n2.5\r\n")

    def test_bools_and_objects_are_refused(self) -> None:
        with self.assertRaises(DataError):
            encode_command(("SET", "k", True))
        with self.assertRaises(DataError):
            encode_command(("SET", "k", None))


class Resp2ParsingTest(unittest.TestCase):
    def test_scalars_and_nulls(self) -> None:
        self.assertEqual(parse(b"+OK\r\n:-7\r\n$3\r\nabc\r\n$-1\r\n*-1\r\n$0\r\n\r\n"),
                         [b"OK", -7, b"abc", None, None, b""])

    def test_nested_arrays_and_decoding(self) -> None:
        self.assertEqual(parse(b"*2\r\n$3\r\nh\xc3\xa9\r\n*1\r\n:1\r\n", decode=True), [["hé", [1]]])

    def test_errors_are_returned_as_typed_exceptions(self) -> None:
        wrongtype, noauth, plain = parse(b"-WRONGTYPE Operation\r\n-NOAUTH Authentication required.\r\n-ERR x\r\n")
        self.assertIsInstance(wrongtype, TypeMismatchError)
        self.assertIsInstance(noauth, AuthenticationError)
        self.assertIs(type(plain), ResponseError)
        self.assertEqual(str(plain), "ERR x")


class Resp3ParsingTest(unittest.TestCase):
    def test_resp3_types(self) -> None:
        replies = parse(b"_\r\n,1.5\r\n,inf\r\n,-inf\r\n#t\r\n#f\r\n(123456789012345678901234567890\r\n"
                        b"=8\r\ntxt:abcd\r\n!9\r\nERR boom!\r\n")
        self.assertEqual(replies[:8], [None, 1.5, float("inf"), float("-inf"), True, False,
                                       123456789012345678901234567890, b"abcd"])
        self.assertIsInstance(replies[8], ResponseError)

    def test_maps_sets_pushes_and_attributes(self) -> None:
        m, s, push, attributed = parse(b"%2\r\n+a\r\n:1\r\n*1\r\n:2\r\n*1\r\n:3\r\n~2\r\n+x\r\n+y\r\n"
                                       b">2\r\n+message\r\n+hi\r\n|1\r\n+ttl\r\n:3\r\n:42\r\n")
        self.assertEqual(m, {b"a": 1, (2,): [3]})
        self.assertEqual(s, {b"x", b"y"})
        self.assertIsInstance(push, PushReply)
        self.assertEqual(push, [b"message", b"hi"])
        self.assertEqual(attributed, 42)


if __name__ == "__main__":
    unittest.main()
