package queue

import (
	"crypto/tls"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"
)

// Credentials authenticate a NATS connection: a token, or an NKey seed
// (the server knows its public key). They come from files or the
// environment, never from flags, which every user of the machine can read
// in the process list.
type Credentials struct {
	Token    string
	NKeySeed []byte
}

// Environment variables LoadCredentials reads when no file is named.
const (
	EnvToken     = "SECCANVAS_NATS_TOKEN"
	EnvTokenFile = "SECCANVAS_NATS_TOKEN_FILE"
	EnvNKeySeed  = "SECCANVAS_NATS_NKEY_SEED"
	EnvNKeyFile  = "SECCANVAS_NATS_NKEY_FILE"
)

// IsZero reports whether c holds no credential.
func (c Credentials) IsZero() bool { return c.Token == "" && len(c.NKeySeed) == 0 }

// LoadCredentials reads a token from tokenFile or an NKey seed from
// nkeyFile (at most one of them); with neither, it reads the environment
// through getenv: $SECCANVAS_NATS_TOKEN_FILE, $SECCANVAS_NATS_NKEY_FILE,
// then the values themselves, $SECCANVAS_NATS_TOKEN and
// $SECCANVAS_NATS_NKEY_SEED. It fails when nothing is found: every
// connection is authenticated.
func LoadCredentials(tokenFile, nkeyFile string, getenv func(string) string) (Credentials, error) {
	if tokenFile == "" && nkeyFile == "" {
		tokenFile, nkeyFile = getenv(EnvTokenFile), getenv(EnvNKeyFile)
	}
	if tokenFile != "" && nkeyFile != "" {
		return Credentials{}, errors.New("queue: name a token or an NKey seed, not both")
	}
	read := func(path string) ([]byte, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("queue: read NATS credentials: %w", err)
		}
		b = []byte(strings.TrimSpace(string(b)))
		if len(b) == 0 {
			return nil, fmt.Errorf("queue: NATS credentials file %s is empty", path)
		}
		return b, nil
	}
	var c Credentials
	switch {
	case tokenFile != "":
		b, err := read(tokenFile)
		if err != nil {
			return c, err
		}
		c.Token = string(b)
	case nkeyFile != "":
		b, err := read(nkeyFile)
		if err != nil {
			return c, err
		}
		c.NKeySeed = b
	case getenv(EnvToken) != "":
		c.Token = getenv(EnvToken)
	case getenv(EnvNKeySeed) != "":
		c.NKeySeed = []byte(getenv(EnvNKeySeed))
	default:
		return c, fmt.Errorf("queue: no NATS credentials: set $%s or $%s (or name a file with $%s, $%s)", EnvToken, EnvNKeySeed, EnvTokenFile, EnvNKeyFile)
	}
	if len(c.NKeySeed) > 0 {
		if _, err := nkeys.FromSeed(c.NKeySeed); err != nil {
			return Credentials{}, fmt.Errorf("queue: NKey seed: %w", err)
		}
	}
	return c, nil
}

// option turns c into the connection option that presents it.
func (c Credentials) option() (nats.Option, error) {
	switch {
	case c.Token != "":
		return nats.Token(c.Token), nil
	case len(c.NKeySeed) > 0:
		kp, err := nkeys.FromSeed(c.NKeySeed)
		if err != nil {
			return nil, fmt.Errorf("queue: NKey seed: %w", err)
		}
		pub, err := kp.PublicKey()
		if err != nil {
			return nil, fmt.Errorf("queue: NKey seed: %w", err)
		}
		return nats.Nkey(pub, kp.Sign), nil
	}
	return nil, errors.New("queue: no NATS credentials: every connection is authenticated")
}

// TLSOptions configure TLS on a connection to NATS servers.
type TLSOptions struct {
	// CAFile verifies the servers (default: the system's roots).
	CAFile string
	// CertFile and KeyFile are this client's certificate, for servers
	// that verify clients.
	CertFile, KeyFile string
	// Required refuses to connect without TLS.
	Required bool
}

// ConnectOptions say how to reach a NATS deployment.
type ConnectOptions struct {
	// URLs are the servers (nats://host:4222 or tls://host:4222); a
	// client moves to another one when its server goes away.
	URLs []string
	Credentials
	TLS TLSOptions
	// Name names the connection in the servers' monitoring.
	Name string
}

// Connect opens an authenticated connection that reconnects for ever
// (jobs in flight survive a server's restart or a move to another
// server of the cluster).
func Connect(o ConnectOptions) (*nats.Conn, error) {
	if len(o.URLs) == 0 {
		return nil, errors.New("queue: no NATS server URL")
	}
	auth, err := o.Credentials.option()
	if err != nil {
		return nil, err
	}
	opts := []nats.Option{auth, nats.Name(o.Name), nats.MaxReconnects(-1),
		nats.ReconnectWait(250 * time.Millisecond), nats.ReconnectJitter(100*time.Millisecond, time.Second)}
	if o.TLS.CAFile != "" {
		opts = append(opts, nats.RootCAs(o.TLS.CAFile))
	}
	if o.TLS.CertFile != "" || o.TLS.KeyFile != "" {
		opts = append(opts, nats.ClientCert(o.TLS.CertFile, o.TLS.KeyFile))
	}
	if o.TLS.Required {
		opts = append(opts, nats.Secure(&tls.Config{MinVersion: tls.VersionTLS12}))
	}
	nc, err := nats.Connect(strings.Join(o.URLs, ","), opts...)
	if err != nil {
		return nil, fmt.Errorf("queue: connect to %s: %w", strings.Join(o.URLs, ","), err)
	}
	return nc, nil
}
