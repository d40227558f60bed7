"""The shell a page may write: an allow-list of the syntax of a block the copy button hands to a
reader's shell.

The checks read the commands of a shell block (shell.py), the highlighter reads it again, and
the copy button gives it to whatever shell the reader pastes into: bash, dash, or zsh, the
default on macOS, which reads a pasted comment as a command and its words as arguments. Each
place where two of these readers disagreed let a command run that the checks never read. So
rather than the checks chasing every rule of three shells, a block may use only what the pages
need, and anything else is refused on its line:

- words of letters, digits and `_ . / : @ % + , = ~ ^ - [ ] !`, and placeholders (`<container>`);
  a command's name is a plain word (not `$DOCKER`, `"$(which docker)"`, `d""ocker`; after a
  wrapper such as `sudo`, command_checks holds the program it runs to the same); a word never
  starts with `=` (zsh's `=(…)` runs a command), holds no `{…}` (brace expansion) and no unquoted
  `*` or `?` (a glob), and no expansion is joined to its letters (`$(echo d)ocker`);
- quotes that close on their own line: `'…'` holding no `$(` or backtick (a program that runs the
  string would run them: `sh -c`, bash's arithmetic), `"…"` holding no backtick and no history
  `!`, neither a `\\144`-style escape; `$NAME`, `${NAME}`, `$1`, `$@`, `$?`, `$(…)` and `$((…))`
  of names and numbers;
- `|`, `||`, `&&`, `;`, `&`, redirections to a file (`>`, `>>`, `<`; `2>&1`) and here-documents
  (`<<EOF`, `<<'EOF'`) whose bodies, unless quoted, substitute nothing, into no shell; no alias,
  no `eval`, no pipe into a shell;
- a function defined as `name() {` on a line of its own, named like no program the checks know;
- `\\` only at a line's end, and a continued line never starts with `#`;
- a comment only at a word's start, never inside `$(…)` nor after a here-document's start; a
  comment line of its own (it is copied) in words: none of `` ` $ \\ ; & | < > ``, no `!` before a
  word, balanced quotes, and no zsh glob qualifier (`(e:…:)`, `(+fn)`, which run code);
- no tab and, outside quotes and comments, nothing but ASCII.

Console blocks: the lines after a `$ ` prompt, and their continuation lines; output is left out.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import catalog as catalogue
from .block_programs import PLAIN_FILE
from .shell import PLACEHOLDER, PROMPT, split_commands

_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:@%+,=~^-*?[]{}!")
_COMMAND_WORD = re.compile(r"[A-Za-z0-9_./-]+|\[|\{|\}|!")
# An unquoted `$(…)` whose output is meant as several words: the ids a docker command lists
# (`docker container rm $(docker container ls -aq)`).
_LISTS_IDS = re.compile(r" *docker ")
_WHOLE = frozenset({"$?", "$#", "$$"})  # numbers: nothing to split
# In a string a `\` may stand only before `n` or `t` (the tabs of `--format 'table …'`), or before
# a `"` it escapes (not a `\`: in double quotes `\\e` leaves `\e`). printf and `echo -e` read the
# others as characters: `\e` starts a terminal escape that can set the reader's clipboard, `\r`
# writes over the line, `\101` is `A`.
_SPELT = re.compile(r"\\[^nt\"]")
_SPELT_WHAT = "a `\\` before a character other than `n` or `t` in a string: a program may read it as another one"
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:@%+,~-")
_LONE_EQUALS = re.compile(r"=(?= |$)")  # the test operator `[ a = b ]`
_RESERVED = frozenset({"if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "time"})
_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")
_FUNCTION = re.compile(r"[ ]*[A-Za-z_][A-Za-z0-9_-]*\(\)[ ]*\{[ ]*$")
_PARAMETER = re.compile(r"\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\}|[0-9@?#$])")
_ARITHMETIC = re.compile(r"\$\(\((?:[ A-Za-z0-9_+*/%-]|\$[A-Za-z_][A-Za-z0-9_]*)*\)\)")
# A here-document is the one form the pages use, `<<'EOF'` then the line `EOF`: with any other
# delimiter (`<<pwd-x`, `<<E\OF`, `<<-`) the checks, the highlighter and bash, dash and zsh
# disagreed on the line that ends it, and the lines between were read by none of them.
_HEREDOC = re.compile(r"(?<!<)<<(?!<)\S*")
HEREDOC_OPENING, HEREDOC_END = "<<'EOF'", "EOF"
_AFTER_OPENING = re.compile(r"(?:[ ;&|)]|$)")
_REDIRECTION = re.compile(r"(?:[0-9]?>>?|&>|[0-9]?<)(?:&(?:[0-9]|-))?")
_SHEBANG = re.compile(r"#!/[A-Za-z0-9_/]+(?: [A-Za-z0-9_-]+)?")
# In a comment line of its own: what a shell reading it as a command would run or join.
_COMMENT_RUNS = re.compile(r"[`$\\;&|<>]|![^\s=]")
# zsh glob qualifiers (`*(e:…:)`, `x(+fn)`: a `(` on a word) and `=(…)` run code.
_QUALIFIER = re.compile(r"\S\(|\((?=[e+#^])")
# Commands the checks would have to run in their heads: an alias or `hash -p` hides what a name
# runs, eval runs text, fc and zsh's r run a history line again, `set --` fills `$@`.
# The door's own on purpose (defence in depth): none is in data/cli-rules.yaml `programs` either.
_REFUSED_COMMANDS = {
    "alias": "an alias: the checks cannot tell what its name runs; define a function, `name() {` … `}`",
    "eval": "`eval`: it runs text the checks read as words; write the command itself",
    "fc": "`fc`: it runs a line of the shell's history again, edited; write the command itself",
    "r": "`r`: zsh runs a line of its history again, edited; write the command itself",
    "hash": "`hash`: `hash -p` gives a name to another program; write the program's name itself",
    "set": "`set`: `set -- …` puts words into `$@`, which a command then runs with; write them out",
}
# Files the block writes (`> file`, `>> file`, `tee file`), and a shell running one of them.
_WRITES = re.compile(r"(?:(?<![<>&0-9])>>?|\btee(?: -a)?) *([\w./~-]+)")


def _runs_file(catalog: catalogue.Catalog) -> re.Pattern[str]:
    """A command that runs a file by name: itself, or through a shell of data/cli-rules.yaml
    `shells`, `source` or `.` (`sudo sh run.sh`)."""
    runners = "|".join(map(re.escape, sorted({*catalog.shells, "source", "."})))
    return re.compile(rf"(?:^|[;&|] *|\bsudo +)(?:(?:{runners}) +)?([\w./~-]+)")


# Where a block writes: after `>`, `>>`, `&>` (not `2>&1`), and `tee`'s files.
_REDIRECT_TO = re.compile(r"(?<![<>])(?:[0-9]|&)?>>?(?![&>])[ ]*((?:[^\s;&|<>'\"]|'[^']*'|\"[^\"]*\")+)")
_UNFILLED_TO = re.compile(r"(?<![\w\"'])<[a-z][a-z0-9-]*>[ ]+([^\s;&|<>]+)")
_TEE_TO = re.compile(r"\btee\b((?:[ ]+[^\s;&|<>]+)+)")
# What zsh does to a name that bash and dash leave as text: a subscript (`$name[2,-1]`), a
# modifier (`$name:s/x/y/`), and `$argv`, a function's arguments.
_ZSH_SUBSCRIPT = re.compile(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?(?:\[|:[A-Za-z&])|\$\{?argv\b")


def _pass_on(catalog: catalogue.Catalog) -> frozenset[str]:
    """Words that hand the next word to the shell as a command, held to the command-name rule: the
    wrappers of data/cli-rules.yaml that take no option (`sudo -u`'s value is no command), and
    `builtin`, no wrapper a block may run, kept here as the door's own (defence in depth)."""
    plain = {name for name, takes in catalog.wrappers.items() if not takes and name not in catalog.wrapper_flags}
    return frozenset({*plain, "builtin"})


FIX = (
    "write it with the shell the pages use (plain words, quotes closed on their line, `$NAME`, `$(…)`, "
    "`|`, `&&`, redirections to a file): see cheatsheet/shell_syntax.py"
)


COMMENT_FIX = "say it in words, or put the comment after its command, where the copy leaves it out"


class Refusal(NamedTuple):
    offset: int  # line of the block
    what: str
    fix: str = FIX


class _Scan:
    """One line's code, scanned left to right; `problems` says what falls outside the subset."""

    def __init__(
        self, line: str, command_position: bool, pass_on: frozenset[str], readable: frozenset[str] = frozenset()
    ) -> None:
        self.line = line
        self.pass_on = pass_on
        self.readable = readable  # the names a block may read (empty: any)
        self.i = 0
        # `"` (a double-quoted string) or `(` (a `$(…)`, with the word and command position it
        # interrupted, taken up again at its `)`)
        self.stack: list[tuple[str, str, bool]] = []
        self.word_start = True
        self.command_position = command_position
        self.word = ""  # the current word as written, for the command-name rule
        self.problems: list[str] = []
        self.comment = ""
        self.continued = False
        self.heredoc: str | None = None  # the delimiter of a here-document started here

    def refuse(self, what: str) -> None:
        self.problems.append(what)

    def end_word(self) -> None:
        if self.word and self.command_position and not self.stack_quoted():
            if _ASSIGNMENT.match(self.word):
                pass  # `NAME=value cmd`: the command comes next
            elif not _COMMAND_WORD.fullmatch(self.word):
                self.refuse(f"the command name `{self.word}` is not a plain word: the checks cannot tell what it runs")
                self.command_position = False
            elif self.word != self.word.lower() and not self.word.startswith("-"):
                self.refuse(
                    f"the command name `{self.word}` in capitals: on macOS's file system `Docker` runs docker; "
                    "write it in lower case"
                )
                self.command_position = False
            elif self.word in _REFUSED_COMMANDS:
                self.refuse(_REFUSED_COMMANDS[self.word])
                self.command_position = False
            else:
                self.command_position = self.word in _RESERVED or self.word in self.pass_on
        self.word = ""
        self.word_start = True

    def stack_quoted(self) -> bool:
        return bool(self.stack) and self.stack[-1][0] == '"'

    def dollar(self) -> None:
        line, i = self.line, self.i
        if i and (line[i - 1].isalnum() or line[i - 1] == "_"):
            self.refuse("a `$` expansion joined to the letters before it: the word is made by the shell")
        if (arithmetic := _ARITHMETIC.match(line, i)) is not None:
            self.read_names(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", arithmetic.group()))
            self.take(arithmetic.end())
        elif line.startswith("$((", i):
            self.refuse("`$((` holding more than names, numbers and `+ - * / %`")
            self.take(i + 3)
        elif line.startswith("$(", i):
            if not self.stack_quoted() and not _LISTS_IDS.match(line, i + 2) and not _ASSIGNMENT.fullmatch(self.word):
                self.refuse('an unquoted `$(…)`: the shell splits its output into words; quote it (`"$(…)"`)')
            self.stack.append(("(", self.word + "$(", self.command_position))
            self.i = i + 2
            self.word_start = True
            self.command_position = True
            self.word = ""
        elif (parameter := _PARAMETER.match(line, i)) is not None:
            self.read_names([parameter.group().strip("${}")])
            if not self.stack_quoted() and not _ASSIGNMENT.fullmatch(self.word) and parameter.group() not in _WHOLE:
                self.refuse(
                    f"an unquoted `{parameter.group()}`: bash and dash split its value into words (flags too); "
                    f'quote it (`"{parameter.group()}"`)'
                )
            self.take(parameter.end())
            self.joined_after(parameter.end())
        else:
            self.refuse("`$` other than `$NAME`, `${NAME}`, `$(…)` or `$((…))`")
            self.take(i + 1)

    def read_names(self, names: list[str]) -> None:
        """A name the block reads is one it may assign or the reader's own (data/cli-rules.yaml
        `assignable`, `readable`): `$_` is the last word of the line before, which a block can
        make `$(` or `[` of, and the shell fills others by itself (`BASH_COMMAND`, `OLDPWD`)."""
        for name in names:
            if self.readable and (name[0].isalpha() or name[0] == "_") and name not in self.readable:
                self.refuse(
                    f"`${name}`: a name the pages neither assign nor read (data/cli-rules.yaml `assignable`, "
                    "`readable`): the shell or a line before may have put anything in it"
                )
            elif self.readable and name == "0":
                self.refuse("`$0`: the shell's own name, which the checks cannot know")

    def quoted_text(self, text: str) -> None:
        """A string is data until a program runs it (`sh -c`, `su -c`, `trap`, bash's arithmetic):
        then a `$(…)` or a backtick in it is a command no check reads, and `\\144` spells a letter."""
        if "$(" in text or "`" in text:
            self.refuse("a `$(…)` or a backtick inside `'…'`: a program that runs the string would run it")
        if _SPELT.search(text):
            self.refuse(_SPELT_WHAT)

    def lone(self, at: int) -> bool:
        """Whether the character at `at` is a word of its own (`{` and `}` of a function body)."""
        before = self.line[at - 1] if at else " "
        after = self.line[at + 1] if at + 1 < len(self.line) else " "
        return before == " " and after in " ;"

    def plain_before(self) -> bool:
        """Whether the characters before a `#` in a word are a plain run the highlighter reads as
        one word with it: not after a quote, a `)`, a `>` or a `$NAME`, where it starts a comment."""
        start = self.i
        while start > 0 and self.line[start - 1] in _PLAIN:
            start -= 1
        return start < self.i and (start == 0 or self.line[start - 1] not in "${")

    def joined_after(self, end: int) -> None:
        """An expansion followed by letters, directly or after a closing quote (`${D}ocker`,
        `"$D"ocker`): the word is made by the shell."""
        after = self.line[end + 1 : end + 2] if self.line[end : end + 1] in "\"'" else self.line[end : end + 1]
        if after and (after.isalnum() or after == "_") and self.line[end : end + 1] != "":
            self.refuse("an expansion joined to the letters after it: the word is made by the shell")

    def take(self, end: int) -> None:
        self.word += self.line[self.i : end]
        self.word_start = False
        self.i = end

    def run(self) -> None:
        line = self.line
        n = len(line)
        while self.i < n:
            c = line[self.i]
            if self.stack_quoted():
                if c == '"':
                    self.stack.pop()
                    self.take(self.i + 1)
                elif c == "\\":
                    if self.i + 1 >= n:
                        self.refuse("a `\\` at the end of a line inside a string")
                    elif line[self.i + 1] in "$`":
                        self.refuse(
                            f"`\\{line[self.i + 1]}` in a string: the text keeps a `{line[self.i + 1]}` that a program "
                            "(`[ -v`, arithmetic, a prompt) may expand later"
                        )
                    elif _SPELT.match(line, self.i):
                        self.refuse(_SPELT_WHAT)
                    self.take(min(self.i + 2, n))
                elif c == "`":
                    self.refuse("a backtick: write `$(…)`")
                    self.take(self.i + 1)
                elif c == "!" and self.i + 1 < n and line[self.i + 1] not in ' "':
                    self.refuse('`!` before a word inside `"…"`: an interactive shell expands it from its history')
                    self.take(self.i + 1)
                elif c == "$":
                    self.dollar()
                else:
                    self.take(self.i + 1)
                continue
            if c == " ":
                self.end_word()
                self.i += 1
            elif c == "#" and not self.word_start and self.plain_before():
                self.take(self.i + 1)  # `repo.git#main`: a word's, as the shell and the highlighter read it
            elif c == "#" and self.word_start:
                if self.stack:
                    self.refuse("a comment inside `$(…)`")
                if self.heredoc is not None:
                    self.refuse("a comment after a here-document's start: the highlighter takes it for the document")
                self.comment = line[self.i :]
                return
            elif c == "'":
                close = line.find("'", self.i + 1)
                if close < 0:
                    self.refuse("a `'` string that does not close on its line")
                    return
                self.quoted_text(line[self.i + 1 : close])
                self.take(close + 1)
            elif c == '"':
                self.word += '"'
                self.stack.append(('"', "", False))
                self.i += 1
                self.word_start = False
            elif c == "$":
                self.dollar()
            elif c == "\\":
                if self.i == n - 1:
                    if self.i and line[self.i - 1] != " ":
                        self.refuse("a `\\` that continues a word on the next line: put a blank before it")
                    self.continued = True
                    self.end_word()
                    self.i += 1
                else:
                    self.refuse("a `\\` inside a line: quote the word instead")
                    self.take(min(self.i + 2, n))
            elif c == "<" and (placeholder := PLACEHOLDER.match(line, self.i)) is not None:
                self.take(placeholder.end())
            elif c == "<" and (heredoc := _HEREDOC.match(line, self.i)) is not None:
                self.end_word()
                if self.heredoc is not None:
                    self.refuse("two here-documents on one line: write each on its own")
                    self.i = heredoc.end()
                elif line.startswith(HEREDOC_OPENING, self.i) and _AFTER_OPENING.match(
                    line, self.i + len(HEREDOC_OPENING)
                ):
                    self.heredoc = HEREDOC_END
                    self.i += len(HEREDOC_OPENING)
                else:
                    self.refuse(
                        f"the here-document `{heredoc.group()[:20]}`: write `{HEREDOC_OPENING}`, ended by a line "
                        f"`{HEREDOC_END}` alone (the shell and the checks end others on different lines)"
                    )
                    self.i = heredoc.end()
            elif c in "<>" and line.startswith("(", self.i + 1):
                self.refuse(f"`{c}(`, a process substitution: write the command on its own line")
                self.i += 2
            elif c in "<>&" or (c.isdigit() and self.word_start and _REDIRECTION.match(line, self.i)):
                redirection = _REDIRECTION.match(line, self.i)
                if c == "&" and not line.startswith("&>", self.i):
                    self.operator()
                elif redirection is None or line.startswith("<<", self.i):
                    self.refuse(f"`{line[self.i : self.i + 3]}`: redirect to a file with `>`, `>>`, `<` or `2>&1`")
                    self.i += 1
                else:
                    self.end_word()
                    self.i = redirection.end()
                    self.word_start = True
                    target = line[self.i :].lstrip(" ")
                    duplicates = redirection.group()[-2:-1] == "&"  # `2>&1`: no file
                    if not duplicates and (not target or target[0] in "#|&;<>()"):
                        self.refuse("a redirection without a file after it")
            elif c in "|;":
                self.operator()
            elif c == "(":
                if _FUNCTION.fullmatch(line) and not self.stack:
                    # its name: cheatsheet/block_programs.py's function_problem
                    self.i = n
                    self.command_position = True
                    self.word = ""
                    return
                self.refuse("`(` outside `$(…)`: a subshell or a glob group")
                self.i += 1
            elif c == ")":
                if self.stack and self.stack[-1][0] == "(":
                    self.end_word()
                    _, self.word, self.command_position = self.stack.pop()
                    self.joined_after(self.i + 1)
                    self.word += "…)"
                    self.word_start = False
                    self.i += 1
                else:
                    self.refuse("a `)` that closes nothing")
                    self.i += 1
            elif c in "{}" and not self.lone(self.i):
                self.refuse(f"`{c}` inside a word: the shell expands `{{a,b}}` and `{{a..b}}` into other words")
                self.take(self.i + 1)
            elif c == "[" and not self.lone(self.i) and not line.startswith("[[ ", self.i):
                self.refuse("a `[` inside a word: the shell expands `d[o]cker` as a glob; quote the word")
                self.take(self.i + 1)
            elif c in "*?" and not self.stack_quoted():
                self.refuse(f"an unquoted `{c}`: the shell expands it into the names of files; quote the word")
                self.take(self.i + 1)
            elif c in _WORD_CHARS:
                if self.word_start and c == "=" and not _LONE_EQUALS.match(line, self.i):
                    self.refuse("a word that starts with `=`: zsh runs `=(…)` and expands `=name`")
                if c == "!" and self.i + 1 < n and line[self.i + 1] not in " =":
                    self.refuse("`!` before a word: an interactive shell expands it from its history")
                if c == "^" and self.word_start and not line[: self.i].strip():
                    self.refuse("a line that starts with `^`: zsh and bash read it as a history substitution")
                self.take(self.i + 1)
            else:
                if c == "`":
                    self.refuse("a backtick: write `$(…)`")
                else:
                    shown = f"`{c}`" if c.isascii() and c.isprintable() else f"U+{ord(c):04X}"
                    self.refuse(f"{shown} outside quotes and comments")
                self.take(self.i + 1)
        self.end_word()
        if self.stack:
            self.refuse("a string or `$(…)` that does not close on its line")

    def operator(self) -> None:
        line = self.line
        self.end_word()
        two = line[self.i : self.i + 2]
        if two in ("&&", "||"):
            self.i += 2
        elif two == ";;" or two == "|&":
            self.refuse(f"`{two}`")
            self.i += 2
        else:
            self.i += 1
        self.command_position = True


# A here-document written to a shell script (`cat > run.sh <<'EOF'`, `tee run.sh`): its body runs
# when the script does, so it is read as the block's own commands.
_SCRIPT_FILE = re.compile(r"(?:>|\btee(?: -a)?) *[\w./~-]*\.(?:sh|bash|zsh)\b")


def _script_reader(code: str, catalog: catalogue.Catalog) -> str | None:
    """A pipe or a here-document into a program that runs its input as a script (data/cli-rules.yaml
    `shells`, `runs_input`), behind any wrapper (`| sudo -u root sh`, `| nice /bin/sh`,
    `/bin/sh <<'END'`, `| sudo -s`): what it is. Defence in depth: block_programs.input_problems
    holds input to the allow-list `reads_input`; the door refuses these first, on their line."""
    parts = re.split(r"(\|\||\||&&|;)", code)
    for k in range(0, len(parts), 2):
        piped = k > 0 and parts[k - 1] == "|"
        if not piped and "<<" not in parts[k]:
            continue
        # as the shell reads the program's name: `| "sh"` and `| 'sh'` run sh
        words = [w.strip("'\"").rsplit("/", 1)[-1].lower() for w in parts[k].split("<<", 1)[0].split()]
        reader = next((w for w in words if w in catalog.runs_input), None)
        # `sudo -s` and `sudo -i` start the user's shell, whichever it is: no name to list
        if reader is None and "sudo" in words and {"-s", "-i"} & set(words):
            reader = "sudo -s"
        if reader is not None:
            return f"a {'pipe' if piped else 'here-document'} into `{reader}`"
    return None


def _run_strings(code: str, catalog: catalogue.Catalog) -> list[tuple[str, str]]:
    """What a string another program runs as a command line (data/cli-rules.yaml
    `runs_command_line`: `trap '…' EXIT`, `sh -c '…'`, `watch docker …`) holds outside the subset:
    it is code, held to the same door."""
    found: list[tuple[str, str]] = []
    runs = catalog.runs_command_line
    for words in split_commands(code):
        rest = list(words)
        while rest and _ASSIGNMENT.match(rest[0]):  # `NAME=value cmd`
            rest = rest[1:]
        while rest and rest[0] in catalog.wrappers and rest[0] not in runs:
            rest = rest[1:]
            while rest and (rest[0].startswith("-") or rest[0].isdigit()):
                rest = rest[1:]
        program = rest[0].rsplit("/", 1)[-1] if rest else ""
        where = runs.get(program)
        if where is None:
            continue
        if where in ("joined", "host") and any("$" in word for word in rest):
            # watch and ssh join their words into one command line for a shell: a value the
            # shell put in them (`"$name"`) is read there as code.
            found.append((program, f"a `$…`, filled in before {program} joins its words into a command line"))
            continue
        if where in ("joined", "host"):  # its words after its options (and its host), joined
            takes = catalog.wrappers.get(program, [])
            k = 1
            while k < len(rest) and rest[k].startswith("-"):
                k += 2 if rest[k] in takes else 1
            strings = [" ".join(rest[k + (where == "host") :])]
        else:
            # The string is the first word after the option (or, with none, the program) that is
            # no option itself: `sh -c -e '…'`, `trap -- '…' EXIT`.
            letter = where[1:]
            starts = [k for k, w in enumerate(rest) if w[:1] == "-" and letter in w[1:].lstrip("-")] if letter else [0]
            strings = [next((w for w in rest[k + 1 :] if not w.startswith("-")), "") for k in starts]
        for string in filter(None, strings):
            if "$" in string and f"'{string}'" not in code:
                # In double quotes the shell fills `$name` when the string is written, and the
                # program reads the value as code when it runs it (`trap "… $name" EXIT`).
                found.append((program, "a `$…` outside single quotes: its value would be read as code"))
            found += [(program, r.what) for r in refusals(string.split("\n"), catalog=catalog)]
    return found


# A path outside the current folder, as a word of a line: from the root, the home folder or above.
_OUTSIDE = re.compile(r"(?:^|=)(?:/(?!dev/null$)|~|\$\{?HOME\b|\.\./)")
_READ_FROM = re.compile(r"(?<!<)<(?!<)[ ]*((?:/(?!dev/null\b)|~|\$\{?HOME\b|\.\./)\S*)")


def _read_outside(code: str, catalog: catalogue.Catalog) -> str:
    """A path outside the current folder that a program of the line other than docker reads
    (`cat ~/.ssh/id_ed25519`); docker's own reads are held to data/cli-rules.yaml `docker_reads`,
    and a container's paths are the container's."""
    if redirected := _READ_FROM.search(code):  # `cat < ~/.ssh/id_ed25519 > key`
        return redirected.group(1)
    for words in split_commands(code):
        rest = list(words)
        while rest and (_ASSIGNMENT.match(rest[0]) or rest[0] in catalog.wrappers):
            rest = rest[1:]
        if rest[:1] == ["docker"]:
            continue
        found = next((word for word in rest[1:] if _OUTSIDE.search(word)), "")
        if found:
            return found
    return ""


def _write_targets(code: str) -> list[str]:
    """The files a line's redirections and `tee` write (a `>` inside quotes is text; a command
    line in quotes that another program runs is checked as its own line)."""
    quoted, quote = [], ""
    for c in code:
        if quote:
            quoted.append(True)
            if c == quote:
                quote = ""
            continue
        quoted.append(c in "'\"")
        quote = c if c in "'\"" else ""
    # A placeholder's `>` closes it (`<repository>:1.0`): it is no redirection while filled in.
    plain = PLACEHOLDER.sub(lambda m: "x" * len(m.group()), code)
    targets = [m.group(1) for m in _REDIRECT_TO.finditer(plain) if not quoted[m.start(1) - 1]]
    # A placeholder the reader leaves unfilled is two redirections: `<container> ~/.bashrc` reads
    # the file `container` and writes the word after it.
    # Any word may follow one (a flag, `myapp:debug`): only a place outside the current folder is
    # taken for the write it would be.
    targets += [
        m.group(1)
        for m in _UNFILLED_TO.finditer(code)
        if not quoted[m.start()]
        and ("/" in m.group(1) or m.group(1).lstrip("'\"").startswith(("~", "$", ".")))
        and m.group(1) != "."
    ]
    for tee in _TEE_TO.finditer(code):
        if not quoted[tee.start()]:
            targets += [w for w in tee.group(1).split() if not w.startswith("-")]
    return targets


write_targets = _write_targets


def comment_line_problem(comment: str) -> str:
    """What a comment line of its own (`# …`, copied with the commands) holds that a shell would
    run when it reads the line as a command, or ""."""
    text = comment[1:]
    if (runs := _COMMENT_RUNS.search(text)) is not None:
        return f"a comment line holds `{runs.group()[0]}`, which zsh runs or joins when the block is pasted into it"
    if text.count("'") % 2 or text.count('"') % 2:
        return "a comment line holds a quote that does not close, so zsh would read the next lines as a string"
    if re.search(r"\(\s*\)", text):
        return "a comment line holds `()`: zsh reads `name () command` as a function that every later `name` runs"
    if (qualifier := _QUALIFIER.search(text)) is not None:
        return (
            f"a comment line holds `{qualifier.group()}`: zsh reads a `(` on a word, or before `e` or `+`, as a glob "
            "qualifier that runs code"
        )
    return ""


def refusals(lines: list[str], session: bool = False, catalog: catalogue.Catalog | None = None) -> list[Refusal]:
    """Each line of a copied shell block that falls outside the subset, with why; the programs
    named are those of the catalogue's data/cli-rules.yaml (the project's, unless given)."""
    catalog = catalog if catalog is not None else catalogue.load()
    pass_on, runs_file = _pass_on(catalog), _runs_file(catalog)
    readable = catalog.assignable | catalog.readable
    found: list[Refusal] = []
    heredoc: str | None = None
    continued = False
    written: set[str] = set()
    command_position = True
    for index, raw in enumerate(lines):
        if "\t" in raw:
            found.append(
                Refusal(index, "a tab: Markdown shows it as spaces, so the page and the checks read two lines")
            )
            raw = raw.replace("\t", " ")
        if heredoc is not None:
            if raw == heredoc:
                heredoc = None
            elif raw.strip() == heredoc:
                found.append(
                    Refusal(index, f"blanks around `{heredoc}`: the shell ends a here-document only at the bare word")
                )
                heredoc = None  # read on as commands: the stricter reading
            continue
        line = raw
        if session and not continued:
            prompt = PROMPT.match(line)
            if prompt is None:
                continue  # output: the copy leaves it out
            line = line[prompt.end() :]
        if continued and not line.startswith(" "):
            found.append(Refusal(index, "a continued line that does not start with a blank: it joins the word before"))
        if continued and line.lstrip(" ").startswith("#"):
            found.append(Refusal(index, "a continued line that starts with `#`: the highlighter reads a prompt"))
            continued = False
            continue
        scan = _Scan(line, command_position if continued else True, pass_on, readable)
        scan.run()
        own_line = scan.comment and not line[: line.index(scan.comment)].strip()
        shebang = index == 0 and _SHEBANG.fullmatch(line)
        if own_line and not shebang and (problem := comment_line_problem(scan.comment)):
            found.append(Refusal(index, problem, COMMENT_FIX))
        code = line[: len(line) - len(scan.comment)] if scan.comment else line
        for run in runs_file.finditer(code.strip()):
            name = run.group(1)
            if name in written or (name.startswith("./") and name[2:] in written):
                scan.problems.append(
                    f"runs `{name}`, a script the block itself wrote: its commands are read by no check"
                )
        written.update(w.group(1) for w in _WRITES.finditer(code))
        targets = _write_targets(code)
        for target in targets:
            if catalog.is_config_file(target):
                scan.problems.append(
                    f"writes `{target[:40]}`, a file docker reads as a program of what it writes, mounts and runs"
                )
            elif target != "/dev/null" and not PLAIN_FILE.fullmatch(target):
                scan.problems.append(
                    f"writes to `{target[:40]}`: a block may write only a file in the current folder "
                    "(a shell's startup file, or a folder on `PATH`, runs what is written there later)"
                )
        if any(target != "/dev/null" for target in targets) and (outside := _read_outside(code, catalog)):
            # What lands in the current folder goes into the image a build of it makes, and on to
            # a registry with `--push`: a reader's key or token must not be brought in.
            scan.problems.append(
                f"writes a file in the current folder on a line that reads `{outside[:30]}`: "
                "a build of the folder would take it into the image"
            )
        if (reader := _script_reader(code, catalog)) is not None:
            scan.problems.append(f"{reader}: it runs its input as a script no check reads")
        if _ZSH_SUBSCRIPT.search(code):
            scan.problems.append(
                "`$NAME[…]`, `$NAME:s/…/`, `$argv`: zsh reads them as a subscript, a modifier or the "
                "arguments, bash and dash as text"
            )
        if code.rstrip(" ").endswith(("|", "&&")):
            scan.problems.append("a line that ends in `|` or `&&`: the shell reads the next line as its continuation")
        if not scan.problems and not scan.continued:
            strings = _run_strings(code, catalog)
            scan.problems += [f"in the command line `{program}` runs: {what}" for program, what in strings]
        found += [Refusal(index, what) for what in dict.fromkeys(scan.problems)]
        continued = scan.continued
        command_position = scan.command_position
        heredoc = scan.heredoc
        if heredoc is not None and (session or scan.continued):
            # A console block's copy leaves out the lines without a prompt, the document's body;
            # a `\` after its start joins the next line to the command, not to the document.
            where = "in a console block" if session else "on a line continued by `\\`"
            found.append(Refusal(index, f"a here-document {where}: the shell and the copy read its lines apart"))
            heredoc = None
        if heredoc is not None and _SCRIPT_FILE.search(code):
            heredoc = None  # a script written to a file: its body is commands, read line by line
    return found
