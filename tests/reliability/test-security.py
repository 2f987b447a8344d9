#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Security basics, read from the sources and the binaries. Output is TAP.

1. Every SQL statement in src/store is constant text: the SQL argument of
   every sqlite3_prepare*/sqlite3_exec call (and of the store's wrappers) is
   a string literal, an element of a static const table, or text built by
   printf only from integers and schema names taken from static const tables
   (table and column names), never from a value: values are bound.
2. No source uses a networking API, no meson file asks for a networking
   library, and the binaries link none (GIO's own socket code aside).

File modes (0600 for the database, its journals and backups) are checked
by test-bad-files (/bad-files/private-modes) and tests/test-store.c.

Usage: test-security.py SOURCE_ROOT BINARY...
"""

import os
import re
import subprocess
import sys

# Calls whose argument (by index) is SQL text
SQL_CALLS = {
    "sqlite3_prepare": 1, "sqlite3_prepare_v2": 1, "sqlite3_prepare_v3": 1,
    "sqlite3_prepare16": 1, "sqlite3_prepare16_v2": 1, "sqlite3_prepare16_v3": 1,
    "sqlite3_exec": 1, "store_prepare": 1, "store_exec": 1,
    "store_query_int": 1, "query_text": 1, "query_one": 1, "store_collect_ids": 1,
    "write_reminder": 1, "read_limited": (2, 3),
}


def sql_calls(text):
    """Every call of SQL_CALLS in text: its name, the index of an SQL
    argument (a function may take more than one), its place and arguments."""
    for name, indexes in SQL_CALLS.items():
        for position, args in calls(text, name):
            for index in indexes if isinstance(indexes, tuple) else (indexes,):
                yield name, index, position, args


# Builders of SQL text from the schema tables; checked themselves below
BUILDERS = ("store_build_select", "store_build_insert", "store_build_update",
            "store_select_columns")
# Expressions that name a table or column from a static const table
SCHEMA_NAMES = re.compile(r"^((store_)?kinds\[\w+\]\.(table|owner_column|columns\[\w+\]\.name)|"
                          r"foreign_keys\[\w+\]\.column|"
                          r"info->(table|columns\[\w+\]\.name)|where_column)$")
# What the column of load_records () and get_record () may be given
WHERE_ARGS = re.compile(r"^(NULL|where_column|column|(store_)?kinds\[\w+\]\.owner_column)$")
INTEGER_CONVERSIONS = re.compile(r'%(?:[-+ 0#]*\d*)(?:d|u|i|ld|lu|lld|llu|" G_GINT64_FORMAT "|x)')
SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|DROP|ALTER|WHERE|VALUES|FROM|SAVEPOINT)\b")
NETWORK_API = re.compile(
    r"\b(g_socket\w*|GSocket\w*|g_resolver\w*|GResolver|g_network\w*|GNetwork\w*|"
    r"g_tls\w*|GTls\w*|soup_\w+|Soup\w+|curl_\w+|CURL\w*|webkit_\w+|WebKit\w*|"
    r"getaddrinfo|gethostbyname|socket|connect|sendto|recvfrom)\s*\(|"
    r"#\s*include\s*[<\"](libsoup|curl|webkit|sys/socket|netdb|arpa/inet)")
# libcrypto is not here: libxlsxwriter links it for its checksums
NETWORK_LIBS = re.compile(r"lib(soup|curl|ssl|gnutls|nghttp|webkit|javascriptcore|ldap|psl|proxy|nss3)\b")


def strip_comments(text):
    """Blanks out comments, keeping string literals and line numbers."""
    out = []
    i = 0
    while i < len(text):
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = len(text) if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif text[i] in "\"'":
            quote = text[i]
            j = i + 1
            while j < len(text) and text[j] != quote:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def split_args(text, start):
    """Arguments of the call whose '(' is at @start, and the end index."""
    depth = 0
    args = []
    current = []
    i = start
    while i < len(text):
        c = text[i]
        if c in "\"'":
            quote = c
            j = i + 1
            while j < len(text) and text[j] != quote:
                j += 2 if text[j] == "\\" else 1
            current.append(text[i:j + 1])
            i = j + 1
            continue
        if c == "(":
            depth += 1
            if depth == 1:
                i += 1
                continue
        elif c == ")":
            depth -= 1
            if depth == 0:
                args.append("".join(current).strip())
                return args, i
        elif c == "," and depth == 1:
            args.append("".join(current).strip())
            current = []
            i += 1
            continue
        current.append(c)
        i += 1
    return args, i


def calls(text, name):
    for match in re.finditer(r"\b%s\s*\(" % re.escape(name), text):
        args, end = split_args(text, match.end() - 1)
        yield match.start(), args


def is_literal(expr):
    """One or more adjacent string literals, maybe with G_GINT64_FORMAT."""
    rest = re.sub(r'"(?:[^"\\]|\\.)*"', "", expr)
    rest = rest.replace("G_GINT64_FORMAT", "").replace("N_", "")
    return expr.strip().startswith('"') and rest.strip() == ""


def literal_text(expr):
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', expr))


def is_constant_choice(expr):
    """cond ? "A" : "B", with both branches literals."""
    match = re.match(r"^(.*?)\?\s*(\"(?:[^\"\\]|\\.)*\")\s*:\s*(\"(?:[^\"\\]|\\.)*\")\s*$", expr, re.S)
    return match is not None and '"' not in match.group(1)


def is_builder_choice(expr):
    """cond ? build_x (…) : build_y (…)"""
    builder = r"(?:%s)\s*\([\w\s>.-]*\)" % "|".join(BUILDERS)
    return re.fullmatch(r"[^?\"]*\?\s*%s\s*:\s*%s\s*" % (builder, builder), expr) is not None


def expand_macros(text, shared=""):
    """Replaces the uses of #define NAME "literal" (of @text, or of the
    folder's internal header @shared) by the literal."""
    macros = dict(re.findall(r'^\s*#\s*define\s+(\w+)\s+("(?:[^"\\]|\\.)*")\s*$', shared + "\n" + text, re.M))
    for name, literal in macros.items():
        text = re.sub(r'(?<!define )\b%s\b' % name, lambda m: literal, text)
    return text


def enclosing_function(text, position):
    """(name, parameter text, body) of the function around @position."""
    best = None
    for match in re.finditer(r"^(\w+)\s*\(([^;{]*?)\)\s*\{", text, re.M):
        if match.start() > position:
            break
        best = match
    if best is None:
        return None, "", ""
    body_start = best.end()
    depth = 1
    i = body_start
    while i < len(text) and depth > 0:
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
        i += 1
    return best.group(1), best.group(2), text[body_start:i]


def check_printf(fmt_expr, args, where):
    """A printf-built SQL text may hold integers and schema names only."""
    problems = []
    fmt = literal_text(fmt_expr)
    if re.search(r"'%|%'", fmt) or re.search(r'\\"%s\\"', fmt):
        problems.append("%s: a quoted %%s in SQL text (a value pasted in): %s" % (where, fmt))
    conversions = re.findall(r'%[-+ 0#]*\d*(?:l{0,2})[a-zA-Z%]|" G_GINT64_FORMAT "', fmt_expr)
    # Walk the conversions of the literal text, in order
    conversions = re.findall(r"%[-+ 0#]*\d*(?:l{0,2})[a-zA-Z%]", fmt)
    conversions += ["%lld"] * fmt_expr.count("G_GINT64_FORMAT")
    values = list(args)
    for conversion in conversions:
        if conversion == "%%":
            continue
        value = values.pop(0).strip() if values else "?"
        if conversion.endswith("s"):
            if not SCHEMA_NAMES.match(value) and not is_literal(value) and \
               not is_constant_choice(value):
                problems.append("%s: %%s takes “%s”, which is not a schema name from a "
                                "static const table" % (where, value))
        elif not INTEGER_CONVERSIONS.fullmatch(conversion) and conversion[-1] not in "duix":
            problems.append("%s: conversion %s in SQL text" % (where, conversion))
    return problems


def check_sql_variable(text, position, name, where):
    """How a variable holding SQL text got its value."""
    function, params, body = enclosing_function(text, position)
    if re.search(r"\bconst char\s*\*\s*%s\b" % re.escape(name), params):
        if function in SQL_CALLS:
            return [], "parameter of %s (its callers are checked)" % function
        return ["%s: %s comes from a parameter of %s, whose callers are not checked"
                % (where, name, function)], ""
    problems = []
    sources = []
    for match in re.finditer(r"\b%s\s*=\s*([^;]+);" % re.escape(name), body):
        expr = match.group(1).strip()
        if is_literal(expr) or expr == "NULL":
            sources.append("literal")
        elif re.match(r"^(%s)\s*\(" % "|".join(BUILDERS), expr) or is_builder_choice(expr):
            sources.append("builder")
        elif re.match(r"^g_string_new\s*\(", expr):
            args, _ = split_args(expr, expr.index("("))
            if not (is_literal(args[0]) or args[0] == "NULL"):
                problems.append("%s: %s starts from “%s”" % (where, name, args[0]))
            # Everything appended to it in this function
            for _, append in calls(body, "g_string_append"):
                if append[0] == name and not is_literal(append[1]):
                    problems.append("%s: %s gets “%s” appended" % (where, name, append[1]))
            for _, append in calls(body, "g_string_append_printf"):
                if append[0] == name:
                    problems += check_printf(append[1], append[2:], where)
            sources.append("printf")
        elif expr.startswith("g_strdup_printf"):
            args, _ = split_args(expr, expr.index("("))
            problems += check_printf(args[0], args[1:], where)
            sources.append("printf")
        else:
            problems.append("%s: %s = %s is not constant SQL text" % (where, name, expr))
    if not sources and not problems:
        problems.append("%s: cannot tell where %s comes from" % (where, name))
    return problems, "+".join(sorted(set(sources)))


def check_store_sql(root):
    problems = []
    checked = 0
    built = 0
    store = os.path.join(root, "src", "store")
    tables = ""
    shared = strip_comments(open(os.path.join(store, "confianza-store-internal.h"), encoding="utf-8").read())
    for filename in sorted(os.listdir(store)):
        if not filename.endswith(".c"):
            continue
        path = os.path.join(store, filename)
        text = expand_macros(strip_comments(open(path, encoding="utf-8").read()), shared)
        tables += text

        for banned in ("sqlite3_mprintf", "sqlite3_vmprintf", "sqlite3_snprintf", "sqlite3_str_"):
            if banned in text:
                problems.append("%s: uses %s to build SQL text" % (filename, banned))

        for name, index, position, args in sql_calls(text):
            line = text.count("\n", 0, position) + 1
            where = "%s:%d %s" % (filename, line, name)
            # A definition or a prototype, not a call
            if any(re.search(r"\b(const|sqlite3|ConfianzaStore|GError|int|char)\b\s*\**\s*\w+$", a)
                   for a in args):
                continue
            if len(args) <= index:
                problems.append("%s: cannot read its arguments" % where)
                continue
            expr = args[index]
            checked += 1
            if is_literal(expr) or is_constant_choice(expr):
                continue
            if re.fullmatch(r"migrations\[\w+\]", expr):
                continue
            if re.fullmatch(r"\w+(->str)?", expr):
                found, source = check_sql_variable(text, position, expr.replace("->str", ""), where)
                problems += found
                if source and source != "literal":
                    built += 1
                continue
            problems.append("%s: SQL argument “%s” is not constant text" % (where, expr))

        # Everything printf-like that writes SQL, traced or not
        for name in ("g_strdup_printf", "g_string_append_printf", "g_string_printf"):
            for position, args in calls(text, name):
                line = text.count("\n", 0, position) + 1
                where = "%s:%d %s" % (filename, line, name)
                fmt_index = 0 if name == "g_strdup_printf" else 1
                if len(args) <= fmt_index or not is_literal(args[fmt_index]):
                    continue
                fmt = literal_text(args[fmt_index])
                if SQL_WORDS.search(fmt) or (name != "g_strdup_printf" and
                                             enclosing_function(text, position)[0] in BUILDERS):
                    problems += check_printf(args[fmt_index], args[fmt_index + 1:], where)

        # The builders append only literals and printf'd schema names
        for builder in BUILDERS:
            function = re.search(r"^%s\s*\([^)]*\)\s*\{" % builder, text, re.M)
            if function is None:
                continue
            _, _, body = enclosing_function(text, function.end())
            for position, args in calls(body, "g_string_append"):
                if not is_literal(args[1]):
                    problems.append("%s %s: g_string_append of “%s”" % (filename, builder, args[1]))

        for name in ("store_load_records", "store_get_record"):
            for position, args in calls(text, name):
                if any(re.search(r"\b(const|RecordKind|ConfianzaStore)\b", a) for a in args):
                    continue
                line = text.count("\n", 0, position) + 1
                if len(args) >= 3 and not (is_literal(args[2]) or WHERE_ARGS.match(args[2])):
                    problems.append("%s:%d %s: column “%s” is not a schema name"
                                    % (filename, line, name, args[2]))

    # The schema names really are constant tables
    if not re.search(r"^(static )?const KindInfo (store_)?kinds\[", tables, re.M):
        problems.append("kinds[] is not a const table")
    if "foreign_keys[" in tables and not re.search(r"static const ForeignKey foreign_keys\[", tables):
        problems.append("foreign_keys[] is not a static const table")
    for columns in re.findall(r"(\w+_columns)\[\]\s*=", tables):
        if not re.search(r"static const (char \* const|ColumnInfo) %s\[\]" % columns, tables):
            problems.append("%s[] is not a static const table" % columns)
    if checked < 10:
        problems.append("only %d SQL calls found: the check no longer reads the store" % checked)
    return problems, checked, built


def check_network_sources(root):
    problems = []
    files = 0
    for folder, _, names in os.walk(os.path.join(root, "src")):
        for name in names:
            if not name.endswith((".c", ".h")):
                continue
            files += 1
            path = os.path.join(folder, name)
            text = strip_comments(open(path, encoding="utf-8", errors="replace").read())
            text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)
            for match in NETWORK_API.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                problems.append("%s:%d: %s" % (os.path.relpath(path, root), line, match.group(0).strip()))
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith((".", "build"))]
        for name in names:
            if name == "meson.build":
                path = os.path.join(folder, name)
                text = open(path, encoding="utf-8").read()
                for match in re.finditer(r"dependency\(\s*'([^']+)'", text):
                    if NETWORK_LIBS.search("lib" + match.group(1)) or \
                       re.search(r"soup|curl|webkit|gnutls|openssl", match.group(1)):
                        problems.append("%s asks for %s" % (os.path.relpath(path, root), match.group(1)))
    return problems, files


