"""compose-audit lsp, end to end: the built binary driven through the protocol by a scripted client.

Run by `make editor-test` (pytest in a venv), with COMPOSE_AUDIT pointing at the binary.
"""
import os
import shutil
import tempfile

import pytest

from lsp_client import Client, uri

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("COMPOSE_AUDIT", os.path.join(ROOT, ".build", "debug", "compose-audit"))
SEED = os.path.join(ROOT, "Fixtures", "tsh-erp")


@pytest.fixture
def project():
    """A scratch copy of the seed project (the server reads it from disk)."""
    folder = tempfile.mkdtemp(prefix="ca-lsp-")
    shutil.copytree(SEED, os.path.join(folder, "shop"))
    yield os.path.join(folder, "shop")
    shutil.rmtree(folder)


@pytest.fixture
def small():
    """A one-service project that builds a Dockerfile without HEALTHCHECK."""
    folder = tempfile.mkdtemp(prefix="ca-lsp-small-")
    with open(os.path.join(folder, "compose.yaml"), "w") as handle:
        handle.write("services:\n  web:\n    build: .\n    image: acme/web:1.0\n    restart: unless-stopped\n")
    with open(os.path.join(folder, "Dockerfile"), "w") as handle:
        handle.write("FROM python:3.12-slim\nUSER 1000\nCMD [\"python\", \"-m\", \"http.server\"]\n")
    yield folder
    shutil.rmtree(folder)


@pytest.fixture
def client():
    server = Client(BINARY)
    yield server
    if server.process.poll() is None:
        server.process.kill()
    assert server.raw_stdout_errors == [], "the server printed something that is not a protocol message"


def codes(diagnostics):
    return sorted({d["code"] for d in diagnostics})


def text_of(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def apply_edits(text, edits):
    """Applies LSP TextEdits (UTF-16 positions; these files are ASCII) to a string, last first."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def offset(position):
        return min(offsets[position["line"]] + position["character"], len(text))

    for edit in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]), reverse=True):
        text = text[:offset(edit["range"]["start"])] + edit["newText"] + text[offset(edit["range"]["end"]):]
    return text


def edits_for(workspace_edit, path):
    target = uri(path)
    edits = list(workspace_edit.get("changes", {}).get(target, []))
    for operation in workspace_edit.get("documentChanges", []):
        if "textDocument" in operation and operation["textDocument"]["uri"] == target:
            edits += operation["edits"]
    return edits


def actions_for(client, project, code, only=None):
    """Opens the project's compose file and asks for the code actions of its first `code` diagnostic."""
    client.initialize(project)
    compose = os.path.join(project, "docker-compose.yml")
    client.open(compose)
    target = next(d for d in client.wait_diagnostics(compose) if d["code"] == code)
    context = {"diagnostics": [target]}
    if only:
        context["only"] = only
    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri(compose)}, "range": target["range"],
                                                         "context": context})["result"]
    return compose, actions


def test_diagnostics_across_the_project_on_open(client, project):
    client.initialize(project)
    compose = os.path.join(project, "docker-compose.yml")
    client.open(compose)
    diagnostics = client.wait_diagnostics(compose)
    redis = [d for d in diagnostics if d["code"] == "CA101"]
    assert len(redis) == 1
    assert redis[0]["range"]["start"] == {"line": 26, "character": 2}
    assert redis[0]["severity"] == 1
    assert redis[0]["codeDescription"]["href"].endswith("/docs/rules.md#ca101")
    assert redis[0]["source"] == "compose-audit"
    # The Dockerfile the compose file builds gets its diagnostics too, without being opened.
    dockerfile = client.published(os.path.join(project, "Dockerfile"))
    assert "CA201" in codes(dockerfile)
    nginx = client.published(os.path.join(project, "nginx", "nginx.conf"))
    served = [d for d in nginx if d["code"] == "CA501"]
    assert served
    # Cross-file: the alias in nginx.conf points at the mount in the compose file that it needs.
    related = served[0]["relatedInformation"][0]
    assert related["location"]["uri"] == uri(compose)
    assert related["message"].startswith("service `app` mounts")
    mount_line = text_of(compose).split("\n")[related["location"]["range"]["start"]["line"]]
    assert "/app/" in mount_line, mount_line
    assert client.stop() == 0


