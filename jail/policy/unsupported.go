//go:build !(linux && amd64)

package policy

// The policy is written for the Linux x86-64 system call table and the
// Go runtime's behaviour on it (its argument rules, the x32 and i386
// entries it refuses). On any other platform the build stops here, with
// this name in the error, rather than producing children that every
// kernel would kill.
var _ = seccanvas_jail_policy_supports_only_linux_amd64
