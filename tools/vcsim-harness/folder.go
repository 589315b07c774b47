package main

// Datastore file access (/folder/) the way a host guards it. The simulator serves /folder/ from
// each datastore's backing directory through Go's http.FileServer (HEAD and Range requests are its
// own behaviour) but checks no session; ESXi and vCenter answer 401 unless the request carries the
// vmware_soap_session cookie of a logged-in session. The harness remembers the cookies the
// simulator hands out at Login, forgets one at Logout, and refuses /folder/ for any other.
// With -trace-files it prints one line per /folder/ request: "folder METHOD PATH range=RANGE
// status=CODE bytes=N" (RANGE is the Range header as sent, "" when none; N the body bytes sent).
// A line "forget-sessions" on stdin makes it forget every cookie (as after a host's restart of its
// file service) and print "forgot sessions": the SOAP sessions go on working.

import (
	"bufio"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
)

const sessionCookie = "vmware_soap_session"

type fileGuard struct {
	trace    bool
	mu       sync.Mutex
	sessions map[string]bool
}

func newFileGuard(trace bool) *fileGuard {
	g := &fileGuard{trace: trace, sessions: map[string]bool{}}
	go func() {
		in := bufio.NewScanner(os.Stdin)
		for in.Scan() {
			if strings.TrimSpace(in.Text()) == "forget-sessions" {
				g.mu.Lock()
				g.sessions = map[string]bool{}
				g.mu.Unlock()
				fmt.Println("forgot sessions")
			}
		}
	}()
	return g
}

// watchLogin wraps an /sdk response: a session cookie set in it is remembered before the client
// can see it, so the client's next /folder/ request finds it known.
func (g *fileGuard) watchLogin(rw http.ResponseWriter) http.ResponseWriter {
	return &cookieWriter{ResponseWriter: rw, guard: g}
}

func (g *fileGuard) forget(r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		g.mu.Lock()
		delete(g.sessions, c.Value)
		g.mu.Unlock()
	}
}

func (g *fileGuard) known(r *http.Request) bool {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.sessions[c.Value]
}

func (g *fileGuard) serve(next http.Handler, rw http.ResponseWriter, r *http.Request) {
	requested := r.URL.Path // the simulator's handler trims "/folder/" off it
	counted := &countingWriter{ResponseWriter: rw}
	if !g.known(r) {
		rw.Header().Set("WWW-Authenticate", `Basic realm="VMware HTTP server"`)
		counted.WriteHeader(http.StatusUnauthorized)
	} else {
		next.ServeHTTP(counted, r)
	}
	if g.trace {
		status := counted.status
		if status == 0 {
			status = http.StatusOK
		}
		fmt.Printf("folder %s %s range=%q status=%d bytes=%d\n", r.Method, requested, r.Header.Get("Range"), status, counted.bytes)
	}
}

type cookieWriter struct {
	http.ResponseWriter
	guard *fileGuard
	seen  bool
}

func (w *cookieWriter) remember() {
	if w.seen {
		return
	}
	w.seen = true
	for _, c := range (&http.Response{Header: w.Header()}).Cookies() {
		if c.Name == sessionCookie && c.Value != "" {
			w.guard.mu.Lock()
			w.guard.sessions[c.Value] = true
			w.guard.mu.Unlock()
		}
	}
}

func (w *cookieWriter) WriteHeader(code int) {
	w.remember()
	w.ResponseWriter.WriteHeader(code)
}

func (w *cookieWriter) Write(b []byte) (int, error) {
	w.remember()
	return w.ResponseWriter.Write(b)
}

type countingWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *countingWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *countingWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}