def test_a_quick_fix_removes_its_diagnostic(client, project):
    compose, actions = actions_for(client, project, "CA101", only=["quickfix"])
    fix = next(a for a in actions if a["title"].startswith("Mount volume") and a["diagnostics"][0]["code"] == "CA101")
    assert fix["kind"] == "quickfix"
    # CA101's fix is unsafe: the title says what it costs, and it is not the preferred action.
    assert "(unsafe: The service starts with a new, empty named volume" in fix["title"] and not fix.get("isPreferred")
    titles = [a["title"] for a in actions]
    assert "Disable CA101 for this line" in titles and "Disable CA101 for this file" in titles
    fixed = apply_edits(text_of(compose), edits_for(fix["edit"], compose))
    assert "redis_data" in fixed
    client.change(compose, fixed)
    after = client.wait_diagnostics(compose)
    assert "CA101" not in codes(after)
    assert client.stop() == 0


def test_unsafe_fixes_say_so(client, project):
    _, actions = actions_for(client, project, "CA301")
    unsafe = [a for a in actions if "unsafe" in a["title"]]
    assert unsafe and not any(a.get("isPreferred") for a in unsafe)


def test_editing_a_dockerfile_changes_the_compose_diagnostics(client, small):
    client.initialize(small)
    compose = os.path.join(small, "compose.yaml")
    dockerfile = os.path.join(small, "Dockerfile")
    client.open(compose)
    assert "CA304" in codes(client.wait_diagnostics(compose))
    client.open(dockerfile)
    client.change(dockerfile, text_of(dockerfile).replace("CMD", "HEALTHCHECK CMD python -c 'print(1)'\nCMD"))
    assert "CA304" not in codes(client.wait_diagnostics(compose)), "the unsaved Dockerfile buffer has a HEALTHCHECK"
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri(dockerfile)}})
    assert "CA304" in codes(client.wait_diagnostics(compose)), "closed: the disk's Dockerfile again"
    assert client.stop() == 0


def test_a_document_that_does_not_parse_is_a_diagnostic(client, small):
    client.initialize(small)
    compose = os.path.join(small, "compose.yaml")
    client.open(compose)
    client.wait_diagnostics(compose)
    client.change(compose, "services:\n\tweb:\n    image: nginx\n")
    diagnostics = client.wait_diagnostics(compose)
    assert [d["code"] for d in diagnostics] == ["input-error"]
    assert diagnostics[0]["range"]["start"] == {"line": 1, "character": 0}
    client.change(compose, text_of(compose), version=3)
    assert "input-error" not in codes(client.wait_diagnostics(compose))
    assert client.stop() == 0


def test_the_configuration_applies_and_editing_it_relints(client, small):
    client.initialize(small)
    compose = os.path.join(small, "compose.yaml")
    client.open(compose)
    assert "CA205" in codes(client.wait_diagnostics(compose))
    config = os.path.join(small, ".compose-audit.yml")
    client.open(config, "ignore: [no-new-privileges-missing]\n")
    assert "CA205" not in codes(client.wait_diagnostics(compose))
    assert client.stop() == 0


def test_suppression_and_fix_all_actions(client, project):
    compose, actions = actions_for(client, project, "CA205")
    disable = next(a for a in actions if a["title"] == "Disable CA205 for this file")
    text = apply_edits(text_of(compose), edits_for(disable["edit"], compose))
    assert text.startswith("# compose-audit: disable-file=CA205\n")
    client.change(compose, text)
    assert "CA205" not in codes(client.wait_diagnostics(compose))
    # `version:` is obsolete (CA508), and removing it is safe: the one kind of fix "fix all" applies.
    text = text.replace("\n", "\nversion: \"3.8\"\n", 1)
    client.change(compose, text, version=3)
    assert "CA508" in codes(client.wait_diagnostics(compose))
    everything = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri(compose)}, "range": everything,
                                                         "context": {"diagnostics": [], "only": ["source.fixAll.compose-audit"]}})["result"]
    assert [a["kind"] for a in actions] == ["source.fixAll.compose-audit"]
    fixed = apply_edits(text, edits_for(actions[0]["edit"], compose))
    client.change(compose, fixed, version=4)
    remaining = codes(client.wait_diagnostics(compose))
    assert "CA508" not in remaining and "version:" not in fixed, remaining
    assert "CA303" in remaining and "CA101" in remaining, "unsafe fixes are left for a person: %s" % remaining
    assert "# compose-audit: disable-file=CA205" in fixed, "comments survive"
    assert client.stop() == 0


