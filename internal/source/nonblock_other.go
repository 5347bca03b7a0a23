//go:build !unix

package source

// nonBlock is nothing where files are not opened as on Unix (Windows
// reads the flag's bit as something else).
const nonBlock = 0
