//go:build unix

package write

import "syscall"

// nonBlock opens files non-blocking: a regular file ignores it, and Go
// then skips the four system calls it otherwise makes per file to find
// that a regular file cannot be polled.
const nonBlock = syscall.O_NONBLOCK
