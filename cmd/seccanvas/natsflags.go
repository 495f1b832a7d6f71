package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"seccanvas/queue"
)

// natsClientFlags are the flags serve and worker share to reach NATS:
// credentials only as files or environment variables (never a flag value
// that shows in ps), and TLS.
type natsClientFlags struct {
	tokenFile, nkeyFile string
	tls                 queue.TLSOptions
}

func (n *natsClientFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&n.tokenFile, "nats-token-file", "", "file holding the NATS token")
	fs.StringVar(&n.nkeyFile, "nats-nkey-file", "", "file holding the NATS NKey seed")
	fs.StringVar(&n.tls.CAFile, "nats-ca", "", "CA certificates (PEM) that sign the NATS servers' certificates")
	fs.StringVar(&n.tls.CertFile, "nats-cert", "", "client certificate (PEM) for servers that verify clients")
	fs.StringVar(&n.tls.KeyFile, "nats-key", "", "client certificate's key (PEM)")
	fs.BoolVar(&n.tls.Required, "nats-tls", false, "refuse to talk to NATS without TLS")
}

// credentialsGiven reports whether a credential file was named.
func (n *natsClientFlags) credentialsGiven() bool { return n.tokenFile != "" || n.nkeyFile != "" }

// credentials loads the credentials from the files or the environment.
func (n *natsClientFlags) credentials() (queue.Credentials, error) {
	return queue.LoadCredentials(n.tokenFile, n.nkeyFile, os.Getenv)
}

// connect dials the comma-separated NATS urls as name and opens
// JetStream on the connection.
func (n *natsClientFlags) connect(urls, name string, creds queue.Credentials) (*nats.Conn, jetstream.JetStream, error) {
	nc, err := queue.Connect(queue.ConnectOptions{URLs: strings.Split(urls, ","), Credentials: creds, TLS: n.tls, Name: name})
	if err != nil {
		return nil, nil, err
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("open JetStream: %w", err)
	}
	return nc, js, nil
}
