// vcsim-harness serves a vSphere API simulator (govmomi's simulator package) on 127.0.0.1 with a
// seeded fleet, for hvdiag's tests and benchmarks. It answers an API 6.0 client the way a real
// vCenter does where the simulator would not (ServiceContent without post-6.0 fields, paged
// RetrievePropertiesEx), and writes a listing of what it seeded so tests compare against the
// simulator's own state rather than against constants. It also guards /folder/ with the session
// cookie as a host does and seeds ESXi vmware.log files into a few VMs' folders (folder.go, logs.go).
//
// Output on stdout, one line each: "url https://127.0.0.1:PORT/sdk", "thumbprint AA:BB:...",
// "ready"; with -trace, "reconfigured vm-N" after every ReconfigVM_Task it served; with -trace-files,
// one "folder ..." line per datastore file request (folder.go).
package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"flag"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/types"
)

func main() {
	vms := flag.Int("vms", 64, "number of VMs to seed")
	port := flag.Int("port", 0, "port on 127.0.0.1 (0: pick a free one)")
	user := flag.String("user", "hvdiag", "the one user name the simulator accepts")
	listing := flag.String("listing", "", "write a JSON listing of the seeded fleet to this file")
	trace := flag.Bool("trace", false, "print \"reconfigured vm-N\" after every ReconfigVM_Task served")
	traceFiles := flag.Bool("trace-files", false, "print one \"folder ...\" line per /folder/ request (method, path, Range, status, bytes)")
	dieAfter := flag.Int("die-after-reconfigs", 0, "apply the Nth ReconfigVM_Task, then exit at once without answering it (0: never)")
	sdkDelay := flag.Duration("sdk-delay", 0, "wait this long before answering each SOAP request, as a distant or busy vCenter does (benchmarks)")
	flag.Parse()
	// The password comes from the environment, never from the command line (ps shows arguments).
	password := os.Getenv("VCSIM_PASSWORD")
	if password == "" {
		password = "hvdiag-sim"
	}

	hosts := hostCount(*vms)
	model := simulator.VPX()
	model.Datacenter = 1
	model.Cluster = 0
	model.ClusterHost = 0
	model.Host = hosts
	model.Machine = *vms / hosts
	model.Pool = 0
	model.Portgroup = 0
	model.Datastore = 1
	model.App = 0
	model.Folder = 0
	if err := model.Create(); err != nil {
		fail("creating the simulator model: %v", err)
	}
	defer model.Remove()

	trimServiceContent()
	installPagingCollector()
	seed()

	cert, thumb := selfSigned()
	model.Service.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	model.Service.Listen = &url.URL{Host: fmt.Sprintf("127.0.0.1:%d", *port), User: url.UserPassword(*user, password)}
	server := model.Service.NewServer()
	// Wrap the SDK handler before any client can know the port.
	server.Config.Handler = &watch{next: server.Config.Handler, trace: *trace, dieAfter: *dieAfter,
		files: newFileGuard(*traceFiles), delay: *sdkDelay}

	if *listing != "" {
		if err := writeListing(*listing); err != nil {
			fail("writing the listing: %v", err)
		}
	}
	u := *server.URL
	u.User = nil
	fmt.Printf("url %s\nthumbprint %s\nready\n", u.String(), thumb)

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
	server.Close()
}

// hostCount: about one host per 250 VMs, at least two, and a divisor of vms so the fleet is exact.
func hostCount(vms int) int {
	want := vms / 250
	if want < 2 {
		want = 2
	}
	for h := want; h > 1; h-- {
		if vms%h == 0 {
			return h
		}
	}
	return 1
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "vcsim-harness: "+format+"\n", args...)
	os.Exit(2)
}

// trimServiceContent leaves out the ServiceContent fields newer than API 6.0: a real vCenter
// answers in the client's version, and yavijava 6.0 refuses fields it does not know.
func trimServiceContent() {
	si := simulator.Map.Get(vim25.ServiceInstance).(*simulator.ServiceInstance)
	c := &si.Content
	c.VStorageObjectManager = nil
	c.HostSpecManager = nil
	c.CryptoManager = nil
	c.HealthUpdateManager = nil
	c.FailoverClusterConfigurator = nil
	c.FailoverClusterManager = nil
	c.TenantManager = nil
	c.SiteInfoManager = nil
	c.StorageQueryManager = nil
}

// selfSigned makes a fresh certificate per run, so a test can see an unknown one refused.
func selfSigned() (tls.Certificate, string) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		fail("key: %v", err)
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "vcsim-harness"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:     []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		fail("certificate: %v", err)
	}
	sum := sha256.Sum256(der)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, strings.Join(parts, ":")
}

// watch traces reconfigurations and, when asked, dies in the middle of a batch of fixes: it lets
// the Nth ReconfigVM_Task change the VM and then exits before answering, the worst case for a client.
type watch struct {
	next     http.Handler
	trace    bool
	dieAfter int
	files    *fileGuard
	delay    time.Duration
	mu       sync.Mutex
	count    int
	inflight sync.WaitGroup
}

var thisVM = regexp.MustCompile(`<ReconfigVM_Task[^>]*>\s*<_this[^>]*>([^<]+)</_this>`)

func (w *watch) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/folder/") {
		w.files.serve(w.next, rw, r)
		return
	}
	if r.Body == nil || !strings.HasSuffix(r.URL.Path, "/sdk") {
		w.next.ServeHTTP(rw, r)
		return
	}
	if w.delay > 0 {
		time.Sleep(w.delay)
	}
	rw = w.files.watchLogin(rw)
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	if bytes.Contains(body, []byte("<Logout")) {
		defer w.files.forget(r)
	}
	m := thisVM.FindSubmatch(body)
	if m == nil {
		w.next.ServeHTTP(rw, r)
		return
	}
	w.mu.Lock()
	w.count++
	n := w.count
	late := w.dieAfter > 0 && n > w.dieAfter
	if !late {
		w.inflight.Add(1)
	}
	w.mu.Unlock()
	if late {
		select {} // the process is about to exit: this change is never made nor answered
	}
	if w.dieAfter > 0 && n == w.dieAfter {
		rec := httptest.NewRecorder()
		w.next.ServeHTTP(rec, r)
		applyPowerOps(string(m[1]), body)
		w.inflight.Done()
		// Changes already in flight finish and are traced first, so the trace names every VM the
		// server changed before it died.
		w.inflight.Wait()
		fmt.Printf("reconfigured %s\n", m[1])
		fmt.Println("dying")
		os.Exit(137)
	}
	defer w.inflight.Done()
	w.next.ServeHTTP(rw, r)
	applyPowerOps(string(m[1]), body)
	if w.trace {
		fmt.Printf("reconfigured %s\n", m[1])
	}
}

var powerOffType = regexp.MustCompile(`<powerOpInfo[^>]*>(?s:.*?)<powerOffType>([^<]+)</powerOffType>`)

// applyPowerOps does what the simulator's ReconfigVM_Task leaves out and vSphere does: it sets
// config.defaultPowerOps.powerOffType from the spec's powerOpInfo.
func applyPowerOps(vmID string, body []byte) {
	m := powerOffType.FindSubmatch(body)
	if m == nil {
		return
	}
	obj := simulator.Map.Get(types.ManagedObjectReference{Type: "VirtualMachine", Value: vmID})
	vm, ok := obj.(*simulator.VirtualMachine)
	if !ok {
		return
	}
	simulator.Map.WithLock(vm, func() {
		vm.Config.DefaultPowerOps.PowerOffType = string(m[1])
	})
}
