"""A small Language Server Protocol client over a subprocess's stdio, for the end-to-end tests and the latency
benchmark. Standard library only."""
import json
import os
import queue
import subprocess
import threading
import time


def uri(path):
    return "file://" + os.path.abspath(path)


class Client:
    def __init__(self, binary, cwd=None):
        self.process = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, cwd=cwd)
        self.messages = queue.Queue()
        self.next_id = 0
        self.diagnostics = {}
        self.raw_stdout_errors = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if b":" not in line:
                    self.raw_stdout_errors.append(line)
                    continue
                name, value = line.decode().split(":", 1)
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.messages.put((time.perf_counter(), json.loads(body)))

    def send(self, message):
        message = dict(message, jsonrpc="2.0")
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def send_raw(self, data):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def request(self, method, params=None, timeout=30):
        self.next_id += 1
        request_id = self.next_id
        self.send({"id": request_id, "method": method, "params": params or {}})
        return self.wait(lambda m: m.get("id") == request_id and "method" not in m, timeout)

    def notify(self, method, params=None):
        self.send({"method": method, "params": params or {}})

    def wait(self, predicate, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no matching message")
            item = self.messages.get(timeout=remaining)
            if item is None:
                raise EOFError("the server closed its output")
            stamp, message = item
            if message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
            if predicate(message):
                message["_received"] = stamp
                return message

    def wait_diagnostics(self, path, timeout=30):
        target = uri(path)
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == target,
                         timeout)["params"]["diagnostics"]

    def published(self, path, timeout=30):
        """The latest diagnostics of a file, waiting for a first publication if none arrived yet."""
        target = uri(path)
        if target in self.diagnostics:
            return self.diagnostics[target]
        return self.wait_diagnostics(path, timeout)

    def initialize(self, root, encodings=None):
        capabilities = {"general": {"positionEncodings": encodings}} if encodings else {}
        result = self.request("initialize", {"processId": os.getpid(), "rootUri": uri(root), "capabilities": capabilities})
        self.notify("initialized", {})
        return result

    def open(self, path, text=None):
        if text is None:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri(path), "languageId": "yaml", "version": 1, "text": text}})

    def change(self, path, text, version=2):
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri(path), "version": version},
                                               "contentChanges": [{"text": text}]})

    def stop(self):
        self.request("shutdown")
        self.notify("exit")
        return self.process.wait(timeout=10)
