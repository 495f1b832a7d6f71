// Package queue carries render jobs from a front (seccanvas serve) to
// workers (seccanvas worker, or the front's own warm pool) over NATS
// JetStream, embedded in-process by default and a NATS cluster when one
// machine is not enough.
//
// A job is published on PREFIX.jobs.ID, where ID = JobID(job, version) is
// the content hash of the script, its parameters and the seccanvas
// version, and ID is also the message id: inside the stream's
// deduplication window a second submission of the same job is dropped.
// The stream has work-queue retention; workers pull from one durable
// consumer with explicit acknowledgement. A worker renders the job
// (Renderer), writes the Result to the object store bucket PREFIX_results
// under ID, and only then acknowledges it: Ack for a picture, Term for any
// other deterministic outcome (script error, limit, jail violation),
// which are results and never retried. While a job runs the worker sends
// InProgress at a third of AckWait. A Renderer error (the infrastructure,
// not the script) sends the job back (Nak with a growing delay); a worker
// that dies simply stops acknowledging, and the job is redelivered after
// AckWait. On its last delivery (MaxDeliver) a failing job is recorded in
// the key-value bucket PREFIX_failed with the reason, and a job whose
// workers all died is recorded from the server's max-deliveries advisory
// (the dead letter). Result writes are idempotent: a job's bytes depend on
// its id alone, so a redelivered job whose result exists is acknowledged
// without rendering, and a racing second write stores the same bytes.
//
// The front uses a Client (Submit, Wait, Status); workers run a Worker
// (NewWorker, Run; Run drains when its context ends). StartEmbedded runs
// the server in-process; Connect reaches a remote one, always
// authenticated (a token or an NKey from a file or the environment, see
// LoadCredentials), optionally over TLS. Options.Prefix names everything,
// so that several deployments can share one NATS account.
//
// The package never prints; a Worker logs to the slog.Logger it is given
// and reports Prometheus metrics to the Registerer it is given.
package queue