def test_hover_explains_rules(client, small):
    client.initialize(small)
    compose = os.path.join(small, "compose.yaml")
    text = "services:\n  web:\n    image: nginx:1.27\n    # compose-audit: disable=CA202 -- the agent drives devices\n    privileged: true\n"
    client.open(compose, text)
    diagnostics = client.wait_diagnostics(compose)
    assert "CA202" not in codes(diagnostics) and "CA002" not in codes(diagnostics), "the suppression works"
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri(compose)}, "position": {"line": 3, "character": 31}})
    assert hover["result"]["contents"]["value"].startswith("## CA202 privileged-container")
    on_diagnostic = client.request("textDocument/hover", {"textDocument": {"uri": uri(compose)}, "position": {"line": 1, "character": 3}})
    assert on_diagnostic["result"]["contents"]["value"].startswith("## CA"), "a diagnostic's rule on hover"
    nothing = client.request("textDocument/hover", {"textDocument": {"uri": uri(compose)}, "position": {"line": 0, "character": 0}})
    assert nothing["result"] is None
    assert client.stop() == 0


def completion_labels(client, path, line, character):
    response = client.request("textDocument/completion", {"textDocument": {"uri": uri(path)},
                                                           "position": {"line": line, "character": character}})
    return [item["label"] for item in response["result"]], response["result"]


def test_completion_of_rule_ids_and_configuration_keys(client, small):
    client.initialize(small)
    compose = os.path.join(small, "compose.yaml")
    text = "services:\n  web:\n    image: nginx:1.27\n    # compose-audit: \n    # compose-audit: disable=CA201,CA2\n"
    client.open(compose, text)
    client.wait_diagnostics(compose)
    keywords, _ = completion_labels(client, compose, 3, len("    # compose-audit: "))
    assert keywords == ["disable=", "disable-file="]
    labels, items = completion_labels(client, compose, 4, len("    # compose-audit: disable=CA201,CA2"))
    assert "CA202" in labels and "CA201" in labels and all(label.startswith("CA2") for label in labels), labels
    privileged = next(item for item in items if item["label"] == "CA202")
    assert privileged["detail"].startswith("privileged-container")
    assert privileged["textEdit"]["range"]["start"] == {"line": 4, "character": len("    # compose-audit: disable=CA201,")}
    by_name, _ = completion_labels(client, compose, 1, 2)
    assert by_name == [], "no completion outside suppression comments in a compose file"
    config = os.path.join(small, ".compose-audit.yml")
    client.open(config, "fail-on: high\nig\nselect:\n  - \n")
    keys, _ = completion_labels(client, config, 1, 2)
    assert keys == ["ignore"]
    rules, _ = completion_labels(client, config, 3, 4)
    assert len(rules) > 50 and "CA301" in rules, len(rules)
    assert client.stop() == 0


def test_garbage_unknown_methods_and_cancellation(client, small):
    client.initialize(small, encodings=["utf-8", "utf-16"])
    client.send_raw(b"Content-Length: 5\r\n\r\nnope!")
    error = client.wait(lambda m: "error" in m and m.get("id") is None)
    assert error["error"]["code"] == -32700
    client.send_raw(b"Content-Length: nonsense\r\n\r\n")
    assert client.wait(lambda m: "error" in m and m.get("id") is None)["error"]["code"] == -32700
    deep = b"[" * 100000
    client.send_raw(b"Content-Length: %d\r\n\r\n%s" % (len(deep), deep))
    assert client.wait(lambda m: "error" in m and m.get("id") is None)["error"]["code"] == -32700, "deep nesting is refused"
    unknown = client.request("workspace/doesNotExist", {})
    assert unknown["error"]["code"] == -32601
    # A request and its cancellation in one write: the server answers RequestCancelled.
    body = b'{"jsonrpc":"2.0","id":99,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x"},"position":{"line":0,"character":0}}}'
    cancel = b'{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":99}}'
    client.send_raw(b"Content-Length: %d\r\n\r\n%s" % (len(body), body) + b"Content-Length: %d\r\n\r\n%s" % (len(cancel), cancel))
    assert client.wait(lambda m: m.get("id") == 99)["error"]["code"] == -32800
    # Still alive, and speaking UTF-8 positions as agreed.
    compose = os.path.join(small, "compose.yaml")
    client.open(compose, "# ünïcödé 🚀\nservices:\n  web:\n    image: nginx:1.27\n    privileged: true  # 🚀\n")
    privileged = next(d for d in client.wait_diagnostics(compose) if d["code"] == "CA202")
    assert privileged["range"]["start"] == {"line": 4, "character": 16}
    assert privileged["range"]["end"] == {"line": 4, "character": 20}
    assert client.stop() == 0


def test_exit_without_shutdown_is_an_error(client, small):
    client.initialize(small)
    client.notify("exit")
    assert client.process.wait(timeout=10) == 1


def test_requests_before_initialize_are_refused(client):
    response = client.request("textDocument/hover", {"textDocument": {"uri": "file:///x"}, "position": {"line": 0, "character": 0}})
    assert response["error"]["code"] == -32002