def check_network_libraries(binaries):
    problems = []
    checked = []
    skipped = []
    for binary in binaries:
        if not os.path.exists(binary):
            skipped.append("%s is not built" % os.path.basename(binary))
            continue
        output = subprocess.run(["ldd", binary], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT).stdout.decode("utf-8", "replace")
        checked.append(os.path.basename(binary))
        for line in output.splitlines():
            library = line.strip().split(" ")[0]
            if NETWORK_LIBS.search(library):
                problems.append("%s links %s" % (os.path.basename(binary), library))
    return problems, checked, skipped


def report(number, problems, description):
    if problems:
        for problem in problems:
            print("# %s" % problem)
        print("not ok %d - %s" % (number, description))
        return 1
    print("ok %d - %s" % (number, description))
    return 0


def main():
    root = sys.argv[1]
    binaries = sys.argv[2:]
    failed = 0
    print("1..3")

    problems, checked, built = check_store_sql(root)
    failed += report(1, problems, "%d SQL statements in src/store are constant text with bound "
                     "values (%d of them built from schema names in static const tables)"
                     % (checked, built))

    problems, files = check_network_sources(root)
    failed += report(2, problems, "no networking API in %d source files, no networking "
                     "dependency in the meson files" % files)

    problems, checked, skipped = check_network_libraries(binaries)
    for reason in skipped:
        print("# not checked: %s" % reason)
    if not checked:
        print("ok 3 # SKIP no binary built to check")
    else:
        failed += report(3, problems, "%s link no networking library" % ", ".join(checked))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
