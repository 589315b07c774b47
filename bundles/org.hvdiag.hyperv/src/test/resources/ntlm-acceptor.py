#!/usr/bin/python3
"""An HTTPS listener that accepts NTLM the way a WinRM listener does, through an NTLM implementation
that is not hvdiag's: gss-ntlmssp behind python3-gssapi. It checks hvdiag's client from outside.

usage: ntlm-acceptor.py --cert CERT.pem --key KEY.pem [--binding-cert OTHER.pem]
  Users come from the file named by NTLM_USER_FILE (lines DOMAIN:user:password, gss-ntlmssp's format);
  NETBIOS_COMPUTER_NAME and NETBIOS_DOMAIN_NAME name the server in its CHALLENGE.
  The channel bindings are the tls-server-end-point hash (RFC 5929) of CERT, or of OTHER when given
  (a server that sees another certificate than the client: a TLS-intercepting proxy).
Prints "listening on PORT" once ready. Each connection authenticates once (NTLM binds the logon to the
TCP connection); POST /wsman then answers 200 with a SOAP body naming the account and whether the
client's channel bindings matched, else 401 "WWW-Authenticate: Negotiate" (with the CHALLENGE mid-way).
"""
import argparse
import base64
import hashlib
import http.server
import ssl
import sys

import gssapi
from gssapi.raw import ChannelBindings

NTLMSSP = gssapi.OID.from_int_seq("1.3.6.1.4.1.311.2.2.10")


def end_point_hash(pem_path):
    # RFC 5929: SHA-256 of the DER certificate for certificates signed with SHA-1 or SHA-256 (ours are).
    with open(pem_path, "rb") as f:
        der = ssl.PEM_cert_to_DER_cert(f.read().decode("ascii"))
    return hashlib.sha256(der).digest()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the handler lives as long as the connection
    context = None
    account = None

    def log_message(self, fmt, *args):
        sys.stderr.write("ntlm-acceptor: " + (fmt % args) + "\n")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.account is None:
            self.account = self.authenticate()
            if self.account is None:
                return
        self.answer(200, body)

    def authenticate(self):
        header = self.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() not in ("negotiate", "ntlm") or not token.strip():
            self.refuse(None)
            return None
        if self.context is None:
            bindings = ChannelBindings(application_data=b"tls-server-end-point:" + self.server.binding)
            # Acceptor credentials restricted to NTLMSSP: the tokens are raw NTLMSSP, not SPNEGO-wrapped.
            creds = gssapi.Credentials(usage="accept", mechs=[NTLMSSP])
            self.context = gssapi.SecurityContext(usage="accept", creds=creds, channel_bindings=bindings)
        try:
            out = self.context.step(base64.b64decode(token.strip()))
        except gssapi.exceptions.GSSError as e:
            # gss-ntlmssp's reason (a wrong password reads "... Authentication failed"): no secret in it.
            self.log_message("refused: %s", str(e).replace("\n", " "))
            self.context = None
            self.refuse(None)
            return None
        if not self.context.complete:
            self.refuse(out)
            return None
        bound = bool(self.context.actual_flags & gssapi.RequirementFlag.channel_bound)
        # gss-ntlmssp's display name ends in its C string's NUL.
        return str(self.context.initiator_name).strip("\x00 "), bound

    def refuse(self, token):
        self.send_response(401)
        self.send_header("WWW-Authenticate", "Negotiate" + (" " + base64.b64encode(token).decode() if token else ""))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def answer(self, status, request):
        name, bound = self.account
        envelope = ('<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>'
                    '<t:Authenticated xmlns:t="urn:hvdiag:test" account="%s" channelBound="%s" requestBytes="%d"/>'
                    '</s:Body></s:Envelope>' % (name.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;"),
                                                 "true" if bound else "false", len(request))).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/soap+xml;charset=UTF-8")
        self.send_header("Content-Length", str(len(envelope)))
        self.end_headers()
        self.wfile.write(envelope)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--binding-cert")
    a = p.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.binding = end_point_hash(a.binding_cert or a.cert)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(a.cert, a.key)
    server.socket = tls.wrap_socket(server.socket, server_side=True)
    print("listening on %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
