package io.diskdb.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Prints replies the way redis-cli 7.0 does. {@link #tty} is its terminal format: "(integer) 1",
 * quoted bulks, "(nil)", numbered and indented aggregates, "1# key => value" maps. {@link #raw}
 * is what it prints when stdout is not a terminal: bare values one per line, bytes as they are.
 * Both end with a newline and return bytes, since values are binary.
 */
public final class ReplyFormatter {
    private ReplyFormatter() {
    }

    public static byte[] tty(Reply reply) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tty(reply, "", out);
        return out.toByteArray();
    }

    public static byte[] raw(Reply reply) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        raw(reply, out);
        if (reply instanceof Reply.Error) {
            out.write('\n'); // redis-cli prints an error's own newline, then the command delimiter
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void tty(Reply reply, String prefix, ByteArrayOutputStream out) {
        if (reply instanceof Reply.Error e) {
            text(out, "(error) " + e.text() + "\n");
        } else if (reply instanceof Reply.Status s) {
            text(out, s.text() + "\n");
        } else if (reply instanceof Reply.Number n) {
            text(out, "(integer) " + n.value() + "\n");
        } else if (reply instanceof Reply.Real d) {
            text(out, "(double) " + d.text() + "\n");
        } else if (reply instanceof Reply.BigNumber b) {
            text(out, "(big number) " + b.text() + "\n");
        } else if (reply instanceof Reply.Bulk b) {
            text(out, quote(b.value()) + "\n");
        } else if (reply instanceof Reply.Verbatim v) {
            out.writeBytes(v.value());
            out.write('\n');
        } else if (reply instanceof Reply.Bool b) {
            text(out, b.value() ? "(true)\n" : "(false)\n");
        } else if (reply instanceof Reply.Aggregate a) {
            aggregate(a.items(), a.kind() == Reply.Kind.SET ? '~' : ')', false, prefix, out);
        } else if (reply instanceof Reply.Pairs p) {
            aggregate(p.items(), '#', true, prefix, out);
        } else {
            text(out, "(nil)\n");
        }
    }

    /**
     * Items numbered from 1, the number padded to the width of the largest; nested items are
     * indented by that width plus two, the first one on the line of its parent's number.
     */
    private static void aggregate(List<Reply> items, char separator, boolean pairs, String prefix,
                                  ByteArrayOutputStream out) {
        if (items.isEmpty()) {
            text(out, separator == '~' ? "(empty set)\n" : pairs ? "(empty hash)\n" : "(empty array)\n");
            return;
        }
        int entries = pairs ? items.size() / 2 : items.size();
        int width = Integer.toString(entries).length();
        String nested = prefix + " ".repeat(width + 2);
        for (int i = 0; i < entries; i++) {
            String number = String.format("%" + width + "d", i + 1);
            text(out, (i == 0 ? "" : prefix) + number + separator + " ");
            if (pairs) {
                ByteArrayOutputStream key = new ByteArrayOutputStream();
                tty(items.get(2 * i), nested, key);
                byte[] keyBytes = key.toByteArray();
                out.write(keyBytes, 0, keyBytes.length - 1); // the value follows on the same line
                text(out, " => ");
                Reply value = items.get(2 * i + 1);
                if (isMultiline(value)) {
                    text(out, "\n" + nested); // so the value's items line up with each other
                }
                tty(value, nested, out);
            } else {
                tty(items.get(i), nested, out);
            }
        }
    }

    /** Whether a map value prints on several lines: an aggregate of more than one item, or holding one. */
    private static boolean isMultiline(Reply reply) {
        if (reply instanceof Reply.Aggregate a) {
            return a.items().size() > 1 || (a.items().size() == 1 && isMultiline(a.items().get(0)));
        } else if (reply instanceof Reply.Pairs p) {
            return p.items().size() > 2 || (p.items().size() == 2 && isMultiline(p.items().get(1)));
        }
        return false;
    }

    private static void raw(Reply reply, ByteArrayOutputStream out) {
        if (reply instanceof Reply.Error e) {
            text(out, e.text());
        } else if (reply instanceof Reply.Status s) {
            text(out, s.text());
        } else if (reply instanceof Reply.Number n) {
            text(out, Long.toString(n.value()));
        } else if (reply instanceof Reply.Real d) {
            text(out, d.text());
        } else if (reply instanceof Reply.BigNumber b) {
            text(out, b.text());
        } else if (reply instanceof Reply.Bulk b) {
            out.writeBytes(b.value());
        } else if (reply instanceof Reply.Verbatim v) {
            out.writeBytes(v.value());
        } else if (reply instanceof Reply.Bool b) {
            text(out, b.value() ? "(true)" : "(false)");
        } else if (reply instanceof Reply.Aggregate a) {
            for (int i = 0; i < a.items().size(); i++) {
                if (i > 0) {
                    out.write('\n');
                }
                raw(a.items().get(i), out);
            }
        } else if (reply instanceof Reply.Pairs p) {
            for (int i = 0; i < p.items().size(); i += 2) {
                if (i > 0) {
                    out.write('\n');
                }
                raw(p.items().get(i), out);
                out.write(' ');
                raw(p.items().get(i + 1), out);
            }
        }
        // nil: nothing, the line stays empty
    }

    /** A bulk string in double quotes with C escapes, bytes outside printable ASCII as \xNN (sdscatrepr). */
    public static String quote(byte[] value) {
        StringBuilder s = new StringBuilder(value.length + 2).append('"');
        for (byte b : value) {
            int c = b & 0xff;
            switch (c) {
                case '\\', '"' -> s.append('\\').append((char) c);
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case 7 -> s.append("\\a");
                case '\b' -> s.append("\\b");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        s.append((char) c);
                    } else {
                        s.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    private static void text(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
