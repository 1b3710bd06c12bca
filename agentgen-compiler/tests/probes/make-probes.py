#!/usr/bin/env python3
"""Writes the hand-made probe files, one folder per question (maxturns/, hooks/, …) beside this script.

Every probe is a tiny agent file whose `description` says what it probes.
Run:  python3 make-probes.py   (then ./run-oracle.sh to record verdicts.jsonl per folder)
"""
import os, shutil, json

ROOT = os.path.dirname(os.path.abspath(__file__))
BODY = "Probe body.\n"


def q(s):
    """YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def write(folder, rel, text, binary=False):
    p = os.path.join(ROOT, folder, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(text if binary else text.encode("utf-8"))


def agent(folder, stem, desc, lines, name=None, body=BODY, rel=None):
    name = stem if name is None else name
    fm = [f"name: {q(name) if not isinstance(name, RawName) else name.s}", f"description: {q(desc)}"] + list(lines)
    write(folder, rel or f"{stem}.md", "---\n" + "\n".join(fm) + "\n---\n" + body)


class RawName:
    def __init__(self, s):
        self.s = s


# ---------------------------------------------------------------- 1. maxTurns
F = "maxturns"
yaml_vals = [
    ("int-5", "5"), ("int-0", "0"), ("int-neg3", "-3"), ("float-1.0", "1.0"), ("float-1.5", "1.5"),
    ("float-1e3", "1e3"), ("float-1.0e+3", "1.0e+3"), ("int-huge-99999999999", "99999999999"),
    ("int-2pow53plus1", "9007199254740993"), ("int-20digits", "12345678901234567890"),
    ("float-1e400", "1e400"), ("float-inf", ".inf"), ("float-nan", ".nan"),
    ("int-hex-0x10", "0x10"), ("int-octal-0o17", "0o17"), ("plain-007", "007"),
    ("bool-true", "true"), ("bool-false", "false"), ("null-word", "null"), ("null-empty", ""),
    ("list-5", "[5]"), ("list-str-1e3", "['1e3']"), ("list-1-2", "[1, 2]"), ("list-empty", "[]"),
    ("map", "{a: 1}"), ("plain-1,000", "1,000"), ("plain-5abc", "5abc"),
]
for stem, v in yaml_vals:
    agent(F, f"mt-{stem}", f"maxTurns as YAML: maxTurns: {v}", [f"maxTurns: {v}".rstrip()])
str_vals = [
    ("5", "5"), ("sp5sp", " 5 "), ("tab5", "\t5"), ("1e3", "1e3"), ("1E3", "1E3"), ("1e-3", "1e-3"),
    ("1e+3", "1e+3"), ("1.5e3", "1.5e3"), ("1.e3", "1.e3"), (".5e1", ".5e1"), ("0e5", "0e5"),
    ("1e21", "1e21"), ("1e400", "1e400"), ("2.5", "2.5"), ("5.0", "5.0"),
    ("1,000", "1,000"), ("1_000", "1_000"), ("1 000", "1 000"), ("1nbsp000", "1\u00a0000"),
    ("1nnbsp000", "1\u202f000"), ("1thinsp000", "1\u2009000"), ("10,00", "10,00"), ("1,0000", "1,0000"),
    ("1,000,000", "1,000,000"), ("1_000_000", "1_000_000"), ("1,000_000", "1,000_000"),
    ("1000,000", "1000,000"), ("+5", "+5"), ("-5", "-5"), ("+1,000", "+1,000"), ("-1,000", "-1,000"),
    ("0x10", "0x10"), ("007", "007"), ("5abc", "5abc"), ("empty", ""), ("1,000.5", "1,000.5"),
    ("true", "true"), ("fullwidth-5", "\uff15"), ("sp1,000", " 1,000"),
    ("33chars-1,000x8", "1" + ",000" * 8), ("31chars-100,000x7", "100" + ",000" * 7),
    ("12345678901234567890", "12345678901234567890"),
]
for stem, v in str_vals:
    agent(F, f"mt-str-{stem}", f"maxTurns as quoted string {q(v)}", [f"maxTurns: {q(v)}"])

# ---------------------------------------------------------------- 2. effort
F = "effort"
for stem, v in [("int-0", "0"), ("int-neg5", "-5"), ("int-5", "5"), ("int-1000000", "1000000"),
                ("int-1e19", "10000000000000000000"), ("float-1.5", "1.5"), ("float-2.0", "2.0"),
                ("float-1e3", "1e3"), ("float-inf", ".inf"), ("bool-true", "true"), ("bool-false", "false"),
                ("null-word", "null"), ("null-empty", ""), ("list-high", "[high]"), ("list-high-low", "[high, low]"),
                ("plain-high", "high"), ("plain-HIGH", "HIGH"), ("plain-Med", "Med"), ("map", "{a: 1}")]:
    agent(F, f"ef-{stem}", f"effort as YAML: effort: {v}", [f"effort: {v}".rstrip()])
for stem, v in [("5", "5"), ("-5", "-5"), ("high", "high"), ("HIGH", "HIGH"), ("sphighsp", " high "),
                ("high-sp", "high "), ("med", "med"), ("Med", "Med"), ("MED", "MED"), ("medium", "medium"),
                ("xhigh", "xhigh"), ("max", "max"), ("Max", "Max"), ("low", "low"), ("extreme", "extreme"),
                ("ultracode", "ultracode"), ("empty", ""), ("sp5", " 5"), ("5abc", "5abc"), ("1.9", "1.9"),
                ("1e3", "1e3"), ("0x10", "0x10"), ("true", "true"), ("1,000", "1,000")]:
    agent(F, f"ef-str-{stem}", f"effort as quoted string {q(v)}", [f"effort: {q(v)}"])

# ---------------------------------------------------------------- 3. permissionMode
F = "permissionmode"
for stem, v in [("manual", "manual"), ("Manual", "Manual"), ("MANUAL", "MANUAL"), ("sp-default", q(" default")),
                ("default-sp", q("default ")), ("default", "default"), ("plan", "plan"), ("acceptEdits", "acceptEdits"),
                ("acceptedits", "acceptedits"), ("auto", "auto"), ("bypassPermissions", "bypassPermissions"),
                ("dontAsk", "dontAsk"), ("Plan", "Plan"), ("yolo", "yolo"), ("empty-str", '""'), ("null-empty", ""),
                ("bool-true", "true"), ("int-5", "5"), ("list-plan", "[plan]"), ("delegate", "delegate"),
                ("readOnly", "readOnly")]:
    agent(F, f"pm-{stem}", f"permissionMode: {v}", [f"permissionMode: {v}".rstrip()])

# ---------------------------------------------------------------- 4. new 2.1.332 fields
F = "newfields"
for stem, v in [("99999", "99999"), ("100000", "100000"), ("150000", "150000"), ("str-150000", '"150000"'),
                ("float-1.5e5", "1.5e5"), ("str-1.5e5", '"1.5e5"'), ("str-150,000", '"150,000"'),
                ("150000.5", "150000.5"), ("neg1", "-1"), ("str-abc", '"abc"'), ("bool-true", "true"),
                ("10000000000", "10000000000"), ("maxsafe", "9007199254740991"), ("maxsafe-plus1", "9007199254740992"),
                ("list-150000", "[150000]"), ("null-empty", "")]:
    agent(F, f"acw-{stem}", f"autoCompactWindow: {v}", [f"autoCompactWindow: {v}".rstrip()])
for stem, v in [("true", "true"), ("str-true", '"true"'), ("false", "false"), ("str-false", '"false"'),
                ("str-yes", '"yes"'), ("int-1", "1"), ("str-TRUE", '"TRUE"'), ("str-True", '"True"'),
                ("null", "null"), ("null-empty", "")]:
    agent(F, f"ocm-{stem}", f"omitClaudeMd: {v}", [f"omitClaudeMd: {v}".rstrip()])
for stem, v in [("sp-watcher-sp", '" watcher "'), ("watcher", "watcher"), ("empty", '""'), ("blank", '"  "'),
                ("int-5", "5"), ("list", "[a, b]"), ("bool-true", "true"), ("null-empty", ""),
                ("comma-list", '"a, b"')]:
    agent(F, f"obs-{stem}", f"observer: {v}", [f"observer: {v}".rstrip()])
for stem, v in [("sp-x-sp", '" x "'), ("empty", '""'), ("blank", '"  "'), ("int-5", "5"), ("hello", "hello"),
                ("list", "[x]")]:
    agent(F, f"obsmsg-{stem}", f"observerMessage: {v}", [f"observerMessage: {v}"])
for stem, v in [("false", "false"), ("str-false", '"false"'), ("true", "true"), ("str-true", '"true"'),
                ("str-no", '"no"'), ("int-0", "0"), ("str-FALSE", '"FALSE"'), ("null-empty", "")]:
    agent(F, f"osub-{stem}", f"observeSubagents: {v}", [f"observeSubagents: {v}".rstrip()])
for stem, v in [("true", "true"), ("str-true", '"true"'), ("false", "false"), ("str-false", '"false"'),
                ("str-no", '"no"'), ("str-yes", '"yes"'), ("int-0", "0"), ("int-1", "1"), ("int-2", "2"),
                ("empty", '""'), ("null", "null"), ("null-empty", ""), ("str-on", '"on"'), ("str-off", '"off"'),
                ("str-TRUE", '"TRUE"'), ("str-sp-yes-sp", '" yes "'), ("str-maybe", '"maybe"'), ("list", "[x]")]:
    agent(F, f"otr-{stem}", f"observeToolResults: {v}", [f"observeToolResults: {v}".rstrip()])
agent(F, "otr-absent", "observeToolResults absent (baseline)", [])
for stem, lines in [
    ("cacheTtl-5m", ["experimental:", "  cacheTtl: 5m"]),
    ("cacheTtl-1h", ["experimental:", "  cacheTtl: 1h"]),
    ("cache_ttl-1h", ["experimental:", "  cache_ttl: 1h"]),
    ("CacheTTL-1h", ["experimental:", "  CacheTTL: 1h"]),
    ("cache-ttl-1h", ["experimental:", "  cache-ttl: 1h"]),
    ("CACHE_TTL-1h", ["experimental:", "  CACHE_TTL: 1h"]),
    ("cache__t-t-l-1h", ["experimental:", "  cache__t-t-l: 1h"]),
    ("cache-space-ttl-1h", ["experimental:", "  cache ttl: 1h"]),
    ("cacheTtl-10m", ["experimental:", "  cacheTtl: 10m"]),
    ("cacheTtl-int5", ["experimental:", "  cacheTtl: 5"]),
    ("cacheTtl-5M", ["experimental:", "  cacheTtl: 5M"]),
    ("cacheTtl-sp5m", ["experimental:", '  cacheTtl: " 5m"']),
    ("other-x", ["experimental:", "  other: x"]),
    ("first-key-invalid", ["experimental:", "  cacheTtl: 10m", "  cache_ttl: 1h"]),
    ("first-key-valid", ["experimental:", "  cache_ttl: 1h", "  cacheTtl: 10m"]),
    ("as-string", ['experimental: "cacheTtl: 5m"']),
    ("as-list", ["experimental: [cacheTtl, 5m]"]),
    ("as-list-of-map", ["experimental: [{cacheTtl: 5m}]"]),
    ("null", ["experimental: null"]),
    ("toplevel-cacheTtl", ["cacheTtl: 1h"]),
]:
    agent(F, f"exp-{stem}", "cacheTtl probe: " + " / ".join(l.strip() for l in lines), lines)

# ---------------------------------------------------------------- 5. hooks values
F = "hooks"
CMD = "{type: command, command: echo hi}"
M = lambda h, matcher="Bash": f"[{{matcher: {matcher}, hooks: [{h}]}}]"
hooks_cases = [
    ("empty-map", "hooks: {}"), ("empty-list", "hooks: []"), ("null", "hooks: null"), ("blank", "hooks:"),
    ("str-x", 'hooks: "x"'), ("true", "hooks: true"), ("false", "hooks: false"), ("int-0", "hooks: 0"),
    ("int-1", "hooks: 1"), ("empty-str", 'hooks: ""'),
    ("single-matcher", f"hooks: {{matcher: Bash, hooks: [{CMD}]}}"),
    ("list-of-matchers", f"hooks: {M(CMD)}"),
    ("list-of-strings", "hooks: [a, b]"),
    ("Pre-emptylist", "hooks: {PreToolUse: []}"),
    ("Pre-null", "hooks: {PreToolUse: null}"),
    ("Pre-matcher-emptyhooks", "hooks: {PreToolUse: [{matcher: Bash, hooks: []}]}"),
    ("Pre-nomatcher", f"hooks: {{PreToolUse: [{{hooks: [{CMD}]}}]}}"),
    ("Pre-full", f"hooks: {{PreToolUse: {M(CMD)}}}"),
    ("Post-full", f"hooks: {{PostToolUse: {M(CMD)}}}"),
    ("Stop-full-nomatcher", f"hooks: {{Stop: [{{hooks: [{CMD}]}}]}}"),
    ("two-events", f"hooks: {{PostToolUse: {M(CMD)}, Stop: [{{hooks: [{CMD}]}}]}}"),
    ("UnknownEvent-list", f"hooks: {{UnknownEvent: {M(CMD)}}}"),
    ("UnknownEvent-map", f"hooks: {{UnknownEvent: {{matcher: Bash, hooks: [{CMD}]}}}}"),
    ("UnknownEvent-str", 'hooks: {UnknownEvent: "x"}'),
    ("UnknownEvent-holding-Pre", f"hooks: {{UnknownEvent: [{{PreToolUse: {M(CMD)}}}]}}"),
    ("lower-pretooluse-list", f"hooks: {{pretooluse: {M(CMD)}}}"),
    ("lower-posttooluse-list", f"hooks: {{posttooluse: {M(CMD)}}}"),
    ("Pre-map-not-list", f"hooks: {{PreToolUse: {{matcher: Bash, hooks: [{CMD}]}}}}"),
    ("Post-map-not-list", f"hooks: {{PostToolUse: {{matcher: Bash, hooks: [{CMD}]}}}}"),
    ("Pre-str", 'hooks: {PreToolUse: "x"}'), ("Post-str", 'hooks: {PostToolUse: "x"}'),
    ("Pre-int-elem", "hooks: {PreToolUse: [5]}"), ("Post-int-elem", "hooks: {PostToolUse: [5]}"),
    ("Pre-hooks-not-list", f"hooks: {{PreToolUse: [{{matcher: Bash, hooks: {CMD}}}]}}"),
    ("Post-hooks-not-list", f"hooks: {{PostToolUse: [{{matcher: Bash, hooks: {CMD}}}]}}"),
    ("Pre-matcher-int", f"hooks: {{PreToolUse: {M(CMD, '5')}}}"),
    ("Post-matcher-int", f"hooks: {{PostToolUse: {M(CMD, '5')}}}"),
    ("Pre-matcher-extra-key", f"hooks: {{PreToolUse: [{{matcher: Bash, extra: 1, hooks: [{CMD}]}}]}}"),
    ("PermissionRequest-full", f"hooks: {{PermissionRequest: {M(CMD)}}}"),
    ("PreSkillShellCommand-full", f"hooks: {{PreSkillShellCommand: {M(CMD)}}}"),
    ("PermissionRequest-str", 'hooks: {PermissionRequest: "x"}'),
    ("PreSkillShellCommand-str", 'hooks: {PreSkillShellCommand: "x"}'),
]
types = [
    ("command", CMD), ("command-shell-bash", "{type: command, command: x, shell: bash}"),
    ("command-shell-zsh", "{type: command, command: x, shell: zsh}"),
    ("command-args", "{type: command, command: x, args: [a, b]}"),
    ("prompt", "{type: prompt, prompt: check it}"), ("agent", "{type: agent, prompt: check it}"),
    ("http", "{type: http, url: 'https://example.com/hook'}"), ("http-badurl", "{type: http, url: not-a-url}"),
    ("mcp_tool", "{type: mcp_tool, server: s, tool: t}"), ("mcp_tool-noserver", "{type: mcp_tool, tool: t}"),
    ("unknown-type", "{type: shell, command: x}"), ("Command-capital", "{type: Command, command: x}"),
    ("no-type", "{command: x}"), ("type-int", "{type: 5, command: x}"),
    ("missing-command", "{type: command}"), ("prompt-missing-prompt", "{type: prompt}"),
    ("command-int", "{type: command, command: 5}"),
    ("timeout-30", "{type: command, command: x, timeout: 30}"), ("timeout-1.5", "{type: command, command: x, timeout: 1.5}"),
    ("timeout-str-30", "{type: command, command: x, timeout: '30'}"), ("timeout-0", "{type: command, command: x, timeout: 0}"),
    ("timeout-neg1", "{type: command, command: x, timeout: -1}"),
    ("extra-key", "{type: command, command: x, foo: bar}"),
    ("async-str", "{type: command, command: x, async: 'true'}"), ("async-true", "{type: command, command: x, async: true}"),
    ("hook-is-str", "x"),
]
for ev in ("Pre", "Post"):
    event = "PreToolUse" if ev == "Pre" else "PostToolUse"
    for stem, h in types:
        hooks_cases.append((f"{ev}-{stem}", f"hooks: {{{event}: {M(h)}}}"))
    hooks_cases.append((f"{ev}-one-bad-one-good", f"hooks: {{{event}: [{{matcher: Bash, hooks: [{{type: command}}, {CMD}]}}]}}"))
for stem, line in hooks_cases:
    agent(F, f"hk-{stem}", line, [line])
# block style, as users write it
agent(F, "hk-block-style-Post", "hooks in block style, PostToolUse with matcher and command",
      ["hooks:", "  PostToolUse:", "    - matcher: Edit", "      hooks:", "        - type: command", "          command: ./lint.sh"])

# ---------------------------------------------------------------- 5a'. hooks: schema details, JavaScript objects
# (read/hooks.rs): aliases share one object that Claude Code changes in place, repeated keys, key order,
# values the schema changes or strips silently, guard keys inside hook entries and matchers, scan depths.
BAD = "{type: bad}"
hooks_more = [
    ("alias-Post-then-Pre", "an alias shares the list: PostToolUse removes the bad entry before PreToolUse sees it",
     ["hooks:", f"  PostToolUse: &m [{{hooks: [{BAD}]}}]", "  PreToolUse: *m"]),
    ("alias-Pre-then-Post", "an alias shares the list: PreToolUse sees the bad entry first",
     ["hooks:", f"  PreToolUse: &m [{{hooks: [{BAD}]}}]", "  PostToolUse: *m"]),
    ("alias-hook-twice", "the same bad hook entry twice in one list",
     ["hooks:", "  Stop: [{hooks: [&h {type: command}, *h]}]"]),
    ("alias-matcher-twice", "the same matcher twice: its bad entry is removed on the first visit",
     ["hooks:", f"  Stop: [&m {{matcher: Bash, hooks: [{BAD}, {CMD}]}}, *m]"]),
    ("alias-dup-key-shares", "a repeated event key keeps its first position and takes an alias of a guard list",
     ["hooks:", "  Stop: []", f"  PreSkillShellCommand: &a [{{matcher: 5, hooks: []}}]", "  Stop: *a"]),
    ("dup-event", "a repeated event key: first position, last value",
     ["hooks:", f"  Stop: [{{hooks: [{BAD}]}}]", "  PostToolUse: []", f"  Stop: [{{hooks: [{CMD}]}}]"]),
    ("dup-key-in-hook", "a repeated key in a hook entry: the last value counts",
     ["hooks: {Stop: [{hooks: [{type: shell, command: x, type: command}]}]}"]),
    ("dup-key-in-matcher", "a repeated matcher key",
     [f"hooks: {{Stop: [{{matcher: 5, hooks: [{CMD}], matcher: Bash}}]}}"]),
    ("input-key-order", "mcp_tool input keys: integer-like first, a repeated key once, __proto__ dropped",
     ["hooks: {Stop: [{hooks: [{type: mcp_tool, server: s, tool: t, input: {b: 1, 2: x, __proto__: 9, 1: y, b: 5, n: {z: 1, 0: 2}}}]}]}"]),
    ("headers-key-order", "http headers keys: integer-like first",
     ["hooks: {Stop: [{hooks: [{type: http, url: 'https://a.example/h', headers: {b: x, 2: y, a: z}}]}]}"]),
    ("url-trimmed", "an http url with white space around it and a tab inside",
     ['hooks: {Stop: [{hooks: [{type: http, url: "  https://a.example/\\tx  "}]}]}']),
    ("url-forms", "http urls of many forms, one per hook entry",
     ["hooks:", "  Stop:", "    - hooks:"] + [f"      - {{type: http, url: {q(u)}}}" for u in [
         "http:a", "http://", "foo:bar", "foo://:80", "http://a:65536", "http://a.1", "http://0x7f.1",
         "http://[::1]", "http://[::1.2.3.256]", "http://xn--abc/", "http://xn--ls8h.la", "file://C:/x",
         "http://a b", "http://u@", "http://%41.com", "http://1.2.3.4.5", "mailto:x@y.z", "http://\u00fc.example"]]),
    ("cloud-invalid", "cloud: anything but device/skip becomes skip",
     ["hooks: {Stop: [{hooks: [{type: command, command: x, cloud: 5}, {type: http, url: 'https://a.example', cloud: nope}, {type: command, command: y, cloud: device}]}]}"]),
    ("mcp-onFailure", "mcp_tool onFailure: anything but continue becomes block",
     ["hooks: {Stop: [{hooks: [{type: mcp_tool, server: s, tool: t, onFailure: Continue}, {type: mcp_tool, server: s, tool: t, onFailure: null}, {type: mcp_tool, server: s, tool: t, onFailure: continue}]}]}"]),
    ("command-onFailure-bad", "command onFailure must be continue or block",
     ["hooks: {Stop: [{hooks: [{type: command, command: x, onFailure: Continue}]}]}"]),
    ("proto-event", "a __proto__ key in hooks",
     ["hooks: {__proto__: [], Stop: []}"]),
    ("hook-holds-Pre", "a hook entry under PostToolUse with a PreToolUse key",
     ["hooks: {PostToolUse: [{hooks: [{type: command, command: x, PreToolUse: y}]}]}"]),
    ("hook-nested-Pre", "a hook entry under PostToolUse with a PreToolUse key one level down",
     ["hooks: {PostToolUse: [{hooks: [{type: command, command: x, foo: {PreToolUse: y}}]}]}"]),
    ("matcher-holds-Pre", "a Stop matcher with a PreToolUse key one level down",
     ["hooks: {Stop: [{matcher: Bash, extra: {PreToolUse: x}, hooks: []}]}"]),
    ("unknown-event-depth-3", "an unknown event holding a PreToolUse key three lists down",
     ["hooks: {Unknown: [[[{PreToolUse: x}]]]}"]),
    ("unknown-event-depth-4", "an unknown event holding a PreToolUse key four lists down",
     ["hooks: {Unknown: [[[[{PreToolUse: x}]]]]}"]),
    ("matcher-null", "matcher: null", ["hooks: {Stop: [{matcher: null, hooks: []}]}"]),
    ("matcher-missing-hooks", "a matcher without hooks", ["hooks: {Stop: [{matcher: Bash}]}"]),
    ("timeout-inf", "timeout: .inf", ["hooks: {Stop: [{hooks: [{type: command, command: x, timeout: .inf}]}]}"]),
    ("rewake-empty", "rewakeMessage: '' and rewakeSummary: []",
     ["hooks: {Stop: [{hooks: [{type: command, command: x, rewakeMessage: ''}, {type: command, command: x, rewakeSummary: []}]}]}"]),
    ("type-null", "type: null", ["hooks: {Stop: [{hooks: [{type: null, command: x}]}]}"]),
    ("event-null-Post", "PostToolUse: null", ["hooks: {PostToolUse: null}"]),
    ("all-command-fields", "every command hook field, written in another order",
     ["hooks: {Stop: [{hooks: [{cloud: device, rewakeSummary: s, rewakeMessage: r, holdsTools: true, asyncRewake: false, async: true, once: true, statusMessage: m, onFailure: block, timeout: 5, shell: powershell, if: 'Bash(x)', args: [a], command: x, type: command, extra: 1}]}]}"]),
    ("all-http-fields", "every http hook field, written in another order",
     ["hooks: {Stop: [{hooks: [{cloud: skip, once: false, statusMessage: m, allowedEnvVars: [A], headers: {H: v}, onFailure: continue, timeout: 1.5, if: x, url: 'https://a.example', type: http, extra: 1}]}]}"]),
    ("all-prompt-agent-fields", "every prompt and agent hook field, written in another order",
     ["hooks: {Stop: [{hooks: [{once: true, statusMessage: m, continueOnBlock: true, model: m, timeout: 2, if: x, prompt: p, type: prompt, extra: 1}, {once: true, statusMessage: m, model: m, timeout: 2, if: x, prompt: p, type: agent, continueOnBlock: true}]}]}"]),
    ("all-mcp-fields", "every mcp_tool hook field, written in another order",
     ["hooks: {Stop: [{hooks: [{once: true, statusMessage: m, onFailure: block, timeout: 3, if: x, input: {a: [1, {b: null}]}, tool: t, server: s, type: mcp_tool, extra: 1}]}]}"]),
    ("hooks-before-matcher", "a matcher written hooks first",
     [f"hooks: {{Stop: [{{hooks: [{CMD}], matcher: Bash}}]}}"]),
    ("events-order", "events written Stop first",
     [f"hooks: {{Stop: [{{hooks: [{CMD}]}}], PostToolUse: [{{hooks: [{CMD}]}}]}}"]),
    ("int-event-key", "an integer-like key in hooks", ["hooks: {Stop: [], 1: [], 0: x}"]),
    ("guard-good-post-bad", "a valid PreToolUse and a bad PostToolUse entry",
     [f"hooks: {{PreToolUse: [{{matcher: Bash, hooks: [{CMD}]}}], PostToolUse: [{{hooks: [{BAD}, {CMD}]}}, 7]}}"]),
]
for stem, desc, lines in hooks_more:
    agent(F, f"hk-x-{stem}", desc, lines)

# ---------------------------------------------------------------- 5b. top-level hook event keys
F = "hooks-toplevel"
EVENTS = ["PreToolUse", "PostToolUse", "PostToolUseFailure", "PostToolBatch", "Notification", "UserPromptSubmit",
          "UserPromptExpansion", "SessionStart", "SessionEnd", "Stop", "StopFailure", "SubagentStart", "SubagentStop",
          "PreCompact", "PostCompact", "PreModelSwitch", "PostModelSwitch", "PermissionRequest", "PermissionDenied",
          "Setup", "TeammateIdle", "TaskCreated", "TaskCompleted", "Elicitation", "ElicitationResult", "ConfigChange",
          "WorktreeCreate", "WorktreeRemove", "InstructionsLoaded", "CwdChanged", "FileChanged", "DirectoryAdded",
          "MessageDisplay", "PreSkillShellCommand"]
for ev in EVENTS:
    agent(F, f"tl-{ev}-matchers", f"top-level key {ev} holding a matcher list", [f"{ev}: {M(CMD)}"])
    agent(F, f"tl-{ev}-scalar", f"top-level key {ev}: x (a scalar)", [f"{ev}: x"])
extra_tl = [
    ("PreToolUse-blank", "PreToolUse:"), ("PreToolUse-null", "PreToolUse: null"), ("PreToolUse-emptylist", "PreToolUse: []"),
    ("PreToolUse-emptymap", "PreToolUse: {}"), ("PreToolUse-false", "PreToolUse: false"), ("PreToolUse-0", "PreToolUse: 0"),
    ("PreToolUse-emptystr", 'PreToolUse: ""'),
    ("lower-pretooluse-scalar", "pretooluse: x"), ("lower-pretooluse-matchers", f"pretooluse: {M(CMD)}"),
    ("UPPER-PRETOOLUSE-scalar", "PRETOOLUSE: x"), ("lower-permissionrequest-scalar", "permissionrequest: x"),
    ("myhooks-matchers", f"myhooks: {M(CMD)}"), ("myhooks-single-matcher", f"myhooks: {{matcher: Bash, hooks: [{CMD}]}}"),
    ("myhooks-matcher-emptyhooks", "myhooks: [{matcher: Bash, hooks: []}]"),
    ("myhooks-str", "myhooks: x"),
    ("nested-1-Pre", "foo: {PreToolUse: x}"), ("nested-2-Pre", "foo: {a: {PreToolUse: x}}"),
    ("nested-3-Pre", "foo: {a: {b: {PreToolUse: x}}}"), ("nested-4-Pre", "foo: {a: {b: {c: {PreToolUse: x}}}}"),
    ("nested-5-Pre", "foo: {a: {b: {c: {d: {PreToolUse: x}}}}}"),
    ("list-Pre", "foo: [{PreToolUse: x}]"),
    ("metadata-Pre", "metadata: {PreToolUse: x}"), ("mcpServers-Pre", "mcpServers: [{PreToolUse: x}]"),
    ("lspServers-Pre", "lspServers: {PreToolUse: x}"), ("experimental-Pre", "experimental: {PreToolUse: x}"),
    ("description-is-map-Pre", None),
    ("Post-under-unknown", f"foo: {{PostToolUse: {M(CMD)}}}"),
    ("tools-Pre-str", "tools: [Read, {PreToolUse: x}]"),
]
for stem, line in extra_tl:
    if line is None:
        write(F, f"tl-{stem}.md", "---\nname: tl-description-is-map-Pre\ndescription: {PreToolUse: x}\n---\nBody.\n")
        continue
    agent(F, f"tl-{stem}", f"top-level: {line}", [line])
# scan depths and shapes of Prt/Zje (read/hooks.rs)
extra_tl_more = [
    ("matcher-list-depth-3", f"foo: [[[{{matcher: a, hooks: [{CMD}]}}]]]"),
    ("matcher-list-depth-4", f"foo: [[[[{{matcher: a, hooks: [{CMD}]}}]]]]"),
    ("int-key-Pre", "1: {PreToolUse: x}"),
    ("hooks-object-with-type", "foo: {hooks: {type: command}}"),
    ("hooks-object-no-type", "foo: {hooks: {command: x}}"),
    ("event-then-matcher", f"foo: {{Stop: {{matcher: x, hooks: [{CMD}]}}}}"),
    ("metadata-nested", "foo: {metadata: {PreToolUse: x}}"),
    ("Pre-inside-hook-entry", "foo: [{hooks: [{type: command, PreToolUse: x}]}]"),
    ("Pre-below-hook-entry", "foo: {hooks: [{type: command, a: {PreToolUse: x}}]}"),
    ("Pre-alias", "a: &p {PreToolUse: x}\nb: *p"),
]
for stem, line in extra_tl_more:
    agent(F, f"tl-x-{stem}", f"top-level: {line}", line.split("\n"))
agent(F, "tl-x-Pre-dup-last-empty", "top-level: PreToolUse: x, then PreToolUse: [] (the last value counts)",
      ["PreToolUse: x", "PreToolUse: []"])

# ---------------------------------------------------------------- 6. name
F = "name"
colons = [("003A", "\u003a"), ("FF1A", "\uff1a"), ("FE55", "\ufe55"), ("FE13", "\ufe13"), ("2A74", "\u2a74"),
          ("A789", "\ua789"), ("02D0", "\u02d0"), ("0703", "\u0703"), ("0704", "\u0704"), ("2236", "\u2236"),
          ("1363", "\u1363"), ("FE30", "\ufe30"), ("205A", "\u205a"), ("0589", "\u0589"), ("05C3", "\u05c3"),
          ("003B", "\u003b"), ("037E", "\u037e"), ("FE54", "\ufe54"), ("2025", "\u2025"), ("A6F4", "\ua6f4"),
          ("1804", "\u1804"), ("1F1A", "\u1f1a")]
for cp, ch in colons:
    agent(F, f"nm-colon-U{cp}", f"name containing U+{cp} between a and b", [], name=f"colon-{cp}-a{ch}b")
agent(F, "nm-len-256-ascii", "name of 256 ASCII letters", [], name="a" * 256)
agent(F, "nm-len-257-ascii", "name of 257 ASCII letters", [], name="b" * 257)
agent(F, "nm-len-128-emoji", "name of 128 emoji U+1F600 (256 UTF-16 units, 128 code points)", [], name="\U0001F600" * 128)
agent(F, "nm-len-129-emoji", "name of 129 emoji U+1F600 (258 UTF-16 units, 129 code points)", [], name="\U0001F601" * 129)
agent(F, "nm-len-200-emoji", "name of 200 emoji (400 UTF-16 units, 200 code points)", [], name="\U0001F602" * 200)
agent(F, "nm-len-256-fi-lig", "name of 256 U+FB01 (NFKC expands to 512 chars)", [], name="\ufb01" * 256)
agent(F, "nm-len-257-fi-lig", "name of 257 U+FB01", [], name="\ufb01" * 257)
agent(F, "nm-len-129-e-combining", "name of 129 x (e + U+0301): 258 units, NFC/NFKC 129", [], name="e\u0301" * 129)
agent(F, "nm-len-256-e-combining", "name of 128 x (f + U+0301): 256 units", [], name="f\u0301" * 128)
agent(F, "nm-len-256-nbsp", "name of 256 units ending in spaces: 250 x c + 6 spaces", [], name="c" * 250 + " " * 6)
agent(F, "nm-len-257-trailing-space", "name of 256 d + one trailing space (257 units)", [], name="d" * 256 + " ")
for stem, nm in [("lead-space", " lead-space"), ("trail-space", "trail-space "), ("both-space", "  both-space  "),
                 ("blank", "  "), ("space-dash", " -space-dash"), ("tab-dash", "\t-tab-dash"), ("dash", "-dash"),
                 ("nbsp-dash", "\u00a0-nbsp-dash"), ("emdash", "\u2014emdash"), ("minus-sign", "\u2212minus-sign"),
                 ("fullwidth-hyphen", "\uff0dfullwidth-hyphen"), ("dot", ".dot"), ("slash", "a/slash"),
                 ("newline", "new\nline"), ("upper", "UPPER Case"), ("unicode", "日本語-агент")]:
    agent(F, f"nm-{stem}", f"name {q(nm)}", [], name=nm)
agent(F, "nm-int", "name: 5 (a number)", [], name=RawName("5"))
agent(F, "nm-bool", "name: true (a boolean)", [], name=RawName("true"))
agent(F, "nm-list", "name: [a] (a list)", [], name=RawName("[nm-list]"))
agent(F, "nm-empty", "name: empty string", [], name="")
agent(F, "nm-zero", "name: 0 (a falsy number)", [], name=RawName("0"))
agent(F, "nm-false", "name: false (a falsy boolean)", [], name=RawName("false"))
agent(F, "nm-null", "name: null", [], name=RawName("null"))
agent(F, "nm-map", "name: {a: 1} (a mapping)", [], name=RawName("{a: 1}"))
agent(F, "nm-quoted-number", "name: \"5\" (a quoted number is a string)", [], name="5")
write(F, "nm-missing.md", "---\ndescription: \"no name key at all\"\n---\nBody.\n")

# ---------------------------------------------------------------- 7. model
F = "model"
for stem, v in [("sonnet", "sonnet"), ("opus", "opus"), ("haiku", "haiku"), ("fable", "fable"), ("best", "best"),
                ("sonnet-1m", "sonnet[1m]"), ("opus-1m", "opus[1m]"), ("fable-1m", "fable[1m]"), ("haiku-1m", "haiku[1m]"),
                ("opusplan", "opusplan"), ("inherit", "inherit"), ("Inherit", "Inherit"), ("INHERIT", "INHERIT"),
                ("sp-inherit-sp", " inherit "), ("default", "default"), ("Sonnet", "Sonnet"), ("OPUS", "OPUS"),
                ("Sonnet-1M", "Sonnet[1M]"), ("gpt-4o", "gpt-4o"), ("fast", "fast"), ("sp-sonnet-sp", " sonnet "),
                ("empty", ""), ("blank", "  "), ("claude-opus-4-1", "claude-opus-4-1"),
                ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929"), ("mythos", "mythos"),
                ("opus-4.5", "opus-4.5")]:
    agent(F, f"md-{stem}", f"model: {q(v)}", [f"model: {q(v)}"])
for stem, v in [("int-5", "5"), ("bool-true", "true"), ("list", "[sonnet]"), ("null-empty", "")]:
    agent(F, f"md-{stem}", f"model: {v} (not a string)", [f"model: {v}".rstrip()])

# ---------------------------------------------------------------- 8. memory widening
F = "memory"
for stem, lines in [
    ("read-grep", ["tools: Read, Grep", "memory: project"]),
    ("read-grep-user", ["tools: Read, Grep", "memory: user"]),
    ("read-grep-local", ["tools: Read, Grep", "memory: local"]),
    ("write-rule", ["tools: Read, Write(src/**)", "memory: project"]),
    ("edit-rule", ["tools: Edit(*.md), Grep", "memory: project"]),
    ("all-three-present", ["tools: Grep, Read, Edit, Write", "memory: project"]),
    ("edit-present", ["tools: Edit", "memory: project"]),
    ("tools-blank", ["tools:", "memory: project"]),
    ("tools-emptylist", ["tools: []", "memory: project"]),
    ("tools-emptystr", ['tools: ""', "memory: project"]),
    ("tools-star", ['tools: "*"', "memory: project"]),
    ("tools-read-star", ['tools: "Read, *"', "memory: project"]),
    ("tools-absent", ["memory: project"]),
    ("tools-mcp", ["tools: mcp__x__y", "memory: project"]),
    ("disallowed-write", ["tools: Read, Grep", "disallowedTools: Write", "memory: project"]),
    ("disallowed-write-no-tools", ["disallowedTools: Write", "memory: project"]),
    ("memory-global", ["tools: Read, Grep", "memory: global"]),
    ("memory-Project", ["tools: Read, Grep", "memory: Project"]),
    ("memory-list", ["tools: Read, Grep", "memory: [project]"]),
    ("lowercase-names", ["tools: write, edit, read", "memory: project"]),
    ("no-memory", ["tools: Read, Grep"]),
    ("tools-false", ["tools: false", "memory: project"]),
    ("tools-list-nonstr", ["tools: [5, true]", "memory: project"]),
    ("dup-read", ["tools: Read, Read", "memory: project"]),
]:
    agent(F, f"mem-{stem}", "memory widening: " + " / ".join(lines), lines)

# ---------------------------------------------------------------- 9. tool names
F = "tools"
BUILTIN = ["Agent", "Artifact", "AskUserQuestion", "Bash", "ClaudeDesign", "CronCreate", "CronDelete", "CronList", "Edit",
           "EndConversation", "EnterPlanMode", "EnterWorktree", "ExitPlanMode", "ExitWorktree", "Glob", "Grep",
           "ListAgents", "ListMcpResourcesTool", "LSP", "Monitor", "NotebookEdit", "OfferChromeSetup", "PowerShell",
           "Projects", "propose_skills", "PushNotification", "Read", "ReadMcpResourceDirTool", "ReadMcpResourceTool",
           "ReadNotifications", "RemoteTrigger", "ReportFindings", "ScheduleWakeup", "SendFeedback", "SendMessage",
           "SendUserFile", "SendUserMessage", "SetGoal", "ShareOnboardingGuide", "ShowOnboardingRolePicker", "Skill",
           "SubagentHandback", "TaskCreate", "TaskGet", "TaskList", "TaskStop", "TaskUpdate", "TodoWrite", "ToolSearch",
           "WaitForMcpServers", "WebFetch", "WebSearch", "Workflow", "Write"]
ALIASES = ["Task", "KillShell", "KillBash", "ListPeers", "Brief", "ListMcpResources", "ReadMcpResource",
           "ReadMcpResourceDir", "ProposeGoal"]
RETIRED = ["Frame", "FrameRead", "TeamCreate", "TeamDelete", "SuggestBackgroundPR", "AutofixPr", "TaskOutput",
           "AgentOutputTool", "BashOutputTool", "AgentOutput", "BashOutput"]
GONE = ["LS", "MultiEdit", "NotebookRead", "TodoRead", "SlashCommand"]
assert len(BUILTIN) == 54
agent(F, "tl-all-builtin", "tools: every one of the 54 built-in names", ["tools: " + ", ".join(BUILTIN)])
for n in BUILTIN:
    agent(F, f"tl-one-{n}", f"tools: {n} alone", [f"tools: {n}"])
for n in ALIASES + RETIRED + GONE:
    agent(F, f"tl-one-{n}", f"tools: {n} alone (alias / retired / gone)", [f"tools: {n}"])
agent(F, "tl-all-aliases", "tools: every old alias name", ["tools: " + ", ".join(ALIASES)])
agent(F, "tl-all-retired", "tools: every retired name", ["tools: " + ", ".join(RETIRED)])
agent(F, "tl-all-gone", "tools: LS, MultiEdit, NotebookRead, TodoRead, SlashCommand", ["tools: " + ", ".join(GONE)])
agent(F, "tl-everything", "tools: built-ins + aliases + retired + gone names in one list",
      ["tools: " + ", ".join(BUILTIN + ALIASES + RETIRED + GONE)])
for stem, v in [("case-read", "read"), ("case-READ", "READ"), ("case-bash", "bash"), ("case-task", "task"),
                ("case-webfetch", "webFetch"), ("task-rule", "Task(reviewer)"), ("agent-rule", "Agent(reviewer, tester)"),
                ("killshell-rule", "KillShell(x)"), ("bash-rule", "Bash(git diff:*)"), ("mcp-server", "mcp__github"),
                ("mcp-star", "mcp__github__*"), ("mcp-tool", "mcp__github__create_issue"),
                ("propose-skills-case", "Propose_skills"), ("tab-separated", "Read\tGrep")]:
    agent(F, f"tl-{stem}", f"tools: {q(v)}", [f"tools: {q(v)}"])
agent(F, "tl-disallowed-alias", "disallowedTools: Task, KillShell (aliases) with no tools key",
      ["disallowedTools: Task, KillShell"])

# ---------------------------------------------------------------- 10. BOM
F = "bom"
BOM = "\ufeff"
def raw(stem, text):
    write(F, f"{stem}.md", text)
raw("bom-lf", BOM + "---\nname: bom-lf\ndescription: BOM then LF frontmatter\n---\nBody.\n")
raw("bom-crlf", BOM + "---\r\nname: bom-crlf\r\ndescription: BOM then CRLF frontmatter\r\n---\r\nBody.\r\n")
raw("crlf-no-bom", "---\r\nname: crlf-no-bom\r\ndescription: CRLF frontmatter without BOM\r\n---\r\nBody.\r\n")
raw("bom-blank-line", BOM + "\n---\nname: bom-blank-line\ndescription: BOM then a blank line before ---\n---\nBody.\n")
raw("bom-crlf-blank-line", BOM + "\r\n---\r\nname: bom-crlf-blank-line\r\ndescription: BOM then CRLF blank line\r\n---\r\nBody.\r\n")
raw("two-boms", BOM + BOM + "---\nname: two-boms\ndescription: two BOMs before ---\n---\nBody.\n")
raw("bom-in-body", "---\nname: bom-in-body\ndescription: BOM in the middle of the body\n---\nBefore" + BOM + "after.\n")
raw("bom-start-of-body", "---\nname: bom-start-of-body\ndescription: BOM as the first character of the body\n---\n" + BOM + "Body.\n")
raw("bom-in-description", "---\nname: bom-in-description\ndescription: desc with" + BOM + "bom inside\n---\nBody.\n")
raw("bom-before-key", "---\nname: bom-before-key\n" + BOM + "description: BOM before the description key\n---\nBody.\n")
raw("bom-before-name-key", "---\n" + BOM + "name: bom-before-name-key\ndescription: BOM before the name key\n---\nBody.\n")
raw("bom-in-name", "---\nname: bom" + BOM + "-in-name\ndescription: BOM inside the name value\n---\nBody.\n")
raw("bom-after-dashes", "---" + BOM + "\nname: bom-after-dashes\ndescription: BOM right after the opening dashes\n---\nBody.\n")
raw("bom-only-body-trim", "---\nname: bom-only-body-trim\ndescription: body is BOM + spaces + text + BOM\n---\n" + BOM + "  text  " + BOM + "\n")
write(F, "utf16le-bom.md", ("\ufeff---\nname: utf16le-bom\ndescription: file in UTF-16LE with BOM\n---\nBody.\n").encode("utf-16-le"), binary=True)
write(F, "latin1-invalid-utf8.md", b"---\nname: latin1-invalid-utf8\ndescription: caf\xe9 (invalid UTF-8 byte)\n---\nBody.\n", binary=True)

# ---------------------------------------------------------------- 11. duplicate names, path order
F = "duplicates"
pairs = [
    ("p01-upper-vs-lower-file", ["B.md", "a.md"]),
    ("p02-dir-vs-dash", ["a/x.md", "a-b.md"]),
    ("p03-file-vs-dir", ["a.md", "a/b.md"]),
    ("p04-eacute-vs-f", ["\u00e9.md", "f.md"]),
    ("p05-nihon-vs-z", ["\u65e5\u672c.md", "z.md"]),
    ("p06-astral-vs-bmp-high", ["\U0001F600.md", "\uff5a.md"]),
    ("p07-upperdir-vs-lowerdir", ["A/x.md", "a/x.md"]),
    ("p08-Zdir-vs-adir", ["Z/x.md", "a/x.md"]),
    ("p09-space-vs-dot", ["a b.md", "a.md"]),
    ("p10-nfd-vs-nfc", ["e\u0301.md", "\u00e9.md"]),
    ("p11-underscore-vs-lower", ["_.md", "a.md"]),
    ("p12-digit-10-vs-9", ["10.md", "9.md"]),
    ("p13-three-way", ["b.md", "a.md", "c/a.md"]),
    ("p14-deeper-vs-shallow", ["z.md", "a/b/c.md"]),
    ("p15-astral-vs-bmp-private", ["\U0001F600.md", "\ue000.md"]),
]
for stem, files in pairs:
    for fn in files:
        agent(F, None, f"duplicate-name probe {stem}: this file is {fn}", [], name=f"dup-{stem}", rel=f"{stem}/{fn}")

# ---------------------------------------------------------------- 12. unknown keys / did-you-mean
F = "unknownkeys"
for stem, k, v in [("toolz", "toolz", "Read"), ("Tools", "Tools", "Read"), ("descripton", "descripton", "x"),
                   ("Name", "Name", "x"), ("allowed-tools", "allowed-tools", "Read"), ("allowed_tools", "allowed_tools", "Read"),
                   ("allowedTools", "allowedTools", "Read"), ("when_to_use", "when_to_use", "x"), ("mode", "mode", "plan"),
                   ("max_turns", "max_turns", "5"), ("maxturns", "maxturns", "5"), ("permission-mode", "permission-mode", "plan"),
                   ("colour", "colour", "red"), ("modle", "modle", "opus"), ("disallowed_tools", "disallowed_tools", "Bash"),
                   ("cacheTtl", "cacheTtl", "1h"), ("metadata", "metadata", "{a: 1}"), ("foo", "foo", "bar"),
                   ("prompt", "prompt", "x"), ("argument-hint", "argument-hint", "x"), ("model_name", "model_name", "x")]:
    agent(F, f"uk-{stem}", f"unknown key {k}", [f"{k}: {v}"])
agent(F, "uk-two-keys", "two unknown keys toolz and colour", ["toolz: Read", "colour: red"])
agent(F, "uk-experimental-other", "experimental.other: x (unknown key inside experimental)", ["experimental:", "  other: x"])
agent(F, "uk-none", "no unknown keys (baseline)", ["tools: Read"])

# ---------------------------------------------------------------- 13. indentation of continued values
# granit-parser 2.2 reads under-indented quoted-scalar continuations and tabs before them unless
# `strict_indentation` is set, and with it refuses a flow collection's closing bracket left of
# its key, which Claude Code's `yaml` takes at any column.
F = "indentation"
def fm(stem, *lines, body=BODY):
    write(F, f"{stem}.md", "---\n" + "\n".join((f"name: {stem}",) + lines) + "\n---\n" + body)
fm("ind-dq-col0", 'description: "double-quoted value', 'continued at column 0"', "tools: Read")
fm("ind-sq-col0", "description: 'single-quoted value", "continued at column 0'", "tools: Read")
fm("ind-dq-indented", 'description: "double-quoted value', '  continued indented"', "tools: Read")
fm("ind-sq-indented", "description: 'single-quoted value", "  continued indented'", "tools: Read")
fm("ind-dq-tab", 'description: "double-quoted value', '\tcontinued after a tab"', "tools: Read")
fm("ind-dq-space-tab", 'description: "double-quoted value', ' \tcontinued after a space and a tab"', "tools: Read")
fm("ind-dq-unclosed", 'description: "double-quoted value never closed', "tools: Read, Grep", "model: opus")
fm("ind-dq-unclosed-last", "description: plain description", 'model: "opus')
fm("ind-flow-seq-col0", "description: flow list continued at column 0", "tools: [Read,", "Grep]")
fm("ind-flow-seq-indented", "description: flow list continued indented", "tools: [Read,", "  Grep]")
fm("ind-flow-seq-close-col0", "description: flow list closed at column 0", "tools: [Read,", "  Grep", "]")
fm("ind-flow-map-col0", "description: flow mapping continued at column 0", "hooks: {PreToolUse:", "[]}")
fm("ind-flow-empty-close-col0", "description: empty flow list closed at column 0", "tools: [", "]")
fm("ind-flow-nested-close-col0", "description: nested flow list closed left of its key", "hooks:", "  PreToolUse: [", "]")
fm("ind-flow-nested-close-key-col", "description: nested flow list closed at its key's column", "hooks:", "  PreToolUse: [", "  ]")
fm("ind-flow-map-close-col0", "description: flow mapping closed at column 0", "mcpServers: {a:", "  {command: x}", "}")
fm("ind-flow-close-comment", "description: flow list closed at column 0, a comment after", "tools: [Read,", "  Grep", "] # the tools")
fm("ind-flow-close-comma", "description: flow list closed at column 0, a comma after", "tools: [Read,", "  Grep", "],")
fm("ind-flow-two-closes", "description: two flow lists closed at column 0", "tools: [Read,", "  Grep", "]", "disallowedTools: [", "  Bash", "]")
fm("ind-dq-close-col0", 'description: "double-quoted value, closing quote at column 0', '"', "tools: Read")
fm("ind-plain-indented", "description: plain value", "  continued indented", "tools: Read")
fm("ind-block-last", "tools: Read", "description: |", "  block scalar as the last key")
fm("ind-folded-last", "tools: Read", "description: >", "  folded scalar as the last key")
fm("ind-block-keep-last", "tools: Read", "description: |+", "  block scalar, keep chomping, last key")

print("probe files written under", ROOT)
