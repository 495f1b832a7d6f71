package queue

import (
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nkeys"
)

// EmbeddedOptions configure an in-process NATS server with JetStream.
type EmbeddedOptions struct {
	// Listen is the client address (host:port) workers on other machines
	// connect to; empty means no listening port at all, and the only
	// client is this process's own in-process connection.
	Listen string
	// Credentials are what clients must present. Required with Listen;
	// without it an unguessable token is made for the in-process
	// connection.
	Credentials Credentials
	// TLS, when set, is required of clients on Listen.
	TLS *tls.Config
	// StoreDir keeps JetStream's files (default: a temporary directory
	// removed by Close).
	StoreDir string
	// ServerName names the server (default: a random one); cluster
	// members need distinct names.
	ServerName string
	// MaxPayload bounds one message (default 8 MiB, which holds the
	// largest script the CLI accepts by default plus its headers).
	MaxPayload int32
	// Cluster, when Name is set, makes this server a member of a NATS
	// cluster, for the stream's replicas.
	Cluster ClusterOptions
	// ReadyTimeout bounds the start (default 10 s).
	ReadyTimeout time.Duration
}

// ClusterOptions make an embedded server a cluster member.
type ClusterOptions struct {
	// Name is the cluster's name, the same on every member.
	Name string
	// Listen is the route address (host:port) other members connect to.
	Listen string
	// Routes are the other members' route addresses (host:port).
	Routes []string
	// Secret authenticates routes: every member must have the same.
	Secret string
}

// Embedded is an in-process NATS server with JetStream and a connection
// to it.
type Embedded struct {
	srv *server.Server
	nc  *nats.Conn
	tmp string
}

// StartEmbedded starts an in-process NATS server with JetStream and
// connects to it in-process (no socket), authenticated like any client.
func StartEmbedded(o EmbeddedOptions) (*Embedded, error) {
	if o.Listen != "" && o.Credentials.IsZero() {
		return nil, errors.New("queue: an embedded server that listens needs credentials")
	}
	creds := o.Credentials
	if creds.IsZero() {
		var b [32]byte
		if _, err := rand.Read(b[:]); err != nil {
			return nil, fmt.Errorf("queue: embedded server token: %w", err)
		}
		creds.Token = hex.EncodeToString(b[:])
	}
	if o.MaxPayload == 0 {
		o.MaxPayload = 8 << 20
	}
	if o.ReadyTimeout == 0 {
		o.ReadyTimeout = 10 * time.Second
	}
	e := &Embedded{}
	so := &server.Options{
		ServerName: o.ServerName, JetStream: true, StoreDir: o.StoreDir,
		MaxPayload: o.MaxPayload, NoSigs: true, NoLog: true,
		DisableJetStreamBanner: true,
	}
	if so.StoreDir == "" {
		dir, err := os.MkdirTemp("", "seccanvas-nats-")
		if err != nil {
			return nil, fmt.Errorf("queue: embedded server store: %w", err)
		}
		e.tmp, so.StoreDir = dir, dir
	}
	if o.Listen == "" {
		so.DontListen = true
	} else {
		host, port, err := splitHostPort(o.Listen)
		if err != nil {
			e.cleanup()
			return nil, fmt.Errorf("queue: listen address: %w", err)
		}
		so.Host, so.Port = host, port
		if o.TLS != nil {
			so.TLSConfig, so.TLS = o.TLS, true
			so.TLSVerify = o.TLS.ClientAuth == tls.RequireAndVerifyClientCert
		}
	}
	if creds.Token != "" {
		so.Authorization = creds.Token
	} else {
		kp, err := nkeys.FromSeed(creds.NKeySeed)
		if err != nil {
			e.cleanup()
			return nil, fmt.Errorf("queue: NKey seed: %w", err)
		}
		pub, err := kp.PublicKey()
		if err != nil {
			e.cleanup()
			return nil, fmt.Errorf("queue: NKey seed: %w", err)
		}
		so.Nkeys = []*server.NkeyUser{{Nkey: pub}}
	}
	if c := o.Cluster; c.Name != "" {
		if c.Secret == "" {
			e.cleanup()
			return nil, errors.New("queue: a cluster needs a route secret")
		}
		host, port, err := splitHostPort(c.Listen)
		if err != nil {
			e.cleanup()
			return nil, fmt.Errorf("queue: cluster address: %w", err)
		}
		so.Cluster = server.ClusterOpts{Name: c.Name, Host: host, Port: port, Username: "route", Password: c.Secret}
		for _, r := range c.Routes {
			so.Routes = append(so.Routes, &url.URL{Scheme: "nats", Host: r, User: url.UserPassword("route", c.Secret)})
		}
	}
	srv, err := server.NewServer(so)
	if err != nil {
		e.cleanup()
		return nil, fmt.Errorf("queue: embedded server: %w", err)
	}
	e.srv = srv
	srv.Start()
	if !srv.ReadyForConnections(o.ReadyTimeout) {
		e.Close()
		return nil, fmt.Errorf("queue: embedded server not ready within %v", o.ReadyTimeout)
	}
	auth, err := creds.option()
	if err != nil {
		e.Close()
		return nil, err
	}
	e.nc, err = nats.Connect("", nats.InProcessServer(srv), auth, nats.Name("seccanvas in-process"))
	if err != nil {
		e.Close()
		return nil, fmt.Errorf("queue: connect to the embedded server: %w", err)
	}
	return e, nil
}

func splitHostPort(addr string) (string, int, error) {
	host, ps, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, err
	}
	port, err := strconv.Atoi(ps)
	if err != nil || port < 0 || port > 65535 {
		return "", 0, fmt.Errorf("bad port in %q", addr)
	}
	if port == 0 {
		port = -1 // the server's "pick a free port"
	}
	return host, port, nil
}

// Conn is the in-process connection.
func (e *Embedded) Conn() *nats.Conn { return e.nc }

// JetStream is JetStream on the in-process connection.
func (e *Embedded) JetStream() (jetstream.JetStream, error) {
	js, err := jetstream.New(e.nc)
	if err != nil {
		return nil, fmt.Errorf("queue: jetstream: %w", err)
	}
	return js, nil
}

// ClientURL is the address clients on other machines use ("" without
// Listen).
func (e *Embedded) ClientURL() string {
	if e.srv.Addr() == nil {
		return ""
	}
	return e.srv.ClientURL()
}

// Server is the embedded server, for monitoring and tests.
func (e *Embedded) Server() *server.Server { return e.srv }

// Close closes the connection, shuts the server down and removes a
// temporary store.
func (e *Embedded) Close() error {
	if e.nc != nil {
		e.nc.Close()
	}
	if e.srv != nil {
		e.srv.Shutdown()
		e.srv.WaitForShutdown()
	}
	return e.cleanup()
}

func (e *Embedded) cleanup() error {
	if e.tmp == "" {
		return nil
	}
	err := os.RemoveAll(e.tmp)
	e.tmp = ""
	if err != nil {
		return fmt.Errorf("queue: remove embedded store: %w", err)
	}
	return nil
}
