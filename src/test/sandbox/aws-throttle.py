#!/usr/bin/env python3
"""A throttling proxy in front of moto_server, for the sandbox's AWS fault scenarios.

Usage: aws-throttle.py LISTEN_HOST:PORT UPSTREAM_HOST:PORT SHARE [throttling|503 [BURST]]

Forwards every request to moto_server and relays its answer, except for SHARE (0 to 1) of the
calls, which it answers itself: with `throttling` (the default) the way each protocol throttles
(JSON protocols, SSM and Secrets Manager: 400 with __type ThrottlingException; S3's REST-XML: 503
SlowDown, S3's throttling answer), with `503` a 503 ServiceUnavailable in the protocol's shape.
The choice is deterministic: calls come in periods of BURST / SHARE (BURST defaults to 1), and
the first BURST calls of each period are answered here, so SHARE 0.5 answers every second call,
SHARE 0.5 with BURST 5 calls 1-5, 11-15 ..., and SHARE 1 every call. Bursts are how a fleet
booting at once is throttled: several tries in a row fail, more than the SDK's default 3 attempts. moto's own API (/moto-api/) is always forwarded. One
line per call on standard output: METHOD PATH TARGET -> STATUS (proxied or answered here).
"""
import http.client
import http.server
import sys
import threading

HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "expect"}


def main():
    if len(sys.argv) not in (4, 5, 6):
        sys.exit(__doc__)
    listen_host, listen_port = sys.argv[1].rsplit(":", 1)
    upstream_host, upstream_port = sys.argv[2].rsplit(":", 1)
    share = float(sys.argv[3])
    kind = sys.argv[4] if len(sys.argv) >= 5 else "throttling"
    burst = int(sys.argv[5]) if len(sys.argv) == 6 else 1
    if not 0 <= share <= 1 or kind not in ("throttling", "503") or burst < 1:
        sys.exit(__doc__)
    period = round(burst / share) if share > 0 else 0
    lock = threading.Lock()
    calls = [0]

    def answered_here():
        with lock:
            calls[0] += 1
            n = calls[0]
        return period > 0 and (n - 1) % period < burst

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def handle_one(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            target = self.headers.get("X-Amz-Target")
            if not self.path.startswith("/moto-api") and answered_here():
                status, headers, payload = fault(target, kind)
                print(f"{self.command} {self.path} {target or '-'} -> {status} answered here", flush=True)
            else:
                status, headers, payload = forward(self, body)
                print(f"{self.command} {self.path} {target or '-'} -> {status} proxied", flush=True)
            self.send_response(status)
            for name, value in headers:
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = handle_one

    def forward(handler, body):
        connection = http.client.HTTPConnection(upstream_host, int(upstream_port), timeout=60)
        try:
            headers = {k: v for k, v in handler.headers.items() if k.lower() not in HOP_BY_HOP}
            connection.request(handler.command, handler.path, body=body if body else None, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()

    server = http.server.ThreadingHTTPServer((listen_host, int(listen_port)), Handler)
    server.daemon_threads = True
    print(f"aws-throttle: {listen_host}:{listen_port} -> {upstream_host}:{upstream_port}, "
          f"share {share} in bursts of {burst} answered with {kind}", flush=True)
    server.serve_forever()


def fault(target, kind):
    """The answer AWS gives a throttled (or unavailable) call, in the call's protocol."""
    if target:
        code, status = ("ThrottlingException", 400) if kind == "throttling" else ("ServiceUnavailable", 503)
        body = ('{"__type":"%s","message":"Rate exceeded (aws-throttle)"}' % code).encode()
        return status, [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-ErrorType", code)], body
    code = "SlowDown" if kind == "throttling" else "ServiceUnavailable"
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>%s</Code>'
            '<Message>Please reduce your request rate. (aws-throttle)</Message></Error>' % code).encode()
    return 503, [("Content-Type", "application/xml")], body


if __name__ == "__main__":
    main()
