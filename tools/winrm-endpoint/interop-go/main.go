// Command interop-go drives the loopback WinRM endpoint with github.com/masterzen/winrm, the Go
// client Packer and Terraform use, as an independent peer: one command per run, printing
// "exit=N", then the stdout and stderr it received, so interop.sh can check them.
//
// Usage: interop-go -port N -cacert FILE -user U [-ntlm] (password in HVDIAG_WINRM_PASSWORD) [-ps SCRIPTFILE | COMMAND]
// -ntlm: NTLM through the client's ClientNTLM transport (github.com/Azure/go-ntlmssp) instead of Basic.
package main

import (
	"flag"
	"fmt"
	"io/ioutil"
	"os"
	"strings"
	"time"

	"github.com/masterzen/winrm"
)

func main() {
	port := flag.Int("port", 5986, "endpoint port on 127.0.0.1")
	cacert := flag.String("cacert", "", "PEM certificate the endpoint's TLS certificate must chain to")
	user := flag.String("user", "Administrator", "user (DOMAIN\\user or user@domain too with -ntlm)")
	ntlm := flag.Bool("ntlm", false, "authenticate with NTLM instead of Basic")
	ps := flag.String("ps", "", "a PowerShell script file to send as powershell.exe -EncodedCommand")
	flag.Parse()

	pem, err := ioutil.ReadFile(*cacert)
	if err != nil {
		fmt.Fprintln(os.Stderr, "interop-go:", err)
		os.Exit(2)
	}
	// https, certificate verified against the endpoint's own certificate (insecure=false).
	endpoint := winrm.NewEndpoint("127.0.0.1", *port, true, false, pem, nil, nil, 60*time.Second)
	params := winrm.DefaultParameters
	if *ntlm {
		params.TransportDecorator = func() winrm.Transporter { return &winrm.ClientNTLM{} }
	}
	client, err := winrm.NewClientWithParameters(endpoint, *user, os.Getenv("HVDIAG_WINRM_PASSWORD"), params)
	if err != nil {
		fmt.Fprintln(os.Stderr, "interop-go:", err)
		os.Exit(2)
	}
	command := strings.Join(flag.Args(), " ")
	if *ps != "" {
		script, err := ioutil.ReadFile(*ps)
		if err != nil {
			fmt.Fprintln(os.Stderr, "interop-go:", err)
			os.Exit(2)
		}
		command = winrm.Powershell(string(script))
	}
	stdout, stderr, code, err := client.RunWithString(command, "")
	if err != nil {
		fmt.Printf("error=%v\n", err)
		os.Exit(3)
	}
	fmt.Printf("exit=%d\n--stdout--\n%s--stderr--\n%s", code, stdout, stderr)
}
