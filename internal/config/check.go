package config

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"

	"chorus/internal/plain"
)

// checkAddr checks CHORUS_ADDR: a host (or nothing, for every interface)
// and a port number.
func checkAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("CHORUS_ADDR: %q is not an address to listen on such as localhost:8080, :8080 or 127.0.0.1:8080", addr)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return fmt.Errorf("CHORUS_ADDR: %q does not end in a port number (at most 65535), such as :8080", addr)
	}
	return nil
}

// checkProxy checks one entry of CHORUS_TRUSTED_PROXIES: an IP address
// or a range of them (CIDR). Names are refused: the proxy's address is
// what a connection comes from, and a name would have to be looked up.
func checkProxy(p string) error {
	if net.ParseIP(p) != nil {
		return nil
	}
	if _, _, err := net.ParseCIDR(p); err == nil {
		return nil
	}
	return fmt.Errorf("CHORUS_TRUSTED_PROXIES: %q is not an IP address or range, such as 10.0.0.5, 10.0.0.0/8 or fd00::/8", p)
}

// checkFormsDir checks CHORUS_FORMS_DIR, when set: a directory that can
// be read.
func checkFormsDir(dir string) error {
	if dir == "" {
		return nil
	}
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("CHORUS_FORMS_DIR: %q does not exist", dir)
	case err != nil:
		return fmt.Errorf("CHORUS_FORMS_DIR: %q cannot be read: %v", dir, err)
	case !fi.IsDir():
		return fmt.Errorf("CHORUS_FORMS_DIR: %q is a file, not a directory of forms", dir)
	}
	return nil
}

// wordsToAvoid reads CHORUS_WORDS_TO_AVOID: a file of words to avoid for
// the plain English check, each of its lines as the built-in list's.
func wordsToAvoid(name string) (*plain.Checker, error) {
	text, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("CHORUS_WORDS_TO_AVOID: %q cannot be read: %v", name, err)
	}
	c, err := plain.New(string(text))
	if err != nil {
		return nil, fmt.Errorf("CHORUS_WORDS_TO_AVOID: %s: %v", name, err)
	}
	return c, nil
}
